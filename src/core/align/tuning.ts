/**
 * Model constants, tuned on the public dev set (de–fr) and checked on the team's fr–en
 * seeds and on synthetic documents. Exposed for experiments (`align(…, { tuning })`); the
 * defaults are what the bench measures.
 */
export interface AlignTuning {
	/** scale of the lexical log-likelihood ratio: matched evidence */
	gamma: number;
	/** … unmatched evidence */
	gammaMiss: number;
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
	/** cost of a number found nowhere in the other text, inside a bead with both sides */
	orphanCost: number;
	/** deletion-run shapes offered, and the cost of each further deleted sentence (beadTypes.ts) */
	runLengths: number[];
	runNext: number;
	runNextLong: number;
	/** what the second pass re-estimates (see teach.ts: the variance and the priors were measured to hurt) */
	reestimateLength: 'none' | 'ratio' | 'full';
	reestimatePriors: boolean;
	/** learn a word lexicon from pass 1 (see lexicon.ts for the three thresholds) */
	learnPairs: boolean;
	lexMaxShare: number;
	lexMinDice: number;
	lexMinCount: number;
}

export const DEFAULT_TUNING: AlignTuning = {
	gamma: 0.1,
	gammaMiss: 0.1,
	lengthWeight: 1,
	tau: 1,
	maxBeadSide: 4,
	linkWindow: 12,
	p0Floor: 0.03,
	orphanCost: 1,
	runLengths: [2, 3, 4, 8, 16, 32],
	runNext: 2,
	runNextLong: 1,
	reestimateLength: 'ratio',
	reestimatePriors: false,
	learnPairs: true,
	lexMaxShare: 0.05,
	lexMinDice: 0.5,
	lexMinCount: 2
};

