import { align, unmatchedRuns } from '../align/index.js';
import type { AlignOptions, AlignSentence, AlignWarning, Evidence } from '../align/types.js';
import type { AlignmentsRepo, BeadRow } from '../db/alignments.repo.server.js';
import type { DocumentsRepo } from '../db/documents.repo.server.js';
import { AtelierError } from '../errors.js';
import { primaryLang } from '../lang.js';
import type { Terminology } from '../terminology.server.js';
import type { TranslationMemory } from '../translation-memory.server.js';
import { applyEdit, type BeadEdit, editObstacle, type EditObstacle, isValidTiling, keptByRealign, needsRescore, type RangeBead, unmatched } from './beads.js';

export interface AlignmentView {
	id: number;
	version: number;
	source: { id: number; lang: string; title: string };
	target: { id: number; lang: string; title: string };
	src: { ord: number; text: string; kind: string; paragraph: number }[];
	tgt: { ord: number; text: string; kind: string; paragraph: number }[];
	beads: RangeBead[];
	warnings: AlignWarning[];
	confirmedAt: string | null;
}

const toRow = (b: RangeBead, ord: number): BeadRow => ({
	ord,
	src_from: b.srcFrom,
	src_to: b.srcTo,
	tgt_from: b.tgtFrom,
	tgt_to: b.tgtTo,
	confidence: b.confidence,
	evidence: JSON.stringify(b.evidence),
	locked: b.locked ? 1 : 0,
	manual: b.manual ? 1 : 0,
	confirmed: b.confirmed ? 1 : 0
});

const fromRow = (r: BeadRow): RangeBead => ({
	srcFrom: r.src_from,
	srcTo: r.src_to,
	tgtFrom: r.tgt_from,
	tgtTo: r.tgt_to,
	confidence: r.confidence,
	evidence: JSON.parse(r.evidence) as Evidence[],
	locked: r.locked === 1,
	manual: r.manual === 1,
	confirmed: r.confirmed === 1
});

/**
 * Aligning a document with its existing translation, reviewing the beads, and confirming
 * them into the TM. The aligner itself (src/core/align) is pure; this is its storage.
 */
/** Splitting a sentence in two (at the cursor) or joining it back: changes a document, so beads shift. */
export type SegmentEdit = { op: 'splitSegment'; side: 'src' | 'tgt'; ord: number; offset: number } | { op: 'joinSegment'; side: 'src' | 'tgt'; ord: number };

/**
 * Why an edit was not applied, for the page to say so: the alignment changed since the
 * view was read (`conflict`), a split at the very start or end of a sentence would leave an
 * empty sentence (`split_edge`, with the sentence), or the edit does not apply to these
 * beads — a locked bead, no neighbour, a sentence to move that is not there (`not_applicable`).
 */
export type EditRefusal = { reason: 'conflict' } | { reason: 'not_applicable'; obstacle?: EditObstacle } | { reason: 'split_edge'; side: 'src' | 'tgt'; ord: number };

/** Inclusive-exclusive range as the list of indices the aligner's warnings read. */
const indices = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

/**
 * Unmatched runs of the beads as they are now, not as the aligner left them: a reviewer's
 * detach can open a gap, a merge can close one.
 */
function currentRunWarnings(beads: RangeBead[]): AlignWarning[] {
	const lists = beads.map((b) => ({ src: indices(b.srcFrom, b.srcTo), tgt: indices(b.tgtFrom, b.tgtTo), confidence: b.confidence }));
	const out: AlignWarning[] = [];
	for (const side of ['src', 'tgt'] as const) {
		const runs = unmatchedRuns(lists, side);
		if (runs.length) out.push({ code: 'unmatched_run', side, runs });
	}
	return out;
}

/** Joining and splitting a document's segments: the editor's, see createAlignmentService. */
export interface SegmentRestructure {
	joinSegments(docId: number, ord: number): unknown;
	splitSegment(docId: number, ord: number, offset: number): unknown;
}

/** Beads each side of a reshaped bead that the model reads to score it again. */
const RESCORE_CONTEXT = 40;

