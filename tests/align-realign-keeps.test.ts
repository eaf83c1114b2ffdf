import { describe, expect, it } from 'vitest';
import { keptByRealign, type RangeBead, reshapedUnreviewed } from '../src/core/alignment/beads.js';
import type { BeadEdit } from '../src/core/alignment/beads.js';
import { useSeededWorkbench } from './helpers/seeded.js';

const ranges = (b: RangeBead) => ({ srcFrom: b.srcFrom, srcTo: b.srcTo, tgtFrom: b.tgtFrom, tgtTo: b.tgtTo });

describe('re-aligning keeps the beads the reviewer set by hand, not only the locked ones', () => {
	const ctx = useSeededWorkbench();

	/** The first seeded alignment, and a run of eight confident 1–1 beads in it (from bead k − 2). */
	function setting() {
		const wb = ctx.wb;
		const [first] = wb.listDocuments().filter((d) => wb.alignment.alignmentsOf(d.id).length);
		const id = wb.alignment.alignmentsOf(first.id)[0];
		const v = wb.alignment.view(id);
		const one = (b: RangeBead | undefined) => !!b && b.srcTo - b.srcFrom === 1 && b.tgtTo - b.tgtFrom === 1 && b.confidence >= 0.8;
		const k = v.beads.findIndex((_, i) => i >= 2 && [-2, -1, 0, 1, 2, 3, 4, 5].every((d) => one(v.beads[i + d])));
		expect(k).toBeGreaterThanOrEqual(2);
		return { wb, id, v, k, s: v.beads[k].srcFrom, t: v.beads[k].tgtFrom };
	}

	/** Applies an edit that must succeed, to the bead starting at source sentence `src` (with an empty source side or not). */
	function act(id: number, make: (ord: (src: number, emptySrc?: boolean) => number) => BeadEdit) {
		const wb = ctx.wb;
		const v = wb.alignment.view(id);
		const ord = (src: number, emptySrc = false) => v.beads.findIndex((b) => b.srcFrom === src && (b.srcTo === b.srcFrom) === emptySrc);
		const r = wb.alignment.edit(id, v.version, make(ord));
		expect(r.ok).toBe(true);
		return r;
	}

	it('detached, merged and moved beads stay; the aligner’s beads and a reshaped neighbour are aligned again; undo restores all', () => {
		const { wb, id, v, k, s, t } = setting();
		// an aligner's bead (not the reviewer's) that pairs two sentences wrongly: re-align must redo it
		const wrong: RangeBead = { ...v.beads[k - 2], srcTo: s, tgtTo: t, manual: false, locked: false, confirmed: false };
		act(id, () => ({ op: 'set', beads: [...v.beads.slice(0, k - 2), wrong, ...v.beads.slice(k)] }));
		act(id, (ord) => ({ op: 'lock', ord: ord(s + 5), locked: true }));
		// the reviewer pairs two sentences with two, unlocked: the aligner would pair them 1–1
		act(id, (ord) => ({ op: 'merge', ord: ord(s + 3) }));
		// moves an English sentence out of a bead: the bead is theirs, its neighbour is reshaped
		act(id, (ord) => ({ op: 'moveDown', ord: ord(s + 1), side: 'tgt' }));
		// and says a sentence has no counterpart
		const last = act(id, (ord) => ({ op: 'detach', ord: ord(s) }));

		const before = last.view;
		const reviewers = before.beads.filter(keptByRealign);
		expect(reviewers.map(ranges)).toEqual([
			{ srcFrom: s, srcTo: s + 1, tgtFrom: t, tgtTo: t },
			{ srcFrom: s + 1, srcTo: s + 1, tgtFrom: t, tgtTo: t + 1 },
			{ srcFrom: s + 1, srcTo: s + 2, tgtFrom: t + 1, tgtTo: t + 1 },
			{ srcFrom: s + 3, srcTo: s + 5, tgtFrom: t + 3, tgtTo: t + 5 },
			{ srcFrom: s + 5, srcTo: s + 6, tgtFrom: t + 5, tgtTo: t + 6 }
		]);
		expect(before.beads.filter(reshapedUnreviewed).map(ranges)).toEqual([{ srcFrom: s + 2, srcTo: s + 3, tgtFrom: t + 1, tgtTo: t + 3 }]);

		const r = wb.alignment.edit(id, before.version, { op: 'realign' });
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const after = r.view.beads;
		// every locked or hand-set bead is still there, exactly as it was (flags, confidence, evidence)
		for (const b of reviewers) expect(after).toContainEqual(b);
		expect(after.filter(keptByRealign)).toEqual(reviewers);
		// the aligner's wrong 2–2 bead is aligned again into the 1–1 beads it first found
		expect(after.map(ranges)).toContainEqual(ranges(v.beads[k - 2]));
		expect(after.map(ranges)).toContainEqual(ranges(v.beads[k - 1]));
		expect(after.map(ranges)).not.toContainEqual(ranges(wrong));
		// the reshaped neighbour was aligned again: nothing is left "changed, not reviewed"
		expect(after.filter(reshapedUnreviewed)).toEqual([]);
		const s2 = after.find((b) => b.srcFrom === s + 2)!;
		expect(s2.manual).toBe(false);
		expect(s2.evidence.some((e) => e.kind === 'reshaped')).toBe(false);
		// stored, not only returned
		expect(wb.alignment.view(id).beads).toEqual(after);

		// undo gives back every bead as it was before the re-alignment
		const back = wb.alignment.edit(id, r.view.version, r.inverse);
		expect(back.ok).toBe(true);
		expect(back.view.beads).toEqual(before.beads);
		expect(wb.alignment.view(id).beads).toEqual(before.beads);
	});

	it('aligning the same pair again keeps hand-set beads even when none is locked', () => {
		const { wb, id, s, t } = setting();
		act(id, (ord) => ({ op: 'detach', ord: ord(s) }));
		const before = wb.alignment.view(id);
		expect(before.beads.some((b) => b.locked)).toBe(false);
		expect(wb.alignment.alignDocuments(before.source.id, before.target.id)).toBe(id);
		const after = wb.alignment.view(id).beads;
		expect(after.filter(keptByRealign).map(ranges)).toEqual([
			{ srcFrom: s, srcTo: s + 1, tgtFrom: t, tgtTo: t },
			{ srcFrom: s + 1, srcTo: s + 1, tgtFrom: t, tgtTo: t + 1 }
		]);
	});
});
