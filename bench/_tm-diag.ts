import { FuzzyIndex, type SearchStats } from '../src/core/tm/fuzzy-index.js';

/**
 * What FuzzyIndex.search does for one query, counted (its own SearchStats), on a FuzzyIndex
 * built apart from the service's (whose index lives in a closure): for all matches (as
 * fuzzyCandidates) and for the top 20 the lookup asks for (rising threshold).
 */
export type SearchWork = SearchStats & { topK: SearchStats };

export function buildIndex(rows: Iterable<{ id: number; tokens: string }>): FuzzyIndex {
	const ix = new FuzzyIndex();
	for (const r of rows) ix.add(r.id, r.tokens === '' ? [] : r.tokens.split(' '));
	return ix;
}

const empty = (): SearchStats => ({ queryTokens: 0, prefixLookedUp: 0, postingsRead: 0, unitsReached: 0, lengthWindowPass: 0, positionPass: 0, overlapPass: 0, distanceCalls: 0, finalThreshold: 0 });

export function searchWork(ix: FuzzyIndex, tokens: readonly string[], threshold: number, k = 20): SearchWork {
	const all = empty();
	ix.search(tokens, threshold, Infinity, all);
	const top = empty();
	ix.search(tokens, threshold, k, top);
	return { ...all, topK: top };
}
