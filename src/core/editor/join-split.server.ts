import type { AlignWarning, Evidence } from '../align/types.js';
import type { BeadRow } from '../db/alignments.repo.server.js';
import type { EditorRepo, EditorRow, SegmentSlot } from '../db/editor.repo.server.js';
import { AtelierError } from '../errors.js';
import { reason } from '../formats/reason.js';
import { countWords } from '../text/words.js';
import { callGoesRight, cutAt, joinedStatus, joinedTarget, nearestCuts, remapRanges, remapRun, type Restructure, splitFirstStatus, wordAt } from './restructure.js';

/** the evidence of a bead two beads became by a join: shown as such in the review, rather than as a bare 0 % */
const JOINED = JSON.stringify([{ kind: 'joined' }] satisfies Evidence[]);

/** What a join or a split hands back: the rows from the first changed one to the end, which all moved or changed. */
export interface RestructureResult {
	/** the joined segment, or the first part of the split one */
	ord: number;
	total: number;
	rows: EditorRow[];
}

/**
 * Joining and splitting segments in a translated document (memoQ's Ctrl+J / Ctrl+T,
 * Trados' merge/split). Each is one transaction over everything that holds segment ords:
 *
 * - segments: ord and ord_in_paragraph shift; offsets keep pointing into the paragraph, so
 *   the document's segments still put the paragraph back together (export relies on it);
 * - alignment beads (either side): ranges remapped monotonically; a join that leaves two
 *   beads sharing a segment makes them one bead, flagged for review (confidence 0), and is
 *   refused when that would change a locked bead;
 * - the aligner's stored warnings that name ords (partial coverage, unmatched runs);
 * - by segment id, so only where a segment disappears (see the repo): accepted QA
 *   findings, footnote calls (note_ref), review history.
 *
 * Left alone, on purpose: TM units' segment_ord is provenance (where a pair came from when
 * it was written; lookups never read it, and the pair stays true whatever happens to the
 * document); segment_history.ord records where a change was made at the time. An XLIFF or
 * bilingual DOCX exported before the change carries the old ords as ids: re-importing it
 * compares each row's source with the segment at that id and rejects what no longer
 * matches (source_differs), so nothing lands in the wrong segment.
 */
