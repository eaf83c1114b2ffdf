import { isStopword } from './stopwords.js';
import type { LearnedWord } from './teach.js';

/**
 * Which pairs of the lexicon learned from the document the evidence may show. A pair learned
 * from a few beads of one document is a guess, and `est`→`together` listed under "Why" makes a
 * bead look better founded than it is.
 */

/** Co-occurrence in this many confident beads of the first pass, at least, for a learned pair to be shown. */
const LEARNED_MIN_COUNT = 3;

export interface LearnedStrength {
	dice: number;
	count: number;
	/** length of the common prefix of the two forms: breaks ties in favour of the look-alike (`conseil`→`council`, not →`russia`) */
	prefix: number;
}

/**
 * The learned pairs worth showing as evidence: both words content words (no French or English
 * function word, 3 letters or more), seen together in at least LEARNED_MIN_COUNT beads, and each
 * the other's best partner in the whole learned lexicon. The scoring keeps every pair (Dice
 * scales its key's weight; leaving out function words there was measured: align-dev's AUC and
 * Brier got slightly worse); this only decides what a reviewer is told.
 */
export function shownLearned(pairs: readonly LearnedWord[]): Map<string, LearnedStrength | null> {
	const out = new Map<string, LearnedStrength | null>();
	const strength = (p: LearnedWord): LearnedStrength => {
		let k = 0;
		while (k < p.src.length && k < p.tgt.length && p.src[k] === p.tgt[k]) k++;
		return { dice: p.dice, count: p.count, prefix: k };
	};
	const content = (w: string) => w.length >= 3 && !/^\d/.test(w) && !isStopword(w);
	const bestS = new Map<string, LearnedWord>();
	const bestT = new Map<string, LearnedWord>();
	for (const p of pairs) {
		const s = bestS.get(p.src);
		if (!s || stronger(strength(p), strength(s))) bestS.set(p.src, p);
		const t = bestT.get(p.tgt);
		if (!t || stronger(strength(p), strength(t))) bestT.set(p.tgt, p);
	}
	for (const p of pairs) {
		const ok = p.count >= LEARNED_MIN_COUNT && content(p.src) && content(p.tgt) && bestS.get(p.src) === p && bestT.get(p.tgt) === p;
		out.set(`${p.src}\u0000${p.tgt}`, ok ? strength(p) : null);
	}
	return out;
}

export function stronger(a: LearnedStrength, b: LearnedStrength): boolean {
	return a.count !== b.count ? a.count > b.count : a.dice !== b.dice ? a.dice > b.dice : a.prefix > b.prefix;
}
