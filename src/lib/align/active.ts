import { type BeadEdit, needsReview, type RangeBead } from '../../core/alignment/beads.js';

/**
 * The bead to keep active after an edit succeeded, so that the next key acts where the
 * reviewer is looking: a merge with the previous bead (Alt+↑) leaves the merged bead active,
 * not the one after it — else a second Alt+↑ would merge a pair the reviewer never saw.
 */
export function activeAfter(e: BeadEdit | { op: string }, active: number, count: number): number {
	const at = e.op === 'merge' && 'ord' in e && typeof e.ord === 'number' && e.ord < active ? e.ord : active;
	return Math.max(0, Math.min(at, count - 1));
}

/**
 * The next bead after `from` (or before it, `dir` −1) that needs review, or −1: how the
 * reviewer goes from problem to problem without the filter hiding the neighbours a sentence
 * may have to move to.
 */
export function nextToReview(beads: readonly RangeBead[], from: number, dir: 1 | -1): number {
	for (let i = from + dir; i >= 0 && i < beads.length; i += dir) if (needsReview(beads[i])) return i;
	return -1;
}
