/**
 * Word edit distance by Myers' bit-parallel algorithm (Myers 1999, "A fast bit-vector
 * algorithm for approximate string matching based on dynamic programming", with its
 * block-based extension for patterns longer than a machine word), on token ids.
 *
 * Why: the fuzzy index verifies hundreds of candidates per query with a threshold of 50 %,
 * where the banded dynamic programme is nearly the full n·m table. Here one column of the
 * table (all n query rows) costs ⌈n/32⌉ word operations: the same distance, 10–30× cheaper.
 *
 * The query is set once (`setQuery`) and then compared with many units. The value is exactly
 * the Levenshtein distance on tokens (unit cost insert, delete, substitute), cut off at a
 * limit like `boundedTokenDistance`: beyond it, `limit + 1` is returned.
 */
export class MyersMatcher {
	/** token id → 1 + its index among the query's distinct tokens (0: not in the query) */
	private local: Int32Array = new Int32Array(0);
	/** match masks: peq[k·blocks + b] = bits of block b where the query holds distinct token k */
	private peq = new Int32Array(64);
	private pv = new Int32Array(4);
	private mv = new Int32Array(4);
	private queryIds: number[] = [];
	private n = 0;
	private blocks = 0;
	/** bit of the last query row in the last block */
	private lastBit = 0;

	/** The query's token ids (all ≥ 0 and < vocabSize, or -1 for tokens unknown to the index). */
	setQuery(q: ArrayLike<number>, vocabSize: number): void {
		this.clear();
		if (this.local.length < vocabSize) this.local = new Int32Array(Math.max(vocabSize, this.local.length * 2, 1024));
		const n = q.length;
		this.n = n;
		this.blocks = Math.max(1, Math.ceil(n / 32));
		this.lastBit = 1 << ((n - 1) & 31);
		if (this.pv.length < this.blocks) {
			this.pv = new Int32Array(this.blocks);
			this.mv = new Int32Array(this.blocks);
		}
		const B = this.blocks;
		let distinct = 0;
		for (let i = 0; i < n; i++) if (q[i] >= 0 && this.local[q[i]] === 0) this.local[q[i]] = ++distinct;
		if (this.peq.length < distinct * B) this.peq = new Int32Array(Math.max(distinct * B, this.peq.length * 2));
		this.peq.fill(0, 0, distinct * B);
		for (let i = 0; i < n; i++) {
			const t = q[i];
			if (t < 0) continue; // unknown to the index: matches no unit token
			this.peq[(this.local[t] - 1) * B + (i >> 5)] |= 1 << (i & 31);
			this.queryIds.push(t);
		}
	}

	/** Forgets the query (the token table is shared scratch: only the query's entries are reset). */
	clear(): void {
		for (const t of this.queryIds) this.local[t] = 0;
		this.queryIds.length = 0;
	}

	/** Distance between the query and units[from, from+m), or limit + 1 when it exceeds limit. */
	distance(units: Int32Array, from: number, m: number, limit: number): number {
		const n = this.n;
		if (Math.abs(n - m) > limit) return limit + 1;
		if (n === 0 || m === 0) return Math.max(n, m);
		const B = this.blocks;
		const pv = this.pv;
		const mv = this.mv;
		const peq = this.peq;
		const local = this.local;
		const last = this.lastBit;
		// column 0: D[i][0] = i, every vertical delta +1
		for (let b = 0; b < B; b++) {
			pv[b] = -1;
			mv[b] = 0;
		}
		let score = n; // D[n][j]
		for (let j = 0; j < m; j++) {
			const k = local[units[from + j]];
			const base = (k - 1) * B;
			// row 0 of the table: D[0][j] = j, so the horizontal delta entering block 0 is +1
			let hin = 1;
			for (let b = 0; b < B; b++) {
				let eq = k === 0 ? 0 : peq[base + b];
				const p = pv[b];
				const mm = mv[b];
				const xv = eq | mm;
				if (hin < 0) eq |= 1;
				const xh = ((((eq & p) + p) | 0) ^ p) | eq;
				let ph = mm | ~(xh | p);
				let mh = p & xh;
				const high = b === B - 1 ? last : 0x80000000 | 0;
				let hout = 0;
				if (ph & high) hout = 1;
				else if (mh & high) hout = -1;
				ph <<= 1;
				mh <<= 1;
				if (hin < 0) mh |= 1;
				else if (hin > 0) ph |= 1;
				pv[b] = mh | ~(xv | ph);
				mv[b] = ph & xv;
				hin = hout;
			}
			score += hin;
			// D[n][m] ≥ D[n][j+1] − (m − j − 1): each further column lowers it by at most 1
			if (score - (m - j - 1) > limit) return limit + 1;
		}
		return score <= limit ? score : limit + 1;
	}
}
