import { beadShapes, defaultPriors } from './beadTypes.js';
import { calibrate, documentPenalty, isolatedBeads, unrelatedConfidence, WEAK_EVIDENCE } from './calibration.js';
import type { RangeBead } from './engine.js';
import { beadEvidence, type EvidenceContext } from './evidence.js';
import { shownLearned } from './learnedShown.js';
import { beadPosterior } from './rescore.js';
import { compileResources, extractSide, KeySpace, type SideFeatures, tmForm, WordSpace } from './features.js';
import { defaultRatio, DEFAULT_VARIANCE, type LengthModel } from './length.js';
import { fold, tokenize } from './normalize.js';
import { initialRatio, type PassInput, type PassOutput, runPass } from './passes.js';
import { kindCodes, paragraphsOf } from './structure.js';
import { type LearnedWord, teach } from './teach.js';
import { type AlignTuning, DEFAULT_TUNING } from './tuning.js';
import type { AlignOptions, AlignResult, AlignSentence, AlignStats, AlignWarning, Bead, Evidence } from './types.js';
import { confidenceWarnings, coverageWarnings, ratioWarning, sameLanguageWarning, unrelatedWarning } from './warnings.js';

/**
 * The aligner: two passes, each over one or two levels.
 *
 * Pass 1 scores beads with length (Gale–Church, the ratio estimated from the texts) and the
 * evidence both texts carry without any dictionary — numbers, names, URLs, punctuation,
 * cognates — plus the caller's glossary, TM and lexicon. Its clearly supported beads are a
 * small parallel corpus: pass 2 re-estimates the length ratio and the lexical match rates,
 * adds the word pairs learned from them (Dice), links occurrences along pass 1's path and
 * realigns, this time with posteriors (confidence).
 *
 * With paragraph structure on both sides, each pass first aligns paragraphs (a heading
 * only with headings, a footnote only with footnotes), then sentences inside each
 * paragraph bead.
 *
 * Never throws on odd input: empty sides, a partial translation, identical texts, unrelated
 * texts all give beads plus warnings.
 */
