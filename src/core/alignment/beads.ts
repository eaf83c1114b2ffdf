import type { Evidence } from '../align/types.js';

/** A stored bead: half-open ranges of segment ords on each side. */
export interface RangeBead {
	srcFrom: number;
	srcTo: number;
	tgtFrom: number;
	tgtTo: number;
	confidence: number;
	evidence: Evidence[];
	locked: boolean;
	manual: boolean;
	confirmed: boolean;
}

export type Side = 'src' | 'tgt';

/**
 * An edit a person makes in the alignment view. Each is local and has an inverse, so the
 * view can undo and redo; `set` (replace every bead) is the inverse of a re-alignment.
 */
export type BeadEdit =
	| { op: 'merge'; ord: number } // bead ord with the next one
	| { op: 'split'; ord: number; srcAt: number; tgtAt: number } // into [from, at) and [at, to) on each side
	| { op: 'moveUp'; ord: number; side: Side } // the bead's first sentence on `side` joins the previous bead
	| { op: 'moveDown'; ord: number; side: Side } // its last sentence joins the next bead
	| { op: 'detach'; ord: number } // source and target become two beads with empty counterparts
	| { op: 'lock'; ord: number; locked: boolean }
	| { op: 'set'; beads: RangeBead[] };

/** Below this confidence a bead is called unsure: coloured red, counted, listed by the filter. */
export const UNSURE_BELOW = 0.5;

const empty = (b: RangeBead, side: Side) => (side === 'src' ? b.srcFrom === b.srcTo : b.tgtFrom === b.tgtTo);

/** A bead with an empty side: a sentence with no counterpart (1–0, 0–1). */
export const unmatched = (b: RangeBead): boolean => empty(b, 'src') || empty(b, 'tgt');

/**
 * Whether a reviewer should look at the bead. Unmatched beads always qualify, whatever their
 * confidence: the model may be right that a sentence has no counterpart, and that is still
 * what a reviewer must see (a paragraph missing from the translation).
 */
export const needsReview = (b: RangeBead): boolean => unmatched(b) || b.confidence < UNSURE_BELOW;

/**
 * A bead a person made or changed is certain (1); a sentence they left without counterpart
 * stays flagged for review by being unmatched (`needsReview`).
 */
const manual = (b: RangeBead): RangeBead => {
	const lone = unmatched(b) ? (empty(b, 'src') ? 'tgt' : 'src') : null;
	return {
		...b,
		manual: true,
		confirmed: false,
		confidence: 1,
		evidence: lone ? [{ kind: 'no_counterpart', side: lone }] : []
	};
};

/**
 * A bead that changed because the reviewer acted on its neighbour (a sentence moved in or
 * out): nobody has reviewed it, so it is neither manual nor confirmed, and the marker asks the
 * service to score it again (`needsRescore`) — its old confidence was about other sentences.
 */
const reshaped = (b: RangeBead): RangeBead => ({ ...b, manual: false, confirmed: false, evidence: [{ kind: 'reshaped' }] });

/** Reshaped and not yet scored again: the evidence is the bare marker `reshaped` left. */
export const needsRescore = (b: RangeBead): boolean => b.evidence.length === 1 && b.evidence[0].kind === 'reshaped';

/**
 * A bead a re-alignment keeps as an anchor: the reviewer's decision, locked or set by hand.
 * A reshaped neighbour is not one (`manual` false): nobody looked at it.
 */
export const keptByRealign = (b: RangeBead): boolean => b.locked || b.manual;

/** Changed by an edit of a neighbouring bead, and not reviewed since. */
export const reshapedUnreviewed = (b: RangeBead): boolean => !b.manual && !b.locked && b.evidence.some((e) => e.kind === 'reshaped');

