import type { Band } from './band.js';
import type { BeadTypes } from './beadTypes.js';
import { lengthCost, type LengthModel, TABLE, TABLE_SIZE, TABLE_STEPS } from './length.js';
import type { Links } from './links.js';

/**
 * The cost of one bead: −ln prior(shape) + length cost + lexical cost.
 *
 * The lexical cost is a log-likelihood ratio over the bead's matchable evidence. Let M be
 * the weight of keys the two sides share and W̄ the mean matchable weight of the sides. If
 * each unit of evidence is matched with probability p₁ in a true bead and p₀ between
 * unrelated sentences (both measured on the document), the evidence for the bead is
 * M·ln(p₁/p₀) − (W̄−M)·ln((1−p₀)/(1−p₁)). Units are not independent, so the sum is scaled
 * by γ < 1. A bead of two unrelated long sentences thus costs more than deleting both, and
 * a sentence only joins a bead if it brings its share of matches — which is what keeps
 * 1–2 and 2–1 honest without hand-set merge penalties.
 */
export interface LexicalModel {
	/** probability a unit of evidence matches in a true bead */
	p1: number;
	/** … between unrelated sentences */
	p0: number;
	/** scale of the log-likelihood ratio (dependence between units) */
	gamma: number;
	/** scale of the penalty for unmatched evidence (defaults to gamma) */
	gammaMiss?: number;
}

export interface CostModel {
	length: LengthModel;
	lexical: LexicalModel;
	/** cost of each orphan number (see features.orphanNumbers) inside a bead with both sides */
	orphanCost: number;
	/** weight of the length cost */
	lengthWeight: number;
	types: BeadTypes;
}

/** Pairwise matched weight of sentence pairs near the band (band-shaped, float32). */
export interface PairMatrix {
	lo: Int32Array;
	hi: Int32Array;
	off: Int32Array;
	val: Float32Array;
}

/** Sentence kinds as small integers for the structural constraints. */
export const KIND_CODE = { body: 0, heading: 1, footnote: 2, list_item: 3 } as const;

/**
 * Matched weight for every unit pair a bead inside `band` can contain, from the occurrence
 * links (see links.ts). Rows are local to the range starting at (s0, t0).
 */
export function pairMatrix(band: Band, maxA: number, maxB: number, links: Links, s0: number, t0: number): PairMatrix {
	const { n, m } = band;
	const lo = new Int32Array(Math.max(n, 0));
	const hi = new Int32Array(Math.max(n, 0));
	const off = new Int32Array(n + 1);
	for (let i = 0; i < n; i++) {
		lo[i] = Math.max(0, band.lo[i + 1] - maxB);
		hi[i] = Math.min(m - 1, band.hi[Math.min(n, i + maxA)] - 1);
		off[i + 1] = off[i] + Math.max(0, hi[i] - lo[i] + 1);
	}
	const val = new Float32Array(off[n]);
	for (let i = 0; i < n; i++) {
		const l = lo[i];
		const h = hi[i];
		const gi = i + s0;
		for (let p = links.start[gi]; p < links.start[gi + 1]; p++) {
			const j = links.j[p] - t0;
			if (j >= l && j <= h) val[off[i] + j - l] += links.w[p];
		}
	}
	return { lo, hi, off, val };
}

export interface SideArrays {
	/** prefix sums of content length */
	cumLen: Float64Array;
	/** prefix sums of matchable weight */
	cumW: Float64Array;
	/** prefix sums of orphan numbers */
	cumOrphan: Float64Array;
	/** prefix counts of headings, footnotes, list items */
	cumHead: Int32Array;
	cumFoot: Int32Array;
	cumList: Int32Array;
}

export function sideArrays(len: Float64Array, W: Float64Array, kinds?: Uint8Array, orphans?: Float64Array): SideArrays {
	const n = len.length;
	const cumLen = new Float64Array(n + 1);
	const cumW = new Float64Array(n + 1);
	const cumOrphan = new Float64Array(n + 1);
	const cumHead = new Int32Array(n + 1);
	const cumFoot = new Int32Array(n + 1);
	const cumList = new Int32Array(n + 1);
	for (let i = 0; i < n; i++) {
		cumLen[i + 1] = cumLen[i] + len[i];
		cumW[i + 1] = cumW[i] + W[i];
		cumOrphan[i + 1] = cumOrphan[i] + (orphans ? orphans[i] : 0);
		const k = kinds ? kinds[i] : 0;
		cumHead[i + 1] = cumHead[i] + (k === KIND_CODE.heading ? 1 : 0);
		cumFoot[i + 1] = cumFoot[i] + (k === KIND_CODE.footnote ? 1 : 0);
		cumList[i + 1] = cumList[i] + (k === KIND_CODE.list_item ? 1 : 0);
	}
	return { cumLen, cumW, cumOrphan, cumHead, cumFoot, cumList };
}

/** Extra cost when a list item meets plain text: allowed (translators re-lay lists), but disfavoured. */
const LIST_MISMATCH = 1.5;

