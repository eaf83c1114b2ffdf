import type { Band } from './band.js';
import type { BeadTypes } from './beadTypes.js';

/**
 * Banded dynamic programming over the alignment lattice. A cell (i, j) is "the first i
 * source and j target sentences are aligned"; a bead of shape (a, b) is an edge from
 * (i−a, j−b) to (i, j). Costs live in a ring of maxA+1 rows (the DP only looks back maxA
 * rows), backpointers in one byte per band cell: memory is linear in the band.
 *
 * Besides the best path (Viterbi), the same lattice gives each of its beads a posterior
 * probability: soft-min forward and backward passes at temperature τ
 * (α(v) = −τ ln Σ exp(−(α(u)+c)/τ)) give P(edge) = exp(−(α(u) + c + β(v) − Z)/τ),
 * the share of all paths' probability mass that goes through exactly that bead. A bead
 * with close rivals (another split, a neighbouring deletion) gets a low posterior — which
 * is what the confidence must say.
 */

export interface CostFn {
	cost(t: number, i: number, j: number): number;
}

export interface PathStep {
	/** end cell */
	i: number;
	j: number;
	t: number;
	cost: number;
}

export interface ViterbiResult {
	steps: PathStep[];
	total: number;
	/** the path came within 2 cells of a band edge that is not the lattice's border */
	touched: boolean;
}

const NONE = 255;

export function viterbi(band: Band, types: BeadTypes, scorer: CostFn): ViterbiResult {
	const { n, m, lo, hi, off, maxWidth } = band;
	const R = types.maxA + 1;
	const nt = types.a.length;
	const F = new Float64Array(R * maxWidth);
	const bp = new Uint8Array(band.cells).fill(NONE);
	const A = types.a;
	const B = types.b;
	for (let i = 0; i <= n; i++) {
		const r = (i % R) * maxWidth;
		const li = lo[i];
		for (let j = li; j <= hi[i]; j++) {
			if (i === 0 && j === 0) {
				F[r] = 0;
				continue;
			}
			let best = Infinity;
			let bt = NONE;
			for (let t = 0; t < nt; t++) {
				const pi = i - A[t];
				const pj = j - B[t];
				if (pi < 0 || pj < 0 || pj < lo[pi] || pj > hi[pi]) continue;
				const prev = F[(pi % R) * maxWidth + pj - lo[pi]];
				if (prev === Infinity) continue;
				const c = prev + scorer.cost(t, i, j);
				if (c < best) {
					best = c;
					bt = t;
				}
			}
			F[r + j - li] = best;
			bp[off[i] + j - li] = bt;
		}
	}
	const total = F[(n % R) * maxWidth + m - lo[n]];
	const steps: PathStep[] = [];
	let i = n;
	let j = m;
	let touched = false;
	while (i > 0 || j > 0) {
		const t = bp[off[i] + j - lo[i]];
		if (t === NONE) throw new Error(`align: no path through cell ${i},${j}`); // cannot happen: 1–0 and 0–1 always connect
		if ((lo[i] > 0 && j - lo[i] < 2) || (hi[i] < m && hi[i] - j < 2)) touched = true;
		steps.push({ i, j, t, cost: scorer.cost(t, i, j) });
		i -= A[t];
		j -= B[t];
	}
	steps.reverse();
	return { steps, total, touched };
}

/** −τ ln Σ exp(−x/τ) over the values pushed, stable for any range. */
class SoftMin {
	private xs: number[] = [];
	reset() {
		this.xs.length = 0;
	}
	push(x: number) {
		if (x !== Infinity) this.xs.push(x);
	}
	value(tau: number): number {
		const xs = this.xs;
		if (!xs.length) return Infinity;
		let mn = xs[0];
		for (let k = 1; k < xs.length; k++) if (xs[k] < mn) mn = xs[k];
		let s = 0;
		for (let k = 0; k < xs.length; k++) s += Math.exp(-(xs[k] - mn) / tau);
		return mn - tau * Math.log(s);
	}
}

/**
 * Posterior probability of each bead on `steps` (the Viterbi path) at temperature τ.
 * Forward values are recorded at the path's start cells, backward values at its end cells.
 */
export function posteriors(band: Band, types: BeadTypes, scorer: CostFn, steps: PathStep[], tau: number): Float64Array {
	const { n, m, lo, hi, maxWidth } = band;
	const A = types.a;
	const B = types.b;
	const nt = A.length;
	const R = types.maxA + 1;
	// path cells per row: the path visits a contiguous run of columns in a row (0–1 moves)
	const cellsI: number[] = [0];
	const cellsJ: number[] = [0];
	for (const s of steps) {
		cellsI.push(s.i);
		cellsJ.push(s.j);
	}
	const K = cellsI.length;
	const rowFirst = new Int32Array(n + 1).fill(-1);
	const rowLast = new Int32Array(n + 1).fill(-1);
	for (let k = 0; k < K; k++) {
		if (rowFirst[cellsI[k]] < 0) rowFirst[cellsI[k]] = k;
		rowLast[cellsI[k]] = k;
	}
	const alpha = new Float64Array(K);
	const beta = new Float64Array(K);
	const sm = new SoftMin();

	const F = new Float64Array(R * maxWidth);
	for (let i = 0; i <= n; i++) {
		const r = (i % R) * maxWidth;
		const li = lo[i];
		for (let j = li; j <= hi[i]; j++) {
			let v: number;
			if (i === 0 && j === 0) v = 0;
			else {
				sm.reset();
				for (let t = 0; t < nt; t++) {
					const pi = i - A[t];
					const pj = j - B[t];
					if (pi < 0 || pj < 0 || pj < lo[pi] || pj > hi[pi]) continue;
					const prev = F[(pi % R) * maxWidth + pj - lo[pi]];
					if (prev === Infinity) continue;
					sm.push(prev + scorer.cost(t, i, j));
				}
				v = sm.value(tau);
			}
			F[r + j - li] = v;
		}
		if (rowFirst[i] >= 0) for (let k = rowFirst[i]; k <= rowLast[i]; k++) alpha[k] = F[r + cellsJ[k] - li];
	}
	const Z = F[(n % R) * maxWidth + m - lo[n]];

	const G = new Float64Array(R * maxWidth);
	for (let i = n; i >= 0; i--) {
		const r = (i % R) * maxWidth;
		const li = lo[i];
		for (let j = hi[i]; j >= li; j--) {
			let v: number;
			if (i === n && j === m) v = 0;
			else {
				sm.reset();
				for (let t = 0; t < nt; t++) {
					const ni = i + A[t];
					const nj = j + B[t];
					if (ni > n || nj > m || nj < lo[ni] || nj > hi[ni]) continue;
					const next = G[(ni % R) * maxWidth + nj - lo[ni]];
					if (next === Infinity) continue;
					sm.push(next + scorer.cost(t, ni, nj));
				}
				v = sm.value(tau);
			}
			G[r + j - li] = v;
		}
		if (rowFirst[i] >= 0) for (let k = rowFirst[i]; k <= rowLast[i]; k++) beta[k] = G[r + cellsJ[k] - li];
	}

	const post = new Float64Array(steps.length);
	for (let k = 0; k < steps.length; k++) {
		const lp = -(alpha[k] + steps[k].cost + beta[k + 1] - Z) / tau;
		post[k] = lp >= 0 ? 1 : lp < -700 ? 0 : Math.exp(lp);
	}
	return post;
}
