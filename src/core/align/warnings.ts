import type { AlignWarning, Evidence } from './types.js';

/**
 * Whole-document diagnoses, returned as values: a partial translation, texts in the same
 * language, an unusual length ratio, a mostly unsure alignment, unmatched runs. None of these is an
 * error — the beads are still the best the aligner can do — but the user should know.
 */

interface BeadLike {
	src: number[];
	tgt: number[];
	confidence: number;
}

/** Below this share of a side's characters aligned, the other text is called partial. */
const PARTIAL_BELOW = 0.8;
/** A run of this many unaligned sentences is listed as a gap. */
const GAP_RUN = 3;

/**
 * Runs of at least GAP_RUN consecutive sentences of `side` with no counterpart, as inclusive
 * index ranges. Beads are read in order; a run continues across beads as long as none of them
 * pairs a sentence of `side` with one of the other side.
 */
export function unmatchedRuns(beads: BeadLike[], side: 'src' | 'tgt'): { from: number; to: number }[] {
	const runs: { from: number; to: number }[] = [];
	let runFrom = -1;
	let runTo = -1;
	const close = () => {
		if (runFrom >= 0 && runTo - runFrom + 1 >= GAP_RUN) runs.push({ from: runFrom, to: runTo });
		runFrom = -1;
	};
	for (const b of beads) {
		const mine = side === 'src' ? b.src : b.tgt;
		const other = side === 'src' ? b.tgt : b.src;
		if (!mine.length) continue;
		if (other.length) close();
		else {
			if (runFrom < 0) runFrom = mine[0];
			runTo = mine[mine.length - 1];
		}
	}
	close();
	return runs;
}

/**
 * A missing paragraph is worth a warning even in a translation that is otherwise complete:
 * `unmatched_run` whenever a side has such runs, plus `partial_coverage` when less than
 * PARTIAL_BELOW of a side's characters are aligned.
 */
export function coverageWarnings(beads: BeadLike[], lenS: ArrayLike<number>, lenT: ArrayLike<number>): AlignWarning[] {
	const out: AlignWarning[] = [];
	for (const side of ['src', 'tgt'] as const) {
		const len = side === 'src' ? lenS : lenT;
		const gaps = unmatchedRuns(beads, side);
		if (gaps.length) out.push({ code: 'unmatched_run', side, runs: gaps });
		if (len.length < 4) continue;
		let total = 0;
		let covered = 0;
		for (const b of beads) {
			const mine = side === 'src' ? b.src : b.tgt;
			const other = side === 'src' ? b.tgt : b.src;
			for (const i of mine) {
				total += len[i] + 1;
				if (other.length) covered += len[i] + 1;
			}
		}
		const coverage = total ? covered / total : 1;
		if (coverage < PARTIAL_BELOW) out.push({ code: 'partial_coverage', side, coverage: Math.round(coverage * 100) / 100, unaligned: gaps });
	}
	return out;
}

export function sameLanguageWarning(srcLang: string | undefined, tgtLang: string | undefined, identicalShare: number): AlignWarning[] {
	const p = (l?: string) => (l ?? '').toLowerCase().split(/[-_]/)[0];
	if ((srcLang && tgtLang && p(srcLang) === p(tgtLang)) || identicalShare > 0.5) return [{ code: 'same_language', identicalShare: Math.round(identicalShare * 100) / 100 }];
	return [];
}

/**
 * Many unsure pairings. Unmatched beads (confidence 0 by rule) are left out: the coverage
 * warnings report them, and a partial translation is not an unsure one.
 */
export function confidenceWarnings(beads: BeadLike[]): AlignWarning[] {
	const paired = beads.filter((b) => b.src.length && b.tgt.length);
	if (paired.length < 10) return [];
	const low = paired.filter((b) => b.confidence < 0.5).length / paired.length;
	return low > 0.3 ? [{ code: 'low_confidence', share: Math.round(low * 100) / 100 }] : [];
}

export function ratioWarning(ratio: number, expected: number | undefined): AlignWarning[] {
	const e = expected ?? 1;
	return ratio > e * 2 || ratio < e / 2 ? [{ code: 'length_ratio', ratio: Math.round(ratio * 100) / 100 }] : [];
}

/**
 * Below this share of a side's characters in anchored beads (see `unrelatedWarning`) on BOTH
 * sides, the texts are called unrelated. Measured (tests/align-unrelated.test.ts): real pairs
 * give 1.0 (both seeds, with or without the glossary), 0.86 (align-dev), 0.66–0.93 (align-dev cut
 * into 60-bead documents, a partial one included), 0.83 (half of align-dev's German against all
 * its French); unrelated texts — the two seeds crossed, align-dev against itself reversed or
 * against other passages, German against English — 0.00–0.05.
 */
export const UNRELATED_BELOW = 0.15;

/** Evidence that could hardly be shared by chance and that the alignment did not make up itself. */
function anchored(evidence: Evidence[]): boolean {
	return evidence.some((e) => {
		switch (e.kind) {
			case 'numbers':
				return e.match.length > 0;
			case 'names':
			case 'urls':
			case 'dates':
			case 'term':
			case 'tm':
			case 'cognates':
			case 'identical':
				return true;
			case 'lexicon':
				// pairs learned from this alignment would confirm whatever it paired
				return !e.learned;
			default:
				return false;
		}
	});
}

/**
 * Texts that are not translations of each other: on each side, less than UNRELATED_BELOW of
 * the characters lie in beads that pair sentences and share an anchor (a number, a name, an
 * acronym, a glossary term, a cognate, a known translation). A partial translation is not
 * called unrelated: the shorter text is covered, with anchors, so its side stays high. Lengths
 * alone never count: any two texts can be paired by length, and the posteriors of such
 * pairings (or of leaving everything unmatched) can be high while meaning nothing.
 * `share` is the higher of the two sides' anchored shares.
 */
export function unrelatedWarning(beads: (BeadLike & { evidence: Evidence[] })[], lenS: ArrayLike<number>, lenT: ArrayLike<number>): AlignWarning[] {
	if (lenS.length < 4 || lenT.length < 4) return [];
	let totalS = 0;
	let totalT = 0;
	let anchS = 0;
	let anchT = 0;
	for (const b of beads) {
		let ls = 0;
		let lt = 0;
		for (const i of b.src) ls += lenS[i] + 1;
		for (const j of b.tgt) lt += lenT[j] + 1;
		totalS += ls;
		totalT += lt;
		if (b.src.length && b.tgt.length && anchored(b.evidence)) {
			anchS += ls;
			anchT += lt;
		}
	}
	const share = Math.max(totalS ? anchS / totalS : 1, totalT ? anchT / totalT : 1);
	return share < UNRELATED_BELOW ? [{ code: 'unrelated_texts', share: Math.round(share * 100) / 100 }] : [];
}