/** Evaluates bead costs; the DP asks for all shapes ending at a cell at once. */
export class BeadScorer {
	private readonly alpha: number;
	private readonly beta: number;
	/** pair values of the block of sentences a bead ending at the current cell can hold, then 2-D prefix sums */
	private readonly block: Float64Array;
	private readonly tmp: Float64Array;
	private readonly bw: number;
	// hot-loop copies (the DP calls cellCosts for every band cell)
	private readonly A: Int32Array;
	private readonly B: Int32Array;
	private readonly prior: Float64Array;
	private readonly pairShapes: Int32Array;
	private readonly constShapes: Int32Array;
	private readonly hasKinds: boolean;
	private readonly ls: Float64Array;
	private readonly lt: Float64Array;
	private readonly wsA: Float64Array;
	private readonly wtB: Float64Array;
	/** the length-cost table, held locally: an imported binding costs a getter call per access under some loaders */
	private readonly table: Float64Array;
	private readonly tableSteps: number;
	private readonly tableLast: number;
	constructor(
		readonly S: SideArrays,
		readonly T: SideArrays,
		readonly pairs: PairMatrix,
		readonly model: CostModel
	) {
		const { p1, p0, gamma, gammaMiss } = model.lexical;
		this.alpha = gamma * Math.log(p1 / p0);
		this.beta = (gammaMiss ?? gamma) * Math.log((1 - p0) / (1 - p1));
		const types = model.types;
		this.bw = types.pairMaxB + 1;
		this.block = new Float64Array((types.pairMaxA + 1) * this.bw);
		this.tmp = new Float64Array(types.a.length);
		this.A = types.a;
		this.B = types.b;
		this.prior = types.prior;
		const pairsIdx: number[] = [];
		const consts: number[] = [];
		for (let t = 0; t < types.a.length; t++) (types.a[t] && types.b[t] ? pairsIdx : consts).push(t);
		this.pairShapes = Int32Array.from(pairsIdx);
		this.constShapes = Int32Array.from(consts);
		const last = (x: Int32Array) => x[x.length - 1];
		this.hasKinds = last(S.cumHead) + last(S.cumFoot) + last(S.cumList) + last(T.cumHead) + last(T.cumFoot) + last(T.cumList) > 0;
		this.ls = new Float64Array(types.pairMaxA + 1);
		this.wsA = new Float64Array(types.pairMaxA + 1);
		this.lt = new Float64Array(types.pairMaxB + 1);
		this.wtB = new Float64Array(types.pairMaxB + 1);
		this.table = TABLE;
		this.tableSteps = TABLE_STEPS;
		this.tableLast = TABLE_SIZE - 1;
	}

	/** Matched weight between source sentences [i0, i1) and target sentences [j0, j1). */
	matched(i0: number, i1: number, j0: number, j1: number): number {
		const { lo, hi, off, val } = this.pairs;
		let s = 0;
		for (let i = i0; i < i1; i++) {
			const l = lo[i];
			const h = hi[i];
			const a = j0 > l ? j0 : l;
			const b = j1 - 1 < h ? j1 - 1 : h;
			const base = off[i] - l;
			for (let j = a; j <= b; j++) s += val[base + j];
		}
		return s;
	}

