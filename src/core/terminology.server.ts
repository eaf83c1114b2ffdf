import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileNote } from './terms/forbidden-note.js';
import { extname, join } from 'node:path';
import { createCheckContext, type CheckReport, runTermChecks } from './checks/run.js';
import { createDocumentChecker } from './checks/parallel.server.js';
import type { CheckContext, SegmentPair } from './checks/types.js';
import type { DocumentsRepo } from './db/documents.repo.server.js';
import type { TermsRepo } from './db/terms.repo.server.js';
import { AtelierError } from './errors.js';
import { readGlossaryCsv, writeGlossaryCsv } from './formats/csv/glossary.js';
import { readTbx } from './formats/tbx/read.js';
import { writeTbx } from './formats/tbx/write.js';
import { canonicalLang, primaryLang } from './lang.js';
import type { Concept, Term, TermHit } from './model.js';
import { TERM_STATUSES } from './model.js';
import { approvedTerms, conceptMap } from './terms/glossary.js';
import { createTermIndex, findTerms, type TermIndex } from './terms/recognize.js';
import { decodeText, ENCODINGS, type Encoding } from './text/decode.js';
import { isCp1252Label } from './text/cp1252.js';
import { readGlossaryXlsx } from './formats/xlsx/glossary.js';
import { reason } from './formats/reason.js';
import type { TermLocations } from './formats/term-locations.js';
import type { GlossaryColumns } from './formats/csv/glossary.js';
import { type DuplicateTermWarning, planImport, type GlossaryImportSummary } from './terms/import-summary.js';

export type { DuplicateTermWarning, GlossaryImportSummary } from './terms/import-summary.js';

export interface GlossaryImportOptions {
	/** of a CSV/TSV or TBX file; default auto (see decodeText) */
	encoding?: Encoding;
	/** of a spreadsheet: the worksheet's tab name; default the first */
	sheet?: string;
}

const MAX_GLOSSARY_BYTES = 50 * 1024 * 1024;