export function align(source: AlignSentence[], target: AlignSentence[], opts: AlignOptions & { tuning?: Partial<AlignTuning> } = {}): AlignResult {
	const tuning: AlignTuning = { ...DEFAULT_TUNING, ...(opts.maxBeadSide ? { maxBeadSide: opts.maxBeadSide } : {}), ...opts.tuning };
	const n = source.length;
	const m = target.length;
	const expected = defaultRatio(opts.srcLang, opts.tgtLang);
	if (!n || !m) return oneSided(n, m, expected, opts.rescore);

	const timings: Record<string, number> = {};
	let clock = performance.now();
	const lap = (name: string) => {
		const now = performance.now();
		timings[name] = Math.round((timings[name] ?? 0) + now - clock);
		clock = now;
	};

	// features: every kind of evidence becomes keys shared by the two sides (features.ts)
	const res = compileResources(opts);
	const keys = new KeySpace();
	const words = { src: new WordSpace(), tgt: new WordSpace() };
	const srcTexts = source.map((s) => s.text ?? '');
	const tgtTexts = target.map((s) => s.text ?? '');
	const S0 = extractSide(srcTexts, 'src', keys, words.src, res);
	const T0 = extractSide(tgtTexts, 'tgt', keys, words.tgt, res);
	const paraS = opts.useStructure !== false ? paragraphsOf(source) : null;
	const paraT = opts.useStructure !== false ? paragraphsOf(target) : null;
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
	lap('features');

	const twoPass = opts.learnLexicon !== false && n >= 2 && m >= 2;
	let out: PassOutput = runPass(input, shapes, tuning, maxCells, !twoPass);
	lap('pass1');
	let lengthModel = length0;
	let learned: LearnedWord[] = [];
	if (twoPass) {
		const lesson = teach(out, S0, T0, keys, words, length0, shapes, input.priors, tuning);
		lengthModel = lesson.length;
		learned = lesson.pairs;
		lap('lexicon');
		out = runPass({ ...input, S: lesson.S, T: lesson.T, length: lesson.length, priors: lesson.priors, path: out.beads }, shapes, tuning, maxCells, true);
		lap('pass2');
	}

	const ctx = evidenceContext(opts, learned, lengthModel.ratio);
	const beads = outputBeads(out.beads, source, target, S0, T0, ctx, lengthModel.ratio);
	lap('evidence');
	// beads a reviewer's edit reshaped, scored by the same model and calibration as the aligner's own
	const { paired: pairedBeads, supported: supportedShare } = support(out.beads);
	const rescored = (opts.rescore ?? []).map((q) => {
		const src = indices(q.srcFrom, q.srcTo);
		const tgt = indices(q.tgtFrom, q.tgtTo);
		const posterior = beadPosterior(out.level, out.beads, q, tuning.tau);
		const b = describeBead(src, tgt, null, source, target, S0, T0, ctx, lengthModel.ratio);
		return { ...b, confidence: round(calibrate(posterior, src.length + tgt.length, false, documentPenalty(supportedShare, pairedBeads)), 4) };
	});

	// texts that are not translations of each other: said first, and no pairing of them is trusted
	const warnings: AlignWarning[] = unrelatedWarning(beads, S0.len, T0.len);
	if (warnings.length) for (const b of [...beads, ...rescored]) if (b.src.length && b.tgt.length) b.confidence = round(unrelatedConfidence(b.confidence), 4);
	const oneOne = beads.filter((b) => b.src.length === 1 && b.tgt.length === 1);
	const identical = oneOne.filter((b) => b.evidence.some((e) => e.kind === 'identical')).length;
	warnings.push(...sameLanguageWarning(opts.srcLang, opts.tgtLang, oneOne.length ? identical / oneOne.length : 0));
	warnings.push(...coverageWarnings(beads, S0.len, T0.len));
	warnings.push(...ratioWarning(lengthModel.ratio, expected));
	const { supported, paired } = support(out.beads);
	if (paired >= 5 && supported < WEAK_EVIDENCE) warnings.push({ code: 'weak_evidence', share: round(supported, 2) });
	warnings.push(...confidenceWarnings(beads));
	if (out.bandLimited) warnings.push({ code: 'band_limit', cells: out.cells });
	const stats: AlignStats = {
		lengthRatio: round(lengthModel.ratio, 4),
		lengthVariance: round(lengthModel.variance, 3),
		learnedPairs: learned.length,
		anchors: out.anchors,
		cells: out.cells,
		passes: twoPass ? 2 : 1,
		timings,
		...(out.paragraphBeads !== undefined ? { paragraphBeads: out.paragraphBeads } : {})
	};
	return { beads, warnings, stats, ...(opts.rescore ? { rescored } : {}) };
}

/** One side empty: every sentence of the other is unaligned, with certainty (the empty_* warning says why). */
function oneSided(n: number, m: number, expected: number | undefined, rescore?: AlignOptions['rescore']): AlignResult {
	const warnings: AlignWarning[] = [];
	if (!n) warnings.push({ code: 'empty_source' });
	if (!m) warnings.push({ code: 'empty_target' });
	const beads: Bead[] = [];
	for (let i = 0; i < n; i++) beads.push({ src: [i], tgt: [], confidence: 1, evidence: [{ kind: 'no_counterpart', side: 'src' }] });
	for (let j = 0; j < m; j++) beads.push({ src: [], tgt: [j], confidence: 1, evidence: [{ kind: 'no_counterpart', side: 'tgt' }] });
	const rescored = rescore?.map((q): Bead => {
		const side = q.srcTo > q.srcFrom ? 'src' : 'tgt';
		return { src: indices(q.srcFrom, q.srcTo), tgt: indices(q.tgtFrom, q.tgtTo), confidence: 1, evidence: [{ kind: 'no_counterpart', side }] };
	});
	return { beads, warnings, stats: { lengthRatio: expected ?? 1, lengthVariance: DEFAULT_VARIANCE, learnedPairs: 0, anchors: 0, cells: 0, passes: 0 }, ...(rescored ? { rescored } : {}) };
}

