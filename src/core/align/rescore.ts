import { fullBand } from './band.js';
import { BeadScorer, pairMatrix, sideArrays } from './cost.js';
import type { Level, RangeBead } from './engine.js';

/** A bead given by half-open sentence ranges, as the alignment view stores it. */
export interface BeadRange {
	srcFrom: number;
	srcTo: number;
	tgtFrom: number;
	tgtTo: number;
	/** the bead before (after) it is a reviewer's decision: paths start (end) at its edge */
	startsFixed?: boolean;
	endsFixed?: boolean;
}

/** Beads of the aligner's own path taken on each side of the bead being scored. */
const CONTEXT_BEADS = 3;

/**
 * The model's posterior that `q` is exactly right — the quantity the aligner's confidence
 * calibrates — for a bead the aligner did not choose (a reviewer's edit reshaped it).
 *
 * The lattice is a window of the last pass's sentence level: from a few of the aligner's own
 * beads before `q` to a few after it, so `q` competes with every local rival (a sentence
 * more or less, a deletion) under the same costs, length model and learned lexicon as the
 * aligner's beads did. The window's ends are cells of the aligner's path, i.e. points the
 * model believes aligned. A bead with an empty side gets the probability that its sentences
 * have no counterpart (the least of its sentences'), as the aligner's deletions do; a shape
 * the model does not allow (5–1) gets 0. A neighbour the reviewer set (`startsFixed`,
 * `endsFixed`) bounds the lattice: the bead is judged given their decision.
 */