export function createAlignmentService(
	repo: AlignmentsRepo,
	docs: DocumentsRepo,
	terminology: Terminology,
	tm: TranslationMemory,
	transaction: <T>(fn: () => T) => T,
	restructure: SegmentRestructure
) {
	function sides(srcDoc: number, tgtDoc: number) {
		const a = docs.langs(srcDoc);
		const b = docs.langs(tgtDoc);
		if (!a) throw new AtelierError('document_not_found', { id: srcDoc }, { document: srcDoc });
		if (!b) throw new AtelierError('document_not_found', { id: tgtDoc }, { document: tgtDoc });
		return { srcLang: a.sourceLang, tgtLang: b.sourceLang, src: docs.sentences(srcDoc), tgt: docs.sentences(tgtDoc) };
	}

	/** Glossary equivalents as lexical evidence: every approved term of a concept against every other. */
	function glossaryPairs(srcLang: string, tgtLang: string): [string, string][] {
		const out: [string, string][] = [];
		const ok = (s: string) => s === 'preferred' || s === 'admitted';
		for (const c of terminology.concepts()) {
			const a = c.terms.filter((t) => primaryLang(t.lang) === primaryLang(srcLang) && ok(t.status));
			const b = c.terms.filter((t) => primaryLang(t.lang) === primaryLang(tgtLang) && ok(t.status));
			for (const x of a) for (const y of b) out.push([x.text, y.text]);
		}
		return out;
	}

	/** Automatic alignment of a stretch of both documents, as range beads offset to [s0…], [t0…]. */
	function run(src: AlignSentence[], tgt: AlignSentence[], s0: number, t0: number, langs: { srcLang: string; tgtLang: string }, rescore?: NonNullable<AlignOptions['rescore']>) {
		// exact TM matches of the source sentences are evidence too
		const tmPairs: [string, string][] = [];
		for (const x of src) {
			const m = tm.lookup(x.text, { sourceLang: langs.srcLang, targetLang: langs.tgtLang, threshold: 100, limit: 1 })[0];
			if (m) tmPairs.push([x.text, m.unit.target]);
		}
		const res = align(src, tgt, { ...langs, glossaryPairs: glossaryPairs(langs.srcLang, langs.tgtLang), tmPairs, ...(rescore ? { rescore } : {}) });
		let s = s0;
		let t = t0;
		const beads = res.beads.map((b): RangeBead => {
			const out = { srcFrom: s, srcTo: s + b.src.length, tgtFrom: t, tgtTo: t + b.tgt.length, confidence: b.confidence, evidence: b.evidence, locked: false, manual: false, confirmed: false };
			s = out.srcTo;
			t = out.tgtTo;
			return out;
		});
		return { beads, warnings: res.warnings, stats: res.stats, rescored: res.rescored ?? [] };
	}

	/**
	 * Scores again, with the aligner's model over both documents and the same glossary and TM
	 * evidence, the beads an edit reshaped without the reviewer deciding about them: they keep
	 * an honest confidence (and their evidence, after the `reshaped` marker) instead of the one
	 * their old sentences earned.
	 */
	function rescored(beads: RangeBead[], srcDoc: number, tgtDoc: number): RangeBead[] {
		const todo = beads.map((b, i) => i).filter((i) => needsRescore(beads[i]));
		if (!todo.length) return beads;
		const { src, tgt, srcLang, tgtLang } = sides(srcDoc, tgtDoc);
		// the model over the beads around the edit, not the whole documents: an edit answers at
		// once however long they are, and RESCORE_CONTEXT beads each side estimate the length
		// ratio and the match rates as well as a short document does
		const first = beads[Math.max(0, todo[0] - RESCORE_CONTEXT)];
		const last = beads[Math.min(beads.length - 1, todo[todo.length - 1] + RESCORE_CONTEXT)];
		const [s0, t0] = [first.srcFrom, first.tgtFrom];
		// a neighbour the reviewer paired (made by hand, or locked) is a decision the score takes as
		// given; one they left without counterpart is often the by-product of a move, and is not
		const decided = (b: RangeBead | undefined) => !!b && (b.manual || b.locked) && !unmatched(b);
		const query = (i: number) => ({
			srcFrom: beads[i].srcFrom - s0,
			srcTo: beads[i].srcTo - s0,
			tgtFrom: beads[i].tgtFrom - t0,
			tgtTo: beads[i].tgtTo - t0,
			startsFixed: decided(beads[i - 1]),
			endsFixed: decided(beads[i + 1])
		});
		const res = run(src.slice(s0, last.srcTo), tgt.slice(t0, last.tgtTo), 0, 0, { srcLang, tgtLang }, todo.map(query));
		const out = [...beads];
		todo.forEach((i, k) => {
			const r = res.rescored[k];
			out[i] = { ...beads[i], confidence: r.confidence, evidence: [{ kind: 'reshaped' }, ...r.evidence] };
		});
		return out;
	}

	function view(id: number): AlignmentView {
		const a = repo.get(id);
		if (!a) throw new AtelierError('document_not_found', { id }, { document: id });
		const s = docs.getDocument(a.source_document_id)!;
		const t = docs.getDocument(a.target_document_id)!;
		const beads = repo.beads(id).map(fromRow);
		const stored: AlignWarning[] = a.warnings ? JSON.parse(a.warnings) : [];
		return {
			id,
			version: a.version,
			source: { id: s.id, lang: s.sourceLang, title: s.title },
			target: { id: t.id, lang: t.sourceLang, title: t.title },
			src: docs.sentences(s.id),
			tgt: docs.sentences(t.id),
			beads,
			warnings: [...stored.filter((w) => w.code !== 'unmatched_run'), ...currentRunWarnings(beads)],
			confirmedAt: a.confirmed_at
		};
	}

	/**
	 * Re-aligns everything between the reviewer's beads, which stay as they are: locked ones
	 * and those set by hand (`manual`) alike, as memoQ LiveAlign and LF Aligner keep the links
	 * a reviewer made — a re-alignment that undid unlocked corrections would punish reviewing
	 * before locking. A detached sentence stays without counterpart for the same reason. The
	 * aligner's beads and the neighbours a move reshaped (not reviewed) are aligned again.
	 */
	function realigned(current: RangeBead[], srcDoc: number, tgtDoc: number) {
		const { src, tgt, srcLang, tgtLang } = sides(srcDoc, tgtDoc);
		const beads: RangeBead[] = [];
		const warnings: AlignWarning[] = [];
		let s = 0;
		let t = 0;
		for (const stop of [...current.filter(keptByRealign), null]) {
			const s1 = stop ? stop.srcFrom : src.length;
			const t1 = stop ? stop.tgtFrom : tgt.length;
			if (s1 > s || t1 > t) {
				const part = run(src.slice(s, s1), tgt.slice(t, t1), s, t, { srcLang, tgtLang });
				beads.push(...part.beads);
				warnings.push(...part.warnings);
			}
			if (stop) {
				beads.push(stop);
				s = stop.srcTo;
				t = stop.tgtTo;
			}
		}
		return { beads, warnings };
	}

	return {
		/** Aligns a document with its translation (creating the alignment, or re-aligning around the locked and hand-set beads). */
		alignDocuments(srcDoc: number, tgtDoc: number): number {
			const { src, tgt, srcLang, tgtLang } = sides(srcDoc, tgtDoc);
			const existing = repo.byPair(srcDoc, tgtDoc);
			const current = existing ? repo.beads(existing.id).map(fromRow) : [];
			const res = current.some(keptByRealign) ? realigned(current, srcDoc, tgtDoc) : run(src, tgt, 0, 0, { srcLang, tgtLang });
			if (!isValidTiling(res.beads, src.length, tgt.length)) throw new AtelierError('internal', { message: 'the aligner produced beads that do not tile both documents' });
			const id = existing?.id ?? repo.create(srcDoc, tgtDoc, res.warnings, 'stats' in res ? res.stats : null);
			repo.replaceBeads(id, repo.get(id)!.version, res.beads.map(toRow), { warnings: res.warnings });
			return id;
		},
		alignmentsOf: (docId: number) => repo.forSource(docId).map((a) => a.id),
		translationsOf: (docId: number) => repo.translationsOf(docId),
		markTranslation: (docId: number, originalId: number) => repo.markTranslation(docId, originalId),
		view,
		/**
		 * Applies one edit if nobody changed the alignment since `version`. Returns the new
		 * view and the edit that undoes this one; when refused, the current view and why.
		 */
		edit(
			id: number,
			version: number,
			e: BeadEdit | SegmentEdit | { op: 'realign' }
		): { ok: true; view: AlignmentView; inverse: BeadEdit | SegmentEdit } | ({ ok: false; view: AlignmentView } & EditRefusal) {
			const v = view(id);
			const refused = { ok: false as const, view: v, reason: 'not_applicable' as const };
			if (v.version !== version) return { ok: false, view: v, reason: 'conflict' };
			if (e.op === 'splitSegment') {
				// both halves need text: the documents repository would refuse anyway, but the
				// reviewer deserves to know why rather than "does not apply"
				const text = v[e.side][e.ord]?.text;
				if (text == null) return refused;
				if (!text.slice(0, e.offset).trim() || !text.slice(e.offset).trim()) return { ok: false, view: v, reason: 'split_edge', side: e.side, ord: e.ord };
			}
			if (e.op === 'splitSegment' || e.op === 'joinSegment') {
				const docId = e.side === 'src' ? v.source.id : v.target.id;
				// the editor's join and split (editor/join-split.server.ts), so the alignment review
				// and the editor change documents one way: typed targets kept, footnote calls,
				// accepted findings and the beads of every alignment of the document (this one
				// included) follow, all in one transaction. A refusal comes back as a located error.
				transaction(() => {
					if (e.op === 'splitSegment') restructure.splitSegment(docId, e.ord, e.offset);
					else restructure.joinSegments(docId, e.ord);
				});
				const inverse: SegmentEdit = e.op === 'splitSegment' ? { op: 'joinSegment', side: e.side, ord: e.ord } : { op: 'splitSegment', side: e.side, ord: e.ord, offset: v[e.side][e.ord].text.length };
				return { ok: true, view: view(id), inverse };
			}
			let next: RangeBead[] | null;
			if (e.op === 'realign') {
				next = realigned(v.beads, v.source.id, v.target.id).beads;
			} else next = applyEdit(v.beads, e);
			if (!next && e.op !== 'realign') {
				const obstacle = editObstacle(v.beads, e);
				if (obstacle) return { ...refused, obstacle };
			}
			if (!next || !isValidTiling(next, v.src.length, v.tgt.length)) return refused;
			next = rescored(next, v.source.id, v.target.id);
			if (!repo.replaceBeads(id, version, next.map(toRow))) return { ok: false, view: view(id), reason: 'conflict' };
			return { ok: true, view: view(id), inverse: { op: 'set', beads: v.beads } };
		},
		/**
		 * Sends beads with both sides into the TM (origin alignment, with document, segment,
		 * neighbours and confidence): those at or above `minConfidence`, beads set or locked
		 * by hand, and those an earlier confirmation sent that nobody edited since.
		 *
		 * A re-confirmation replaces what the previous one wrote: its units (origin
		 * alignment, this document and target language, last written at that confirmation —
		 * so not changed since by anyone) that this one does not write again are deleted,
		 * so a corrected bead does not leave its wrong pair behind. All in one transaction.
		 */
		confirm(id: number, opts: { minConfidence?: number; by?: string | null } = {}): number {
			return transaction(() => {
				const v = view(id);
				const previous = repo.get(id)!.confirmed_at;
				const min = opts.minConfidence ?? 0;
				const chosen = v.beads.map((b, i) => ({ b, i })).filter(({ b }) => !unmatched(b) && (b.confirmed || b.manual || b.locked || b.confidence >= min));
				const text = (list: { text: string }[], from: number, to: number) => list.slice(from, to).map((x) => x.text).join(' ');
				const now = new Date().toISOString();
				const stale = previous ? repo.unitsConfirmedAt(v.source.id, v.target.lang, previous) : [];
				const written = tm.add(
					chosen.map(({ b }) => ({
						sourceLang: v.source.lang,
						targetLang: v.target.lang,
						source: text(v.src, b.srcFrom, b.srcTo),
						target: text(v.tgt, b.tgtFrom, b.tgtTo),
						origin: 'alignment' as const,
						documentId: v.source.id,
						segmentOrd: b.srcFrom,
						context: { prev: b.srcFrom > 0 ? v.src[b.srcFrom - 1].text : null, next: b.srcTo < v.src.length ? v.src[b.srcTo].text : null },
						confidence: b.confidence,
						createdAt: now,
						createdBy: opts.by ?? null
					}))
				);
				const kept = new Set(written);
				// through the TM: it counts the deletion, and its fuzzy index reads again the ids
				// SQLite hands out anew once the highest units are gone
				tm.deleteUnits(stale.filter((u) => !kept.has(u)));
				const chosenSet = new Set(chosen.map((c) => c.i));
				repo.replaceBeads(id, v.version, v.beads.map((b, i) => toRow(chosenSet.has(i) ? { ...b, confirmed: true } : b, i)));
				// the same instant as the units' changed_at: how the next confirmation finds them
				repo.markConfirmed(id, now);
				return chosen.length;
			});
		}
	};
}

export type AlignmentService = ReturnType<typeof createAlignmentService>;