	/**
	 * Costs of every shape ending at cell (i, j) into `out` (Infinity where the shape does
	 * not fit). Shared work is done once per cell: group lengths and weights for each side
	 * size, and the matched weights of all shapes from one 2-D prefix sum over the
	 * ≤ maxA × maxB sentence pairs before the cell.
	 */
	cellCosts(i: number, j: number, out: Float64Array): void {
		const types = this.model.types;
		const A = this.A;
		const B = this.B;
		const prior = this.prior;
		const S = this.S;
		const T = this.T;
		const bw = this.bw;
		const blk = this.block;
		const maxA = i < types.pairMaxA ? i : types.pairMaxA;
		const maxB = j < types.pairMaxB ? j : types.pairMaxB;
		const ls = this.ls;
		const lt = this.lt;
		const wsA = this.wsA;
		const wtB = this.wtB;
		const cumLenS = S.cumLen;
		const cumLenT = T.cumLen;
		const cumWS = S.cumW;
		const cumWT = T.cumW;
		for (let a = 1; a <= maxA; a++) {
			ls[a] = cumLenS[i] - cumLenS[i - a];
			wsA[a] = cumWS[i] - cumWS[i - a];
		}
		for (let b = 1; b <= maxB; b++) {
			lt[b] = cumLenT[j] - cumLenT[j - b];
			wtB[b] = cumWT[j] - cumWT[j - b];
		}
		const { lo, hi, off, val } = this.pairs;
		// blk[a*bw + b] = Σ matched over source [i−a, i) × target [j−b, j)
		for (let a = 1; a <= maxA; a++) {
			const ii = i - a;
			const l = lo[ii];
			const h = hi[ii];
			const base = off[ii] - l;
			let row = 0;
			for (let b = 1; b <= maxB; b++) {
				const jj = j - b;
				if (jj >= l && jj <= h) row += val[base + jj];
				blk[a * bw + b] = blk[(a - 1) * bw + b] + row;
			}
		}
		const ratio = this.model.length.ratio;
		const invRatio = 1 / ratio;
		const variance = this.model.length.variance;
		const lw = this.model.lengthWeight;
		const alpha = this.alpha;
		const beta = this.beta;
		const hasKinds = this.hasKinds;
		const orphanCost = this.model.orphanCost;
		const shapes = this.pairShapes;
		const table = this.table;
		const steps = this.tableSteps;
		const last = this.tableLast;
		for (let k = 0; k < shapes.length; k++) {
			const t = shapes[k];
			const a = A[t];
			const b = B[t];
			if (a > maxA || b > maxB) {
				out[t] = Infinity;
				continue;
			}
			let c = prior[t];
			if (hasKinds) {
				const i0 = i - a;
				const j0 = j - b;
				// structure: a heading (footnote) bead holds headings (footnotes) only, on both sides
				const hs = S.cumHead[i] - S.cumHead[i0];
				const ht = T.cumHead[j] - T.cumHead[j0];
				const fs = S.cumFoot[i] - S.cumFoot[i0];
				const ft = T.cumFoot[j] - T.cumFoot[j0];
				if (((hs | ht) !== 0 && (hs !== a || ht !== b)) || ((fs | ft) !== 0 && (fs !== a || ft !== b))) {
					out[t] = Infinity;
					continue;
				}
				if (S.cumList[i] - S.cumList[i0] > 0 !== T.cumList[j] - T.cumList[j0] > 0) c += LIST_MISMATCH;
			}
			// Gale–Church length cost (length.ts), inlined: table lookup of −ln erfc(|δ|/√2)
			const la = ls[a];
			const lb = lt[b];
			const mean = (la + lb * invRatio) * 0.5;
			if (mean > 0) {
				let delta = (lb - la * ratio) / Math.sqrt(variance * (mean > 1 ? mean : 1));
				if (delta < 0) delta = -delta;
				const x = delta * steps;
				if (x < last) {
					const q = x | 0;
					c += lw * (table[q] + (x - q) * (table[q + 1] - table[q]));
				} else c += lw * lengthCost(la, lb, this.model.length);
			}
			if (orphanCost) c += orphanCost * (S.cumOrphan[i] - S.cumOrphan[i - a] + T.cumOrphan[j] - T.cumOrphan[j - b]);
			const wbar = (wsA[a] + wtB[b]) * 0.5;
			if (wbar > 0) {
				let mt = blk[a * bw + b];
				if (mt > wbar) mt = wbar;
				c -= alpha * mt - beta * (wbar - mt);
			}
			out[t] = c;
		}
		const consts = this.constShapes;
		for (let k = 0; k < consts.length; k++) {
			const t = consts[k];
			out[t] = A[t] > i || B[t] > j ? Infinity : prior[t];
		}
	}

	/** Cost of one shape ending at (i, j) (diagnostics; the DP uses `cellCosts`). */
	cost(t: number, i: number, j: number): number {
		this.cellCosts(i, j, this.tmp);
		return this.tmp[t];
	}

	/** The parts of `cost` (for diagnostics). */
	explain(t: number, i: number, j: number): { prior: number; length: number; lexical: number; matched: number; wbar: number } {
		const types = this.model.types;
		const a = types.a[t];
		const b = types.b[t];
		const prior = types.prior[t];
		if (a === 0 || b === 0) return { prior, length: 0, lexical: 0, matched: 0, wbar: 0 };
		const length = this.model.lengthWeight * lengthCost(this.S.cumLen[i] - this.S.cumLen[i - a], this.T.cumLen[j] - this.T.cumLen[j - b], this.model.length);
		const total = this.cost(t, i, j);
		const ws = this.S.cumW[i] - this.S.cumW[i - a];
		const wt = this.T.cumW[j] - this.T.cumW[j - b];
		return { prior, length, lexical: total - prior - length, matched: this.matched(i - a, i, j - b, j), wbar: (ws + wt) / 2 };
	}

	/** Dice-like similarity of a bead (for diagnostics and the p₁/p₀ estimates). */
	/**
	 * The lexical log-likelihood ratio of a bead (nats, as in the cost but with the sign of
	 * evidence): positive when the two sides share more than chance, negative when their
	 * matchable evidence goes unmatched.
	 */
	support(i0: number, i1: number, j0: number, j1: number): number {
		const wbar = (this.S.cumW[i1] - this.S.cumW[i0] + this.T.cumW[j1] - this.T.cumW[j0]) / 2;
		if (wbar <= 0) return 0;
		const mt = Math.min(wbar, this.matched(i0, i1, j0, j1));
		return this.alpha * mt - this.beta * (wbar - mt);
	}

	similarity(i0: number, i1: number, j0: number, j1: number): number {
		const wbar = (this.S.cumW[i1] - this.S.cumW[i0] + this.T.cumW[j1] - this.T.cumW[j0]) / 2;
		if (wbar <= 0) return 0;
		return Math.min(1, this.matched(i0, i1, j0, j1) / wbar);
	}
}
