import { type Anchor, type Band, buildBand, centreLine, chainAnchors, fullBand, type Guide, pathGuide, pruneAnchors } from './band.js';
import { BeadScorer, type CostModel, pairMatrix, sideArrays } from './cost.js';
import { forward, posteriors } from './dp.js';
import { KeyType, type Postings, type SideFeatures } from './features.js';
import type { Links } from './links.js';

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
	/** occurrence links between units (see links.ts) */
	links: Links;
	kindsS?: Uint8Array;
	kindsT?: Uint8Array;
	/** orphan numbers per unit (see features.orphanNumbers) */
	orphanS?: Float64Array;
	orphanT?: Float64Array;
	model: CostModel;
	/** anchor candidates over the whole level (global unit indices), sorted by i */
	anchors: Anchor[];
	/**
	 * a previous pass's path: first and last target row it visits in each source row
	 * (global, 0…n); when given, the band follows it (narrower) instead of the anchors
	 */
	path?: { first: Float64Array; last: Float64Array };
}

export interface RangeBead {
	s0: number;
	s1: number;
	t0: number;
	t1: number;
	cost: number;
	posterior: number;
	/** matched share of the bead's matchable weight (NaN for insertions and deletions) */
	sim: number;
	/** lexical log-likelihood ratio of the bead (0 for insertions and deletions) */
	support?: number;
	/** in a two-level alignment, the paragraph bead holding it: [first, end) paragraphs of each side */
	para?: [number, number, number, number];
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
/** Rounds of band doubling around touched rows. */
const MAX_WIDENINGS = 5;
/** Half-width of the band around a previous pass's path (it only needs to allow local changes). */
const GUIDED_WIDTH = 4;
/** Half-width of the band around the centre line before any doubling. */
const BASE_WIDTH = 7;

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

/** Prior match rates (true beads, near misses), seen on French–English and German–French. */
const PRIOR_P1 = 0.55;
const PRIOR_P0 = 0.03;

/** Linked weight between unit i and unit j (rows are short: a linear scan). */
function linked(links: Links, i: number, j: number): number {
	let s = 0;
	for (let p = links.start[i]; p < links.start[i + 1]; p++) if (links.j[p] === j) s += links.w[p];
	return s;
}

/**
 * p₀ and p₁ of the lexical model, measured on the document. p₁: the share of matchable
 * weight linked between a source unit and its expected counterpart (best of the three
 * target units around the expected position). p₀: the same share for near misses — three
 * to four units away — which are the rivals the DP actually weighs a bead against.
 * Part of the self-calibration: a text full of shared numbers or cognates raises both.
 */
export function matchRates(links: Links, x: Float64Array, WS: Float64Array, WT: Float64Array, maxSamples = 4000): { p0: number; p1: number } {
	const n = WS.length;
	const m = WT.length;
	if (!n || !m) return { p0: 0.05, p1: 0.5 };
	const step = Math.max(1, n / maxSamples);
	let m1 = 0;
	let w1 = 0;
	let m0 = 0;
	let w0 = 0;
	for (let f = 0; f < n; f += step) {
		const i = Math.floor(f);
		const c = Math.round(x[i]);
		let best = -1;
		let bestW = 0;
		for (let j = c - 1; j <= c + 1; j++) {
			if (j < 0 || j >= m) continue;
			const wb = (WS[i] + WT[j]) / 2;
			if (wb <= 0) continue;
			const r = linked(links, i, j) / wb;
			if (r > best) {
				best = r;
				bestW = wb;
			}
		}
		if (best >= 0) {
			m1 += Math.min(1, best) * bestW;
			w1 += bestW;
		}
		for (const d of [-4, -3, 3, 4]) {
			const j = c + d;
			if (j < 0 || j >= m) continue;
			const wb = (WS[i] + WT[j]) / 2;
			if (wb <= 0) continue;
			m0 += Math.min(linked(links, i, j), wb);
			w0 += wb;
		}
	}
	// Beta-like priors worth about 30 sentences: a short text (or one where nothing matches
	// because the texts do not correspond) cannot talk the model into p₁ ≈ p₀, which would
	// make unmatched beads look as good as matched ones.
	let wsum = 0;
	for (let i = 0; i < n; i++) wsum += WS[i];
	for (let j = 0; j < m; j++) wsum += WT[j];
	const K = 30 * (wsum / (n + m) || 1);
	return { p0: (m0 + PRIOR_P0 * K) / (w0 + K), p1: (m1 + PRIOR_P1 * K) / (w1 + K) };
}

export function alignRange(L: Level, s0: number, s1: number, t0: number, t1: number, opts: RangeOptions): RangeResult {
	const n = s1 - s0;
	const m = t1 - t0;
	if (n === 0 || m === 0) {
		// nothing to choose: every unit is an insertion or a deletion, with certainty
		const beads: RangeBead[] = [];
		for (let i = s0; i < s1; i++) beads.push({ s0: i, s1: i + 1, t0, t1: t0, cost: 0, posterior: 1, sim: NaN });
		for (let j = t0; j < t1; j++) beads.push({ s0, s1: s0, t0: j, t1: j + 1, cost: 0, posterior: 1, sim: NaN });
		return { beads, cells: 0, bandLimited: false, anchors: 0 };
	}
	const types = L.model.types;
	const S = sideArrays(L.src.len.subarray(s0, s1), L.WS.subarray(s0, s1), L.kindsS?.subarray(s0, s1), L.orphanS?.subarray(s0, s1));
	const T = sideArrays(L.tgt.len.subarray(t0, t1), L.WT.subarray(t0, t1), L.kindsT?.subarray(t0, t1), L.orphanT?.subarray(t0, t1));
	let band: Band;
	let anchors: Anchor[] = [];
	let guide: Guide | undefined;
	let base = BASE_WIDTH;
	// Widening stops after a few rounds or a budget linear in the input: a band that keeps
	// touching is a sign of texts that do not correspond (reported as band_limit), and a
	// wider band would only cost time.
	const budget = Math.min(opts.maxCells, FULL_DP_CELLS + 150 * (n + m));
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
		if (L.path) {
			const first = new Float64Array(n + 1);
			const last = new Float64Array(n + 1);
			for (let i = 0; i <= n; i++) {
				first[i] = Math.min(m, Math.max(0, L.path.first[s0 + i] - t0));
				last[i] = Math.min(m, Math.max(0, L.path.last[s0 + i] - t0));
			}
			guide = pathGuide(first, last);
			base = GUIDED_WIDTH;
		} else guide = centreLine(L.src.len.subarray(s0, s1), L.tgt.len.subarray(t0, t1), anchors);
		band = buildBand(guide, m, base, 1, budget / 4);
	}
	const scale = new Float64Array(n + 1).fill(1);
	let cells = 0;
	let bandLimited = false;
	let rounds = 0;
	for (;;) {
		const pm = pairMatrix(band, types.pairMaxA, types.pairMaxB, L.links, s0, t0);
		const scorer = new BeadScorer(S, T, pm, L.model);
		const vit = forward(band, types, scorer, opts.tau);
		cells += band.cells;
		const isFull = band.cells === (n + 1) * (m + 1);
		if (vit.touched && !isFull) {
			// double the width around each row where the path touched an edge
			for (const r of vit.touchedRows) {
				const span = Math.max(20, 2 * (band.hi[r] - band.lo[r]));
				for (let i = Math.max(0, r - span); i <= Math.min(n, r + span); i++) scale[i] = Math.max(scale[i], scale[r] * 2);
			}
			const next = buildBand(guide!, m, base, scale, budget / 2);
			if (rounds < MAX_WIDENINGS && cells + next.cells <= budget && next.cells > band.cells) {
				band = next;
				rounds++;
				continue;
			}
			bandLimited = next.cells > band.cells;
		}
		const post = opts.tau > 0 ? posteriors(band, types, scorer, vit, opts.tau) : null;
		if (post) cells += band.cells;
		const beads: RangeBead[] = [];
		let pi = 0;
		let pj = 0;
		const clamp = (x: number) => (x > 1 ? 1 : x);
		vit.steps.forEach((st, k) => {
			const p = post ? post.beads[k] : NaN;
			if (st.j === pj) {
				// deletions (runs split into one bead per sentence), with the sentence's deletion marginal
				for (let i = pi; i < st.i; i++) beads.push({ s0: s0 + i, s1: s0 + i + 1, t0: t0 + pj, t1: t0 + pj, cost: st.cost / (st.i - pi), posterior: post ? clamp(post.delS[i]) : p, sim: NaN });
			} else if (st.i === pi) {
				for (let j = pj; j < st.j; j++) beads.push({ s0: s0 + pi, s1: s0 + pi, t0: t0 + j, t1: t0 + j + 1, cost: st.cost / (st.j - pj), posterior: post ? clamp(post.delT[j]) : p, sim: NaN });
			} else beads.push({ s0: s0 + pi, s1: s0 + st.i, t0: t0 + pj, t1: t0 + st.j, cost: st.cost, posterior: p, sim: scorer.similarity(pi, st.i, pj, st.j), support: scorer.support(pi, st.i, pj, st.j) });
			pi = st.i;
			pj = st.j;
		});
		return { beads, cells, bandLimited, anchors: anchors.length };
	}
}
