import { contentLength, monthOf, tokenize } from './normalize.js';
import type { LexicalResources } from './types.js';

/**
 * Lexical features as "keys": two sentences share evidence exactly when they share a key.
 * A number, an identical name, a 4-letter cognate prefix, a glossary pair, a TM pair or a
 * lexicon pair all become the same thing — an integer both sides can carry — so the
 * aligner scores every kind of evidence with one sparse intersection, and a new kind of
 * evidence needs no change to the dynamic programming.
 */

export const KeyType = {
	number: 0,
	url: 1,
	word: 2, // identical word (folded), ≥ 3 letters
	name: 3, // capitalised (not sentence-initial) or all-caps on both sides
	cognate: 4, // same folded 4-letter prefix, words ≥ 5 letters
	month: 5,
	punct: 6,
	glossary: 7,
	tm: 8,
	lexicon: 9, // caller's word pairs
	learned: 10 // pairs learned from the document (second pass)
} as const;
export type KeyTypeId = (typeof KeyType)[keyof typeof KeyType];

/**
 * How much one shared key of each type is worth before rarity weighting. Numbers, URLs and
 * known translations are nearly never shared by chance; a cognate prefix often is.
 */
export const TYPE_WEIGHT: Record<KeyTypeId, number> = {
	0: 1.6,
	1: 2.0,
	2: 0.7,
	3: 0.6,
	4: 0.55,
	5: 1.0,
	6: 0.8,
	7: 1.5,
	8: 4.0,
	9: 1.0,
	10: 1.0
};

/** Interned keys (shared by both sides so one id means the same thing on each). */
export class KeySpace {
	readonly ids = new Map<string, number>();
	readonly types: number[] = [];
	/** per-key multiplier (a learned pair's Dice) */
	readonly scales: number[] = [];
	readonly names: string[] = [];
	id(key: string, type: KeyTypeId, scale = 1): number {
		let k = this.ids.get(key);
		if (k === undefined) {
			k = this.types.length;
			this.ids.set(key, k);
			this.types.push(type);
			this.scales.push(scale);
			this.names.push(key);
		}
		return k;
	}
	get size(): number {
		return this.types.length;
	}
}

/** One side's sentences as compressed rows (CSR): keys with counts, and word ids for lexicon learning. */
export interface SideFeatures {
	n: number;
	/** content characters (whitespace excluded) */
	len: Float64Array;
	keyStart: Int32Array;
	keyId: Int32Array;
	keyCount: Uint16Array;
	/** folded word forms as ids into `words` (for the learned lexicon), CSR too */
	wordStart: Int32Array;
	wordId: Int32Array;
}

/** Words interned per side: the learned lexicon pairs a source word id with a target word id. */
export class WordSpace {
	readonly ids = new Map<string, number>();
	readonly forms: string[] = [];
	id(w: string): number {
		let k = this.ids.get(w);
		if (k === undefined) {
			k = this.forms.length;
			this.ids.set(w, k);
			this.forms.push(w);
		}
		return k;
	}
}

/** Resources compiled for fast lookup; the same object serves both sides. */
export interface CompiledResources {
	glossary: { src: TermIndex; tgt: TermIndex };
	tm: { src: Map<string, number[]>; tgt: Map<string, number[]> };
	lexicon: { src: Map<string, number[]>; tgt: Map<string, number[]> };
}

/** Multi-word terms by their first token. */
type TermIndex = Map<string, { id: number; tokens: string[] }[]>;

/** Loose form used for terms: plural -s/-x dropped, so `partenariats` finds `partenariat`. */
function loose(w: string): string {
	return w.length > 3 && /[sx]$/.test(w) ? w.slice(0, -1) : w;
}

function termTokens(s: string): string[] {
	return tokenize(s).map((t) => loose(t.norm));
}

/** Whole-sentence form for TM lookup: folded words and numbers only. */
export function tmForm(s: string): string {
	return tokenize(s)
		.map((t) => t.norm)
		.join(' ');
}

