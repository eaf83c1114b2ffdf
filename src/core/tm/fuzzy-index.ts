import { boundedTokenDistance } from './score.js';

/**
 * An in-memory inverted index over the TM's word tokens, for fuzzy candidates.
 *
 * Why it cannot miss a match the exhaustive scan would return (threshold θ = T/100):
 * a unit u of m tokens scores ≥ T only if its word similarity 1 − ED(q,u)/max(n,m) ≥ θ
 * (penalties only lower a score). Then
 *  1. |n − m| ≤ ED ≤ (1−θ)·max(n,m): the length window below;
 *  2. every edit fixes at most one position, so ED ≥ max(n,m) − c where c is the number of
 *     tokens q and u share (as multisets): c ≥ θ·max(n,m) ≥ t = ⌈θ·n⌉;
 *  3. if u shares ≥ t tokens with q, it contains at least one of ANY n − t + 1 of q's tokens
 *     (pigeonhole) — so we look up only the n − t + 1 rarest, whose postings are shortest.
 * Every unit passing 1–3 is then checked with the exact bounded edit distance, which is the
 * same quantity the scan computes. Numbers are one token `#`, so a number change never hides
 * a unit from the index.
 */
export interface FuzzyCandidate {
	id: number;
	/** word edit distance to the query */
	distance: number;
	similarity: number;
}

export class FuzzyIndex {
	private vocab = new Map<string, number>();
	private postings: number[][] = [];
	private unitTokens: Int32Array[] = [];
	private unitIds: number[] = [];
	private slotOf = new Map<number, number>();
	private removed = new Set<number>();
	private stamp: Uint32Array = new Uint32Array(1024);
	private stampNo = 0;

	get size(): number {
		return this.unitIds.length - this.removed.size;
	}

	private tokenId(t: string, create: boolean): number {
		let id = this.vocab.get(t);
		if (id === undefined) {
			if (!create) return -1;
			id = this.postings.length;
			this.vocab.set(t, id);
			this.postings.push([]);
		}
		return id;
	}

	add(id: number, tokens: readonly string[]): void {
		if (this.slotOf.has(id)) this.remove(id);
		const slot = this.unitIds.length;
		const ids = Int32Array.from(tokens, (t) => this.tokenId(t, true));
		this.unitIds.push(id);
		this.unitTokens.push(ids);
		this.slotOf.set(id, slot);
		const seen = new Set<number>();
		for (const t of ids) {
			if (seen.has(t)) continue;
			seen.add(t);
			this.postings[t].push(slot);
		}
	}

	remove(id: number): void {
		const slot = this.slotOf.get(id);
		if (slot === undefined) return;
		this.removed.add(slot);
		this.slotOf.delete(id);
	}

	/** Units whose word similarity to `tokens` is at least `threshold` (0–1), best first. */
	search(tokens: readonly string[], threshold: number, limit = Infinity): FuzzyCandidate[] {
		const n = tokens.length;
		if (n === 0) return [];
		const q = tokens.map((t) => this.tokenId(t, false));
		const t = Math.max(1, Math.ceil(threshold * n - 1e-9));
		const minLen = Math.ceil(threshold * n - 1e-9);
		const maxLen = threshold > 0 ? Math.floor(n / threshold + 1e-9) : Infinity;
		// the n − t + 1 rarest query tokens (unknown ones first: they have no postings at all)
		const prefix = [...q].sort((a, b) => (a < 0 ? -1 : this.postings[a].length) - (b < 0 ? -1 : this.postings[b].length)).slice(0, n - t + 1);
		const qCounts = new Map<number, number>();
		for (const x of q) if (x >= 0) qCounts.set(x, (qCounts.get(x) ?? 0) + 1);
		if (this.stamp.length < this.unitIds.length) this.stamp = new Uint32Array(Math.max(this.unitIds.length, this.stamp.length * 2));
		const mark = ++this.stampNo;
		const out: FuzzyCandidate[] = [];
		const uCounts = new Map<number, number>();
		for (const tok of new Set(prefix)) {
			if (tok < 0) continue;
			for (const slot of this.postings[tok]) {
				if (this.stamp[slot] === mark) continue;
				this.stamp[slot] = mark;
				if (this.removed.has(slot)) continue;
				const u = this.unitTokens[slot];
				const m = u.length;
				if (m < minLen || m > maxLen) continue;
				const longest = Math.max(n, m);
				// shared tokens as multisets (lemma 2)
				uCounts.clear();
				let shared = 0;
				for (const x of u) {
					const qc = qCounts.get(x);
					if (!qc) continue;
					const c = (uCounts.get(x) ?? 0) + 1;
					uCounts.set(x, c);
					if (c <= qc) shared++;
				}
				if (shared < threshold * longest - 1e-9) continue;
				const limit = Math.floor((1 - threshold) * longest + 1e-9);
				const d = boundedTokenDistance(q, u, limit);
				if (d > limit) continue;
				out.push({ id: this.unitIds[slot], distance: d, similarity: (longest - d) / longest });
			}
		}
		out.sort((a, b) => b.similarity - a.similarity || a.id - b.id);
		return Number.isFinite(limit) ? out.slice(0, limit) : out;
	}

	/** The baseline the index must equal: every unit scored. */
	scan(tokens: readonly string[], threshold: number): FuzzyCandidate[] {
		const q = tokens.map((t) => this.tokenId(t, false));
		const out: FuzzyCandidate[] = [];
		this.unitTokens.forEach((u, slot) => {
			if (this.removed.has(slot)) return;
			const longest = Math.max(q.length, u.length);
			if (longest === 0) return;
			const d = boundedTokenDistance(q, u, longest);
			const sim = (longest - d) / longest;
			if (sim >= threshold - 1e-9) out.push({ id: this.unitIds[slot], distance: d, similarity: sim });
		});
		return out.sort((a, b) => b.similarity - a.similarity || a.id - b.id);
	}
}
