import type { Accept } from './fuzzy-index.js';

/**
 * The most a match loses to penalties (score.ts, scoreMatch: case ≤ 3, numbers ≤ 5,
 * punctuation 1, tags 1). A score is thus within [base − MAX_PENALTY, base].
 */
export const MAX_PENALTY = 10;

/**
 * The most a match of this query can lose to penalties: the number penalty counts aligned
 * numbers of the query (its `#` tokens), so a query with few numbers loses less.
 */
export function penaltyBound(queryTokens: readonly string[]): number {
	let numbers = 0;
	for (const t of queryTokens) if (t === '#') numbers++;
	return 3 + Math.min(5, numbers) + 1 + 1;
}

/**
 * The fuzzy part of a TM lookup: the units that can be among the `limit` best by final score
 * (word similarity minus penalties), found with a threshold that rises during the search.
 *
 * Why the rising threshold cannot drop a unit of the true top `limit`. A match's final score
 * never exceeds its base ⌊100 × similarity⌋ and is at least base − MAX_PENALTY. The threshold
 * handed to the index at any time is S/100 where S is the largest of
 *  - the lookup's threshold (nothing below it is returned);
 *  - the `limit`-th best final score among the matches already scored (exact ones included);
 *  - ⌊100 s⌋ − P, s the `limit`-th best similarity among the units found and P the most a
 *    match can lose to penalties (`penaltyBound`): those `limit` units score at least that.
 * Each is at most the final `limit`-th best score, so a unit whose base is below S scores
 * below `limit` returned matches and cannot be returned: the index may skip every unit with
 * similarity < S/100 (`searchWith`, note 4 in fuzzy-index.ts). A unit whose base equals S is
 * still kept: it may tie on score and win on date.
 *
 * Scoring (a database read and an alignment) is the costly part, so a unit is scored as it is
 * found only when it enters the `limit` best by similarity; the others are scored afterwards,
 * best similarity first, until their base falls below the `limit`-th best score.
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
	/** the most a match loses to penalties (`penaltyBound` of the query); MAX_PENALTY if absent */
	maxPenalty?: number;
	/** the unit scored against the query, or null if it is gone */
	score: (id: number, similarity: number) => (T & { score: number }) | null;
}

interface Found<T> {
	id: number;
	sim: number;
	/** undefined: not scored yet; null: gone or below the threshold */
	m?: (T & { score: number }) | null;
}

/** Matches found, best similarity first (ties by id): the order lookups always used. */
export function topFuzzy<T>(o: TopFuzzyOptions<T>): (T & { score: number })[] {
	const k = o.limit;
	if (!(k >= 1)) return [];
	const penalty = Math.min(MAX_PENALTY, o.maxPenalty ?? MAX_PENALTY);
	// final scores taken so far, descending; only the first k matter
	const scores = [...o.taken].sort((a, b) => b - a).slice(0, k);
	const kthScore = () => (scores.length >= k ? scores[k - 1] : -1);
	// the k best similarities found, ascending
	const bestSims: number[] = [];
	const found: Found<T>[] = [];
	const scoreOne = (f: Found<T>) => {
		const m = o.score(f.id, f.sim);
		f.m = m && m.score >= o.threshold ? m : null;
		if (!f.m) return;
		let at = scores.length;
		while (at > 0 && scores[at - 1] < f.m.score) at--;
		scores.splice(at, 0, f.m.score);
		if (scores.length > k) scores.pop();
	};
	const floor = () => Math.max(o.threshold, kthScore(), bestSims.length >= k ? Math.floor(100 * bestSims[0] + 1e-9) - penalty : -1);
	o.search(floor() / 100, (id, _distance, sim) => {
		if (o.skip(id) || Math.floor(100 * sim + 1e-9) < kthScore()) return floor() / 100;
		const f: Found<T> = { id, sim };
		found.push(f);
		if (bestSims.length < k || sim > bestSims[0]) {
			// scored first: a unit whose row is gone (deleted since it was indexed, perhaps by
			// another process) must not count among the k best; one scoring below the threshold
			// need not either (its bound ⌊100 s⌋ − P is below the threshold already)
			scoreOne(f);
			if (!f.m) return floor() / 100;
			let at = bestSims.length;
			while (at > 0 && bestSims[at - 1] > sim) at--;
			bestSims.splice(at, 0, sim);
			if (bestSims.length > k) bestSims.shift();
		}
		return floor() / 100;
	});
	found.sort((a, b) => b.sim - a.sim || a.id - b.id);
	const out: (T & { score: number })[] = [];
	for (const f of found) {
		// best similarity first: once the base is below the k-th score, no later one can enter
		if (Math.floor(100 * f.sim + 1e-9) < kthScore()) break;
		if (f.m === undefined) scoreOne(f);
		if (f.m) out.push(f.m);
	}
	const kth = kthScore();
	return out.filter((m) => m.score >= kth);
}