export function compileResources(res: LexicalResources): CompiledResources {
	const glossary = { src: new Map() as TermIndex, tgt: new Map() as TermIndex };
	(res.glossaryPairs ?? []).forEach(([s, t], id) => {
		for (const [index, text] of [
			[glossary.src, s],
			[glossary.tgt, t]
		] as const) {
			const tokens = termTokens(text);
			if (!tokens.length) continue;
			const list = index.get(tokens[0]) ?? [];
			list.push({ id, tokens });
			index.set(tokens[0], list);
		}
	});
	const tm = { src: new Map<string, number[]>(), tgt: new Map<string, number[]>() };
	(res.tmPairs ?? []).forEach(([s, t], id) => {
		for (const [index, text] of [
			[tm.src, s],
			[tm.tgt, t]
		] as const) {
			const f = tmForm(text);
			if (!f) continue;
			index.set(f, [...(index.get(f) ?? []), id]);
		}
	});
	const lexicon = { src: new Map<string, number[]>(), tgt: new Map<string, number[]>() };
	(res.lexicon ?? []).forEach(([s, t], id) => {
		const a = termTokens(s);
		const b = termTokens(t);
		if (a.length !== 1 || b.length !== 1) return; // multi-word entries belong in the glossary
		lexicon.src.set(a[0], [...(lexicon.src.get(a[0]) ?? []), id]);
		lexicon.tgt.set(b[0], [...(lexicon.tgt.get(b[0]) ?? []), id]);
	});
	return { glossary, tm, lexicon };
}

/**
 * Keys of one side. `side` selects which half of each resource pair applies. Counts are
 * kept (a number written twice must be matched twice) but capped at 65535.
 */
export function extractSide(texts: string[], side: 'src' | 'tgt', keys: KeySpace, words: WordSpace, res: CompiledResources): SideFeatures {
	const n = texts.length;
	const len = new Float64Array(n);
	const keyStart = new Int32Array(n + 1);
	const wordStart = new Int32Array(n + 1);
	const keyId: number[] = [];
	const keyCount: number[] = [];
	const wordId: number[] = [];
	const row: number[] = [];
	const gloss = res.glossary[side];
	const tm = res.tm[side];
	const lex = res.lexicon[side];
	// Keys of a word depend only on its folded form and capitalisation: computed once per
	// distinct (form, capitalised), not once per token — a text repeats its words.
	const wordKeys = new Map<string, { keys: number[]; word: number }>();
	const capWordKeys = new Map<string, { keys: number[]; word: number }>();
	const numberKeys = new Map<string, number>();
	const keysOfWord = (w: string, capitalised: boolean) => {
		const memo = capitalised ? capWordKeys : wordKeys;
		let e = memo.get(w);
		if (!e) {
			const ks: number[] = [];
			if (w.length >= 3 || capitalised) ks.push(keys.id('w#' + w, KeyType.word));
			if (capitalised) ks.push(keys.id('N#' + w, KeyType.name));
			if (w.length >= 5 && /^[a-z]+$/.test(w)) ks.push(keys.id('c#' + w.slice(0, 4), KeyType.cognate));
			const mo = monthOf(w);
			if (mo) ks.push(keys.id('m#' + mo, KeyType.month));
			const lexIds = lex.get(loose(w));
			if (lexIds) for (const id of lexIds) ks.push(keys.id('x#' + id, KeyType.lexicon));
			e = { keys: ks, word: words.id(w) };
			memo.set(w, e);
		}
		return e;
	};
	const pq = keys.id('p#?', KeyType.punct);
	const pe = keys.id('p#!', KeyType.punct);
	const pp = keys.id('p#(', KeyType.punct);
	const pquote = keys.id('p#"', KeyType.punct);
	// the last sentence each word id was listed for (a word is listed once per sentence)
	let seenIn = new Int32Array(1024).fill(-1);
	for (let i = 0; i < n; i++) {
		const text = texts[i] ?? '';
		len[i] = contentLength(text);
		row.length = 0;
		const toks = tokenize(text);
		for (const t of toks) {
			if (t.type === 'number') {
				let k = numberKeys.get(t.norm);
				if (k === undefined) numberKeys.set(t.norm, (k = keys.id('n#' + t.norm, KeyType.number)));
				row.push(k);
			} else if (t.type === 'url') {
				row.push(keys.id('u#' + t.norm, KeyType.url));
			} else {
				const e = keysOfWord(t.norm, t.capitalised);
				for (const k of e.keys) row.push(k);
				if (e.word >= seenIn.length) {
					const grown = new Int32Array(Math.max(e.word + 1, 2 * seenIn.length)).fill(-1);
					grown.set(seenIn);
					seenIn = grown;
				}
				if (seenIn[e.word] !== i) {
					seenIn[e.word] = i;
					wordId.push(e.word);
				}
			}
		}
		// punctuation that survives translation: questions, exclamations, quotations, brackets
		let quotes = 0;
		for (let k = 0; k < text.length; k++) {
			const c = text.charCodeAt(k);
			if (c === 63) row.push(pq);
			else if (c === 33) row.push(pe);
			else if (c === 40) row.push(pp);
			else if (c === 0xab || c === 0xbb || c === 0x201c || c === 0x201d || c === 0x201e || c === 34 || c === 0x2039 || c === 0x203a) quotes++;
		}
		for (let k = 0; k < Math.ceil(quotes / 2); k++) row.push(pquote);
		// glossary terms: token sequences starting at each position
		if (gloss.size) {
			const looseToks = toks.map((t) => loose(t.norm));
			for (let s = 0; s < looseToks.length; s++) {
				const cands = gloss.get(looseToks[s]);
				if (!cands) continue;
				for (const { id, tokens } of cands) {
					let ok = s + tokens.length <= looseToks.length;
					for (let r = 1; ok && r < tokens.length; r++) ok = looseToks[s + r] === tokens[r];
					if (ok) row.push(keys.id('g#' + id, KeyType.glossary));
				}
			}
		}
		if (tm.size) {
			const ids = tm.get(toks.map((t) => t.norm).join(' '));
			if (ids) for (const id of ids) row.push(keys.id('t#' + id, KeyType.tm));
		}
		pushCounted(row, keyId, keyCount);
		keyStart[i + 1] = keyId.length;
		wordStart[i + 1] = wordId.length;
	}
	return {
		n,
		len,
		keyStart,
		keyId: Int32Array.from(keyId),
		keyCount: Uint16Array.from(keyCount),
		wordStart,
		wordId: Int32Array.from(wordId)
	};
}

