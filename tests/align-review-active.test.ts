import { describe, expect, it } from 'vitest';
import type { RangeBead } from '../src/core/alignment/beads.js';
import { activeAfter, nextToReview } from '../src/lib/align/active.js';

describe('the active bead after an edit', () => {
	it('a merge with the previous bead keeps the merged bead active', () => {
		// Alt+↑ on bead 11 (index 10) merges 9 and 10: the merged bead is index 9
		expect(activeAfter({ op: 'merge', ord: 9 }, 10, 60)).toBe(9);
	});
	it('other edits keep the index, within the beads there are', () => {
		expect(activeAfter({ op: 'merge', ord: 10 }, 10, 60)).toBe(10);
		expect(activeAfter({ op: 'detach', ord: 10 }, 10, 61)).toBe(10);
		expect(activeAfter({ op: 'moveDown', ord: 59, side: 'tgt' }, 59, 59)).toBe(58);
		expect(activeAfter({ op: 'realign' }, 3, 0)).toBe(0);
	});
});

describe('the next bead to review', () => {
	const b = (sf: number, st: number, tf: number, tt: number, confidence: number): RangeBead => ({ srcFrom: sf, srcTo: st, tgtFrom: tf, tgtTo: tt, confidence, evidence: [], locked: false, manual: false, confirmed: false });
	// sure, unsure, sure, unmatched (whatever its confidence), sure
	const beads = [b(0, 1, 0, 1, 0.9), b(1, 2, 1, 2, 0.3), b(2, 3, 2, 3, 0.95), b(3, 4, 3, 3, 0.99), b(4, 5, 3, 4, 0.9)];
	it('goes forward and back among the beads that need review, and says when there is none', () => {
		expect(nextToReview(beads, 0, 1)).toBe(1);
		expect(nextToReview(beads, 1, 1)).toBe(3);
		expect(nextToReview(beads, 3, 1)).toBe(-1);
		expect(nextToReview(beads, 4, -1)).toBe(3);
		expect(nextToReview(beads, 1, -1)).toBe(-1);
	});
});
