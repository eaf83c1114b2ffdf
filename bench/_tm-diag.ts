import { FuzzyIndex } from '../src/core/tm/fuzzy-index.js';

/**
 * What FuzzyIndex.search does for one query, counted: the same filters in the same order
 * (src/core/tm/fuzzy-index.ts), on a FuzzyIndex built apart from the service's (whose index
 * lives in a closure). Private fields are read through a cast: this is a diagnostic only.
 */
interface Internals {
	vocab: Map<string, number>;
	postings: number[][];
	unitTokens: Int32Array[];
}

export interface SearchWork {
	queryTokens: number;
	/** n − t + 1: how many of the rarest query tokens are looked up */
	prefixTokens: number;
	/** posting entries read (sum of the looked-up tokens' posting lengths) */
	postingsRead: number;
	/** distinct units reached */
	unitsReached: number;
	/** …inside the length window */
	lengthWindowPass: number;
	/** token-by-token Map lookups made counting shared tokens (Σ unit lengths) */
	sharedCountLookups: number;
	/** …passing the shared-token bound, so scored with boundedTokenDistance */
	distanceCalls: number;
	/** posting length of the most common looked-up token, as a share of the units */
	commonestLookedUpShare: number;
}

export function buildIndex(rows: Iterable<{ id: number; tokens: string }>): FuzzyIndex {
	const ix = new FuzzyIndex();
	for (const r of rows) ix.add(r.id, r.tokens === '' ? [] : r.tokens.split(' '));
	return ix;
}

export function searchWork(ix: FuzzyIndex, tokens: readonly string[], threshold: number): SearchWork {
	const f = ix as unknown as Internals;
	const n = tokens.length;
	const q = tokens.map((t) => f.vocab.get(t) ?? -1);
	const t = Math.max(1, Math.ceil(threshold * n - 1e-9));
	const minLen = Math.ceil(threshold * n - 1e-9);
	const maxLen = threshold > 0 ? Math.floor(n / threshold + 1e-9) : Infinity;
	const len = (x: number) => (x < 0 ? -1 : f.postings[x].length);
	const prefix = [...q].sort((a, b) => len(a) - len(b)).slice(0, n - t + 1);
	const qCounts = new Map<number, number>();
	for (const x of q) if (x >= 0) qCounts.set(x, (qCounts.get(x) ?? 0) + 1);
	const seen = new Uint8Array(f.unitTokens.length);
	const w: SearchWork = {
		queryTokens: n,
		prefixTokens: prefix.length,
		postingsRead: 0,
		unitsReached: 0,
		lengthWindowPass: 0,
		sharedCountLookups: 0,
		distanceCalls: 0,
		commonestLookedUpShare: 0
	};
	const uCounts = new Map<number, number>();
	for (const tok of new Set(prefix)) {
		if (tok < 0) continue;
		const list = f.postings[tok];
		w.postingsRead += list.length;
		w.commonestLookedUpShare = Math.max(w.commonestLookedUpShare, list.length / Math.max(1, f.unitTokens.length));
		for (const slot of list) {
			if (seen[slot]) continue;
			seen[slot] = 1;
			w.unitsReached++;
			const u = f.unitTokens[slot];
			const m = u.length;
			if (m < minLen || m > maxLen) continue;
			w.lengthWindowPass++;
			const longest = Math.max(n, m);
			uCounts.clear();
			let shared = 0;
			w.sharedCountLookups += m;
			for (const x of u) {
				const qc = qCounts.get(x);
				if (!qc) continue;
				const c = (uCounts.get(x) ?? 0) + 1;
				uCounts.set(x, c);
				if (c <= qc) shared++;
			}
			if (shared < threshold * longest - 1e-9) continue;
			w.distanceCalls++;
		}
	}
	return w;
}
