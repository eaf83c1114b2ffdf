import { MyersMatcher } from './myers.js';
import { boundedTokenDistance } from './score.js';

/**
 * An in-memory index over the TM's word tokens, for fuzzy candidates.
 *
 * Why it cannot miss a unit the exhaustive scan would return (threshold θ, θ ≥ θ₀ = 0.5, the
 * lowest threshold the index is built for; below it `search` scores every unit):
 *
 * A unit u of m tokens is returned by the scan iff its word similarity 1 − ED(q,u)/max(n,m) ≥ θ
 * (ED = word edit distance; penalties come later and only lower a score). Then
 *  1. |n − m| ≤ ED ≤ (1−θ)·max(n,m): the length window;
 *  2. an edit script keeps at most c tokens in place, c = the tokens q and u share as
 *     multisets, so ED ≥ max(n,m) − c, hence c ≥ α := ⌈θ·max(n,m)⌉ ≥ max(⌈θn⌉, ⌈θm⌉);
 *  3. prefix filter. Make each multiset a set of elements (token, k-th occurrence) and sort
 *     every unit and the query by ONE fixed total order (`key` below: rarest tokens first at
 *     the last re-ranking, occurrences in order). Let x be the first shared element in that
 *     order. At least α − 1 shared elements come after x in both sequences, so x is among the
 *     first m − α + 1 ≤ m − ⌈θ₀m⌉ + 1 elements of u — the unit's *prefix*, the only part
 *     indexed (postings: token → units holding it in their prefix) — and among the first
 *     n − ⌈θn⌉ + 1 of the query, the only part looked up. So u is in the postings of x's
 *     token, which is looked up.
 *  4. rising threshold: with a limit k, once k units reached similarity s, a unit below s
 *     cannot enter the top k, so θ is raised to s (ties kept); `searchWith` lets the caller
 *     raise it by its own ranking (the lookup's, by final score, see top-matches.ts). 1–3 and
 *     6 hold for the raised θ, and a raised θ only shortens the query prefix still to look up:
 *     the elements a true match needs lie in the prefix for the final θ, which is a prefix of
 *     every earlier one, so they have been looked up.
 *  5. positions: the first time u is hit, through query position i and position j of u's
 *     ordered tokens, that token is x itself — an earlier shared element would sit earlier in
 *     u's prefix and in the query part already looked up, so u would have been hit before.
 *     Every shared element thus lies at or after i in q and j in u: c ≤ min(n − i, m − j),
 *     which must still reach α. More generally, at any hit through token t at (i, j), the
 *     shared elements are those of tokens before t — all in the part of q looked up and
 *     before j in u, so in u's prefix: each was a hit, counted in `hits` — plus at most
 *     min(n − i, m − j) at or after t: c ≤ hits + min(n − i, m − j) (PPJoin's bound). A hit
 *     counts qCount[t], the query's occurrences of t, never fewer than the shared elements of
 *     t. A unit failing this at a hit fails it at every later hit (the room only shrinks, θ
 *     only rises), so its skipped hits never make a later count too low.
 *  6. ℓ-prefix (ℓ = `prefixHits`): units index their first min(m, m − ⌈θ₀m⌉ + ℓ) elements and
 *     the query looks up its first n − ⌈θn⌉ + ℓ. Let x₁ < … < x_c be the shared elements in
 *     the order. At least c − k shared elements follow x_k in both, so x_k sits at position
 *     ≤ n − c + k − 1 < n − α + ℓ in q and ≤ m − c + k − 1 < m − ⌈θ₀m⌉ + ℓ in u whenever
 *     k ≤ ℓ (c ≥ α ≥ ⌈θn⌉ and ≥ ⌈θ₀m⌉): the first min(ℓ, c) ≥ min(ℓ, α) shared elements are
 *     all in both looked-up parts, so a true match is hit for at least that many elements.
 *     A unit is verified only once its count reaches min(ℓ, α); one that never does is no
 *     match. ℓ = 1 is the plain prefix filter (3); a larger ℓ indexes ℓ − 1 more elements per
 *     unit and reads more postings, but verifies far fewer units (those sharing one rare word).
 *  7. signatures: each unit keeps the set of hashes (8 bits) of its tokens. A shared token's
 *     hash is in the unit's set and its query occurrences are counted on that hash, so
 *     c ≤ Σ over the unit's hashes of the query elements hashing there — computed as popcounts
 *     of the unit's set against the query's layers (layer r: hashes with more than r query
 *     elements) — which must reach α before the unit's tokens are read.
 * Every unit so counted then passes the length window (1) and the exact shared-token count
 * (2), and is finally checked with the bounded edit distance (myers.ts: the same quantity the
 * scan computes, cut off at the bound). Numbers are one token `#`, so a number change never
 * hides a unit.
 *
 * The order is fixed between re-rankings: a token first seen after one gets a key below
 * every ranked token (it is rare: seen since). Re-ranking (when the index has doubled)
 * recomputes every key and every prefix together, so units and queries always agree.
 */
