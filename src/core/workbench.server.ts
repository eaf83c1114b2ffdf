import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDocumentsRepo } from './db/documents.repo.server.js';
import { createTermsRepo } from './db/terms.repo.server.js';
import { createTerminology } from './terminology.server.js';
import { createTmRepo } from './db/tm.repo.server.js';
import { createTranslationMemory } from './translation-memory.server.js';
import { createAlignmentsRepo } from './db/alignments.repo.server.js';
import { createAlignmentService } from './alignment/service.server.js';
import { createSegmentEditing, segmentText } from './editor/segments.server.js';
import { createEditorRepo } from './db/editor.repo.server.js';
import { createHistoryRepo } from './db/history.repo.server.js';
import { openDatabase } from './db/open.server.js';
import { primaryLang } from './lang.js';
import { AtelierError } from './errors.js';
import { knownLang } from './lang.js';
import type { CleanupEvent, DocumentSummary, DocumentView, SegmentStatus } from './model.js';
import { appRoot, defaultRulesPath } from './paths.js';
import { compileSegmenter, type Segmenter } from './segment/segmenter.js';
import { loadSrxFile } from './segment/index.js';
import type { SrxDocument } from './segment/srx-parse.js';
import type { Encoding } from './text/decode.js';
import { importFile } from './text/import.js';
import { lexiconFor } from './text/lexicon.js';

export interface WorkbenchOptions {
	dbPath: string;
	/** SRX files, cascaded in order; default: the shipped rules */
	rulesPaths?: string[];
	/** TM units from which half of the fuzzy index goes to a worker thread (see TranslationMemoryOptions) */
	fuzzyShardFrom?: number;
}

export interface ImportRequest {
	bytes: Uint8Array;
	file: string;
	sourceLang: string;
	targetLang: string;
	title?: string;
	encoding?: Encoding;
	noClean?: boolean;
	/** pasted text rather than a file */
	pasted?: boolean;
	seedKey?: string;
}

export interface ImportResult {
	id: number;
	title: string;
	paragraphs: number;
	segments: number;
	events: CleanupEvent[];
	/** documents imported before from the same bytes (a second import is allowed, but the user is told) */
	sameFileAs: { id: number; title: string }[];
}

/**
 * The services the routes and the CLI call. One per process (or per test), holding one
 * database connection and the compiled segmenters.
 */
