import { type Anchor, centreLine, chainAnchors, pruneAnchors } from './band.js';
import { beadShapes, type BeadShape, defaultPriors, makeBeadTypes } from './beadTypes.js';
import type { CostModel } from './cost.js';
import { alignRange, anchorCandidates, type Level, matchRates, type RangeBead } from './engine.js';
import { keyWeights, type KeySpace, mergeRows, orphanNumbers, postings, sentenceWeights, type SideFeatures } from './features.js';
import type { LengthModel } from './length.js';
import { groupLinks, linkOccurrences } from './links.js';
import type { Paragraphs } from './structure.js';
import type { AlignTuning } from './tuning.js';

/**
 * One alignment pass: key weights, occurrence links, the lexical match rates and the cost
 * model are set up from the features, then the DP runs — over the whole text, or first over
 * paragraphs and then inside each paragraph bead.
 */

export interface PassInput {
	S: SideFeatures;
	T: SideFeatures;
	keys: KeySpace;
	length: LengthModel;
	priors: number[];
	/** the previous pass's beads: links follow them */
	path?: RangeBead[];
	kindsS?: Uint8Array;
	kindsT?: Uint8Array;
	paraS: Paragraphs | null;
	paraT: Paragraphs | null;
}

export interface PassOutput {
	beads: RangeBead[];
	cells: number;
	bandLimited: boolean;
	anchors: number;
	paragraphBeads?: number;
	p0: number;
	p1: number;
	level: Level;
}

/**
 * The first pass's length ratio. The ratio of total lengths is right unless one text is
 * partial; anchors (rare tokens on both sides) tell: if they span a good part of both
 * texts, the ratio inside their span is used. A known default for the language pair is the
 * fallback when the totals look implausible.
 */
export function initialRatio(S: SideFeatures, T: SideFeatures, keys: KeySpace, expected: number | undefined): number {
	let ls = 0;
	let lt = 0;
	for (let i = 0; i < S.n; i++) ls += S.len[i];
	for (let j = 0; j < T.n; j++) lt += T.len[j];
	const total = ls > 0 && lt > 0 ? lt / ls : 1;
	const w = keyWeights(keys, S, T);
	const post = postings(T, keys.size, w);
	const chain = pruneAnchors(chainAnchors(anchorCandidates(S, T, keys.types, w, post, (k) => keys.names[k].slice(2)), T.n), S.n, T.n);
	if (chain.length >= 3) {
		const a = chain[0];
		const b = chain[chain.length - 1];
		if (b.i - a.i >= 0.3 * S.n && b.j - a.j >= 0.3 * T.n) {
			let s = 0;
			let t = 0;
			for (let i = a.i; i <= b.i; i++) s += S.len[i];
			for (let j = a.j; j <= b.j; j++) t += T.len[j];
			if (s > 0 && t > 0) return clampRatio(t / s);
		}
	}
	if (expected && (total > expected * 1.5 || total < expected / 1.5)) return expected;
	// shrunk towards the expected ratio (1 if unknown) by a prior worth RATIO_PRIOR_CHARS
	// source characters: a three-sentence text with one sentence untranslated would
	// otherwise teach a ratio that makes the deletion look like a merge
	const prior = expected ?? 1;
	return clampRatio((lt + prior * RATIO_PRIOR_CHARS) / (ls + RATIO_PRIOR_CHARS));
}

const RATIO_PRIOR_CHARS = 1000;

function clampRatio(r: number): number {
	return Math.min(8, Math.max(1 / 8, r));
}

/** Expected target position of each source sentence: through a previous path, or the centre line. */
function expectedPositions(S: SideFeatures, T: SideFeatures, anchors: Anchor[], path?: RangeBead[]): Float64Array {
	const x = new Float64Array(S.n);
	if (path) {
		for (const b of path) {
			for (let i = b.s0; i < b.s1; i++) x[i] = b.t1 > b.t0 ? b.t0 + ((i - b.s0 + 0.5) * (b.t1 - b.t0)) / (b.s1 - b.s0) - 0.5 : b.t0 - 0.5;
		}
		return x;
	}
	const { centre } = centreLine(S.len, T.len, pruneAnchors(chainAnchors(anchors, T.n), S.n, T.n));
	for (let i = 0; i < S.n; i++) x[i] = (centre[i] + centre[i + 1]) / 2 - 0.5;
	return x;
}

/** First and last target row a path visits in each source row. */
function pathRows(path: RangeBead[], n: number): { first: Float64Array; last: Float64Array } {
	const first = new Float64Array(n + 1).fill(-1);
	const last = new Float64Array(n + 1);
	first[0] = 0;
	for (const b of path) {
		for (let i = b.s0; i <= b.s1; i++) {
			const j = b.s1 > b.s0 ? b.t0 + ((i - b.s0) * (b.t1 - b.t0)) / (b.s1 - b.s0) : b.t1;
			if (first[i] < 0) first[i] = i === b.s0 ? b.t0 : j;
			last[i] = Math.max(last[i], j);
		}
	}
	for (let i = 0; i <= n; i++) if (first[i] < 0) first[i] = last[i];
	return { first, last };
}