export interface FuzzyCandidate {
	id: number;
	/** word edit distance to the query */
	distance: number;
	similarity: number;
}

/** Called for each unit found; returns the threshold to go on with (see `searchWith`). */
export type Accept = (id: number, distance: number, similarity: number) => number;

/** Work counters of one search (benchmarks): filled when passed to `search`. */
export interface SearchStats {
	queryTokens: number;
	prefixLookedUp: number;
	postingsRead: number;
	unitsReached: number;
	lengthWindowPass: number;
	positionPass: number;
	overlapPass: number;
	distanceCalls: number;
	finalThreshold: number;
}

/** The lowest threshold the unit prefixes are cut for (the lowest analysis band). */
export const INDEX_THRESHOLD = 0.5;
const EPS = 1e-9;
const DEFAULT_PREFIX_HITS = 4;
/** the state byte of a verified unit; counts stay below ℓ ≤ MAX_PREFIX_HITS */
const VERIFIED = 255;
const MAX_PREFIX_HITS = 64;
const SIG_BITS = 256;
const SIG_WORDS = SIG_BITS / 32;
const MAX_LAYERS = 8;
const sigBit = (t: number) => Math.imul(t, 0x9e3779b1) >>> 24;
function popcount(x: number): number {
	x -= (x >>> 1) & 0x55555555;
	x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
	x = (x + (x >>> 4)) & 0x0f0f0f0f;
	return Math.imul(x, 0x01010101) >>> 24;
}
const QBITS_MASK = (1 << 9) - 1;

function grow(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
	if (need <= a.length) return a;
	const b = new Int32Array(Math.max(need, a.length * 2, 16));
	b.set(a);
	return b;
}
function growF(a: Float64Array<ArrayBuffer>, need: number): Float64Array<ArrayBuffer> {
	if (need <= a.length) return a;
	const b = new Float64Array(Math.max(need, a.length * 2, 16));
	b.set(a);
	return b;
}


export interface FuzzyIndexOptions {
	/**
	 * ℓ of note 6: how many shared prefix elements a unit needs before it is verified. Each unit
	 * indexes ℓ − 1 more tokens; 1 is the plain prefix filter.
	 */
	prefixHits?: number;
}

export class FuzzyIndex {
	private readonly ell: number;
	/**
	 * For benchmarks: the ℓ queries use, at most the index's (a smaller one is sound too: the
	 * units' prefixes are then longer than needed).
	 */
	queryPrefixHits: number | null = null;
	constructor(o: FuzzyIndexOptions = {}) {
		this.ell = Math.min(MAX_PREFIX_HITS, Math.max(1, Math.floor(o.prefixHits ?? DEFAULT_PREFIX_HITS)));
	}

	/** Length of the indexed prefix of a unit of m tokens (3, 6). */
	private unitPrefix(m: number): number {
		return Math.min(m, m - Math.ceil(INDEX_THRESHOLD * m - EPS) + this.ell);
	}

