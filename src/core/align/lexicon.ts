import type { SideFeatures } from './features.js';

/**
 * A translation lexicon learned from the document itself (the second pass, as hunalign
 * does without a dictionary): the first pass's confident beads are a small parallel
 * corpus; word pairs that keep occurring in the same beads (Dice coefficient of their
 * bead co-occurrence) are probably translations — `Berg`/`montagne`, `sommet`/`summit`.
 *
 * Differences from hunalign: only beads the first pass is confident about are used (a
 * wrong bead teaches wrong pairs), a pair needs ≥ 2 co-occurrences and must be among the
 * best partners of both of its words (competitive linking, loosely), and the pair's Dice
 * becomes its weight.
 */

export interface LearnedPair {
	src: number;
	tgt: number;
	dice: number;
	count: number;
}

export interface LexiconOptions {
	minCount?: number;
	minDice?: number;
	/** partners kept per word, each direction */
	perWord?: number;
	/** beads used at most (evenly sampled), to bound time on very long documents */
	maxBeads?: number;
	/** words in more than this share of the beads are left out (function words: their links are noise) */
	maxShare?: number;
}

export function learnLexicon(
	src: SideFeatures,
	tgt: SideFeatures,
	beads: { s0: number; s1: number; t0: number; t1: number }[],
	srcForms: string[],
	tgtForms: string[],
	opts: LexiconOptions = {}
): LearnedPair[] {
	const minCount = opts.minCount ?? 2;
	const minDice = opts.minDice ?? 0.3;
	const perWord = opts.perWord ?? 3;
	const maxBeads = opts.maxBeads ?? 6000;
	const maxShare = opts.maxShare ?? 0.05;
	const step = beads.length > maxBeads ? beads.length / maxBeads : 1;
	const used: typeof beads = [];
	for (let x = 0; x < beads.length; x += step) used.push(beads[Math.floor(x)]);

	const wordsOf = (side: SideFeatures, from: number, to: number): number[] => {
		const set = new Set<number>();
		for (let i = from; i < to; i++) for (let p = side.wordStart[i]; p < side.wordStart[i + 1]; p++) set.add(side.wordId[p]);
		return [...set];
	};
	// bead frequency of each word; words seen once cannot reach minCount
	const fs = new Map<number, number>();
	const ft = new Map<number, number>();
	const bagS: number[][] = [];
	const bagT: number[][] = [];
	for (const b of used) {
		const ws = wordsOf(src, b.s0, b.s1);
		const wt = wordsOf(tgt, b.t0, b.t1);
		bagS.push(ws);
		bagT.push(wt);
		for (const w of ws) fs.set(w, (fs.get(w) ?? 0) + 1);
		for (const w of wt) ft.set(w, (ft.get(w) ?? 0) + 1);
	}
	const nT = tgtForms.length + 1;
	const maxFreq = Math.max(5, maxShare * used.length);
	const co = new Map<number, number>();
	for (let k = 0; k < bagS.length; k++) {
		const ok = (f: number | undefined) => f !== undefined && f >= minCount && f <= maxFreq;
		const ws = bagS[k].filter((w) => ok(fs.get(w)) && !/^\d/.test(srcForms[w]));
		const wt = bagT[k].filter((w) => ok(ft.get(w)) && !/^\d/.test(tgtForms[w]));
		for (const s of ws) for (const t of wt) co.set(s * nT + t, (co.get(s * nT + t) ?? 0) + 1);
	}
	const cands: LearnedPair[] = [];
	for (const [key, c] of co) {
		if (c < minCount) continue;
		const s = Math.floor(key / nT);
		const t = key - s * nT;
		// identical words are already matched as such
		if (srcForms[s] === tgtForms[t]) continue;
		const dice = (2 * c) / (fs.get(s)! + ft.get(t)!);
		if (dice >= minDice) cands.push({ src: s, tgt: t, dice, count: c });
	}
	// keep a pair only if it ranks among the best partners of both words
	cands.sort((x, y) => y.dice - x.dice || y.count - x.count);
	const rankS = new Map<number, number>();
	const rankT = new Map<number, number>();
	const out: LearnedPair[] = [];
	for (const p of cands) {
		const rs = rankS.get(p.src) ?? 0;
		const rt = rankT.get(p.tgt) ?? 0;
		rankS.set(p.src, rs + 1);
		rankT.set(p.tgt, rt + 1);
		if (rs < perWord && rt < perWord) out.push(p);
	}
	return out;
}