export function beadPosterior(level: Level, path: readonly RangeBead[], q: BeadRange, tau: number): number {
	const types = level.model.types;
	// window ends on the aligner's path, CONTEXT_BEADS beads beyond the bead on both sides
	let k0 = 0;
	while (k0 < path.length && path[k0].s1 <= q.srcFrom && path[k0].t1 <= q.tgtFrom) k0++;
	k0 = Math.max(0, k0 - CONTEXT_BEADS);
	let k1 = path.length - 1;
	while (k1 >= 0 && path[k1].s0 >= q.srcTo && path[k1].t0 >= q.tgtTo) k1--;
	k1 = Math.min(path.length - 1, k1 + CONTEXT_BEADS);
	let ws0 = Math.min(q.srcFrom, path[k0]?.s0 ?? 0);
	let wt0 = Math.min(q.tgtFrom, path[k0]?.t0 ?? 0);
	let ws1 = Math.max(q.srcTo, path[k1]?.s1 ?? level.src.n);
	let wt1 = Math.max(q.tgtTo, path[k1]?.t1 ?? level.tgt.n);
	// inside one paragraph bead of a two-level alignment, the lattice the aligner searched is
	// that paragraph bead: the same one here, so that the bead meets the same rivals
	const inside = paragraphRange(path, q);
	if (inside) [ws0, ws1, wt0, wt1] = inside;
	// what the reviewer decided next to the bead is taken as given: the bead is scored
	// against the rivals that remain once their decision stands
	if (q.startsFixed) [ws0, wt0] = [q.srcFrom, q.tgtFrom];
	if (q.endsFixed) [ws1, wt1] = [q.srcTo, q.tgtTo];
	const n = ws1 - ws0;
	const m = wt1 - wt0;
	const band = fullBand(n, m);
	const S = sideArrays(level.src.len.subarray(ws0, ws1), level.WS.subarray(ws0, ws1), level.kindsS?.subarray(ws0, ws1), level.orphanS?.subarray(ws0, ws1));
	const T = sideArrays(level.tgt.len.subarray(wt0, wt1), level.WT.subarray(wt0, wt1), level.kindsT?.subarray(wt0, wt1), level.orphanT?.subarray(wt0, wt1));
	const scorer = new BeadScorer(S, T, pairMatrix(band, types.pairMaxA, types.pairMaxB, level.links, ws0, wt0), level.model);
	const nt = types.a.length;
	const W = m + 1;
	const cell = (i: number, j: number) => i * W + j;
	// every cell's shape costs, then soft-min forward (alpha) and backward (beta) values
	const costs = new Float64Array((n + 1) * W * nt).fill(Infinity);
	const out = new Float64Array(nt);
	for (let i = 0; i <= n; i++)
		for (let j = 0; j <= m; j++) {
			if (!i && !j) continue;
			scorer.cellCosts(i, j, out);
			costs.set(out, cell(i, j) * nt);
		}
	const softmin = (vals: number[]) => {
		const mn = Math.min(...vals);
		if (mn === Infinity) return Infinity;
		let sum = 0;
		for (const v of vals) sum += Math.exp((mn - v) / tau);
		return mn - tau * Math.log(sum);
	};
	const alpha = new Float64Array((n + 1) * W).fill(Infinity);
	alpha[0] = 0;
	for (let i = 0; i <= n; i++)
		for (let j = 0; j <= m; j++) {
			if (!i && !j) continue;
			const vals: number[] = [];
			for (let t = 0; t < nt; t++) {
				const pi = i - types.a[t];
				const pj = j - types.b[t];
				if (pi < 0 || pj < 0) continue;
				vals.push(alpha[cell(pi, pj)] + costs[cell(i, j) * nt + t]);
			}
			alpha[cell(i, j)] = softmin(vals);
		}
	const beta = new Float64Array((n + 1) * W).fill(Infinity);
	beta[cell(n, m)] = 0;
	for (let i = n; i >= 0; i--)
		for (let j = m; j >= 0; j--) {
			if (i === n && j === m) continue;
			const vals: number[] = [];
			for (let t = 0; t < nt; t++) {
				const ni = i + types.a[t];
				const nj = j + types.b[t];
				if (ni > n || nj > m) continue;
				vals.push(beta[cell(ni, nj)] + costs[cell(ni, nj) * nt + t]);
			}
			beta[cell(i, j)] = softmin(vals);
		}
	const Z = alpha[cell(n, m)];
	if (Z === Infinity) return 0;
	const edge = (i0: number, j0: number, t: number) => {
		const i1 = i0 + types.a[t];
		const j1 = j0 + types.b[t];
		if (i1 > n || j1 > m) return 0;
		const lp = -(alpha[cell(i0, j0)] + costs[cell(i1, j1) * nt + t] + beta[cell(i1, j1)] - Z) / tau;
		return lp >= 0 ? 1 : Math.exp(lp);
	};
	const i0 = q.srcFrom - ws0;
	const j0 = q.tgtFrom - wt0;
	const a = q.srcTo - q.srcFrom;
	const b = q.tgtTo - q.tgtFrom;
	if (a && b) {
		for (let t = 0; t < nt; t++) if (types.a[t] === a && types.b[t] === b) return Math.min(1, edge(i0, j0, t));
		return 0;
	}
	// an empty side: each sentence's probability of having no counterpart, summed over every
	// deletion edge covering it (a run can be cut into run shapes in many ways)
	const lone = (x: number, side: 'src' | 'tgt') => {
		let p = 0;
		for (let t = 0; t < nt; t++) {
			const da = types.a[t];
			const db = types.b[t];
			if (side === 'src' ? !da || db : !db || da) continue;
			const len = side === 'src' ? da : db;
			for (let start = Math.max(0, x - len + 1); start <= x; start++)
				for (let other = 0; other <= (side === 'src' ? m : n); other++) p += side === 'src' ? edge(start, other, t) : edge(other, start, t);
		}
		return Math.min(1, p);
	};
	let p = 1;
	for (let x = i0; x < i0 + a; x++) p = Math.min(p, lone(x, 'src'));
	for (let x = j0; x < j0 + b; x++) p = Math.min(p, lone(x, 'tgt'));
	return p;
}

/** The sentence ranges [s0, s1, t0, t1) of the paragraph bead holding all of `q`, if one does. */
function paragraphRange(path: readonly RangeBead[], q: BeadRange): [number, number, number, number] | null {
	const key = (b: RangeBead) => (b.para ? b.para.join(',') : null);
	const overlaps = (b: RangeBead) => (b.s0 < q.srcTo && q.srcFrom < b.s1) || (b.t0 < q.tgtTo && q.tgtFrom < b.t1);
	const keys = new Set(path.filter(overlaps).map(key));
	if (keys.size !== 1) return null;
	const k = [...keys][0];
	if (k == null) return null;
	const group = path.filter((b) => key(b) === k);
	const r: [number, number, number, number] = [Math.min(...group.map((b) => b.s0)), Math.max(...group.map((b) => b.s1)), Math.min(...group.map((b) => b.t0)), Math.max(...group.map((b) => b.t1))];
	return r[0] <= q.srcFrom && q.srcTo <= r[1] && r[2] <= q.tgtFrom && q.tgtTo <= r[3] ? r : null;
}
