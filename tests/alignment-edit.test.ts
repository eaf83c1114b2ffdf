import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdit, type BeadEdit, isValidTiling, type RangeBead } from '../src/core/alignment/beads.js';

const bead = (sf: number, st: number, tf: number, tt: number, extra: Partial<RangeBead> = {}): RangeBead => ({
	srcFrom: sf,
	srcTo: st,
	tgtFrom: tf,
	tgtTo: tt,
	confidence: 0.9,
	evidence: [],
	locked: false,
	manual: false,
	confirmed: false,
	...extra
});
const shape = (bs: RangeBead[] | null) => bs?.map((b) => `${b.srcFrom}-${b.srcTo}:${b.tgtFrom}-${b.tgtTo}`);
// 4 FR × 4 EN, 1–1 all along
const base = () => [bead(0, 1, 0, 1), bead(1, 2, 1, 2), bead(2, 3, 2, 3), bead(3, 4, 3, 4)];

describe('alignment edits', () => {
	it('merge, split, move across a boundary, detach, lock', () => {
		expect(shape(applyEdit(base(), { op: 'merge', ord: 1 }))).toEqual(['0-1:0-1', '1-3:1-3', '3-4:3-4']);
		const merged = applyEdit(base(), { op: 'merge', ord: 1 })!;
		expect(shape(applyEdit(merged, { op: 'split', ord: 1, srcAt: 2, tgtAt: 3 }))).toEqual(['0-1:0-1', '1-2:1-3', '2-3:3-3', '3-4:3-4']);
		expect(shape(applyEdit(base(), { op: 'moveUp', ord: 2, side: 'tgt' }))).toEqual(['0-1:0-1', '1-2:1-3', '2-3:3-3', '3-4:3-4']);
		expect(shape(applyEdit(base(), { op: 'moveDown', ord: 1, side: 'src' }))).toEqual(['0-1:0-1', '1-1:1-2', '1-3:2-3', '3-4:3-4']);
		expect(shape(applyEdit(base(), { op: 'detach', ord: 0 }))).toEqual(['0-1:0-0', '1-1:0-1', '1-2:1-2', '2-3:2-3', '3-4:3-4']);
		const locked = applyEdit(base(), { op: 'lock', ord: 1, locked: true })!;
		expect(locked[1].locked).toBe(true);
		expect(applyEdit(locked, { op: 'merge', ord: 0 })).toBeNull();
		expect(applyEdit(locked, { op: 'moveUp', ord: 2, side: 'src' })).toBeNull();
		expect(applyEdit(base(), { op: 'merge', ord: 3 })).toBeNull();
		expect(applyEdit(base(), { op: 'moveUp', ord: 0, side: 'src' })).toBeNull();
	});

	it('an edited bead is manual, certain and no longer confirmed', () => {
		const b = applyEdit([bead(0, 1, 0, 1, { confirmed: true, confidence: 0.2 }), bead(1, 2, 1, 2)], { op: 'merge', ord: 0 })!;
		expect(b[0]).toMatchObject({ manual: true, confirmed: false, confidence: 1 });
	});

	it('any sequence of edits keeps a tiling of both sides, and `set` with the old beads undoes it', () => {
		const edit: fc.Arbitrary<BeadEdit> = fc.oneof(
			fc.record({ op: fc.constant('merge' as const), ord: fc.nat(8) }),
			fc.record({ op: fc.constant('moveUp' as const), ord: fc.nat(8), side: fc.constantFrom('src' as const, 'tgt' as const) }),
			fc.record({ op: fc.constant('moveDown' as const), ord: fc.nat(8), side: fc.constantFrom('src' as const, 'tgt' as const) }),
			fc.record({ op: fc.constant('detach' as const), ord: fc.nat(8) }),
			fc.record({ op: fc.constant('lock' as const), ord: fc.nat(8), locked: fc.boolean() }),
			fc.record({ op: fc.constant('split' as const), ord: fc.nat(8), srcAt: fc.nat(5), tgtAt: fc.nat(5) })
		);
		fc.assert(
			fc.property(fc.array(edit, { maxLength: 25 }), (edits) => {
				let cur = base();
				for (const e of edits) {
					const before = cur;
					const next = applyEdit(cur, e);
					if (!next) continue;
					expect(isValidTiling(next, 4, 4)).toBe(true);
					expect(applyEdit(next, { op: 'set', beads: before })).toEqual(before);
					cur = next;
				}
			}),
			{ numRuns: 2000 }
		);
	});
});
