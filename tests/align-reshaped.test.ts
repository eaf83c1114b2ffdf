import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { align, beadCorrectness, parseBeads } from '../src/core/align/index.js';
import { applyEdit, needsRescore, type RangeBead, reshapedUnreviewed, UNSURE_BELOW } from '../src/core/alignment/beads.js';
import { useSeededWorkbench } from './helpers/seeded.js';

const bead = (sf: number, st: number, tf: number, tt: number, extra: Partial<RangeBead> = {}): RangeBead => ({
	srcFrom: sf,
	srcTo: st,
	tgtFrom: tf,
	tgtTo: tt,
	confidence: 0.9,
	evidence: [{ kind: 'identical' }],
	locked: false,
	manual: false,
	confirmed: true,
	...extra
});
const four = () => [bead(0, 1, 0, 1), bead(1, 2, 1, 2), bead(2, 3, 2, 3), bead(3, 4, 3, 4)];

describe('moving a sentence: the neighbour is reshaped, not reviewed', () => {
	it('only the bead acted on becomes manual; the neighbour is marked for rescoring', () => {
		const down = applyEdit(four(), { op: 'moveDown', ord: 1, side: 'tgt' })!;
		expect(down[1]).toMatchObject({ srcFrom: 1, srcTo: 2, tgtFrom: 1, tgtTo: 1, manual: true, confidence: 1 });
		expect(down[2]).toMatchObject({ tgtFrom: 1, tgtTo: 3, manual: false, confirmed: false });
		expect(needsRescore(down[2])).toBe(true);
		expect(reshapedUnreviewed(down[2])).toBe(true);
		// the beads nobody touched keep what they had
		expect(down[0]).toEqual(four()[0]);
		const up = applyEdit(four(), { op: 'moveUp', ord: 2, side: 'src' })!;
		expect(up[2]).toMatchObject({ srcFrom: 3, srcTo: 3, manual: true });
		expect(up[1]).toMatchObject({ srcFrom: 1, srcTo: 3, manual: false, confirmed: false });
		expect(needsRescore(up[1])).toBe(true);
		// the reviewer then acting on it makes it theirs
		const merged = applyEdit(up, { op: 'merge', ord: 1 })!;
		expect(reshapedUnreviewed(merged[1])).toBe(false);
	});
});