/** Sorts a row's key ids and appends them with their counts (capped at 65535). */
let sortBuffer = new Int32Array(256);
function pushCounted(row: number[], ids: number[], counts: number[]): void {
	const n = row.length;
	if (n > sortBuffer.length) sortBuffer = new Int32Array(Math.max(n, 2 * sortBuffer.length));
	for (let k = 0; k < n; k++) sortBuffer[k] = row[k];
	// a typed array sorts numerically without a comparator call per comparison
	const sorted = sortBuffer.subarray(0, n).sort();
	for (let k = 0; k < n; ) {
		let e = k + 1;
		while (e < n && sorted[e] === sorted[k]) e++;
		ids.push(sorted[k]);
		counts.push(Math.min(65535, e - k));
		k = e;
	}
}

/**
 * Adds keys to a side's rows (the learned lexicon of the second pass): `extra(i)` lists
 * key ids for sentence i. Returns a new side; the base one is untouched.
 */
export function withExtraKeys(side: SideFeatures, extra: (i: number) => number[] | undefined): SideFeatures {
	const keyStart = new Int32Array(side.n + 1);
	const ids: number[] = [];
	const counts: number[] = [];
	const row: number[] = [];
	for (let i = 0; i < side.n; i++) {
		const more = extra(i);
		if (!more?.length) {
			for (let p = side.keyStart[i]; p < side.keyStart[i + 1]; p++) {
				ids.push(side.keyId[p]);
				counts.push(side.keyCount[p]);
			}
		} else {
			row.length = 0;
			for (let p = side.keyStart[i]; p < side.keyStart[i + 1]; p++) for (let c = 0; c < side.keyCount[p]; c++) row.push(side.keyId[p]);
			for (const k of more) row.push(k);
			pushCounted(row, ids, counts);
		}
		keyStart[i + 1] = ids.length;
	}
	return { ...side, keyStart, keyId: Int32Array.from(ids), keyCount: Uint16Array.from(counts) };
}

/**
 * Rows merged in groups (paragraphs): `groups[g]` = [first, end) rows. Counts add up, word
 * ids are united. The paragraph level of the aligner works on these.
 */
