import type { Band } from './band.js';
import type { BeadTypes } from './beadTypes.js';

/**
 * Banded dynamic programming over the alignment lattice. A cell (i, j) is "the first i
 * source and j target sentences are aligned"; a bead of shape (a, b) is an edge from
 * (i−a, j−b) to (i, j). Best costs live in a ring of maxA+1 rows (the DP only looks back
 * maxA rows), backpointers in one byte per band cell: memory is linear in the band.
 *
 * Besides the best path (Viterbi), the same lattice gives each of its beads a posterior
 * probability: soft-min forward and backward passes at temperature τ
 * (α(v) = −τ ln Σ exp(−(α(u)+c)/τ)) give P(edge) = exp(−(α(u) + c + β(v) − Z)/τ),
 * the share of all paths' probability mass that goes through exactly that bead. A bead
 * with close rivals (another split, a neighbouring deletion) gets a low posterior — which
 * is what the confidence must say.
 */

export interface CostFn {
	/** costs of every shape ending at (i, j) into `out` (Infinity where impossible) */
	cellCosts(i: number, j: number, out: Float64Array): void;
}

export interface PathStep {
	/** end cell */
	i: number;
	j: number;
	t: number;
	cost: number;
}

export interface ForwardResult {
	steps: PathStep[];
	total: number;
	/** the path came within 2 cells of a band edge that is not the lattice's border */
	touched: boolean;
	/** rows where it did */
	touchedRows: number[];
	/** soft-min forward value of every band cell (when τ > 0) */
	alpha: Float64Array | null;
	/**
	 * every cell's costs of the shapes with both sides (float32; the others are constants),
	 * kept for the backward sweep when they fit the budget
	 */
	costs: Float32Array | null;
}

/** Floats of cell costs the forward pass may keep for the backward one (128 MB). */
const COST_CACHE_FLOATS = 32_000_000;

/** Shapes with both sides: their cost depends on the cell; the others cost their prior. */
function pairShapes(types: BeadTypes): Int32Array {
	const out: number[] = [];
	for (let t = 0; t < types.a.length; t++) if (types.a[t] && types.b[t]) out.push(t);
	return Int32Array.from(out);
}

const NONE = 255;
/** Soft-min terms (and edge posteriors) below e^-SOFT_CUT are dropped. */
const SOFT_CUT = 30;

/**
 * The forward pass: Viterbi (best cost and backpointer per cell) and, when τ > 0, the
 * soft-min forward values in the same sweep, so each cell's costs are computed once.
 * Memory per band cell: one byte of backpointer, eight of forward value.
 */