describe('alignment service: a reshaped neighbour gets the model’s confidence', () => {
	const ctx = useSeededWorkbench();
	/** The first seeded alignment and a run of three confident 1–1 beads in it. */
	function setting() {
		const wb = ctx.wb;
		const [first] = wb.listDocuments().filter((d) => wb.alignment.alignmentsOf(d.id).length);
		const id = wb.alignment.alignmentsOf(first.id)[0];
		const v = wb.alignment.view(id);
		const one = (b: RangeBead) => b.srcTo - b.srcFrom === 1 && b.tgtTo - b.tgtFrom === 1 && b.confidence >= 0.8;
		const k = v.beads.findIndex((b, i) => i > 0 && one(b) && one(v.beads[i + 1]) && one(v.beads[i - 1]));
		expect(k).toBeGreaterThan(0);
		return { wb, id, v, k };
	}

	it('moving the English sentence of a right bead into the next one leaves that one low, not 100 % manual', () => {
		const { wb, id, v, k } = setting();
		const r = wb.alignment.edit(id, v.version, { op: 'moveDown', ord: k, side: 'tgt' });
		expect(r.ok).toBe(true);
		const after = r.view.beads;
		expect(after[k]).toMatchObject({ manual: true, confidence: 1, tgtFrom: v.beads[k].tgtFrom, tgtTo: v.beads[k].tgtFrom });
		const n = after[k + 1];
		expect(n).toMatchObject({ manual: false, srcFrom: v.beads[k + 1].srcFrom, tgtFrom: v.beads[k].tgtFrom, tgtTo: v.beads[k + 1].tgtTo });
		// one French sentence against two English ones, one of which belongs elsewhere: the model says so
		expect(n.confidence).toBeLessThan(UNSURE_BELOW);
		expect(n.evidence[0]).toEqual({ kind: 'reshaped' });
		expect(n.evidence.some((e) => e.kind === 'length')).toBe(true);
		expect(reshapedUnreviewed(n)).toBe(true);

		// putting the sentence back from the neighbour: the neighbour is now the reviewer's, and
		// the bead that gets its sentence back scores as the aligner scored it
		const back = wb.alignment.edit(id, r.view.version, { op: 'moveUp', ord: k + 1, side: 'tgt' });
		expect(back.ok).toBe(true);
		const again = back.view.beads[k];
		expect(again).toMatchObject({ srcFrom: v.beads[k].srcFrom, tgtFrom: v.beads[k].tgtFrom, tgtTo: v.beads[k].tgtTo, manual: false });
		expect(again.confidence).toBeGreaterThanOrEqual(0.8);
		expect(Math.abs(again.confidence - v.beads[k].confidence)).toBeLessThan(0.1);
		expect(back.view.beads[k + 1]).toMatchObject({ manual: true, confidence: 1 });
	});

	it('a bead the reviewer pairs by hand is taken as given: cutting a 2–2 bead in two 1–1 scores the second given the first', () => {
		const wb = ctx.wb;
		// the seeded statement's 2–2 bead, which the gold cuts into two 1–1 beads
		const docs = wb.listDocuments().filter((d) => wb.alignment.alignmentsOf(d.id).length);
		const found = docs.map((d) => wb.alignment.alignmentsOf(d.id)[0]).map((id) => ({ id, v: wb.alignment.view(id) })).map(({ id, v }) => ({ id, v, k: v.beads.findIndex((b) => b.srcTo - b.srcFrom === 2 && b.tgtTo - b.tgtFrom === 2) })).find((x) => x.k >= 0);
		expect(found).toBeTruthy();
		const { id, v, k } = found!;
		const b = v.beads[k];
		const split = wb.alignment.edit(id, v.version, { op: 'split', ord: k, srcAt: b.srcFrom + 1, tgtAt: b.tgtTo });
		expect(split.ok).toBe(true);
		const moved = wb.alignment.edit(id, split.view.version, { op: 'moveDown', ord: k, side: 'tgt' });
		expect(moved.ok).toBe(true);
		const [first, second] = moved.view.beads.slice(k, k + 2);
		expect(first).toMatchObject({ srcFrom: b.srcFrom, srcTo: b.srcFrom + 1, tgtFrom: b.tgtFrom, tgtTo: b.tgtFrom + 1, manual: true });
		expect(second).toMatchObject({ srcFrom: b.srcFrom + 1, srcTo: b.srcTo, tgtFrom: b.tgtFrom + 1, tgtTo: b.tgtTo, manual: false });
		// given the reviewer's first pair, the only pairing left for these two sentences is each other
		expect(second.confidence).toBeGreaterThanOrEqual(UNSURE_BELOW);
	});

	it('a low reshaped neighbour is not sent to the TM by a confirmation from 50 %, and undo restores its old score', () => {
		const { wb, id, v, k } = setting();
		const r = wb.alignment.edit(id, v.version, { op: 'moveDown', ord: k, side: 'tgt' });
		expect(r.ok).toBe(true);
		wb.alignment.confirm(id, { minConfidence: 0.5 });
		const confirmed = wb.alignment.view(id);
		expect(confirmed.beads[k + 1].confirmed).toBe(false);
		expect(confirmed.beads[k + 2].confirmed).toBe(true);
		if (!r.ok) return;
		const undone = wb.alignment.edit(id, confirmed.version, r.inverse);
		expect(undone.ok).toBe(true);
		expect(undone.view.beads[k + 1]).toMatchObject({ confidence: v.beads[k + 1].confidence, manual: false });
	});
});

describe('the aligner scores a bead it did not choose (German–French development set)', () => {
	const dir = join(import.meta.dirname, '..', '..', 'shared', 'data', 'align-dev');
	const lines = (f: string) => readFileSync(join(dir, f), 'utf8').replace(/\n$/, '').split('\n').map((text) => ({ text }));

	it('gives its own beads the confidence it gave them, and a sentence moved into a right bead makes it unsure', () => {
		const de = lines('dev.de');
		const fr = lines('dev.fr');
		const gold = parseBeads(readFileSync(join(dir, 'dev.defr'), 'utf8'));
		const res = align(de, fr, { srcLang: 'de', tgtLang: 'fr' });
		let s = 0;
		let t = 0;
		const own = res.beads.map((b) => {
			const q = { srcFrom: s, srcTo: s + b.src.length, tgtFrom: t, tgtTo: t + b.tgt.length };
			[s, t] = [q.srcTo, q.tgtTo];
			return q;
		});
		const ok = beadCorrectness(gold, res.beads);
		// the last target sentence of a right bead moved into the next bead, itself right
		const moved = own.flatMap((q, k) => (k + 1 < own.length && ok[k] && ok[k + 1] && q.tgtTo > q.tgtFrom && q.srcTo > q.srcFrom && own[k + 1].srcTo > own[k + 1].srcFrom ? [{ ...own[k + 1], tgtFrom: own[k + 1].tgtFrom - 1 }] : []));
		expect(moved.length).toBeGreaterThan(300);
		const again = align(de, fr, { srcLang: 'de', tgtLang: 'fr', rescore: [...own, ...moved] }).rescored!;
		const mine = again.slice(0, own.length);
		const diff = mine.reduce((a, r, k) => a + Math.abs(r.confidence - res.beads[k].confidence), 0) / own.length;
		expect(diff).toBeLessThan(0.01);
		expect(mine.map((r) => r.src)).toEqual(res.beads.map((b) => b.src));
		const wrong = again.slice(own.length);
		expect(wrong.filter((r) => r.confidence < 0.5).length / wrong.length).toBeGreaterThan(0.97);
	});
});
