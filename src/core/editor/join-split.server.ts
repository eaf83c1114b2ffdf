import type { AlignWarning, Evidence } from '../align/types.js';
import type { BeadRow } from '../db/alignments.repo.server.js';
import type { EditorRepo, EditorRow, JoinDetail, SegmentSlot, SplitDetail, SplitWrite } from '../db/editor.repo.server.js';
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
	/** the join or split undid the split or join that made the segment(s) (see `joinSegments`, `splitSegment`) */
	undid?: boolean;
	/** after a join: where a split undoes it (the offset the second segment's text starts at) */
	undoOffset?: number;
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
			// a join a split at the same place gives back exactly needs nothing kept to be undone
			const undone = () => {
				const back = remapRanges(ranges.map((r) => ({ ...r, locked: false })), { op: 'split', ord: e.ord }).ranges;
				const same = back.every((r, i) => r.from === get(rows[i]).from && r.to === get(rows[i]).to);
				return same && JSON.stringify(warnings?.map((w) => remapWarning(w, side, { op: 'split', ord: e.ord })) ?? null) === JSON.stringify(al.warnings ? JSON.parse(al.warnings) : null);
			};
			const keep = e.op === 'join' && (merged || !undone()) ? { beads: rows, warnings: al.warnings } : null;
			return { id: al.id, version: al.version, beads: next, warnings, keep };
		});
	}

	function writeBeads(plans: ReturnType<typeof planBeads>) {
		for (const p of plans)
			if (!repo.alignments.replaceBeads(p.id, p.version, p.beads, p.warnings ? { warnings: p.warnings } : undefined))
				throw new AtelierError('internal', { message: `alignment ${p.id} changed during a segment join or split` });
	}

	/** The join that made segment `a`, if nothing changed `a` since and `cut` is where it put the two segments together. */
	function joinUndoneBy(a: SegmentSlot, cut: { leftEnd: number; rightStart: number }) {
		const change = repo.lastChange(a.id);
		if (change?.kind !== 'join' || !change.detail) return null;
		const detail = JSON.parse(change.detail) as JoinDetail;
		if (detail.version !== a.version || detail.cut.leftEnd !== cut.leftEnd || detail.cut.rightStart !== cut.rightStart) return null;
		return { change, detail };
	}

	/** The split that made segments `a` and `b`, if nothing changed either since (`b` untranslated as the split left it): with `a`'s status before it. */
	function splitUndoneBy(a: SegmentSlot, b: SegmentSlot): { status: SegmentSlot['status'] } | null {
		const first = repo.lastChange(a.id);
		const second = repo.lastChange(b.id);
		if (first?.kind !== 'split' || !first.detail || second?.kind !== 'split' || second.batch !== first.batch) return null;
		const { version } = JSON.parse(first.detail) as SplitDetail;
		if (a.version !== version || b.version !== version || b.target !== null || b.status !== 'new' || !first.oldStatus) return null;
		return { status: first.oldStatus };
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
		 * Joining the two parts of a split that nothing changed since undoes the split: the
		 * segment gets back the status it had (its target never left the first part).
		 */
		joinSegments(docId: number, ord: number, o: { versions?: readonly [number, number] | readonly number[]; by?: string | null; undo?: boolean }): RestructureResult {
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
				// joining the two parts of a split that nothing changed since undoes it: the
				// first part kept the target, and the whole gets back the status it had
				const undoes = splitUndoneBy(a, b);
				// asked as an undo (the editor's Undo button): only that, never an ordinary join
				if (o.undo && !undoes) throw new AtelierError('segment_undo_split', { segment: ord + 1, next: ord + 2 }, { document: docId, segment: ord + 1 });
				const target = undoes ? a.target : joinedTarget(a.target, b.target);
				const status = undoes ? undoes.status : joinedStatus(a.status, b.status, target);
				const undo: Pick<JoinDetail, 'cut' | 'beads'> = {
					cut: { leftEnd: a.end - a.start, rightStart: b.start - a.start },
					beads: plans.flatMap((p) => (p.keep ? [{ id: p.id, version: p.version + 1, beads: p.keep.beads, warnings: p.keep.warnings }] : []))
				};
				repo.join({ docId, a, b, source, words: countWords(source), target, status, by: o.by ?? null, undo });
				writeBeads(plans);
				return { ...result(docId, ord), undid: !!undoes, undoOffset: undo.cut.rightStart };
			});
		},

		/**
		 * Splits segment `ord` at `offset` (UTF-16 code units into its source), if it is still
		 * at `version`. The whitespace at the cut goes with neither part; the target stays
		 * with the first part, the second starts untranslated. Cutting where a join put two
		 * segments together, before anything changed the joined segment, undoes the join
		 * instead: both get back their targets and statuses, the second its history entries
		 * and TM units, and the alignments their beads as they were (where they have not
		 * changed since).
		 */
		splitSegment(docId: number, ord: number, offset: number, o: { version?: number; by?: string | null; undo?: boolean }): RestructureResult {
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
				let plans = planBeads(docId, { op: 'split', ord });
				const notesToRight = repo.notesOf(a.id).filter((n) => callGoesRight(n.marker, left, right)).map((n) => n.id);
				// a cut where a join that nothing changed since put two segments together undoes it
				const joined = joinUndoneBy(a, cut);
				if (o.undo && !joined) throw new AtelierError('segment_undo_join', { segment: ord + 1 }, { document: docId, segment: ord + 1 });
				let undo: SplitWrite['undo'];
				let leftStatus = splitFirstStatus(a.status, a.target);
				if (joined) {
					const { change, detail } = joined;
					undo = { leftTarget: change.oldTarget, leftRule: detail.rule, rightTarget: detail.next.target, rightStatus: detail.next.status, history: detail.history, units: detail.units };
					leftStatus = change.oldStatus ?? 'new';
					// the beads as they were before the join, where the alignment has not changed since
					plans = plans.map((p) => {
						const kept = detail.beads.find((k) => k.id === p.id && k.version === p.version);
						return kept ? { ...p, beads: kept.beads, warnings: kept.warnings ? (JSON.parse(kept.warnings) as AlignWarning[]) : null } : p;
					});
				}
				repo.split({
					docId,
					a,
					leftEnd: a.start + cut.leftEnd,
					rightStart: a.start + cut.rightStart,
					left: { source: left, words: countWords(left), status: leftStatus },
					right: { source: right, words: countWords(right) },
					notesToRight,
					by: o.by ?? null,
					undo
				});
				writeBeads(plans);
				return { ...result(docId, ord), undid: !!joined };
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