export function createWorkbench(opts: WorkbenchOptions) {
	const db = openDatabase(opts.dbPath);
	const docs = createDocumentsRepo(db);
	const terminology = createTerminology(createTermsRepo(db), docs, () => tm);
	const tm = createTranslationMemory(createTmRepo(db), { dbPath: opts.dbPath, shardFrom: opts.fuzzyShardFrom });
	const editing = createSegmentEditing({
		docs,
		tm,
		repo: createEditorRepo(db),
		history: createHistoryRepo(db),
		terminology,
		transaction: (fn) => db.transaction(fn)(),
		langs(docId) {
			const l = docs.langs(docId);
			if (!l) throw new AtelierError('document_not_found', { id: docId }, { document: docId });
			return l;
		}
	});
	const alignment = createAlignmentService(createAlignmentsRepo(db), docs, terminology, tm, (fn) => db.transaction(fn)(), {
		joinSegments: (docId, ord) => editing.joinSegments(docId, ord, {}),
		splitSegment: (docId, ord, offset) => editing.splitSegment(docId, ord, offset, {})
	});
	const rules: SrxDocument[] = (opts.rulesPaths ?? [defaultRulesPath()]).map(loadSrxFile);
	const segmenters = new Map<string, Segmenter>();
	const lexicons = new Map<string, ((w: string) => boolean) | undefined>();

	function segmenter(lang: string): Segmenter {
		let s = segmenters.get(lang);
		if (!s) {
			s = compileSegmenter(rules, lang);
			segmenters.set(lang, s);
		}
		return s;
	}
	function lexicon(lang: string) {
		if (!lexicons.has(lang)) lexicons.set(lang, lexiconFor(lang));
		return lexicons.get(lang);
	}

	async function importDocument(req: ImportRequest): Promise<ImportResult> {
		const sourceLang = knownLang(req.sourceLang, 'sourceLang');
		const targetLang = knownLang(req.targetLang, 'targetLang');
		// fr-FR → fr-FR is a slip of the form, and every check and match would then compare a language with itself
		if (primaryLang(sourceLang) === primaryLang(targetLang)) throw new AtelierError('lang_same', { source: sourceLang, target: targetLang }, { file: req.file });
		const imported = await importFile(
			{ bytes: req.bytes, file: req.file, pasted: req.pasted },
			{ sourceLang, segmenter: segmenter(sourceLang), encoding: req.encoding, noClean: req.noClean, isWord: lexicon(sourceLang) }
		);
		// pasted text has no file name to fall back on: without a heading, its first words name it
		const title = req.title?.trim() || (req.pasted && imported.blocks[0]?.kind !== 'heading' ? firstWords(imported.blocks[0]?.text ?? '') || imported.title : imported.title);
		const sha256 = createHash('sha256').update(req.bytes).digest('hex');
		const sameFileAs = docs.withSha256(sha256);
		const id = docs.insertDocument({
			title,
			sourceLang,
			targetLang,
			originFile: req.pasted ? null : req.file,
			originSha256: sha256,
			format: req.pasted ? 'paste' : imported.format,
			encoding: imported.encoding,
			seedKey: req.seedKey ?? null,
			importReport: imported.events,
			blocks: imported.blocks
		});
		return {
			id,
			title,
			paragraphs: imported.blocks.length,
			segments: imported.blocks.reduce((n, b) => n + b.segments.length, 0),
			events: imported.events,
			sameFileAs
		};
	}

	/** Imports an existing translation of a document, as a document of its own linked to it. */
	async function importTranslation(originalId: number, req: { bytes: Uint8Array; file: string; lang: string; title?: string; seedKey?: string; encoding?: Encoding }): Promise<number> {
		const original = docs.getDocument(originalId);
		if (!original) throw new AtelierError('document_not_found', { id: originalId }, { document: originalId });
		const res = await importDocument({
			bytes: req.bytes,
			file: req.file,
			sourceLang: req.lang,
			targetLang: original.sourceLang,
			title: req.title,
			encoding: req.encoding,
			seedKey: req.seedKey
		});
		alignment.markTranslation(res.id, originalId);
		return res.id;
	}

	/**
	 * Imports every `segments/<key>/` that has not been seeded yet. Keyed by folder, so a
	 * restart imports nothing twice and a user's deletion of a seed is not undone by accident
	 * of content changes.
	 */
	async function seed(dir = join(appRoot(), 'segments'), glossaryDir = join(appRoot(), 'glossary')): Promise<number[]> {
		terminology.seed(glossaryDir);
		if (!existsSync(dir)) return [];
		const added: number[] = [];
		for (const key of readdirSync(dir).sort()) {
			const metaPath = join(dir, key, 'meta.json');
			if (!existsSync(metaPath) || docs.wasSeeded(key)) continue;
			const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as {
				title?: string;
				source: { file: string; lang: string };
				targetLang: string;
				translation?: { file: string; lang: string; title?: string };
			};
			const file = join(dir, key, meta.source.file);
			const res = await importDocument({
				bytes: readFileSync(file),
				file: `${key}/${meta.source.file}`,
				sourceLang: meta.source.lang,
				targetLang: meta.targetLang,
				title: meta.title,
				seedKey: key
			});
			added.push(res.id);
			// an existing translation is imported beside its original and aligned with it
			if (meta.translation && existsSync(join(dir, key, meta.translation.file))) {
				const tr = await importTranslation(res.id, {
					bytes: readFileSync(join(dir, key, meta.translation.file)),
					file: `${key}/${meta.translation.file}`,
					lang: meta.translation.lang,
					title: meta.translation.title,
					seedKey: `${key}#${meta.translation.file}`
				});
				alignment.alignDocuments(res.id, tr);
			}
		}
		return added;
	}

	return {
		db,
		terminology,
		tm,
		alignment,
		editing,
		importDocument,
		importTranslation,
		seed,
		segmenter,
		rules,
		listDocuments: (): DocumentSummary[] => docs.listDocuments(),
		getDocument(id: number): DocumentView {
			const d = docs.getDocument(id);
			if (!d) throw new AtelierError('document_not_found', { id }, { document: id });
			return d;
		},
		importReport: (id: number) => docs.importReport(id) as CleanupEvent[] | null,
		deleteDocument: (id: number) => docs.deleteDocument(id),
		segmentPairs: (id: number) => docs.segmentPairs(id),
		/** A document's segments as the aligner reads them (text, paragraph, kind). */
		alignmentSentences: (id: number) => docs.sentences(id).map((s) => ({ text: s.text, paragraph: s.paragraph, kind: s.kind })),
		/** Sets a segment's target if nobody changed it since `version`; returns false on a conflict. */
		setTarget(docId: number, ord: number, target: string, opts: { version?: number; status?: SegmentStatus; by?: string | null } = {}): boolean {
			const seg = docs.segmentByOrd(docId, ord);
			if (!seg) throw new AtelierError('document_not_found', { id: docId }, { document: docId, segment: ord + 1 });
			return docs.setTarget(seg.id, opts.version ?? seg.version, segmentText(target), opts.status ?? 'draft', opts.by ?? null);
		},
		close: () => {
			tm.close();
			db.close();
		}
	};
}

export type Workbench = ReturnType<typeof createWorkbench>;

/** At most 80 characters of a text, cut at a word, for a title. */
function firstWords(text: string): string {
	const t = text.replace(/\s+/g, ' ').trim();
	if (t.length <= 80) return t;
	const cut = t.slice(0, 80);
	const space = cut.lastIndexOf(' ');
	return `${(space > 40 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, '')}…`;
}