/** A ZIP (`PK\x03\x04`), an old binary .xls, or a name saying spreadsheet: the spreadsheet reader, which says which it is. */
function isSpreadsheet(b: Uint8Array, ext: string): boolean {
	if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return true;
	if (b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return true;
	// a `.xls` that is neither is the tab-separated text some tools export under that name
	return ext === '.xlsx' || ext === '.xlsm';
}

/**
 * An encoding as a user names it (`--encoding`, the import form) → one decodeText knows:
 * ours, or a WHATWG label of Windows-1252/ISO-8859-1 (`cp1252`, `iso-8859-1`), which are
 * decoded the same way. Null for anything else.
 */
export function glossaryEncoding(label: string): Encoding | null {
	const l = label.trim().toLowerCase();
	if ((ENCODINGS as readonly string[]).includes(l)) return l as Encoding;
	if (l === 'utf8') return 'utf-8';
	if (isCp1252Label(l)) return l.includes('1252') ? 'windows-1252' : 'latin1';
	return null;
}

export interface TermHitView extends TermHit {
	/** approved terms of the concept in the other language */
	equivalents: string[];
}

const GLOSSARY_SEEDED = 'glossary_seeded';

/** Where a document's terminology is compared for consistency (see `checkDocument`). */
export type CheckScope = 'document' | 'project' | 'tm';
export const CHECK_SCOPES: readonly CheckScope[] = ['document', 'project', 'tm'];

/** What the checks read of the translation memory: its units of one language pair (read-only). */
export interface TmReference {
	iterate(f: { sourceLang?: string; targetLang?: string }): Iterable<{ id: number; source: string; target: string; sourceLang: string; targetLang: string; documentId?: number | null }>;
}

/** Inline-tag placeholders (U+E000…) are not text: `<b>OTAN</b>` is stored as `\uE000OTAN\uE001`. */
const TAG_PLACEHOLDERS = /[\uE000-\uF8FF]/g;

/**
 * The termbase as a service: import/export, edits, recognition and checks. Indexes are
 * built once per glossary version and language and rebuilt only after a change. `tm`, when
 * given, is the translation memory the `tm` check scope compares with (a function, so that
 * the workbench can create the two in either order).
 */
export function createTerminology(terms: TermsRepo, docs: DocumentsRepo, tm?: () => TmReference) {
	let concepts: Concept[] | null = null;
	const indexes = new Map<string, TermIndex>();
	const contexts = new Map<string, CheckContext>();
	const invalidate = () => {
		concepts = null;
		indexes.clear();
		contexts.clear();
	};
	const all = () => (concepts ??= terms.allConcepts());
	const indexFor = (lang: string) => {
		const key = primaryLang(lang);
		let ix = indexes.get(key);
		if (!ix) indexes.set(key, (ix = createTermIndex(all(), lang)));
		return ix;
	};
	const contextFor = (source: string, target: string) => {
		const key = `${primaryLang(source)}>${primaryLang(target)}`;
		let c = contexts.get(key);
		if (!c) contexts.set(key, (c = createCheckContext(all(), source, target)));
		return c;
	};

	/** The TM's units of a language pair as reference pairs, without the copies of `exceptDoc`'s own segments. */
	function tmPairs(sourceLang: string, targetLang: string, exceptDoc: number): SegmentPair[] {
		if (!tm) return [];
		const src = primaryLang(sourceLang);
		const tgt = primaryLang(targetLang);
		const out: SegmentPair[] = [];
		for (const u of tm().iterate({ sourceLang: src, targetLang: tgt })) {
			// the filter is a prefix match (`fr%`): `fra` or `fr-x-…` tags are not ours
			if (primaryLang(u.sourceLang) !== src || primaryLang(u.targetLang) !== tgt || u.documentId === exceptDoc) continue;
			out.push({ ord: 0, source: u.source.replace(TAG_PLACEHOLDERS, ''), target: u.target.replace(TAG_PLACEHOLDERS, ''), tmUnit: u.id });
		}
		return out;
	}

	/**
	 * Parses a TBX, CSV/TSV or XLSX glossary; nothing is stored. A spreadsheet is known by
	 * its bytes (a ZIP: `PK`) or its extension; text formats are decoded as a document is
	 * (`encoding`, default auto: UTF-8, or UTF-16 with a BOM; anything else is refused with
	 * the encoding to choose, never guessed). `locations`, when given, receives where each
	 * term stands in the file; `columns`, for a table (CSV/TSV/XLSX), what its header can say
	 * of a concept (a TBX says everything: not called).
	 */
	function parseGlossary(
		bytes: Uint8Array,
		file: string,
		opts: GlossaryImportOptions = {},
		locations?: TermLocations,
		columns?: (c: GlossaryColumns) => void
	): Concept[] {
		const ext = extname(file).toLowerCase();
		if (isSpreadsheet(bytes, ext)) {
			if (bytes.length > MAX_GLOSSARY_BYTES)
				throw new AtelierError('file_too_large', { size: bytes.length / 1048576, limit: MAX_GLOSSARY_BYTES / 1048576 }, { file });
			return readGlossaryXlsx(bytes, { file, sheet: opts.sheet }, locations, columns);
		}
		const { text } = decodeText(bytes, { file, maxBytes: MAX_GLOSSARY_BYTES, encoding: opts.encoding });
		if (ext === '.tbx' || ext === '.xml' || /^\s*<\?xml|^\s*<tbx|^\s*<martif/.test(text)) return readTbx(text, file, locations);
		return readGlossaryCsv(text, file, locations, columns);
	}

	/**
	 * Adds the file's concepts and replaces those with the same id, in one transaction: a
	 * file with an error changes nothing. A TBX replaces a concept whole; a table (CSV/TSV/
	 * XLSX) updates it with what its columns say and keeps the rest (source, cross-references,
	 * part of speech, gender…: see mergeConcept), so that a glossary exported, edited in a
	 * spreadsheet and imported again loses nothing. Says what it did — concepts added,
	 * replaced (other content), unchanged (not rewritten) — and warns, without refusing, of
	 * each term another concept already has (see planImport), located in the file as the
	 * reader's errors are.
	 */
	function importGlossary(bytes: Uint8Array, file: string, opts: GlossaryImportOptions = {}): GlossaryImportSummary {
		const locations: TermLocations = new WeakMap();
		let columns: GlossaryColumns | undefined;
		const parsed = parseGlossary(bytes, file, opts, locations, (c) => (columns = c));
		// the glossary as the transaction sees it, not the cached copy another process may have outdated
		const summary = terms.inTransaction(() => {
			const plan = planImport(terms.allConcepts(), parsed, file, (_c, t) => locations.get(t), columns);
			if (plan.write.length) terms.upsertConcepts(plan.write, file);
			return plan.summary;
		});
		invalidate();
		return summary;
	}

	return {
		concepts: all,
		counts: () => terms.counts(),
		importGlossary,
		parseGlossary,
		/** Loads `glossary/*.tbx|csv|tsv` once, on the first start of a database. */
		seed(dir: string): number {
			if (terms.getSetting(GLOSSARY_SEEDED) || !existsSync(dir)) return 0;
			let n = 0;
			for (const f of readdirSync(dir).sort()) {
				if (!/\.(tbx|csv|tsv)$/i.test(f)) continue;
				n += importGlossary(readFileSync(join(dir, f)), `glossary/${f}`).concepts;
			}
			terms.setSetting(GLOSSARY_SEEDED, new Date().toISOString());
			return n;
		},
		exportTbx: () => writeTbx(all(), { title: 'Atelier glossary' }),
		exportCsv: (langs: [string, string], delimiter = ',') => writeGlossaryCsv(all(), langs, delimiter),
		/**
		 * Saves one concept (the glossary form). Returns the terms another concept already has,
		 * as an import warns of them (see planImport): homonyms are allowed, so it saves, and
		 * the translator is told.
		 */
		saveConcept(c: Concept): DuplicateTermWarning[] {
			if (!/^[A-Za-z_][\w.-]*$/.test(c.key)) throw new AtelierError('term_invalid', { reason: reason('term.conceptId'), value: c.key });
			if (c.terms.length === 0) throw new AtelierError('concept_no_term', { id: c.key });
			for (const t of c.terms) {
				if (!t.text.trim()) throw new AtelierError('term_invalid', { reason: reason('term.emptyTerm'), value: c.key });
				if (!(TERM_STATUSES as readonly string[]).includes(t.status)) throw new AtelierError('term_invalid', { reason: reason('term.status'), value: t.status });
				t.lang = canonicalLang(t.lang);
				t.text = t.text.trim().normalize('NFC');
				// stored as an import stores it, the replacement in the note too (see fileNote)
				if (t.status === 'forbidden') t.note = fileNote(t);
			}
			const { warnings } = planImport(terms.allConcepts(), [c], '', () => undefined).summary;
			terms.upsertConcepts([c], 'ui');
			invalidate();
			return warnings;
		},
		deleteConcept(key: string): void {
			if (!terms.deleteConcept(key)) throw new AtelierError('concept_not_found', { id: key });
			invalidate();
		},
		/** Terms in a text, each with its approved equivalents in `otherLang`. */
		findTerms(text: string, lang: string, otherLang: string): TermHitView[] {
			const map = conceptMap(all());
			return findTerms(indexFor(lang), text).map((h) => ({
				...h,
				// an acronym found proposes the acronym first, a full form the full form
				equivalents: map.get(h.conceptKey) ? approvedTerms(map.get(h.conceptKey)!, otherLang, h.term).map((t: Term) => t.text) : []
			}));
		},
		/** Source term hits of every segment of a document (for highlighting). */
		documentHits(docId: number): Map<number, TermHitView[]> {
			const langs = docs.langs(docId);
			if (!langs) throw new AtelierError('document_not_found', { id: docId }, { document: docId });
			const map = conceptMap(all());
			const ix = indexFor(langs.sourceLang);
			const cache = new Map<string, string[]>();
			const out = new Map<number, TermHitView[]>();
			for (const p of docs.segmentPairs(docId)) {
				const hits = findTerms(ix, p.source, { cache });
				if (hits.length)
					out.set(
						p.ord,
						hits.map((h) => ({ ...h, equivalents: map.get(h.conceptKey) ? approvedTerms(map.get(h.conceptKey)!, langs.targetLang, h.term).map((t) => t.text) : [] }))
					);
			}
			return out;
		},
		/**
		 * All terminology checks on a document. Consistency is judged within the document, or
		 * (`project`) also against every other document's translations, or (`tm`) also against
		 * the translation memory's units of the document's language pair — what a terminologist
		 * means by "consistent with the TM". The TM's copies of this document's own segments are
		 * left out (they are the segments themselves). Findings against other documents or the
		 * TM list them as `references`, the other side.
		 */
		checkDocument(docId: number, opts: { scope?: CheckScope } = {}): CheckReport {
			const langs = docs.langs(docId);
			if (!langs) throw new AtelierError('document_not_found', { id: docId }, { document: docId });
			const pairs = docs.segmentPairs(docId).map((p) => ({ ...p, document: docId }));
			const ignores = terms.ignoresFor(docId).map((g) => ({ ord: g.ord, check: g.check_id, fingerprint: g.fingerprint, reason: g.reason }));
			const reference = opts.scope === 'project' ? docs.otherPairs(docId) : opts.scope === 'tm' ? tmPairs(langs.sourceLang, langs.targetLang, docId) : undefined;
			return runTermChecks(pairs, contextFor(langs.sourceLang, langs.targetLang), { ignores, reference });
		},
		/**
		 * The checks of one source/target pair outside any document (a segment pasted from
		 * elsewhere, a script's check before delivery): missing, forbidden and untranslated
		 * terms, acronyms; consistency needs more than one pair and finds nothing here.
		 */
		checkPair(source: string, target: string, sourceLang: string, targetLang: string): CheckReport {
			return runTermChecks([{ ord: 0, source: source.normalize('NFC'), target: target.normalize('NFC') }], contextFor(sourceLang, targetLang));
		},
		/**
		 * checkDocument for many documents at once (all of them when `ids` is omitted), on every
		 * core: documents are independent (each with its own reference pairs), so they are
		 * shared out between this thread and worker threads (checks/parallel.server.ts), which
		 * give the same reports. Reports come back in the order of `ids`.
		 */
		async checkDocuments(ids?: number[], opts: { scope?: CheckScope; threads?: number } = {}): Promise<{ document: number; report: CheckReport }[]> {
			const list = ids ?? docs.listDocuments().map((d) => d.id);
			const groups = new Map<string, { sourceLang: string; targetLang: string; ids: number[] }>();
			for (const id of list) {
				const langs = docs.langs(id);
				if (!langs) throw new AtelierError('document_not_found', { id }, { document: id });
				const key = `${langs.sourceLang}\u0000${langs.targetLang}`;
				if (!groups.has(key)) groups.set(key, { ...langs, ids: [] });
				groups.get(key)!.ids.push(id);
			}
			const reports = new Map<number, CheckReport>();
			const job = (id: number, sourceLang: string, targetLang: string) => ({
				pairs: docs.segmentPairs(id).map((p) => ({ ...p, document: id })),
				ignores: terms.ignoresFor(id).map((x) => ({ ord: x.ord, check: x.check_id, fingerprint: x.fingerprint, reason: x.reason })),
				reference: opts.scope === 'project' ? docs.otherPairs(id) : opts.scope === 'tm' ? tmPairs(sourceLang, targetLang, id) : undefined
			});
			for (const g of groups.values()) {
				// workers cost a glossary index each: only worth it for several documents
				// this thread reuses the language pair's context when it was built for the same tags (it names them in messages)
				const checker = await createDocumentChecker(all(), g.sourceLang, g.targetLang, { threads: g.ids.length > 1 ? opts.threads : 1, ctx: contextFor(g.sourceLang, g.targetLang) });
				// with a reference scope each document carries the other documents or the whole TM:
				// a batch of one document per thread at a time keeps memory to that
				const step = opts.scope === 'project' || opts.scope === 'tm' ? checker.threads : g.ids.length;
				try {
					for (let k = 0; k < g.ids.length; k += step) {
						const ids = g.ids.slice(k, k + step);
						(await checker.check(ids.map((id) => job(id, g.sourceLang, g.targetLang)))).forEach((r, q) => reports.set(ids[q], r));
					}
				} finally {
					await checker.close();
				}
			}
			return list.map((id) => ({ document: id, report: reports.get(id)! }));
		},
		ignore(docId: number, ord: number, check: string, fingerprint: string, reason: string, by: string | null = null): void {
			const seg = docs.segmentByOrd(docId, ord);
			if (!seg) throw new AtelierError('document_not_found', { id: docId }, { document: docId, segment: ord + 1 });
			terms.addIgnore(seg.id, check, fingerprint, reason, by);
		},
		unignore(docId: number, ord: number, check: string, fingerprint: string): boolean {
			const seg = docs.segmentByOrd(docId, ord);
			return seg ? terms.removeIgnore(seg.id, check, fingerprint) : false;
		}
	};
}

export type Terminology = ReturnType<typeof createTerminology>;