export function mergeRows(side: SideFeatures, groups: [number, number][]): SideFeatures {
	const g = groups.length;
	const len = new Float64Array(g);
	const keyStart = new Int32Array(g + 1);
	const wordStart = new Int32Array(g + 1);
	const ids: number[] = [];
	const counts: number[] = [];
	const words: number[] = [];
	const row = new Map<number, number>();
	const seen = new Set<number>();
	groups.forEach(([a, b], k) => {
		row.clear();
		seen.clear();
		for (let i = a; i < b; i++) {
			len[k] += side.len[i];
			for (let p = side.keyStart[i]; p < side.keyStart[i + 1]; p++) row.set(side.keyId[p], (row.get(side.keyId[p]) ?? 0) + side.keyCount[p]);
			for (let p = side.wordStart[i]; p < side.wordStart[i + 1]; p++) {
				if (!seen.has(side.wordId[p])) {
					seen.add(side.wordId[p]);
					words.push(side.wordId[p]);
				}
			}
		}
		for (const key of [...row.keys()].sort((x, y) => x - y)) {
			ids.push(key);
			counts.push(Math.min(65535, row.get(key)!));
		}
		keyStart[k + 1] = ids.length;
		wordStart[k + 1] = words.length;
	});
	return { n: g, len, keyStart, keyId: Int32Array.from(ids), keyCount: Uint16Array.from(counts), wordStart, wordId: Int32Array.from(words) };
}

/** Number of sentences of a side containing each key. */
export function documentFrequency(side: SideFeatures, nKeys: number): Int32Array {
	const df = new Int32Array(nKeys);
	for (let p = 0; p < side.keyId.length; p++) df[side.keyId[p]]++;
	return df;
}

/**
 * Weight of each key: type weight × rarity × balance. Rarity is an IDF over both sides;
 * balance (√(min df / max df)) discounts a key that is frequent on one side and rare on the
 * other — its matches are mostly chance. A key absent from either side weighs 0: it can
 * never match, so it must not count against a sentence either.
 */
export function keyWeights(keys: KeySpace, src: SideFeatures, tgt: SideFeatures, typeWeight: Record<number, number> = TYPE_WEIGHT): Float64Array {
	const dfS = documentFrequency(src, keys.size);
	const dfT = documentFrequency(tgt, keys.size);
	const N = src.n + tgt.n;
	const w = new Float64Array(keys.size);
	for (let k = 0; k < keys.size; k++) {
		const a = dfS[k];
		const b = dfT[k];
		const type = keys.types[k];
		if (!a || !b) continue;
		const idf = Math.log(1 + N / (a + b));
		const balance = Math.sqrt(Math.min(a, b) / Math.max(a, b));
		w[k] = typeWeight[type] * keys.scales[k] * idf * balance;
	}
	return w;
}

/**
 * Orphan numbers per sentence: numbers of two digits or more that occur nowhere in the
 * other text. A translation keeps its numbers, so a sentence holding one is probably
 * untranslated (or reworded: "2006" → "last year"); the cost model charges a bead for each.
 */
export function orphanNumbers(side: SideFeatures, other: SideFeatures, keys: KeySpace): Float64Array {
	const dfOther = documentFrequency(other, keys.size);
	const out = new Float64Array(side.n);
	for (let i = 0; i < side.n; i++) {
		for (let p = side.keyStart[i]; p < side.keyStart[i + 1]; p++) {
			const k = side.keyId[p];
			if (keys.types[k] === KeyType.number && !dfOther[k] && keys.names[k].length >= 4) out[i] += side.keyCount[p];
		}
	}
	return out;
}

/** Per-sentence sum of matchable weight (what a perfect counterpart would match). */
export function sentenceWeights(side: SideFeatures, w: Float64Array): Float64Array {
	const out = new Float64Array(side.n);
	for (let i = 0; i < side.n; i++) {
		let s = 0;
		for (let p = side.keyStart[i]; p < side.keyStart[i + 1]; p++) s += w[side.keyId[p]] * side.keyCount[p];
		out[i] = s;
	}
	return out;
}

/** Target postings: for each key, the ascending list of target sentences holding it (CSR). */
export interface Postings {
	start: Int32Array;
	sent: Int32Array;
	count: Uint16Array;
}

export function postings(side: SideFeatures, nKeys: number, w: Float64Array): Postings {
	const start = new Int32Array(nKeys + 1);
	for (let p = 0; p < side.keyId.length; p++) if (w[side.keyId[p]] > 0) start[side.keyId[p] + 1]++;
	for (let k = 0; k < nKeys; k++) start[k + 1] += start[k];
	const fill = start.slice(0, nKeys);
	const sent = new Int32Array(start[nKeys]);
	const count = new Uint16Array(start[nKeys]);
	for (let i = 0; i < side.n; i++) {
		for (let p = side.keyStart[i]; p < side.keyStart[i + 1]; p++) {
			const k = side.keyId[p];
			if (!(w[k] > 0)) continue;
			sent[fill[k]] = i;
			count[fill[k]] = side.keyCount[p];
			fill[k]++;
		}
	}
	return { start, sent, count };
}