export function forward(band: Band, types: BeadTypes, scorer: CostFn, tau: number): ForwardResult {
	const { n, m, lo, hi, off, maxWidth } = band;
	const R = types.maxA + 1;
	const nt = types.a.length;
	const F = new Float64Array(R * maxWidth);
	const bp = new Uint8Array(band.cells).fill(NONE);
	const alpha = tau > 0 ? new Float64Array(band.cells) : null;
	const A = types.a;
	const B = types.b;
	const out = new Float64Array(nt);
	const vals = new Float64Array(nt);
	const pairIdx = pairShapes(types);
	const np = pairIdx.length;
	const costs = alpha && band.cells * np <= COST_CACHE_FLOATS ? new Float32Array(band.cells * np) : null;
	for (let i = 0; i <= n; i++) {
		const r = (i % R) * maxWidth;
		const li = lo[i];
		const oi = off[i] - li;
		for (let j = li; j <= hi[i]; j++) {
			if (i === 0 && j === 0) {
				F[r] = 0;
				if (alpha) alpha[0] = 0;
				continue;
			}
			scorer.cellCosts(i, j, out);
			if (costs) {
				const base = (oi + j) * np;
				for (let k = 0; k < np; k++) costs[base + k] = out[pairIdx[k]];
			}
			let best = Infinity;
			let bt = NONE;
			let count = 0;
			let mn = Infinity;
			for (let t = 0; t < nt; t++) {
				const c0 = out[t];
				if (c0 === Infinity) continue;
				const pi = i - A[t];
				const pj = j - B[t];
				if (pj < lo[pi] || pj > hi[pi]) continue;
				const prev = F[(pi % R) * maxWidth + pj - lo[pi]];
				if (prev !== Infinity) {
					const c = prev + c0;
					if (c < best) {
						best = c;
						bt = t;
					}
				}
				if (alpha) {
					const pa = alpha[off[pi] + pj - lo[pi]];
					if (pa !== Infinity) {
						const v = pa + c0;
						vals[count++] = v;
						if (v < mn) mn = v;
					}
				}
			}
			F[r + j - li] = best;
			bp[oi + j] = bt;
			if (alpha) {
				if (!count) alpha[oi + j] = Infinity;
				else {
					// terms more than SOFT_CUT·τ above the minimum add less than e^-30: skipped
					const cut = mn + SOFT_CUT * tau;
					let sum = 0;
					for (let k = 0; k < count; k++) if (vals[k] < cut) sum += Math.exp((mn - vals[k]) / tau);
					alpha[oi + j] = mn - tau * Math.log(sum);
				}
			}
		}
	}
	const total = F[(n % R) * maxWidth + m - lo[n]];
	const steps: PathStep[] = [];
	let i = n;
	let j = m;
	const touchedRows: number[] = [];
	while (i > 0 || j > 0) {
		const t = bp[off[i] + j - lo[i]];
		if (t === NONE) throw new Error(`align: no path through cell ${i},${j}`); // cannot happen: 1–0 and 0–1 always connect
		if ((lo[i] > 0 && j - lo[i] < 2) || (hi[i] < m && hi[i] - j < 2)) touchedRows.push(i);
		scorer.cellCosts(i, j, out);
		steps.push({ i, j, t, cost: out[t] });
		i -= A[t];
		j -= B[t];
	}
	steps.reverse();
	return { steps, total, touched: touchedRows.length > 0, touchedRows, alpha, costs };
}

/**
 * Posterior probability of each bead on the forward pass's path at temperature τ, from its
 * forward values and a backward soft-min sweep. The backward sweep needs the costs of edges
 * leaving a cell, i.e. of cells up to maxA rows below: it keeps a ring of maxA+1 rows of
 * cell costs, each row computed once.
 */
export interface Posteriors {
	/** posterior of each bead of the path */
	beads: Float64Array;
	/**
	 * probability that each source (target) sentence is left unaligned, summed over every
	 * deletion edge covering it: a run of deletions can be cut into run shapes in many ways,
	 * so one edge's posterior would understate it
	 */
	delS: Float64Array;
	delT: Float64Array;
}

