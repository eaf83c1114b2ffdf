import type { RangeBead } from './engine.js';

/**
 * Confidence from the bead's posterior: Platt scaling, σ(a·logit(p) + b − c·(sentences − 2)),
 * with two penalties for what the posterior cannot see.
 * The posterior is the model's own probability that the bead is exactly right; two things
 * make it miscalibrated, and both are corrected here:
 * - the model's costs are scaled log-likelihoods (γ < 1), so raw posteriors of ordinary
 *   beads are under-confident (a < 1 flattens the logit, b lifts it);
 * - beads of more than two sentences are where the model is most often wrong for reasons it
 *   cannot see (gold shapes beyond 4 sentences, segmentation slips), so each extra sentence
 *   lowers the confidence (c).
 * a, b, c were fit by logistic regression on the dev set's beads (2-fold cross-validation
 * gives the same ranking), then rounded; see bench/align.ts for the separation it achieves.
 * The penalties (isolated beads, documents with weak evidence) never fire on the dev set or
 * the seeds: they are for texts that do not correspond, where every path is bad and the
 * posterior only says which is least bad.
 */
const CALIBRATION = { a: 0.75, b: 1.45, c: 0.6, isolated: 2.5 };

/** Below this share of lexically supported beads, the document's evidence is called weak. */
export const WEAK_EVIDENCE = 0.6;

/**
 * `isolated`: no bead within two either side (itself included) shares any lexical evidence.
 * Such a bead rests on lengths alone — the model may still prefer it to every rival, but
 * nothing confirms the region is aligned at all (two unrelated texts look like this), so
 * its confidence drops. On the dev set no bead is isolated: the rule costs nothing there.
 */
export function calibrate(posterior: number, sentences = 2, isolated = false, docPenalty = 0): number {
	if (!Number.isFinite(posterior)) return 0;
	const p = Math.min(1 - 1e-9, Math.max(1e-9, posterior));
	const z = CALIBRATION.a * Math.log(p / (1 - p)) + CALIBRATION.b - CALIBRATION.c * Math.max(0, sentences - 2) - (isolated ? CALIBRATION.isolated : 0) - docPenalty;
	return 1 / (1 + Math.exp(-z));
}

/** Beads with no lexically supported bead (matched weight > 0) within two beads either side. */
export function isolatedBeads(beads: RangeBead[]): boolean[] {
	const has = beads.map((b) => b.sim > 0);
	return beads.map((_, k) => {
		for (let d = -2; d <= 2; d++) if (has[k + d]) return false;
		return true;
	});
}

/**
 * Logit penalty for a document where few beads pairing sentences have lexical support
 * (`supported` is their share): the model's posteriors then compare bad paths with worse
 * ones, so every confidence is lowered. Zero at or above WEAK_EVIDENCE.
 */
export function documentPenalty(supported: number, pairedBeads: number): number {
	return pairedBeads >= 5 ? Math.max(0, WEAK_EVIDENCE - supported) * 5 : 0;
}

/**
 * Logit shift for a bead pairing sentences of texts that are not translations of each other
 * (the unrelated_texts warning): whatever the posterior, such a pairing is a coincidence of
 * lengths or of a shared word, and it must not reach the TM as a confident pair (≈ 1 in 55
 * prior odds: a 0.8 becomes 0.07, a 0.99 0.65). Beads with an empty side keep their
 * confidence: that a sentence has no counterpart is then exactly right. The shift only
 * applies where the warning fires, which it never does on the dev set or the seeds: their
 * calibration is untouched.
 */
const UNRELATED_SHIFT = 4;

export function unrelatedConfidence(c: number): number {
	const p = Math.min(1 - 1e-9, Math.max(1e-9, c));
	return 1 / (1 + Math.exp(-(Math.log(p / (1 - p)) - UNRELATED_SHIFT)));
}
