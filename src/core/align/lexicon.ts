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
	const maxBeads = opts.maxBeads ?? 3000;
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
	const ok = (f: number | undefined) => f !== undefined && f >= minCount && f <= maxFreq;
	// co-occurrences as one sorted array of pair codes (s·nT + t), counted by runs: much
	// faster than a hash map of a million entries
	let codes = new Float64Array(1 << 16);
	let nc = 0;
	for (let k = 0; k < bagS.length; k++) {
		const ws = bagS[k].filter((w) => ok(fs.get(w)) && !/^\d/.test(srcForms[w]));
		const wt = bagT[k].filter((w) => ok(ft.get(w)) && !/^\d/.test(tgtForms[w]));
		if (nc + ws.length * wt.length > codes.length) {
			const grown = new Float64Array(Math.max(2 * codes.length, nc + ws.length * wt.length));
			grown.set(codes.subarray(0, nc));
			codes = grown;
		}
		for (const a of ws) for (const b of wt) codes[nc++] = a * nT + b;
	}
	const sorted = codes.subarray(0, nc).sort();
	const cands: LearnedPair[] = [];
	for (let k = 0; k < nc; ) {
		let e = k + 1;
		while (e < nc && sorted[e] === sorted[k]) e++;
		const c = e - k;
		if (c >= minCount) {
			const s = Math.floor(sorted[k] / nT);
			const t = sorted[k] - s * nT;
			// identical words are already matched as such
			if (srcForms[s] !== tgtForms[t]) {
				const dice = (2 * c) / (fs.get(s)! + ft.get(t)!);
				if (dice >= minDice) cands.push({ src: s, tgt: t, dice, count: c });
			}
		}
		k = e;
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