/** Applies an edit; returns the new beads, or null when it does not apply (nothing changes). */
export function applyEdit(beads: readonly RangeBead[], e: BeadEdit): RangeBead[] | null {
	const out = beads.map((b) => ({ ...b }));
	const at = (i: number) => (i >= 0 && i < out.length ? out[i] : null);
	switch (e.op) {
		case 'set':
			return e.beads.map((b) => ({ ...b }));
		case 'merge': {
			const a = at(e.ord);
			const b = at(e.ord + 1);
			if (!a || !b || a.locked || b.locked) return null;
			out.splice(e.ord, 2, manual({ ...a, srcTo: b.srcTo, tgtTo: b.tgtTo, srcFrom: a.srcFrom, tgtFrom: a.tgtFrom }));
			return out;
		}
		case 'split': {
			const a = at(e.ord);
			if (!a || a.locked) return null;
			if (e.srcAt < a.srcFrom || e.srcAt > a.srcTo || e.tgtAt < a.tgtFrom || e.tgtAt > a.tgtTo) return null;
			const first = manual({ ...a, srcTo: e.srcAt, tgtTo: e.tgtAt });
			const second = manual({ ...a, srcFrom: e.srcAt, tgtFrom: e.tgtAt });
			if ((first.srcFrom === first.srcTo && first.tgtFrom === first.tgtTo) || (second.srcFrom === second.srcTo && second.tgtFrom === second.tgtTo)) return null;
			out.splice(e.ord, 1, first, second);
			return out;
		}
		case 'moveUp': {
			const a = at(e.ord);
			const prev = at(e.ord - 1);
			if (!a || !prev || a.locked || prev.locked || empty(a, e.side)) return null;
			if (e.side === 'src') (prev.srcTo++, a.srcFrom++);
			else (prev.tgtTo++, a.tgtFrom++);
			// the reviewer decided about this bead; the one that received its sentence was not reviewed
			out[e.ord - 1] = reshaped(prev);
			out[e.ord] = manual(a);
			if (empty(a, 'src') && empty(a, 'tgt')) out.splice(e.ord, 1);
			return out;
		}
		case 'moveDown': {
			const a = at(e.ord);
			const next = at(e.ord + 1);
			if (!a || !next || a.locked || next.locked || empty(a, e.side)) return null;
			if (e.side === 'src') (a.srcTo--, next.srcFrom--);
			else (a.tgtTo--, next.tgtFrom--);
			out[e.ord] = manual(a);
			out[e.ord + 1] = reshaped(next);
			if (empty(a, 'src') && empty(a, 'tgt')) out.splice(e.ord, 1);
			return out;
		}
		case 'detach': {
			const a = at(e.ord);
			if (!a || a.locked || empty(a, 'src') || empty(a, 'tgt')) return null;
			out.splice(e.ord, 1, manual({ ...a, tgtTo: a.tgtFrom }), manual({ ...a, srcFrom: a.srcTo }));
			return out;
		}
		case 'lock': {
			const a = at(e.ord);
			if (!a) return null;
			out[e.ord] = { ...a, locked: e.locked };
			return out;
		}
	}
}

/** Why `applyEdit` refused an edit, for a reviewer who deserves more than "does not apply". */
export type EditObstacle = { why: 'locked'; ord: number } | { why: 'no_neighbour'; ord: number } | { why: 'nothing_to_move'; ord: number; side: 'src' | 'tgt' };

/** The first obstacle `applyEdit` met for `e`, or null when it has no such reason (a range out of place). */
export function editObstacle(beads: readonly RangeBead[], e: BeadEdit): EditObstacle | null {
	const at = (i: number) => (i >= 0 && i < beads.length ? beads[i] : null);
	const locked = (...ords: number[]): EditObstacle | null => {
		const o = ords.find((i) => at(i)?.locked);
		return o == null ? null : { why: 'locked', ord: o };
	};
	switch (e.op) {
		case 'merge':
			if (!at(e.ord + 1)) return { why: 'no_neighbour', ord: e.ord };
			return locked(e.ord, e.ord + 1);
		case 'split':
			return locked(e.ord);
		case 'moveUp':
		case 'moveDown': {
			const other = e.op === 'moveUp' ? e.ord - 1 : e.ord + 1;
			if (!at(other)) return { why: 'no_neighbour', ord: e.ord };
			const l = locked(e.ord, other);
			if (l) return l;
			const a = at(e.ord);
			return a && empty(a, e.side) ? { why: 'nothing_to_move', ord: e.ord, side: e.side } : null;
		}
		case 'detach':
			return locked(e.ord);
		default:
			return null;
	}
}

/** Beads must tile both sides exactly, in order: checked before anything is stored. */
export function isValidTiling(beads: readonly RangeBead[], nSrc: number, nTgt: number): boolean {
	let s = 0;
	let t = 0;
	for (const b of beads) {
		if (b.srcFrom !== s || b.tgtFrom !== t || b.srcTo < b.srcFrom || b.tgtTo < b.tgtFrom) return false;
		if (b.srcTo === b.srcFrom && b.tgtTo === b.tgtFrom) return false;
		s = b.srcTo;
		t = b.tgtTo;
	}
	return s === nSrc && t === nTgt;
}
