import { reestimatePriors, type BeadShape } from './beadTypes.js';
import type { RangeBead } from './engine.js';
import { type KeySpace, KeyType, type SideFeatures, withExtraKeys, type WordSpace } from './features.js';
import { estimateLengthModel, type LengthModel } from './length.js';
import { learnLexicon } from './lexicon.js';
import type { AlignTuning } from './tuning.js';

/**
 * What the first pass teaches the second. Pass 1 runs without posteriors (they would cost
 * a backward sweep), so a bead teaches when its own evidence is clear: most of its
 * matchable weight matched. From those beads come
 * - the length ratio (the variance stays at its default: the taught beads are those whose
 *   lengths agree, and even all 1–1 beads give a spread too narrow — measured, it hurts);
 * - a word lexicon (Dice over bead co-occurrence, lexicon.ts), added to the sentences as
 *   keys of type `learned`;
 * - optionally the shape priors (off by default: with the lexical model they over-merge).
 */

export interface Lesson {
	length: LengthModel;
	priors: number[];
	/** features with the learned pairs' keys */
	S: SideFeatures;
	T: SideFeatures;
	/** learned pairs as folded word forms with their strength, for the evidence */
	pairs: LearnedWord[];
}

/** A learned pair in word forms: `dice` and `count` say how much the evidence may make of it. */
export interface LearnedWord {
	src: string;
	tgt: string;
	dice: number;
	/** beads of the first pass in which the two words co-occur */
	count: number;
}

export function teach(
	pass1: { beads: RangeBead[]; p0: number; p1: number },
	S: SideFeatures,
	T: SideFeatures,
	keys: KeySpace,
	words: { src: WordSpace; tgt: WordSpace },
	length0: LengthModel,
	shapes: BeadShape[],
	priors0: number[],
	tuning: AlignTuning
): Lesson {
	const teachSim = Math.max(0.3, (pass1.p0 + pass1.p1) / 2);
	const taught = pass1.beads.filter((b) => b.sim >= teachSim);
	const oneToOne = taught.filter((b) => b.s1 - b.s0 === 1 && b.t1 - b.t0 === 1);
	const fromTaught = estimateLengthModel(
		oneToOne.map((b) => ({ ls: S.len[b.s0], lt: T.len[b.t0] })),
		length0
	);
	let length = length0;
	if (tuning.reestimateLength === 'ratio') length = { ratio: fromTaught.ratio, variance: length0.variance };
	else if (tuning.reestimateLength === 'full') {
		const all = pass1.beads.filter((b) => b.s1 - b.s0 === 1 && b.t1 - b.t0 === 1);
		length = { ratio: fromTaught.ratio, variance: estimateLengthModel(all.map((b) => ({ ls: S.len[b.s0], lt: T.len[b.t0] })), length0).variance };
	}

	let priors = priors0;
	if (tuning.reestimatePriors) {
		const observed = new Map<string, number>();
		for (const b of pass1.beads) {
			const key = `${b.s1 - b.s0}-${b.t1 - b.t0}`;
			observed.set(key, (observed.get(key) ?? 0) + 1);
		}
		priors = reestimatePriors(shapes, observed);
	}

	const learned = tuning.learnPairs
		? learnLexicon(S, T, taught, words.src.forms, words.tgt.forms, { maxShare: tuning.lexMaxShare, minDice: tuning.lexMinDice, minCount: tuning.lexMinCount })
		: [];
	if (!learned.length) return { length, priors, S, T, pairs: [] };
	// each pair becomes a key carried by the source sentences holding its source word and
	// the target sentences holding its target word; its Dice scales the key's weight
	const bySrc = new Map<number, number[]>();
	const byTgt = new Map<number, number[]>();
	learned.forEach((p, k) => {
		const id = keys.id('L#' + k, KeyType.learned, p.dice);
		let a = bySrc.get(p.src);
		if (!a) bySrc.set(p.src, (a = []));
		a.push(id);
		let b = byTgt.get(p.tgt);
		if (!b) byTgt.set(p.tgt, (b = []));
		b.push(id);
	});
	const extra = (side: SideFeatures, by: Map<number, number[]>) => (i: number) => {
		let ks: number[] | undefined;
		for (let p = side.wordStart[i]; p < side.wordStart[i + 1]; p++) {
			const ids = by.get(side.wordId[p]);
			if (ids) (ks ??= []).push(...ids);
		}
		return ks;
	};
	return {
		length,
		priors,
		S: withExtraKeys(S, extra(S, bySrc)),
		T: withExtraKeys(T, extra(T, byTgt)),
		pairs: learned.map((p) => ({ src: words.src.forms[p.src], tgt: words.tgt.forms[p.tgt], dice: p.dice, count: p.count }))
	};
}
