import { normText } from '../tm/normalize.js';

/**
 * The standard match-analysis bands, best first. In-context (101 %) wins over repetition,
 * as in Trados: a segment whose neighbours also match needs no review at all, whereas a
 * repetition still has to be translated once.
 */
export const BANDS = ['in-context', 'repetition', 'exact', '95-99', '85-94', '75-84', '50-74', 'none'] as const;
export type Band = (typeof BANDS)[number];

export interface BandCount {
	band: Band;
	segments: number;
	words: number;
}

export interface Analysis {
	bands: BandCount[];
	total: { segments: number; words: number };
}

/** The band of one segment, given its best TM score (null: no match ≥ 50 %) and whether it repeats an earlier one. */
export function bandOf(best: number | null, repetition: boolean): Band {
	if (best != null && best >= 101) return 'in-context';
	if (repetition) return 'repetition';
	if (best == null || best < 50) return 'none';
	if (best >= 100) return 'exact';
	if (best >= 95) return '95-99';
	if (best >= 85) return '85-94';
	if (best >= 75) return '75-84';
	return '50-74';
}

/**
 * Counts segments and words per band. A repetition is a segment whose source (as the TM
 * compares it: spaces, apostrophes and tags ignored) already occurred earlier in the
 * document; the first occurrence is counted by its own match.
 */
export function analyse(segments: readonly { source: string; words: number; best: number | null }[]): Analysis {
	const counts = new Map<Band, BandCount>(BANDS.map((b) => [b, { band: b, segments: 0, words: 0 }]));
	const seen = new Set<string>();
	let words = 0;
	for (const s of segments) {
		const key = normText(s.source);
		const repeated = key !== '' && seen.has(key);
		seen.add(key);
		const c = counts.get(bandOf(s.best, repeated))!;
		c.segments++;
		c.words += s.words;
		words += s.words;
	}
	return { bands: [...counts.values()], total: { segments: segments.length, words } };
}
