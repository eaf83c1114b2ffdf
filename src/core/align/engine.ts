import { type Anchor, type Band, buildBand, chainAnchors, fullBand, pruneAnchors } from './band.js';
import { BeadScorer, type CostModel, pairMatrix, sideArrays } from './cost.js';
import { posteriors, viterbi } from './dp.js';
import { directMatch, KeyType, type Postings, type SideFeatures } from './features.js';

/**
 * One alignment problem at one level (sentences, or paragraphs): features of both sides,
 * key weights and the cost model. `alignRange` aligns any sub-range of it, which is how
 * the sentence level runs inside each paragraph bead without rebuilding features.
 */
export interface Level {
	src: SideFeatures;
	tgt: SideFeatures;
	/** key weights */
	w: Float64Array;
	/** matchable weight per unit */
	WS: Float64Array;
	WT: Float64Array;
	/** target postings over units */
	post: Postings;
	kindsS?: Uint8Array;
	kindsT?: Uint8Array;
	model: CostModel;
	/** anchor candidates over the whole level (global unit indices), sorted by i */
	anchors: Anchor[];
}

export interface RangeBead {
	s0: number;
	s1: number;
	t0: number;
	t1: number;
	cost: number;
	posterior: number;
}

export interface RangeResult {
	beads: RangeBead[];
	cells: number;
	bandLimited: boolean;
	anchors: number;
}

export interface RangeOptions {
	/** DP cells allowed per range before the band stops growing */
	maxCells: number;
	/** softmin temperature for posteriors; 0 skips them (posterior reported as NaN) */
	tau: number;
}

/** Below this many lattice cells the exact (unbanded) DP is cheap enough. */
const FULL_DP_CELLS = 250_000;
/** Half-width of the band around the centre line before any doubling. */
const BASE_WIDTH = 10;

/**
 * Anchor candidates: keys found in exactly one unit of each side and of a kind rarely
 * shared by chance (numbers of two digits or more, URLs, names, long identical words,
 * glossary and TM pairs). Several such keys on the same pair add up.
 */
export function anchorCandidates(src: SideFeatures, tgt: SideFeatures, types: number[], w: Float64Array, post: Postings, /** the key's value without its type prefix */
	forms: (k: number) => string | undefined): Anchor[] {
	const dfS = new Int32Array(w.length);
	for (let p = 0; p < src.keyId.length; p++) dfS[src.keyId[p]]++;
	const byPair = new Map<number, number>();
	const M = tgt.n + 1;
	for (let i = 0; i < src.n; i++) {
		for (let p = src.keyStart[i]; p < src.keyStart[i + 1]; p++) {
			const k = src.keyId[p];
			if (dfS[k] !== 1 || post.start[k + 1] - post.start[k] !== 1 || !(w[k] > 0)) continue;
			const t = types[k];
			const strong =
				t === KeyType.url ||
				t === KeyType.name ||
				t === KeyType.glossary ||
				t === KeyType.tm ||
				(t === KeyType.number && (forms(k)?.length ?? 0) >= 2) ||
				(t === KeyType.word && (forms(k)?.length ?? 0) >= 7);
			if (!strong) continue;
			const j = post.sent[post.start[k]];
			byPair.set(i * M + j, (byPair.get(i * M + j) ?? 0) + w[k]);
		}
	}
	const out: Anchor[] = [];
	for (const [key, weight] of byPair) out.push({ i: Math.floor(key / M), j: key % M, weight });
	return out.sort((a, b) => a.i - b.i || a.j - b.j);
}

/**
 * p₀: how much evidence unrelated units share, from random pairs (ratio of sums). Part of
 * the self-calibration: a text full of shared numbers or cognates raises p₀, so chance
 * matches stop looking like evidence.
 */
export function chanceMatch(L: Pick<Level, 'src' | 'tgt' | 'w' | 'WS' | 'WT'>, rand: () => number, samples = 3000): number {
	const { src, tgt, w, WS, WT } = L;
	if (!src.n || !tgt.n) return 0.05;
	let m = 0;
	let wb = 0;
	for (let k = 0; k < samples; k++) {
		const i = Math.floor(rand() * src.n);
		const j = Math.floor(rand() * tgt.n);
		m += directMatch(src, i, tgt, j, w);
		wb += (WS[i] + WT[j]) / 2;
	}
	return wb > 0 ? m / wb : 0.05;
}

export function alignRange(L: Level, s0: number, s1: number, t0: number, t1: number, opts: RangeOptions): RangeResult {
	const n = s1 - s0;
	const m = t1 - t0;
	if (n === 0 || m === 0) {
		// nothing to choose: every unit is an insertion or a deletion, with certainty
		const beads: RangeBead[] = [];
		for (let i = s0; i < s1; i++) beads.push({ s0: i, s1: i + 1, t0, t1: t0, cost: 0, posterior: 1 });
		for (let j = t0; j < t1; j++) beads.push({ s0, s1: s0, t0: j, t1: j + 1, cost: 0, posterior: 1 });
		return { beads, cells: 0, bandLimited: false, anchors: 0 };
	}
	const types = L.model.types;
	const S = sideArrays(L.src.len.subarray(s0, s1), L.WS.subarray(s0, s1), L.kindsS?.subarray(s0, s1));
	const T = sideArrays(L.tgt.len.subarray(t0, t1), L.WT.subarray(t0, t1), L.kindsT?.subarray(t0, t1));
	let band: Band;
	let anchors: Anchor[] = [];
	const full = (n + 1) * (m + 1) <= FULL_DP_CELLS;
	if (full) band = fullBand(n, m);
	else {
		const local: Anchor[] = [];
		// anchors are sorted by source unit: start at the first one in range
		let lo = 0;
		let hi = L.anchors.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (L.anchors[mid].i < s0) lo = mid + 1;
			else hi = mid;
		}
		for (let k = lo; k < L.anchors.length && L.anchors[k].i < s1; k++) {
			const a = L.anchors[k];
			if (a.j >= t0 && a.j < t1) local.push({ i: a.i - s0, j: a.j - t0, weight: a.weight });
		}
		anchors = pruneAnchors(chainAnchors(local, m), n, m);
		band = buildBand(L.src.len.subarray(s0, s1), L.tgt.len.subarray(t0, t1), anchors, BASE_WIDTH, 1);
	}
	let scale = 1;
	let cells = 0;
	let bandLimited = false;
	for (;;) {
		const pm = pairMatrix(band, types.maxA, types.maxB, L.src, s0, L.post, t0, L.w);
		const scorer = new BeadScorer(S, T, pm, L.model);
		const vit = viterbi(band, types, scorer);
		cells += band.cells;
		const isFull = band.cells === (n + 1) * (m + 1);
		if (vit.touched && !isFull) {
			const next = buildBand(L.src.len.subarray(s0, s1), L.tgt.len.subarray(t0, t1), anchors, BASE_WIDTH, scale * 2);
			if (cells + next.cells <= opts.maxCells) {
				scale *= 2;
				band = next;
				continue;
			}
			bandLimited = true;
		}
		const post = opts.tau > 0 ? posteriors(band, types, scorer, vit.steps, opts.tau) : null;
		if (post) cells += 2 * band.cells;
		const beads: RangeBead[] = [];
		let pi = 0;
		let pj = 0;
		vit.steps.forEach((st, k) => {
			beads.push({ s0: s0 + pi, s1: s0 + st.i, t0: t0 + pj, t1: t0 + st.j, cost: st.cost, posterior: post ? post[k] : NaN });
			pi = st.i;
			pj = st.j;
		});
		return { beads, cells, bandLimited, anchors: anchors.length };
	}
}