/** Share of the beads pairing sentences that have lexical support (positive log-likelihood ratio). */
function support(beads: RangeBead[]): { supported: number; paired: number } {
	let paired = 0;
	let ok = 0;
	for (const b of beads) {
		if (b.s1 === b.s0 || b.t1 === b.t0) continue;
		paired++;
		if ((b.support ?? 0) > 0) ok++;
	}
	return { supported: paired ? ok / paired : 1, paired };
}

function evidenceContext(opts: AlignOptions, learned: LearnedWord[], ratio: number): EvidenceContext {
	const lexicon = new Map<string, Set<string>>();
	const add = (a: string, b: string) => {
		let set = lexicon.get(a);
		if (!set) lexicon.set(a, (set = new Set()));
		set.add(b);
	};
	for (const [s, t] of opts.lexicon ?? []) add(fold(s.trim()), fold(t.trim()));
	for (const p of learned) add(p.src, p.tgt);
	const tm = new Map<string, Set<string>>();
	for (const [s, t] of opts.tmPairs ?? []) {
		const f = tmForm(s);
		let set = tm.get(f);
		if (!set) tm.set(f, (set = new Set()));
		set.add(tmForm(t));
	}
	const norm = (x: string) =>
		tokenize(x)
			.map((t) => t.norm)
			.join(' ');
	return {
		lexicon,
		learned: shownLearned(learned),
		glossary: { pairs: opts.glossaryPairs ?? [], src: (opts.glossaryPairs ?? []).map(([s]) => norm(s)), tgt: (opts.glossaryPairs ?? []).map(([, t]) => norm(t)) },
		tm,
		tmForm,
		ratio
	};
}

/** Range beads → output beads: index lists, calibrated confidence, evidence. */
function outputBeads(range: RangeBead[], source: AlignSentence[], target: AlignSentence[], S: SideFeatures, T: SideFeatures, ctx: EvidenceContext, ratio: number): Bead[] {
	const isolated = isolatedBeads(range);
	const { supported, paired } = support(range);
	const penalty = documentPenalty(supported, paired);
	return range.map((b, k) => {
		const src = indices(b.s0, b.s1);
		const tgt = indices(b.t0, b.t1);
		// an unmatched bead keeps the model's calibrated belief that the sentence has no counterpart (right 88 % of the
		// time on align-dev): it is flagged for review by being unmatched (needsReview, the unmatched_run warning), not by
		// a confidence of 0 that would say it is wrong
		return { ...describeBead(src, tgt, b.para ?? null, source, target, S, T, ctx, ratio), confidence: round(calibrate(b.posterior, src.length + tgt.length, isolated[k], penalty), 4) };
	});
}

/** A bead's sentences and its evidence (confidence left at 0 for the caller). */
function describeBead(
	src: number[],
	tgt: number[],
	para: [number, number, number, number] | null,
	source: AlignSentence[],
	target: AlignSentence[],
	S: SideFeatures,
	T: SideFeatures,
	ctx: EvidenceContext,
	ratio: number
): Bead {
	const evidence: Evidence[] = beadEvidence(
		src.map((i) => source[i].text ?? ''),
		tgt.map((j) => target[j].text ?? ''),
		ctx
	);
	if (src.length && tgt.length) {
		let ls = 0;
		let lt = 0;
		for (const i of src) ls += S.len[i];
		for (const j of tgt) lt += T.len[j];
		evidence.push({ kind: 'length', ratio: round(ls ? lt / ls : 0, 3), expected: round(ratio, 3), srcChars: ls, tgtChars: lt });
		const kind = source[src[0]].kind;
		if ((kind === 'heading' || kind === 'footnote' || kind === 'list_item') && target[tgt[0]].kind === kind) evidence.push({ kind: 'structure', role: kind });
		if (para) evidence.push({ kind: 'paragraph', src: indices(para[0], para[1]), tgt: indices(para[2], para[3]) });
	}
	return { src, tgt, confidence: 0, evidence };
}

function indices(a: number, b: number): number[] {
	const out: number[] = [];
	for (let i = a; i < b; i++) out.push(i);
	return out;
}

function round(x: number, d: number): number {
	const f = 10 ** d;
	return Math.round(x * f) / f;
}
