import type { Accept } from './fuzzy-index.js';

/**
 * The fuzzy part of a TM lookup: the units that can be among the `limit` best by final score
 * (word similarity minus penalties), found with a threshold that rises as soon as `limit`
 * scored matches are in hand.
 *
 * Why the rising threshold cannot drop a unit of the true top `limit`: a match's final score
 * never exceeds its base ⌊100 × similarity⌋ (penalties only subtract). Once `limit` matches
 * (exact ones included) score at least S, a unit whose base is below S scores below all of
 * them and cannot be returned, so the search may skip every unit with similarity < S/100
 * (`searchWith`, note 4 in fuzzy-index.ts). A unit whose base equals S is still scored: it may
 * tie on score and win on date. The ranking is then the exhaustive scan's, over every unit.
 */
export interface TopFuzzyOptions<T> {
	/** runs the index search from `threshold` (0–1), calling `accept` for each unit found */
	search: (threshold: number, accept: Accept) => number;
	/** lowest final score returned (percentage) */
	threshold: number;
	limit: number;
	/** final scores of the matches already taken (the exact ones) */
	taken: readonly number[];
	/** units already taken, not to score again */
	skip: (id: number) => boolean;
	/** the unit scored against the query, or null if it is gone */
	score: (id: number, similarity: number) => (T & { score: number }) | null;
}

/** Matches found, best similarity first (ties by id): the order lookups always used. */
export function topFuzzy<T>(o: TopFuzzyOptions<T>): (T & { score: number })[] {
	if (!(o.limit >= 1)) return [];
	// final scores taken so far, descending; only the first `limit` matter
	const scores = [...o.taken].sort((a, b) => b - a).slice(0, o.limit);
	const found: { m: T & { score: number }; id: number; sim: number }[] = [];
	const floorOf = () => (scores.length >= o.limit ? scores[o.limit - 1] : -1);
	const start = Math.max(o.threshold, floorOf()) / 100;
	o.search(start, (id, _distance, sim) => {
		const kth = floorOf();
		if (!o.skip(id) && Math.floor(100 * sim + 1e-9) >= kth) {
			const m = o.score(id, sim);
			if (m && m.score >= o.threshold && m.score >= kth) {
				found.push({ m, id, sim });
				let at = scores.length;
				while (at > 0 && scores[at - 1] < m.score) at--;
				scores.splice(at, 0, m.score);
				if (scores.length > o.limit) scores.pop();
			}
		}
		return Math.max(o.threshold, floorOf()) / 100;
	});
	const kth = floorOf();
	return found
		.filter((f) => f.m.score >= kth)
		.sort((a, b) => b.sim - a.sim || a.id - b.id)
		.map((f) => f.m);
}