export function posteriors(band: Band, types: BeadTypes, scorer: CostFn, fwd: ForwardResult, tau: number): Posteriors {
	const { n, m, lo, hi, off, maxWidth } = band;
	const alphaAll = fwd.alpha!;
	const cached = fwd.costs;
	const pairIdx = pairShapes(types);
	const np = pairIdx.length;
	const prior = types.prior;
	const steps = fwd.steps;
	const A = types.a;
	const B = types.b;
	const nt = A.length;
	const R = types.maxA + 1;
	const ring = new Float64Array(R * maxWidth * nt);
	const out = new Float64Array(nt);
	const vals = new Float64Array(nt);
	const K = steps.length + 1;
	const cellsI = new Int32Array(K);
	const cellsJ = new Int32Array(K);
	steps.forEach((s, k) => {
		cellsI[k + 1] = s.i;
		cellsJ[k + 1] = s.j;
	});
	// the path visits a contiguous run of cells in each row it enters
	const rowFirst = new Int32Array(n + 1).fill(-1);
	const rowLast = new Int32Array(n + 1).fill(-1);
	for (let k = 0; k < K; k++) {
		if (rowFirst[cellsI[k]] < 0) rowFirst[cellsI[k]] = k;
		rowLast[cellsI[k]] = k;
	}
	const beta = new Float64Array(K);
	const G = new Float64Array(R * maxWidth);
	const Z = alphaAll[off[n] + m - lo[n]];
	const delS = new Float64Array(n);
	const delT = new Float64Array(m);
	const edge = (a: number, c: number, g: number) => {
		const lp = -(a + c + g - Z) / tau;
		return lp >= 0 ? 1 : lp < -SOFT_CUT ? 0 : Math.exp(lp);
	};
	for (let i = n; i >= 0; i--) {
		const r = (i % R) * maxWidth;
		const li = lo[i];
		// costs of this row's cells, for the edges arriving here from above and from the left
		for (let j = li; j <= hi[i]; j++) {
			if (i === 0 && j === 0) continue;
			if (cached) {
				const src = (off[i] + j - li) * np;
				const dst = (r + j - li) * nt;
				for (let t = 0; t < nt; t++) ring[dst + t] = A[t] > i || B[t] > j ? Infinity : prior[t];
				for (let k = 0; k < np; k++) ring[dst + pairIdx[k]] = cached[src + k];
			} else {
				scorer.cellCosts(i, j, out);
				ring.set(out, (r + j - li) * nt);
			}
		}
		for (let j = hi[i]; j >= li; j--) {
			let v = 0;
			if (i !== n || j !== m) {
				let count = 0;
				let mn = Infinity;
				for (let t = 0; t < nt; t++) {
					const ni = i + A[t];
					const nj = j + B[t];
					if (ni > n || nj > m || nj < lo[ni] || nj > hi[ni]) continue;
					const rn = (ni % R) * maxWidth + nj - lo[ni];
					const next = G[rn];
					if (next === Infinity) continue;
					const c0 = ring[rn * nt + t];
					if (c0 === Infinity) continue;
					const x = next + c0;
					vals[count++] = x;
					if (x < mn) mn = x;
				}
				if (!count) v = Infinity;
				else {
					const cut = mn + SOFT_CUT * tau;
					let sum = 0;
					for (let k = 0; k < count; k++) if (vals[k] < cut) sum += Math.exp((mn - vals[k]) / tau);
					v = mn - tau * Math.log(sum);
				}
			}
			G[r + j - li] = v;
		}
		if (rowFirst[i] >= 0) for (let k = rowFirst[i]; k <= rowLast[i]; k++) beta[k] = G[r + cellsJ[k] - li];
		// deletion marginals: edges (0, k) stay in this row, edges (k, 0) come from rows below
		for (let t = 0; t < nt; t++) {
			const a = A[t];
			const b = B[t];
			if (a !== 0 && b !== 0) continue;
			for (let j = li; j <= hi[i]; j++) {
				const au = alphaAll[off[i] + j - li];
				if (au === Infinity) continue;
				const ni = i + a;
				const nj = j + b;
				if (ni > n || nj > m || nj < lo[ni] || nj > hi[ni]) continue;
				const rn = (ni % R) * maxWidth + nj - lo[ni];
				const c = ring[rn * nt + t];
				if (c === Infinity || G[rn] === Infinity) continue;
				const p = edge(au, c, G[rn]);
				if (p === 0) continue;
				if (a === 0) for (let x = j; x < nj; x++) delT[x] += p;
				else for (let x = i; x < ni; x++) delS[x] += p;
			}
		}
	}
	const post = new Float64Array(steps.length);
	for (let k = 0; k < steps.length; k++) {
		const a = alphaAll[off[cellsI[k]] + cellsJ[k] - lo[cellsI[k]]];
		const lp = -(a + steps[k].cost + beta[k + 1] - Z) / tau;
		post[k] = lp >= 0 ? 1 : lp < -700 ? 0 : Math.exp(lp);
	}
	return { beads: post, delS, delT };
}