	private vocab = new Map<string, number>();
	private vocabSize = 0;
	/** token → order key (see 3); document frequency, for re-ranking */
	private key = new Float64Array(1024);
	private df = new Int32Array(1024);
	private newKey = 0;
	/** token → units (slots) holding it in their prefix, ascending */
	private post: Int32Array[] = [];
	/**
	 * …and beside each entry, so the length window and the positional bound need no lookup in
	 * the unit tables: the unit's length (high byte; 255 = 255 or more, then not filtered here)
	 * and the token's position in its ordered tokens (low byte, capped at 255: a lower position
	 * only loosens the bound).
	 */
	private postMeta: Uint16Array[] = [];
	private postLen = new Int32Array(1024);
	/** units, append-only: tokens of slot s are data[start[s] .. start[s+1]) */
	private data = new Int32Array(1 << 16);
	private start = new Int32Array(1024);
	private ids = new Float64Array(1024);
	private removedFlag = new Uint8Array(1024);
	private slots = 0;
	private removedCount = 0;
	/** id → slot, only once ids stop arriving in increasing order (else binary search) */
	private slotMap: Map<number, number> | null = null;
	/** slots when the keys were last computed; -1 = never */
	private rankedAt = -1;
	// per-search scratch
	private stamp = new Uint32Array(1024);
	/**
	 * slot → this search's count of hits (6), VERIFIED once verified, in the low byte; the high
	 * byte is the search's epoch (other values are stale). Two bytes a unit: stays in cache.
	 */
	private state = new Uint16Array(1024);
	/** per unit, SIG_BITS bits: the hashes of its tokens (7) */
	private sig = new Int32Array(1024 * SIG_WORDS);
	private layers = new Int32Array(MAX_LAYERS * SIG_WORDS);
	private layerRest = new Int32Array(MAX_LAYERS);
	private alphaTab = new Int32Array(256);
	private epoch = 0;
	private stampNo = 0;
	private qCount = new Int32Array(1024);
	private uCount = new Int32Array(1024);
	private matcher = new MyersMatcher();
	private sortBuf: number[] = [];
	/** the query's tokens as bits (token id mod 2^14): a clear bit proves a unit token is not in it */
	private qBits = new Int32Array(QBITS_MASK + 1);

	/** Bytes held (benchmarks): typed arrays exactly, the token map estimated at 80 bytes a word. */
	memoryBytes(): { arrays: number; postings: number; vocab: number } {
		let postings = 0;
		for (let t = 0; t < this.vocabSize; t++) postings += this.post[t].byteLength + this.postMeta[t].byteLength;
		const own = [this.key, this.df, this.postLen, this.data, this.start, this.ids, this.removedFlag, this.stamp, this.qCount, this.uCount, this.state, this.sig];
		return { arrays: own.reduce((a, x) => a + x.byteLength, 0), postings, vocab: this.vocabSize * 80 };
	}

	get size(): number {
		return this.slots - this.removedCount;
	}

	private tokenId(t: string, create: boolean): number {
		let id = this.vocab.get(t);
		if (id === undefined) {
			if (!create) return -1;
			id = this.vocabSize++;
			this.vocab.set(t, id);
			if (id >= this.key.length) {
				this.key = growF(this.key, id + 1);
				this.df = grow(this.df, id + 1);
				this.postLen = grow(this.postLen, id + 1);
				this.qCount = grow(this.qCount, id + 1);
				this.uCount = grow(this.uCount, id + 1);
			}
			// seen after the last ranking: rarer than any ranked token (see the order note above)
			this.key[id] = --this.newKey;
			this.post.push(new Int32Array(0));
			this.postMeta.push(new Uint16Array(0));
		}
		return id;
	}