export function createJoinSplit(deps: {
	repo: EditorRepo;
	transaction: <T>(fn: () => T) => T;
	langs: (docId: number) => unknown;
}) {
	const { repo, transaction, langs } = deps;

	function slot(docId: number, ord: number, missing = () => new AtelierError('segment_not_found', { document: docId, segment: ord + 1 }, { document: docId, segment: ord + 1 })): SegmentSlot {
		const s = repo.slot(docId, ord);
		if (!s) throw missing();
		// the offsets must still describe the text: otherwise a cut or a join would rebuild a
		// text the translator never saw, so the document is left as it is
		if (s.paragraphText.slice(s.start, s.end) !== s.source)
			throw new AtelierError('segment_offsets_mismatch', { segment: ord + 1 }, { document: docId, segment: ord + 1 });
		return s;
	}

	function checkVersion(docId: number, s: SegmentSlot, version: number) {
		if (s.version !== version) throw new AtelierError('edit_conflict', { segment: s.ord + 1, version, current: s.version }, { document: docId, segment: s.ord + 1 });
	}

	/**
	 * The new beads of every alignment of the document, planned before anything is written
	 * so that a refusal (a locked bead) leaves the database as it was.
	 */
	function planBeads(docId: number, e: Restructure) {
		return repo.alignments.forDocument(docId).map((al) => {
			const side = al.source_document_id === docId ? 'src' : 'tgt';
			const rows = repo.alignments.beads(al.id);
			const get = (b: BeadRow) => (side === 'src' ? { from: b.src_from, to: b.src_to } : { from: b.tgt_from, to: b.tgt_to });
			const { ranges, merged } = remapRanges(rows.map((b) => ({ ...get(b), locked: b.locked === 1 })), e);
			let next: BeadRow[] = rows.map((b, i) => (side === 'src' ? { ...b, src_from: ranges[i].from, src_to: ranges[i].to } : { ...b, tgt_from: ranges[i].from, tgt_to: ranges[i].to }));
			if (merged) {
				const [f, l] = merged;
				if (rows.slice(f, l + 1).some((b) => b.locked === 1))
					throw new AtelierError('segment_bead_locked', { segment: e.ord + 1, next: e.ord + 2 }, { document: docId, segment: e.ord + 1 });
				// one bead now: its pairing was never checked by anyone, so it asks for review
				const one: BeadRow = { ...next[f], src_to: next[l].src_to, tgt_to: next[l].tgt_to, confidence: 0, evidence: JOINED, locked: 0, manual: 0, confirmed: 0 };
				next = [...next.slice(0, f), one, ...next.slice(l + 1)];
			}
			next = next.map((b, i) => ({ ...b, ord: i }));
			const warnings = al.warnings ? (JSON.parse(al.warnings) as AlignWarning[]).map((w) => remapWarning(w, side, e)) : null;
			return { id: al.id, version: al.version, beads: next, warnings };
		});
	}

	function writeBeads(plans: ReturnType<typeof planBeads>) {
		for (const p of plans)
			if (!repo.alignments.replaceBeads(p.id, p.version, p.beads, p.warnings ? { warnings: p.warnings } : undefined))
				throw new AtelierError('internal', { message: `alignment ${p.id} changed during a segment join or split` });
	}

	const result = (docId: number, ord: number): RestructureResult => {
		const total = repo.count(docId);
		return { ord, total, rows: repo.range(docId, ord, total) };
	};

	return {
		/**
		 * Joins segment `ord` with the next one, if both are still at `versions` and in the
		 * same paragraph. The source is the paragraph's own text between them (spacing and
		 * French typography as they are), the targets are kept both, the status is the lesser.
		 */
		joinSegments(docId: number, ord: number, o: { versions?: readonly [number, number] | readonly number[]; by?: string | null }): RestructureResult {
			langs(docId);
			return transaction(() => {
				const a = slot(docId, ord);
				const b = slot(docId, ord + 1, () => new AtelierError('segment_join_last', { segment: ord + 1 }, { document: docId, segment: ord + 1 }));
				if (a.paragraphId !== b.paragraphId) throw new AtelierError('segment_join_paragraph', { segment: ord + 1, next: ord + 2 }, { document: docId, segment: ord + 1 });
				// without versions the caller takes the segments as they are now, in this
				// transaction (the alignment review, which has no editor state to protect)
				if (o.versions) {
					checkVersion(docId, a, o.versions[0]);
					checkVersion(docId, b, o.versions[1]);
				}
				const plans = planBeads(docId, { op: 'join', ord });
				const source = a.paragraphText.slice(a.start, b.end);
				const target = joinedTarget(a.target, b.target);
				repo.join({ docId, a, b, source, words: countWords(source), target, status: joinedStatus(a.status, b.status, target), by: o.by ?? null });
				writeBeads(plans);
				return result(docId, ord);
			});
		},

		/**
		 * Splits segment `ord` at `offset` (UTF-16 code units into its source), if it is still
		 * at `version`. The whitespace at the cut goes with neither part; the target stays
		 * with the first part, the second starts untranslated.
		 */
		splitSegment(docId: number, ord: number, offset: number, o: { version?: number; by?: string | null }): RestructureResult {
			langs(docId);
			return transaction(() => {
				const a = slot(docId, ord);
				if (o.version != null) checkVersion(docId, a, o.version);
				const cut = cutAt(a.source, offset);
				if (!cut) throw new AtelierError('segment_split_offset', { segment: ord + 1, offset, length: a.source.length }, { document: docId, segment: ord + 1 });
				// an offset typed into the CLI or sent to the API (the editor only offers cutPoints)
				const inWord = wordAt(a.source, offset);
				if (inWord) {
					const near = nearestCuts(a.source, offset);
					throw new AtelierError(
						'segment_split_inside_word',
						{ segment: ord + 1, offset, word: inWord.word, before: near.before ?? reason('segmentEdit.noCut'), after: near.after ?? reason('segmentEdit.noCut') },
						{ document: docId, segment: ord + 1 }
					);
				}
				const left = a.source.slice(0, cut.leftEnd);
				const right = a.source.slice(cut.rightStart);
				const plans = planBeads(docId, { op: 'split', ord });
				const notesToRight = repo.notesOf(a.id).filter((n) => callGoesRight(n.marker, left, right)).map((n) => n.id);
				repo.split({
					docId,
					a,
					leftEnd: a.start + cut.leftEnd,
					rightStart: a.start + cut.rightStart,
					left: { source: left, words: countWords(left), status: splitFirstStatus(a.status, a.target) },
					right: { source: right, words: countWords(right) },
					notesToRight,
					by: o.by ?? null
				});
				writeBeads(plans);
				return result(docId, ord);
			});
		}
	};
}

/** The aligner's warnings that name ords of this side, renumbered; the others as they were. */
function remapWarning(w: AlignWarning, side: 'src' | 'tgt', e: Restructure): AlignWarning {
	if (w.code === 'partial_coverage' && w.side === side) return { ...w, unaligned: w.unaligned.map((r) => remapRun(r, e)) };
	if (w.code === 'unmatched_run' && w.side === side) return { ...w, runs: w.runs.map((r) => remapRun(r, e)) };
	return w;
}