export function runPass(inp: PassInput, shapes: BeadShape[], tuning: AlignTuning, maxCells: number, withPosteriors: boolean): PassOutput {
	const { S, T, keys } = inp;
	const w = keyWeights(keys, S, T);
	const WS = sentenceWeights(S, w);
	const WT = sentenceWeights(T, w);
	const srcPost = postings(S, keys.size, w);
	const tgtPost = postings(T, keys.size, w);
	const forms = (k: number) => keys.names[k].slice(2);
	const anchors = anchorCandidates(S, T, keys.types, w, tgtPost, forms);
	const x = expectedPositions(S, T, anchors, inp.path);
	const links = linkOccurrences(S.n, T.n, srcPost, tgtPost, w, x, inp.path ? tuning.linkWindow / 2 : tuning.linkWindow);
	const rates = matchRates(links, x, WS, WT);
	const p0 = Math.min(0.3, Math.max(tuning.p0Floor, rates.p0));
	const p1 = Math.min(0.95, Math.max(p0 + 0.1, rates.p1));
	const model: CostModel = {
		length: inp.length,
		lexical: { p0, p1, gamma: tuning.gamma, gammaMiss: tuning.gammaMiss },
		lengthWeight: tuning.lengthWeight,
		orphanCost: tuning.orphanCost,
		types: makeBeadTypes(shapes, inp.priors, { lengths: tuning.runLengths, next: tuning.runNext, nextLong: tuning.runNextLong })
	};
	const orphanS = orphanNumbers(S, T, keys);
	const orphanT = orphanNumbers(T, S, keys);
	const sentLevel: Level = { src: S, tgt: T, w, WS, WT, links, kindsS: inp.kindsS, kindsT: inp.kindsT, orphanS, orphanT, model, anchors, ...(inp.path ? { path: pathRows(inp.path, S.n) } : {}) };
	const rangeOpts = { maxCells, tau: withPosteriors ? tuning.tau : 0 };
	if (!inp.paraS || !inp.paraT) {
		const r = alignRange(sentLevel, 0, S.n, 0, T.n, rangeOpts);
		return { beads: r.beads, cells: r.cells, bandLimited: r.bandLimited, anchors: r.anchors, p0, p1, level: sentLevel };
	}
	// paragraph level: the same machinery over merged rows; paragraph shapes up to 3
	const PS = mergeRows(S, inp.paraS.groups);
	const PT = mergeRows(T, inp.paraT.groups);
	const unitToPara = (p: Paragraphs, count: number) => {
		const out = new Int32Array(count);
		p.groups.forEach(([a, b], k) => out.fill(k, a, b));
		return out;
	};
	const paraLinks = groupLinks(links, unitToPara(inp.paraS, S.n), unitToPara(inp.paraT, T.n), PS.n);
	const paraShapes = beadShapes(3);
	const paraLevel: Level = {
		src: PS,
		tgt: PT,
		w,
		WS: sentenceWeights(PS, w),
		WT: sentenceWeights(PT, w),
		links: paraLinks,
		kindsS: inp.paraS.kinds,
		kindsT: inp.paraT.kinds,
		model: { ...model, types: makeBeadTypes(paraShapes, defaultPriors(paraShapes), { lengths: tuning.runLengths, next: tuning.runNext, nextLong: tuning.runNextLong }) },
		anchors: anchorCandidates(PS, PT, keys.types, w, postings(PT, keys.size, w), forms)
	};
	const pr = alignRange(paraLevel, 0, PS.n, 0, PT.n, rangeOpts);
	const beads: RangeBead[] = [];
	let cells = pr.cells;
	let bandLimited = pr.bandLimited;
	for (const pb of pr.beads) {
		const s0 = inp.paraS.start[pb.s0];
		const s1 = inp.paraS.start[pb.s1];
		const t0 = inp.paraT.start[pb.t0];
		const t1 = inp.paraT.start[pb.t1];
		const r = alignRange(sentLevel, s0, s1, t0, t1, rangeOpts);
		cells += r.cells;
		bandLimited ||= r.bandLimited;
		for (const b of r.beads) beads.push({ ...b, posterior: b.posterior * pb.posterior, para: [pb.s0, pb.s1, pb.t0, pb.t1] });
	}
	return { beads, cells, bandLimited, anchors: pr.anchors, paragraphBeads: pr.beads.length, p0, p1, level: sentLevel };
}
