import { type Anchor, centreLine, chainAnchors, pruneAnchors } from './band.js';
import { beadShapes, type BeadShape, defaultPriors, makeBeadTypes, reestimatePriors } from './beadTypes.js';
import type { CostModel } from './cost.js';
import { alignRange, anchorCandidates, type Level, matchRates, type RangeBead } from './engine.js';
import { groupLinks, linkOccurrences } from './links.js';
import { beadEvidence, type EvidenceContext } from './evidence.js';
import {
	compileResources,
	extractSide,
	keyWeights,
	KeySpace,
	KeyType,
	mergeRows,
	postings,
	sentenceWeights,
	type SideFeatures,
	tmForm,
	withExtraKeys,
	WordSpace
} from './features.js';
import { defaultRatio, DEFAULT_VARIANCE, estimateLengthModel, type LengthModel } from './length.js';
import { learnLexicon } from './lexicon.js';
import { fold, tokenize } from './normalize.js';
import { kindCodes, paragraphsOf, type Paragraphs } from './structure.js';
import type { AlignOptions, AlignResult, AlignSentence, AlignStats, AlignWarning, Bead, Evidence } from './types.js';
import { confidenceWarnings, coverageWarnings, ratioWarning, sameLanguageWarning } from './warnings.js';

/**
 * The aligner: two passes over one or two levels.
 *
 * Pass 1 scores beads with length (Gale–Church, ratio and variance from the texts) and the
 * evidence both texts carry without any dictionary — numbers, names, URLs, punctuation,
 * cognates — plus the caller's glossary, TM and lexicon. Its confident beads are then a
 * small parallel corpus: pass 2 re-estimates the length model, the bead-shape priors and
 * the lexical match rates from them, learns a word lexicon (Dice) and realigns.
 *
 * With paragraph structure on both sides, each pass first aligns paragraphs (headings and
 * footnotes only ever with their own kind), then sentences inside each paragraph bead.
 */

/** Model constants, tuned on the public dev set (de–fr) and checked on the team's fr–en seeds. */
export interface AlignTuning {
	/** scale of the lexical log-likelihood ratio */
	gamma: number;
	/** weight of the Gale–Church length cost */
	lengthWeight: number;
	/** softmin temperature turning costs into bead posteriors */
	tau: number;
	/** largest side of a sentence bead */
	maxBeadSide: number;
	/** how far (in target sentences) an occurrence may link from its expected position, first pass */
	linkWindow: number;
	/** lower bound of p₀ (chance match rate) */
	p0Floor: number;
	/** longest deletion-run shape, and the cost of each further deleted sentence */
	runMax: number;
	runNext: number;
	/** what the second pass re-estimates */
	reestimateLength: 'none' | 'ratio' | 'full';
	reestimatePriors: boolean;
	learnPairs: boolean;
	lexMaxShare: number;
	lexMinDice: number;
	lexMinCount: number;
}

export const DEFAULT_TUNING: AlignTuning = {
	gamma: 0.1,
	lengthWeight: 1,
	tau: 1,
	maxBeadSide: 4,
	linkWindow: 12,
	p0Floor: 0.03,
	runMax: 4,
	runNext: 2,
	reestimateLength: 'ratio',
	reestimatePriors: false,
	learnPairs: true,
	lexMaxShare: 0.05,
	lexMinDice: 0.5,
	lexMinCount: 2
};