	private findSlot(id: number): number {
		if (this.slotMap) return this.slotMap.get(id) ?? -1;
		let lo = 0;
		let hi = this.slots - 1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			const v = this.ids[mid];
			if (v === id) return this.removedFlag[mid] ? -1 : mid;
			if (v < id) lo = mid + 1;
			else hi = mid - 1;
		}
		return -1;
	}

	add(id: number, tokens: readonly string[]): void {
		if (this.findSlot(id) >= 0) this.remove(id);
		const slot = this.slots;
		if (!this.slotMap && slot > 0 && id <= this.ids[slot - 1]) {
			this.slotMap = new Map();
			for (let s = 0; s < slot; s++) if (!this.removedFlag[s]) this.slotMap.set(this.ids[s], s);
		}
		if (slot + 2 > this.start.length) {
			this.start = grow(this.start, slot + 2);
			this.ids = growF(this.ids, this.start.length);
			const g = new Int32Array(this.start.length * SIG_WORDS);
			g.set(this.sig);
			this.sig = g;
			const r = new Uint8Array(this.start.length);
			r.set(this.removedFlag);
			this.removedFlag = r;
		}
		const off = this.start[slot];
		this.data = grow(this.data, off + tokens.length);
		for (let i = 0; i < tokens.length; i++) this.data[off + i] = this.tokenId(tokens[i], true);
		this.start[slot + 1] = off + tokens.length;
		const sig = this.sig;
		for (let i = off; i < off + tokens.length; i++) {
			const h = sigBit(this.data[i]);
			sig[slot * SIG_WORDS + (h >> 5)] |= 1 << (h & 31);
		}
		this.ids[slot] = id;
		this.slotMap?.set(id, slot);
		this.slots++;
		// document frequency: each distinct token once
		const seen = this.stampFresh();
		for (let i = off; i < off + tokens.length; i++) {
			const t = this.data[i];
			if (this.stamp[t] === seen) continue;
			this.stamp[t] = seen;
			this.df[t]++;
		}
		if (this.rankedAt >= 0) this.indexPrefix(slot);
	}

	remove(id: number): void {
		const slot = this.findSlot(id);
		if (slot < 0) return;
		this.removedFlag[slot] = 1;
		this.removedCount++;
		this.slotMap?.delete(id);
		for (let i = this.start[slot]; i < this.start[slot + 1]; i++) {
			// df counts each distinct token once: undo only on its first occurrence
			const t = this.data[i];
			let first = true;
			for (let j = this.start[slot]; j < i; j++) if (this.data[j] === t) first = false;
			if (first) this.df[t]--;
		}
	}

	private nextEpoch(): number {
		if (this.state.length < this.slots) {
			const bigger = new Uint16Array(Math.max(this.slots, this.state.length * 2));
			bigger.set(this.state);
			this.state = bigger;
		}
		if (++this.epoch > 255) {
			this.state.fill(0);
			this.epoch = 1;
		}
		return this.epoch;
	}

	/** A fresh stamp over max(vocab, slots) entries (the stamp array serves both). */
	private stampFresh(): number {
		const need = Math.max(this.vocabSize, this.slots);
		if (this.stamp.length < need) this.stamp = new Uint32Array(Math.max(need, this.stamp.length * 2));
		if (++this.stampNo === 0xffffffff) {
			this.stamp.fill(0);
			this.stampNo = 1;
		}
		return this.stampNo;
	}

	/** Sorts a unit's (or the query's) token ids by the order key into sortBuf; unknown (-1) first. */
	private sorted(src: ArrayLike<number>, from: number, to: number): number[] {
		const b = this.sortBuf;
		b.length = 0;
		for (let i = from; i < to; i++) b.push(src[i]);
		const key = this.key;
		b.sort((x, y) => (x < 0 ? (y < 0 ? 0 : -1) : y < 0 ? 1 : key[x] - key[y] || x - y));
		return b;
	}

	private indexPrefix(slot: number): void {
		const from = this.start[slot];
		const m = this.start[slot + 1] - from;
		if (m === 0) return;
		const s = this.sorted(this.data, from, from + m);
		const p = this.unitPrefix(m);
		for (let i = 0; i < p; i++) {
			const t = s[i];
			if (i > 0 && s[i - 1] === t) continue;
			let list = this.post[t];
			const len = this.postLen[t];
			if (len === list.length) {
				const bigger = new Int32Array(Math.max(4, len * 2));
				bigger.set(list);
				this.post[t] = list = bigger;
				const meta = new Uint16Array(bigger.length);
				meta.set(this.postMeta[t]);
				this.postMeta[t] = meta;
			}
			list[len] = slot;
			this.postMeta[t][len] = ((m < 255 ? m : 255) << 8) | (i < 255 ? i : 255);
			this.postLen[t] = len + 1;
		}
	}

	/** Ranks tokens by document frequency (rarest first) and rebuilds every prefix posting. */
	private rerank(): void {
		const order = Array.from({ length: this.vocabSize }, (_, i) => i);
		const df = this.df;
		order.sort((a, b) => df[a] - df[b] || a - b);
		for (let r = 0; r < order.length; r++) this.key[order[r]] = r;
		this.newKey = 0;
		// exact posting sizes first, then fill: no growth copies
		const need = new Int32Array(this.vocabSize);
		for (let slot = 0; slot < this.slots; slot++) {
			if (this.removedFlag[slot]) continue;
			const from = this.start[slot];
			const m = this.start[slot + 1] - from;
			if (m === 0) continue;
			const s = this.sorted(this.data, from, from + m);
			const p = this.unitPrefix(m);
			for (let i = 0; i < p; i++) if (i === 0 || s[i - 1] !== s[i]) need[s[i]]++;
		}
		const lists: Int32Array[] = [];
		const metas: Uint16Array[] = [];
		for (let t = 0; t < this.vocabSize; t++) {
			const size = need[t] + (need[t] >> 3) + 2;
			lists.push(new Int32Array(size));
			metas.push(new Uint16Array(size));
			this.postLen[t] = 0;
		}
		this.post = lists;
		this.postMeta = metas;
		// the token table grew by doubling: give back the unused half
		const used = this.start[this.slots];
		if (this.data.length > used + (used >> 3) + 1024) this.data = this.data.slice(0, used + (used >> 3) + 1024);
		this.rankedAt = this.slots;
		for (let slot = 0; slot < this.slots; slot++) if (!this.removedFlag[slot]) this.indexPrefix(slot);
	}

	/** Re-ranks on first use and whenever the index has doubled since (amortised O(1) per unit). */
	ensureRanked(): void {
		if (this.rankedAt < 0 || this.slots > 2 * this.rankedAt + 1000) this.rerank();
	}

	/**
	 * Units whose word similarity to `tokens` is at least `threshold` (0–1), best first (ties
	 * by id). With a `limit`, only the best `limit` (the threshold rises as they are found, 4).
	 */
	search(tokens: readonly string[], threshold: number, limit = Infinity, stats?: SearchStats): FuzzyCandidate[] {
		const topK = Number.isFinite(limit) && limit > 0 ? limit : 0;
		// the k best similarities so far, ascending (k is small: a sorted array is enough)
		const best: number[] = [];
		const found: FuzzyCandidate[] = [];
		const theta = this.searchWith(
			tokens,
			threshold,
			(id, distance, similarity) => {
				found.push({ id, distance, similarity });
				if (!topK) return threshold;
				let at = best.length;
				while (at > 0 && best[at - 1] > similarity) at--;
				best.splice(at, 0, similarity);
				if (best.length > topK) best.shift();
				return best.length === topK ? best[0] : threshold;
			},
			stats
		);
		const out = found.filter((c) => c.similarity >= theta - EPS);
		out.sort((a, b) => b.similarity - a.similarity || a.id - b.id);
		return topK ? out.slice(0, topK) : out;
	}

	/**
	 * The search itself, for callers ranking by more than word similarity (the TM lookup's
	 * penalties): `accept` is called once for every unit found with similarity ≥ the current
	 * threshold and returns the threshold to go on with. Raising it is sound whenever no unit
	 * below the new value could still matter to the caller (4); a lower value is ignored.
	 * `floor`, read before each query token, raises it the same way from outside.
	 * Every unit with similarity ≥ the final threshold is passed to `accept` (units below it
	 * may be passed too, found before it rose). Returns the final threshold.
	 */
	searchWith(tokens: readonly string[], threshold: number, accept: Accept, stats?: SearchStats, floor?: () => number): number {
		const n = tokens.length;
		if (n === 0) return threshold;
		if (threshold < INDEX_THRESHOLD - EPS) return this.filteredScan(tokens, threshold, accept);
		this.ensureRanked();
		const q = new Int32Array(n);
		for (let i = 0; i < n; i++) q[i] = this.tokenId(tokens[i], false);
		const order = this.sorted(q, 0, n).slice();
		this.matcher.setQuery(q, this.vocabSize);
		const qCount = this.qCount;
		const qBits = this.qBits;
		qBits.fill(0);
		for (const t of order) {
			if (t < 0) continue;
			qCount[t]++;
			qBits[(t >> 5) & QBITS_MASK] |= 1 << (t & 31);
		}
		const uCount = this.uCount;
		const data = this.data;
		const start = this.start;
		const removed = this.removedFlag;
		// query signature by layers (7): bit b is in layer r when ≥ r + 1 query elements hash to b
		const sigs = this.sig;
		const layers = this.layers;
		layers.fill(0);
		/** layerRest[r]: the query's signature bits in layers r and above */
		const layerRest = this.layerRest;
		let nLayers = 0;
		{
			const perBit = new Uint16Array(SIG_BITS);
			for (const t of order) if (t >= 0) perBit[sigBit(t)]++;
			for (let b = 0; b < SIG_BITS; b++) {
				const c = Math.min(perBit[b], MAX_LAYERS);
				for (let r = 0; r < c; r++) layers[r * SIG_WORDS + (b >> 5)] |= 1 << (b & 31);
				if (c > nLayers) nLayers = c;
			}
			// a token repeated beyond MAX_LAYERS would make the bound too low: then do without it
			for (let b = 0; b < SIG_BITS; b++) if (perBit[b] > MAX_LAYERS) nLayers = 0;
			for (let r = nLayers - 1; r >= 0; r--) {
				let size = 0;
				for (let wd = 0; wd < SIG_WORDS; wd++) size += popcount(layers[r * SIG_WORDS + wd]);
				layerRest[r] = size + (r + 1 < nLayers ? layerRest[r + 1] : 0);
			}
		}
		const epoch = this.nextEpoch();
		const state = this.state;
		const ell = Math.min(this.ell, Math.max(1, this.queryPrefixHits ?? this.ell));
		let theta = threshold;
		// unit length (as in postings: 255 = 255 or more) → α at the current θ, -1 outside the
		// length window (1); 255 always passes here and is checked on the real length
		const alphaTab = this.alphaTab;
		let tabTheta = -1;
		const fillAlpha = () => {
			tabTheta = theta;
			const lo = theta * n - EPS;
			const hi = n / theta + EPS;
			for (let mm = 0; mm < 255; mm++) alphaTab[mm] = mm < lo || mm > hi ? -1 : Math.ceil(theta * (n > mm ? n : mm) - EPS);
			alphaTab[255] = 0;
		};
		if (stats) stats.queryTokens = n;
		try {
			for (let i = 0; i < n; i++) {
				// a threshold raised from outside (the other half of a split index): as sound as one
				// returned by accept
				if (floor) {
					const f = floor();
					if (f > theta) theta = f;
				}
				// query prefix for the current θ (3, 6): n − ⌈θn⌉ + ℓ elements
				if (i >= n - Math.ceil(theta * n - EPS) + ell) break;
				const tok = order[i];
				if (tok < 0 || (i > 0 && order[i - 1] === tok)) continue;
				const list = this.post[tok];
				const meta = this.postMeta[tok];
				const len = this.postLen[tok];
				if (stats) (stats.prefixLookedUp++, (stats.postingsRead += len));
				// every hit on this token counts its query occurrences: never fewer than the shared
				// elements it stands for (6)
				const w = qCount[tok];
				const minLen = theta * n - EPS;
				const maxLen = n / theta + EPS;
				if (tabTheta !== theta) fillAlpha();
				for (let p = 0; p < len; p++) {
					const mj = meta[p];
					let mm = mj >> 8;
					// length window (1) and α (2), from the posting and the table alone
					let alpha = alphaTab[mm];
					if (alpha < 0) continue;
					if (stats) stats.lengthWindowPass++;
					const slot = list[p];
					if (mm === 255) {
						mm = start[slot + 1] - start[slot];
						if (mm < minLen || mm > maxLen) continue;
						alpha = Math.ceil(theta * (n > mm ? n : mm) - EPS);
					}
					const jj = mj & 255;
					const room = n - i < mm - jj ? n - i : mm - jj;
					// positional bound (5, 6): the shared elements counted before this token (at most i,
					// the query elements before it) plus those at or after it here
					if (room + i < alpha) continue;
					const st = state[slot];
					let before = 0;
					if (st >> 8 === epoch) {
						before = st & 255;
						if (before === VERIFIED) continue;
					}
					if (before + room < alpha) continue;
					if (stats) stats.positionPass++;
					const got = before + w;
					// too few shared prefix elements so far to be a match (6): wait for more hits
					if (got < (alpha < ell ? alpha : ell)) {
						state[slot] = (epoch << 8) | got;
						continue;
					}
					state[slot] = (epoch << 8) | VERIFIED;
					// the signatures' bound on shared tokens (7), before touching the unit's tokens
					if (nLayers > 0) {
						const base = slot * SIG_WORDS;
						let bound = 0;
						// layer by layer, stopping as soon as the outcome is known: the remaining layers
						// add at most their own sizes (layerRest)
						for (let r = 0; r < nLayers && bound < alpha && bound + layerRest[r] >= alpha; r++) {
							const lb = r * SIG_WORDS;
							for (let wd = 0; wd < SIG_WORDS; wd++) bound += popcount(sigs[base + wd] & layers[lb + wd]);
						}
						if (bound < alpha) continue;
					}
					if (removed[slot]) continue;
					if (stats) stats.unitsReached++;
					const from = start[slot];
					const m = start[slot + 1] - from;
					if (m < minLen || m > maxLen) continue;
					const longest = n > m ? n : m;
					const need = theta * longest - EPS;
					// shared tokens as multisets (2)
					// stops once even every remaining token shared could not reach `need`; the query's
					// bit set (in cache) spares the two token tables for most unit tokens
					let shared = 0;
					let j = from;
					const end = from + m;
					while (j < end && shared + (end - j) >= need) {
						const x = data[j++];
						if ((qBits[(x >> 5) & QBITS_MASK] & (1 << (x & 31))) === 0) continue;
						if (qCount[x] > uCount[x]++) shared++;
					}
					// only the query's tokens were counted: writing the others back would touch a random
					// entry of a vocabulary-sized table for every token read
					for (let r = from; r < j; r++) {
						const x = data[r];
						if ((qBits[(x >> 5) & QBITS_MASK] & (1 << (x & 31))) !== 0) uCount[x] = 0;
					}
					if (shared < need) continue;
					if (stats) stats.overlapPass++;
					const bound = Math.floor((1 - theta) * longest + EPS);
					const d = this.matcher.distance(data, from, m, bound);
					if (stats) stats.distanceCalls++;
					if (d > bound) continue;
					const sim = (longest - d) / longest;
					if (sim < theta - EPS) continue;
					const t = accept(this.ids[slot], d, sim);
					if (t > theta) {
						theta = t;
						fillAlpha();
					}
				}
			}
		} finally {
			for (const t of order) if (t >= 0) qCount[t] = 0;
			this.matcher.clear();
		}
		if (stats) stats.finalThreshold = theta;
		return theta;
	}

	/** Below the indexed threshold: every unit, through the bounded distance (1–2 only). */
	private filteredScan(tokens: readonly string[], threshold: number, accept: Accept): number {
		const n = tokens.length;
		const q = Int32Array.from(tokens, (t) => this.tokenId(t, false));
		this.matcher.setQuery(q, this.vocabSize);
		let theta = threshold;
		for (let slot = 0; slot < this.slots; slot++) {
			if (this.removedFlag[slot]) continue;
			const from = this.start[slot];
			const m = this.start[slot + 1] - from;
			const longest = Math.max(n, m);
			const bound = Math.floor((1 - theta) * longest + EPS);
			const d = this.matcher.distance(this.data, from, m, bound);
			if (d > bound) continue;
			const sim = (longest - d) / longest;
			if (sim < theta - EPS) continue;
			const t = accept(this.ids[slot], d, sim);
			if (t > theta) theta = t;
		}
		this.matcher.clear();
		return theta;
	}

	/** The baseline the index must equal: every unit scored, with the unbounded distance. */
	scan(tokens: readonly string[], threshold: number): FuzzyCandidate[] {
		const q = tokens.map((t) => this.tokenId(t, false));
		const out: FuzzyCandidate[] = [];
		for (let slot = 0; slot < this.slots; slot++) {
			if (this.removedFlag[slot]) continue;
			const u = this.data.subarray(this.start[slot], this.start[slot + 1]);
			const longest = Math.max(q.length, u.length);
			if (longest === 0) continue;
			const d = boundedTokenDistance(q, u, longest);
			const sim = (longest - d) / longest;
			if (sim >= threshold - EPS) out.push({ id: this.ids[slot], distance: d, similarity: sim });
		}
		return out.sort((a, b) => b.similarity - a.similarity || a.id - b.id);
	}
}