/** Mulberry32: p₀ is estimated on random pairs, and the same input must give the same beads. */
function seeded(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

interface PassInput {
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

interface PassOutput {
	beads: RangeBead[];
	cells: number;
	bandLimited: boolean;
	anchors: number;
	paragraphBeads?: number;
	p0: number;
	p1: number;
	level: Level;
}

export function align(source: AlignSentence[], target: AlignSentence[], opts: AlignOptions & { tuning?: Partial<AlignTuning> } = {}): AlignResult {
	const tuning = { ...DEFAULT_TUNING, ...(opts.maxBeadSide ? { maxBeadSide: opts.maxBeadSide } : {}), ...opts.tuning };
	const n = source.length;
	const m = target.length;
	const expected = defaultRatio(opts.srcLang, opts.tgtLang);
	const warnings: AlignWarning[] = [];
	if (!n) warnings.push({ code: 'empty_source' });
	if (!m) warnings.push({ code: 'empty_target' });
	if (!n || !m) {
		const beads: Bead[] = [];
		for (let i = 0; i < n; i++) beads.push({ src: [i], tgt: [], confidence: 1, evidence: [{ kind: 'no_counterpart', side: 'src' }] });
		for (let j = 0; j < m; j++) beads.push({ src: [], tgt: [j], confidence: 1, evidence: [{ kind: 'no_counterpart', side: 'tgt' }] });
		return { beads, warnings, stats: { lengthRatio: expected ?? 1, lengthVariance: DEFAULT_VARIANCE, learnedPairs: 0, anchors: 0, cells: 0, passes: 0 } };
	}

	const timings: Record<string, number> = {};
	let clock = performance.now();
	const lap = (name: string) => {
		const now = performance.now();
		timings[name] = Math.round((timings[name] ?? 0) + now - clock);
		clock = now;
	};
	const res = compileResources(opts);
	const keys = new KeySpace();
	const wordsS = new WordSpace();
	const wordsT = new WordSpace();
	const srcTexts = source.map((s) => s.text ?? '');
	const tgtTexts = target.map((s) => s.text ?? '');
	const S0 = extractSide(srcTexts, 'src', keys, wordsS, res);
	const T0 = extractSide(tgtTexts, 'tgt', keys, wordsT, res);
	const useStructure = opts.useStructure !== false;
	const paraS = useStructure ? paragraphsOf(source) : null;
	const paraT = useStructure ? paragraphsOf(target) : null;
	const twoLevel = !!(paraS && paraT && (paraS.groups.length > 1 || paraT.groups.length > 1));
	const shapes = beadShapes(tuning.maxBeadSide);
	const maxCells = opts.maxCells ?? 80_000_000;

	const length0: LengthModel = { ratio: initialRatio(S0, T0, keys, expected), variance: DEFAULT_VARIANCE };
	const input: PassInput = {
		S: S0,
		T: T0,
		keys,
		length: length0,
		priors: defaultPriors(shapes),
		kindsS: kindCodes(source),
		kindsT: kindCodes(target),
		paraS: twoLevel ? paraS : null,
		paraT: twoLevel ? paraT : null
	};
	const twoPass = opts.learnLexicon !== false && n >= 2 && m >= 2;
	lap('features');
	let out = runPass(input, shapes, tuning, maxCells, !twoPass);
	lap('pass1');
	let passes = 1;
	let learnedPairs = 0;
	let lengthModel = length0;
	const lexiconForms = new Map<string, Set<string>>();
	const learnedKeys = new Set<string>();
	for (const [s, t] of opts.lexicon ?? []) {
		const a = fold(s.trim());
		const set = lexiconForms.get(a) ?? new Set<string>();
		set.add(fold(t.trim()));
		lexiconForms.set(a, set);
	}

	if (twoPass) {
		// Pass 1 runs without posteriors (they cost a second sweep): a bead teaches pass 2 when
		// its own evidence is clear — most of its matchable weight matched.
		const teachSim = Math.max(0.3, (out.p0 + out.p1) / 2);
		const teach = out.beads.filter((b) => b.sim >= teachSim);
		const oneToOne = teach.filter((b) => b.s1 - b.s0 === 1 && b.t1 - b.t0 === 1);
		// the ratio from the taught beads; the variance from all 1–1 beads (the taught ones
		// are those whose lengths agree, so their spread underestimates the variance)
		const allOneToOne = out.beads.filter((b) => b.s1 - b.s0 === 1 && b.t1 - b.t0 === 1);
		const fromTaught = estimateLengthModel(oneToOne.map((b) => ({ ls: S0.len[b.s0], lt: T0.len[b.t0] })), length0);
		const fromAll = estimateLengthModel(allOneToOne.map((b) => ({ ls: S0.len[b.s0], lt: T0.len[b.t0] })), length0);
		if (tuning.reestimateLength === 'ratio') lengthModel = { ratio: fromTaught.ratio, variance: length0.variance };
		else if (tuning.reestimateLength === 'full') lengthModel = { ratio: fromTaught.ratio, variance: fromAll.variance };
		const observed = new Map<string, number>();
		for (const b of out.beads) {
			const key = `${b.s1 - b.s0}-${b.t1 - b.t0}`;
			observed.set(key, (observed.get(key) ?? 0) + 1);
		}
		const priors = tuning.reestimatePriors ? reestimatePriors(shapes, observed) : input.priors;
		const pairs = !tuning.learnPairs ? [] : learnLexicon(S0, T0, teach.map((b) => ({ s0: b.s0, s1: b.s1, t0: b.t0, t1: b.t1 })), wordsS.forms, wordsT.forms, { maxShare: tuning.lexMaxShare, minDice: tuning.lexMinDice, minCount: tuning.lexMinCount });
		learnedPairs = pairs.length; if (process.env.PAIRS) console.error(pairs.slice(0, 400).map((p) => `${wordsS.forms[p.src]}=${wordsT.forms[p.tgt]}:${p.dice.toFixed(2)}/${p.count}`).join(" "));
		const extraS = new Map<number, number[]>();
		const extraT = new Map<number, number[]>();
		const bySrc = new Map<number, number[]>();
		const byTgt = new Map<number, number[]>();
		pairs.forEach((p, k) => {
			const id = keys.id('L#' + k, KeyType.learned, p.dice);
			bySrc.set(p.src, [...(bySrc.get(p.src) ?? []), id]);
			byTgt.set(p.tgt, [...(byTgt.get(p.tgt) ?? []), id]);
			const a = wordsS.forms[p.src];
			const t = wordsT.forms[p.tgt];
			const set = lexiconForms.get(a) ?? new Set<string>();
			set.add(t);
			lexiconForms.set(a, set);
			learnedKeys.add(`${a}\u0000${t}`);
		});
		const addFrom = (side: SideFeatures, by: Map<number, number[]>, extra: Map<number, number[]>) => {
			for (let i = 0; i < side.n; i++) {
				let ks: number[] | undefined;
				for (let p = side.wordStart[i]; p < side.wordStart[i + 1]; p++) {
					const ids = by.get(side.wordId[p]);
					if (ids) (ks ??= []).push(...ids);
				}
				if (ks) extra.set(i, ks);
			}
		};
		addFrom(S0, bySrc, extraS);
		addFrom(T0, byTgt, extraT);
		const S1 = pairs.length ? withExtraKeys(S0, (i) => extraS.get(i)) : S0;
		const T1 = pairs.length ? withExtraKeys(T0, (i) => extraT.get(i)) : T0;
		lap('lexicon');
		out = runPass({ ...input, S: S1, T: T1, length: lengthModel, priors, path: out.beads }, shapes, tuning, maxCells, true);
		lap('pass2');
		passes = 2;
	}

	// beads, evidence
	const evCtx: EvidenceContext = {
		lexicon: lexiconForms,
		learned: learnedKeys,
		glossary: {
			pairs: opts.glossaryPairs ?? [],
			src: (opts.glossaryPairs ?? []).map(([s]) => tokenize(s).map((t) => t.norm).join(' ')),
			tgt: (opts.glossaryPairs ?? []).map(([, t]) => tokenize(t).map((x) => x.norm).join(' '))
		},
		tm: new Map(),
		tmForm,
		ratio: lengthModel.ratio
	};
	for (const [s, t] of opts.tmPairs ?? []) {
		const f = tmForm(s);
		const set = evCtx.tm.get(f) ?? new Set<string>();
		set.add(tmForm(t));
		evCtx.tm.set(f, set);
	}
	const beads: Bead[] = out.beads.map((b) => {
		const src = range(b.s0, b.s1);
		const tgt = range(b.t0, b.t1);
		const evidence: Evidence[] = beadEvidence(
			src.map((i) => srcTexts[i]),
			tgt.map((j) => tgtTexts[j]),
			evCtx
		);
		if (src.length && tgt.length) {
			let ls = 0;
			let lt = 0;
			for (const i of src) ls += S0.len[i];
			for (const j of tgt) lt += T0.len[j];
			evidence.push({ kind: 'length', ratio: round(ls ? lt / ls : 0, 3), expected: round(lengthModel.ratio, 3), srcChars: ls, tgtChars: lt });
			const kind = source[src[0]].kind;
			if ((kind === 'heading' || kind === 'footnote' || kind === 'list_item') && target[tgt[0]].kind === kind) evidence.push({ kind: 'structure', role: kind });
		}
		return { src, tgt, confidence: round(calibrate(b.posterior), 4), evidence };
	});

	lap('evidence');
	const oneOne = beads.filter((b) => b.src.length === 1 && b.tgt.length === 1);
	const identical = oneOne.filter((b) => b.evidence.some((e) => e.kind === 'identical')).length;
	warnings.push(...sameLanguageWarning(opts.srcLang, opts.tgtLang, oneOne.length ? identical / oneOne.length : 0));
	warnings.push(...coverageWarnings(beads, S0.len, T0.len));
	warnings.push(...ratioWarning(lengthModel.ratio, expected));
	warnings.push(...confidenceWarnings(beads));
	if (out.bandLimited) warnings.push({ code: 'band_limit', cells: out.cells });
	const stats: AlignStats = {
		lengthRatio: round(lengthModel.ratio, 4),
		lengthVariance: round(lengthModel.variance, 3),
		learnedPairs,
		anchors: out.anchors,
		cells: out.cells,
		passes,
		timings,
		...(out.paragraphBeads !== undefined ? { paragraphBeads: out.paragraphBeads } : {})
	};
	return { beads, warnings, stats };
}

/**
 * The posterior of a bead is already a probability of being exactly right under the
 * model; the identity is kept as the calibration until the bench shows a better map.
 */
export function calibrate(posterior: number): number {
	if (!Number.isFinite(posterior)) return 0;
	return Math.min(1, Math.max(0, posterior));
}

function range(a: number, b: number): number[] {
	const out: number[] = [];
	for (let i = a; i < b; i++) out.push(i);
	return out;
}

function round(x: number, d: number): number {
	const f = 10 ** d;
	return Math.round(x * f) / f;
}

/**
 * The first pass's length ratio. The ratio of total lengths is right unless one text is
 * partial; anchors (rare tokens on both sides) tell: if they span a good part of both
 * texts, the ratio inside their span is used. A known default for the language pair is the
 * fallback when the totals look implausible.
 */
function initialRatio(S: SideFeatures, T: SideFeatures, keys: KeySpace, expected: number | undefined): number {
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
	return clampRatio(total);
}

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

function runPass(inp: PassInput, shapes: BeadShape[], tuning: AlignTuning, maxCells: number, withPosteriors: boolean): PassOutput {
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
	const rates = matchRates(links, x, WS, WT); if (process.env.RATES) console.error("rates", rates, "links", links.j.length);
	const p0 = Math.min(0.3, Math.max(tuning.p0Floor, rates.p0));
	const p1 = Math.min(0.95, Math.max(p0 + 0.1, rates.p1));
	const model: CostModel = {
		length: inp.length,
		lexical: { p0, p1, gamma: tuning.gamma },
		lengthWeight: tuning.lengthWeight,
		types: makeBeadTypes(shapes, inp.priors, { max: tuning.runMax, next: tuning.runNext })
	};
	const sentLevel: Level = { src: S, tgt: T, w, WS, WT, links, kindsS: inp.kindsS, kindsT: inp.kindsT, model, anchors };
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
		model: { ...model, types: makeBeadTypes(paraShapes, defaultPriors(paraShapes)) },
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
		for (const b of r.beads) beads.push({ ...b, posterior: b.posterior * pb.posterior });
	}
	return { beads, cells, bandLimited, anchors: pr.anchors, paragraphBeads: pr.beads.length, p0, p1, level: sentLevel };
}
