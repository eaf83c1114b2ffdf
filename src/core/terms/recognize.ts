import { primaryLang } from '../lang.js';
import type { Concept, Term, TermHit } from '../model.js';
import { verbForms } from './inflect.js';
import { accentsCompatible, isAllCaps, properKey, tokenKey } from './normalize.js';
import { createScan, type Scan, scanText, sepAt } from './scan.js';
import { type Sep, sepCompatible, tokenize } from './tokens.js';

interface Entry {
	term: Term;
	conceptKey: string;
	raw: string[];
	keys: string[];
	/** `keys` as the index's integer ids: words are compared by number, not by string */
	ids: Int32Array;
	seps: Sep[];
	/** per token: an acronym in capitals matches only itself, in capitals */
	capsOnly: boolean[];
	/** per token: a capitalised word (a name) is keyed without the feminine ending */
	proper: boolean[];
	/** punctuation that ends the term after its last token (`U.S.`): part of the hit when the text has it */
	tail: string;
	/** an ambiguous short form (its note starts `Ambiguous`): a hit only where its concept was written otherwise */
	ambiguous: boolean;
	/** its number in its index (see `TermIndex.judged`) */
	num: number;
	/** how many words (`keys.length`, read from the entry itself: one memory load fewer per hit) */
	len: number;
}

export interface TermIndex {
	lang: string;
	size: number;
	/** one-word terms, by their key */
	single: Map<string, Entry[]>;
	/**
	 * longer terms by the keys of their first two words, longest first: a common first word
	 * (`pays`, `NATO`) starts hundreds of terms, but few share the second word too, so each
	 * position of the text looks at a handful of entries rather than hundreds
	 */
	byPair: Map<string, Map<string, Entry[]>>;
	/** every key of a term word, numbered */
	keyIds: Map<string, number>;
	/** the concepts with an ambiguous short form: only their other hits are worth remembering for `resolveAmbiguous` */
	ambiguousConcepts: Set<string>;
	/** `single` and `byPair` by key id */
	singleById: Map<number, Entry[]>;
	pairById: Map<number, Map<number, Entry[]>>;
	/** every distinct word met in texts so far, with its keys and the entries it may start */
	words: WordTable;
	/** reused by `findTerms` for the text at hand */
	scan: Scan;
	/** reused by `wordsOf` and `crossWords`: a text's words are needed only while it is searched */
	wordBuf: Word[];
	crossBuf: Word[];
	/**
	 * Per entry (at `judgedAt[num]`), the last words it was judged against and the outcome:
	 * the outcome (`UNJUDGED`, -1 for no match, else twice the surface score), then per word
	 * its number and, from the second word on, the class of separator before it (`sepCode`).
	 * A term is mostly written the same way wherever it stands, so the word-by-word tests and
	 * the surface score (string comparisons and case folding on entry data spread over the
	 * heap) run once per way of writing it rather than at every occurrence: on the bench's
	 * 100,000 pairs, ~470,000 of them, nearly all met before.
	 */
	judged: Int32Array;
	judgedAt: Int32Array;
}

/**
 * A list of entries sorted longest first, with their key ids side by side in one typed array
 * (`packed`: per entry its length, its number (`Entry.num`), then its ids, read in order;
 * `offsets`: where each entry starts in it); `longs`: how many entries come first with three
 * words or more.
 *
 * Why packed: a long entry found by its first two words mostly fails on a later word (of the
 * ~1.3 million candidates of four words or more in the bench's 100,000 pairs, ~1 million fail
 * there). Reading its ids from the entry object cost three dependent memory loads (entry,
 * its array, the array's store) per candidate, most of them cache misses; one array per
 * list is read sequentially, and an entry object is touched only once its words all agree.
 */
type EntryList = Entry[] & { packed?: Int32Array; offsets?: Int32Array; longs?: number };

function describe(list: EntryList): void {
	let size = 0;
	for (const e of list) size += 2 + e.ids.length;
	const packed = new Int32Array(size);
	const offsets = new Int32Array(list.length);
	let at = 0;
	list.forEach((e, q) => {
		offsets[q] = at;
		packed[at++] = e.ids.length;
		packed[at++] = e.num;
		packed.set(e.ids, at);
		at += e.ids.length;
	});
	list.packed = packed;
	list.offsets = offsets;
	let longs = 0;
	while (longs < list.length && list[longs].ids.length > 2) longs++;
	list.longs = longs;
}

const ACRONYM_TYPES = new Set(['acronym', 'abbreviation']);

/**
 * Built once per glossary and language: every term is tokenized and keyed, and filed
 * under its first two tokens, so recognition costs a few map lookups per token of the text
 * rather than one regex per term (see bench/terms.ts for the difference).
 */
export function createTermIndex(concepts: readonly Concept[], lang: string): TermIndex {
	const want = primaryLang(lang);
	const singles = new Map<string, Entry[]>();
	const pairs = new Map<string, Map<string, Entry[]>>();
	const keyIds = new Map<string, number>();
	const idOf = (k: string) => {
		let id = keyIds.get(k);
		if (id === undefined) keyIds.set(k, (id = keyIds.size));
		return id;
	};
	const singleById = new Map<number, Entry[]>();
	const pairById = new Map<number, Map<number, Entry[]>>();
	let size = 0;
	const all: Entry[] = [];
	const file = (entry: Entry) => {
		entry.num = all.length;
		all.push(entry);
		let map = singles;
		let key = entry.keys[0];
		if (entry.keys.length > 1) {
			map = pairs.get(key) ?? new Map<string, Entry[]>();
			pairs.set(key, map);
			key = entry.keys[1];
		}
		const list = map.get(key) ?? [];
		list.push(entry);
		map.set(key, list);
		// the same lists, by id
		if (entry.ids.length > 1) {
			const byFirst = pairById.get(entry.ids[0]) ?? new Map<number, Entry[]>();
			pairById.set(entry.ids[0], byFirst);
			byFirst.set(entry.ids[1], list);
		} else singleById.set(entry.ids[0], list);
	};
	for (const c of concepts) {
		for (const term of c.terms) {
			if (primaryLang(term.lang) !== want) continue;
			const toks = tokenize(term.text);
			if (toks.length === 0) continue;
			const tail = term.text.slice(toks[toks.length - 1].end).trim();
			const single = toks.length === 1;
			const entry: Entry = {
				term,
				conceptKey: c.key,
				raw: toks.map((t) => t.raw),
				keys: toks.map((t) => (isAllCaps(t.raw) ? t.raw : /^\p{Lu}/u.test(t.raw) ? properKey(t.raw, lang) : tokenKey(t.raw, lang))),
				proper: toks.map((t) => !isAllCaps(t.raw) && /^\p{Lu}/u.test(t.raw)),
				seps: toks.map((t) => t.sep),
				capsOnly: toks.map((t) => isAllCaps(t.raw) && (single || ACRONYM_TYPES.has(term.type ?? '') || t.raw.length <= 5)),
				tail: /^[^\p{L}\p{N}\s]+$/u.test(tail) ? tail : '',
				ids: null!,
				ambiguous: /^\s*ambiguous\b/i.test(term.note ?? ''),
				num: -1,
				len: toks.length
			};
			entry.ids = Int32Array.from(entry.keys, idOf);
			file(entry);
			// a verb also in its inflected forms (first word: `recognised`, `reconnu`, `take part` → `took part` is not covered)
			if (term.partOfSpeech === 'verb' && !entry.proper[0] && !isAllCaps(entry.raw[0])) {
				// by form, not by key: `reconnaît` and `reconnait` share a key, but an accent differing on
				// a lower-case letter is a different word to `matchAt`, so each spelling needs its entry
				const seen = new Set([entry.raw[0].toLowerCase()]);
				for (const form of verbForms(entry.raw[0], lang)) {
					if (seen.has(form)) continue;
					seen.add(form);
					const key = tokenKey(form, lang);
					const keys = [key, ...entry.keys.slice(1)];
					file({ ...entry, raw: [form, ...entry.raw.slice(1)], keys, ids: Int32Array.from(keys, idOf) });
				}
			}
			size++;
		}
	}
	for (const byFirst of pairs.values()) for (const list of byFirst.values()) list.sort((a, b) => b.keys.length - a.keys.length);
	// each list's key ids packed side by side (see `EntryList`), so a scan of a long bucket reads
	// one small array and touches only the entries whose words are all in the text
	for (const list of [...singles.values(), ...[...pairs.values()].flatMap((m) => [...m.values()])] as EntryList[]) describe(list);
	const ambiguousConcepts = new Set<string>();
	for (const list of singles.values()) for (const e of list) if (e.ambiguous) ambiguousConcepts.add(e.conceptKey);
	for (const byFirst of pairs.values()) for (const list of byFirst.values()) for (const e of list) if (e.ambiguous) ambiguousConcepts.add(e.conceptKey);
	const judgedAt = new Int32Array(all.length);
	let judgedSize = 0;
	all.forEach((e, k) => {
		judgedAt[k] = judgedSize;
		judgedSize += 2 * e.ids.length;
	});
	const judged = new Int32Array(judgedSize);
	for (const at of judgedAt) judged[at] = UNJUDGED;
	const index: TermIndex = { lang, size, single: singles, byPair: pairs, keyIds, ambiguousConcepts, singleById, pairById, words: null!, scan: createScan(), wordBuf: [], crossBuf: [], judged, judgedAt };
	index.words = new WordTable(index);
	return index;
}

/** A distinct word of the texts, keyed once for an index's language. */
export interface Word {
	raw: string;
	hash: number;
	/** its number, unique in its table even after a `clear` (the candidates of a word pair are remembered by the two numbers) */
	id: number;
	caps: boolean;
	/** key ids (see `TermIndex.keyIds`), -1 where the key is no term word's: as an acronym or with the full stem */
	full: number;
	/** plural removed only, lower-cased (to meet capitalised glossary words) */
	proper: number;
	/** full stem of the lower-cased word (an all-caps heading word meeting an ordinary term word); -1 unless all caps */
	lower: number;
	/** English plural of an acronym (`IPAPs`, `MAPs`): the acronym itself, in capitals */
	acro: number;
	/** the distinct ids above that are keys of the index, in that order */
	variants: number[];
	/**
	 * per key of the word under which entries are filed (in `variants` order): the longer terms
	 * by their second word, and the one-word terms; null when the word starts no term, which
	 * is most words, so most tokens cost one table lookup and nothing more
	 */
	firsts: First[] | null;
	/**
	 * The keys a second word must have for a term of two words or more to start at this word
	 * (sorted, distinct); null when none starts here. Most places where a word starts a term
	 * (~65 % on the bench's corpus: `pays` starts dozens of terms, but rarely before the word
	 * that follows it in the text) start none of its longer terms: this small array, read
	 * where the word is already at hand, tells so without a probe of the pair cache (a random
	 * read in a table shared by all words), and the pair cache keeps only the pairs that may
	 * start a longer term rather than every pair met where a term may start.
	 */
	seconds: Int32Array | null;
	/**
	 * One bit per key of `seconds` (bit `key & 31`), and one per key of the word itself
	 * (`variants`): a second word none of whose bits is among the first word's cannot have a
	 * key in `seconds`, which one AND tells without the binary searches of `startsPair`.
	 * ~2.8 million words of the bench's texts start a term; at most of them no longer term does.
	 */
	secondBits: number;
	keyBits: number;
	/** its one-word terms merged over its keys (`candidates` without a second word); undefined until needed, null for none */
	singles: EntryList | null | undefined;
	/** which of `singles` wins where no longer term starts (a one-word term's tests look at this word only); UNKNOWN until worked out */
	singleBest: number;
	/** the same word keyed for another index (a target's words for the source language's acronyms) */
	crossTable: WordTable | null;
	cross: Word | null;
}

interface First {
	pairs: Map<number, Entry[]> | undefined;
	single: Entry[] | undefined;
}

/** Beyond this many distinct words the table starts again (a long-lived server sees many texts). */
const MAX_WORDS = 1 << 19;

/**
 * The distinct words met so far, found by the hash `scanText` computed and a comparison of
 * the characters with a copy kept in one typed array, so a token of the text is never cut
 * into a string of its own once its word is known. Open addressing, at most half full.
 */
export class WordTable {
	/** four integers a slot: word number + 1 (0 for a free slot), hash, length, offset in `pool`; side by side, so a probe reads one cache line */
	private slots = new Int32Array(4 << 12);
	private list: Word[] = [];
	/** where each word's characters start in `pool`, by number (to re-place the words when the table grows) */
	private offsets = new Int32Array(1 << 11);
	private pool = new Uint16Array(1 << 14);
	private used = 0;
	/** never reset: a word met before a `clear` may still be in the buffer of the text at hand */
	private serial = 0;
	/** candidate entries by (first word, second word): the same pairs of words come back all through a corpus */
	readonly pairs = new PairCache();
	constructor(private readonly index: TermIndex) {}

	get size(): number {
		return this.list.length;
	}

	/**
	 * The word of `units[start..end)` (a scan's copy of `text`, see `Scan.units`). The same probe as
	 * `lookup`, kept apart so each compare loop stays monomorphic (typed array vs string) in the hot path.
	 */
	lookupUnits(text: string, units: Uint16Array, start: number, end: number, hash: number): Word {
		const slots = this.slots;
		const mask = (slots.length >> 2) - 1;
		const len = end - start;
		for (let i = hash & mask; ; i = (i + 1) & mask) {
			const id = slots[4 * i];
			if (id === 0) break;
			if (slots[4 * i + 1] === hash && slots[4 * i + 2] === len) {
				const pool = this.pool;
				const shift = slots[4 * i + 3] - start;
				let k = start;
				while (k < end && pool[shift + k] === units[k]) k++;
				if (k === end) return this.list[id - 1];
			}
		}
		return this.add(text.slice(start, end), hash);
	}

	lookup(text: string, start: number, end: number, hash: number): Word {
		const slots = this.slots;
		const mask = (slots.length >> 2) - 1;
		const len = end - start;
		for (let i = hash & mask; ; i = (i + 1) & mask) {
			const id = slots[4 * i];
			if (id === 0) break;
			if (slots[4 * i + 1] === hash && slots[4 * i + 2] === len) {
				const pool = this.pool;
				const shift = slots[4 * i + 3] - start;
				let k = start;
				while (k < end && pool[shift + k] === text.charCodeAt(k)) k++;
				if (k === end) return this.list[id - 1];
			}
		}
		return this.add(text.slice(start, end), hash);
	}

	private add(raw: string, hash: number): Word {
		if (this.list.length >= MAX_WORDS) this.clear();
		if ((this.list.length + 1) * 2 > this.slots.length >> 2) this.resize((this.slots.length >> 2) * 2);
		const w = makeWord(this.index, raw, hash);
		const id = this.list.length;
		w.id = this.serial++;
		this.list.push(w);
		if (id >= this.offsets.length) {
			const o = new Int32Array(this.offsets.length * 2);
			o.set(this.offsets);
			this.offsets = o;
		}
		while (this.used + raw.length > this.pool.length) {
			const p = new Uint16Array(this.pool.length * 2);
			p.set(this.pool);
			this.pool = p;
		}
		this.offsets[id] = this.used;
		for (let k = 0; k < raw.length; k++) this.pool[this.used++] = raw.charCodeAt(k);
		this.place(hash, id + 1, raw.length, this.offsets[id]);
		return w;
	}

	private place(hash: number, id: number, len: number, offset: number): void {
		const slots = this.slots;
		const mask = (slots.length >> 2) - 1;
		let i = hash & mask;
		while (slots[4 * i] !== 0) i = (i + 1) & mask;
		slots[4 * i] = id;
		slots[4 * i + 1] = hash;
		slots[4 * i + 2] = len;
		slots[4 * i + 3] = offset;
	}

	private resize(size: number): void {
		this.slots = new Int32Array(4 * size);
		this.list.forEach((w, k) => this.place(w.hash, k + 1, w.raw.length, this.offsets[k]));
	}

	clear(): void {
		this.list = [];
		this.used = 0;
		this.pairs.clear();
		this.slots = new Int32Array(4 << 12);
	}
}

/**
 * Beyond this many word pairs the cache starts again: at most 2^20 slots of 32 bytes. Only
 * pairs that may start a longer term are kept (see `Word.seconds`): 12,569 for the bench's
 * 100,000 French sources.
 */
const MAX_PAIRS = 1 << 19;
/** `PairCache.get` for a pair not seen yet; also a short result not worked out yet */
const UNKNOWN = -2;
/** a pair of words that starts no term; also no short entry matching */
const NONE = -1;
/** integers a slot: first word, second word, list, the short results by separator class (see `sepCode`), padding */
const SLOT = 8;

/**
 * Open addressing on two integer keys (word numbers; -1 for no second word), at most half
 * full: a value is NONE or the number of a candidate list in `lists`. A slot's keys and values
 * sit side by side (eight integers, half a cache line): the table outgrows the CPU caches on
 * a large corpus, and a probe then costs one memory access rather than several.
 *
 * A slot also remembers, per separator between the two words, which of its list's one- and
 * two-word entries wins there (or none): that choice depends on the two words and the
 * separator only, and the same pairs of words come back all through a corpus, so the entry
 * tests and scores (`matchAt`, `surfaceScore`: most of the matching time) run once per pair
 * and separator rather than once per occurrence. Entries of three words or more still look
 * at the text.
 */
class PairCache {
	private t = PairCache.table(1 << 12);
	private n = 0;
	/** the slot of the last `get` or `set`, for `short` and `setShort` */
	private last = 0;
	readonly lists: EntryList[] = [];

	private static table(slots: number): Int32Array {
		return new Int32Array(slots * SLOT).fill(UNKNOWN);
	}

	private static slot(a: number, b: number, mask: number): number {
		return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca6b)) & mask;
	}

	get(a: number, b: number): number {
		const t = this.t;
		const mask = (t.length >> 3) - 1;
		for (let i = PairCache.slot(a, b, mask); ; i = (i + 1) & mask) {
			const v = t[SLOT * i + 2];
			if (v === UNKNOWN || (t[SLOT * i] === a && t[SLOT * i + 1] === b)) {
				this.last = i;
				return v;
			}
		}
	}

	/** the short result of the last pair got or set, for separator class `code` */
	short(code: number): number {
		return this.t[SLOT * this.last + 3 + code];
	}

	setShort(code: number, value: number): void {
		this.t[SLOT * this.last + 3 + code] = value;
	}

	set(a: number, b: number, list: EntryList | undefined): number {
		if (this.n >= MAX_PAIRS) this.clear();
		if ((this.n + 1) * 2 > this.t.length / SLOT) this.resize((this.t.length / SLOT) * 2);
		let value = NONE;
		if (list) {
			value = this.lists.length;
			this.lists.push(list);
		}
		this.last = this.place(a, b, value);
		this.n++;
		return value;
	}

	private place(a: number, b: number, value: number): number {
		const t = this.t;
		const mask = (t.length >> 3) - 1;
		let i = PairCache.slot(a, b, mask);
		while (t[SLOT * i + 2] !== UNKNOWN) i = (i + 1) & mask;
		t[SLOT * i] = a;
		t[SLOT * i + 1] = b;
		t[SLOT * i + 2] = value;
		return i;
	}

	private resize(slots: number): void {
		const old = this.t;
		this.t = PairCache.table(slots);
		for (let i = 0; i < old.length; i += SLOT)
			if (old[i + 2] !== UNKNOWN) {
				const at = SLOT * this.place(old[i], old[i + 1], old[i + 2]);
				this.t.set(old.subarray(i + 3, i + 6), at + 3);
			}
	}

	clear(): void {
		this.t = PairCache.table(1 << 12);
		this.n = 0;
		this.lists.length = 0;
	}
}

/**
 * The separator before token `k` as a class the short results are kept by: 0 a space (or no
 * token `k`), 1 a hyphen, 2 an apostrophe, -1 anything else (worked out each time). The same
 * one-character gaps `sepAt` tells apart without `classifySep`, so the class stands for one
 * `sepAt` value.
 */
function sepCode(scan: Scan, k: number): number {
	if (k >= scan.n) return 0;
	const a = scan.ends[k - 1];
	if (scan.starts[k] - a !== 1) return -1;
	const c = scan.units[a];
	if (c === 32 || c === 0xa0 || c === 0x202f || c === 0x2009 || c === 10) return 0;
	if (c === 45 || c === 0x2010 || c === 0x2011) return 1;
	if (c === 39 || c === 0x2019 || c === 0x02bc || c === 0x2018) return 2;
	return -1;
}

function makeWord(index: TermIndex, raw: string, hash: number): Word {
	const lang = index.lang;
	const caps = isAllCaps(raw);
	const stem = raw.slice(0, -1);
	const acro = primaryLang(lang) === 'en' && !caps && raw.endsWith('s') && isAllCaps(stem) ? stem : '';
	const id = (k: string) => (k === '' ? -1 : (index.keyIds.get(k) ?? -1));
	const full = id(caps ? raw : tokenKey(raw, lang));
	const proper = id(properKey(raw, lang));
	const lower = caps ? id(tokenKey(raw, lang)) : -1;
	const acroId = id(acro);
	const variants = [...new Set([full, proper, lower, acroId].filter((x) => x >= 0))];
	const firsts: First[] = [];
	for (const v of variants) {
		const pairs = index.pairById.get(v);
		const single = index.singleById.get(v);
		if (pairs || single) firsts.push({ pairs, single });
	}
	const seconds = new Set<number>();
	for (const f of firsts) if (f.pairs) for (const k of f.pairs.keys()) seconds.add(k);
	return {
		raw,
		hash,
		id: -1,
		caps,
		full,
		proper,
		lower,
		acro: acroId,
		variants,
		firsts: firsts.length ? firsts : null,
		seconds: seconds.size ? Int32Array.from(seconds).sort() : null,
		secondBits: bitsOf(seconds),
		keyBits: bitsOf(variants),
		singles: undefined,
		singleBest: UNKNOWN,
		crossTable: null,
		cross: null
	};
}

function bitsOf(keys: Iterable<number>): number {
	let bits = 0;
	for (const k of keys) bits |= 1 << (k & 31);
	return bits;
}

/**
 * Some key of `w2` is one of `seconds` (sorted). The keys are read from the word's own
 * fields rather than its `variants` array: one object already at hand rather than two more
 * loads (a repeated key is only looked up twice).
 */
function startsPair(seconds: Int32Array | null, w2: Word): boolean {
	if (seconds === null) return false;
	return has(seconds, w2.full) || has(seconds, w2.proper) || has(seconds, w2.lower) || has(seconds, w2.acro);
}

function has(sorted: Int32Array, v: number): boolean {
	if (v < 0) return false;
	let lo = 0;
	let hi: number = sorted.length - 1;
	while (lo <= hi) {
		const mid: number = (lo + hi) >> 1;
		const x: number = sorted[mid];
		if (x === v) return true;
		if (x < v) lo = mid + 1;
		else hi = mid - 1;
	}
	return false;
}

function matchAt(e: Entry, scan: Scan, words: Word[], i: number): boolean {
	const ids = e.ids;
	const len = ids.length;
	for (let j = 0; j < len; j++) {
		const w = words[i + j];
		const id = ids[j];
		if (e.capsOnly[j]) {
			// the acronym itself, in capitals (an all-caps key is the word as written), or its English plural
			if (!((w.caps && w.full === id) || w.acro === id)) return false;
		} else {
			// an all-caps text word still meets an ordinary term word (headings in capitals), also
			// when the accent it dropped was on a final é (`INTEROPERABILITE`, `ALLIES`): its final
			// e is then not a feminine ending, so its plural-only key is tried too
			const ok = e.proper[j] ? w.proper === id : w.full === id || (w.caps && (w.lower === id || w.proper === id));
			if (!ok) return false;
			if (!accentsCompatible(e.raw[j], w.raw)) return false;
		}
		if (j > 0 && !sepCompatible(e.seps[j], sepAt(scan, i + j))) return false;
	}
	return true;
}

/**
 * How closely the text's surface agrees with the term's: exact case and separators win.
 * A word written exactly as the term scores most; then the same word in another case; and
 * an inflected word scores by the case of the term word it shares its letters with — a
 * capital in the text is a deliberate signal (`Allié` is the noun of `Alliés`, `NATOs` is
 * `NATO`, not the forbidden `Nato`), lower case a weak one (`alliés` is `Alliés` before
 * `allié`, `ally` is the lower-case variant `allies`).
 */
function surfaceScore(e: Entry, scan: Scan, words: Word[], i: number): number {
	let s = 0;
	for (let j = 0; j < e.keys.length; j++) {
		const raw = words[i + j].raw;
		const term = e.raw[j];
		if (raw === term) s += 3;
		else if (raw.toLowerCase() === term.toLowerCase()) s += 1;
		else if (sameCase(raw, term)) s += /\p{Lu}/u.test(raw) ? 1.5 : 0.5;
		if (j > 0 && sepAt(scan, i + j) === e.seps[j]) s += 2;
	}
	return s;
}

/** Upper and lower case agree letter by letter over the length the two words share. */
function sameCase(a: string, b: string): boolean {
	const n = Math.min(a.length, b.length);
	for (let k = 0; k < n; k++) {
		const ua = a[k] !== a[k].toLowerCase();
		const ub = b[k] !== b[k].toLowerCase();
		if (ua !== ub) return false;
	}
	return true;
}

/**
 * Entries that may start at a word, longest first: every entry `matchAt` could accept is
 * filed under one of these (first key, second key) combinations, because `matchAt` only
 * accepts a word whose key in one of its variants equals the entry's key. No closures or
 * copies on the common path: this runs for every word that starts a term.
 */
function candidates(firsts: First[], second: Word | null): EntryList | undefined {
	const scratch: EntryList = [];
	let out: EntryList | undefined;
	let lists = 0;
	for (let a = 0; a < firsts.length; a++) {
		const f = firsts[a];
		if (second && f.pairs)
			for (let b = 0; b < second.variants.length; b++) {
				const list = f.pairs.get(second.variants[b]);
				if (!list) continue;
				if (lists === 1) scratch.push(...out!);
				if (lists++ >= 1) scratch.push(...list);
				else out = list;
			}
		const list = f.single;
		if (!list) continue;
		if (lists === 1) scratch.push(...out!);
		if (lists++ >= 1) scratch.push(...list);
		else out = list;
	}
	if (lists > 1) {
		// the key comparison of `bestOf` only skips entries `matchAt` would refuse: it holds for a merged list too
		scratch.sort((x, y) => y.keys.length - x.keys.length);
		describe(scratch);
		return scratch;
	}
	return out;
}

export interface FindOptions {
	/** no longer used: each index keeps the words it has met (kept so that older callers still compile) */
	cache?: Map<string, string[]>;
}

/**
 * Every term occurrence in `text`, left to right, longest match first and without overlap
 * (`Conseil OTAN-Russie` is one hit, not also `OTAN`). Where several terms share the same
 * words (`Secretary General` / `Secretary-General`, `NATO` / `Nato`), the one whose case and
 * separators agree with the text wins, so a forbidden variant is reported only when it is
 * what was written.
 */
export function findTerms(index: TermIndex, text: string, _opts: FindOptions = {}): TermHit[] {
	return findTermsInScan(index, scanText(text, index.scan, index.words, index.wordBuf), index.wordBuf);
}

/**
 * Scans `text` into `scan` and keys its words for `index` in the same pass (as `wordsOf`
 * after `scanText`, with the same buffer, valid until the index's next use).
 */
export function scanWords(index: TermIndex, text: string, scan: Scan): Word[] {
	scanText(text, scan, index.words, index.wordBuf);
	return index.wordBuf;
}

/** The words of a scanned text, keyed for `index` (in a buffer of the index, valid until its next call; longer than the text's `n` words). */
export function wordsOf(index: TermIndex, scan: Scan): Word[] {
	const n = scan.n;
	const table = index.words;
	const words = index.wordBuf;
	const { text, units, starts, ends, hashes } = scan;
	for (let k = 0; k < n; k++) words[k] = table.lookupUnits(text, units, starts[k], ends[k], hashes[k]);
	return words;
}

/** The same words keyed for another index (of another language), remembered on each word: one property read a token. */
export function crossWords(index: TermIndex, words: readonly Word[], n = words.length): Word[] {
	const table = index.words;
	const out = index.crossBuf;
	for (let k = 0; k < n; k++) {
		const w = words[k];
		if (w.crossTable !== table) {
			w.cross = table.lookup(w.raw, 0, w.raw.length, w.hash);
			w.crossTable = table;
		}
		out[k] = w.cross!;
	}
	return out;
}

/** As `findTerms`, on a text already scanned (one scan serves several indexes), its words keyed for `index`. */
export function findTermsInScan(index: TermIndex, scan: Scan, words: Word[] = wordsOf(index, scan)): TermHit[] {
	const found = findAllInScan(index, scan, words);
	return found.ambiguous ? resolveAmbiguous(found, new Set()) : found.hits;
}

/** Hits, with the ambiguous short forms among them still in (flagged), for a caller that knows more context than one text. */
export interface FoundTerms {
	hits: TermHit[];
	/** per hit, whether it is an ambiguous short form; null when none is */
	ambiguous: boolean[] | null;
	text: string;
}

/**
 * Keeps an ambiguous short form (`ID`, `MD`) only where its concept was written another way
 * in the same text or before it (`introduced`, which grows with this text's other hits), and
 * never when a digit follows (`MD-80`, `ID 4711`).
 */
export function resolveAmbiguous(found: FoundTerms, introduced: Set<string>, watched?: ReadonlySet<string>): TermHit[] {
	const { hits, ambiguous, text } = found;
	// `watched` (the index's `ambiguousConcepts`) spares a set insertion per hit of every other concept
	if (!ambiguous) {
		if (!watched) for (const h of hits) introduced.add(h.conceptKey);
		else if (watched.size) for (const h of hits) if (watched.has(h.conceptKey)) introduced.add(h.conceptKey);
		return hits;
	}
	hits.forEach((h, k) => ambiguous[k] || ((!watched || watched.has(h.conceptKey)) && introduced.add(h.conceptKey)));
	return hits.filter((h, k) => !ambiguous[k] || (introduced.has(h.conceptKey) && !/^[-‐‑ ]?\d/.test(text.slice(h.end, h.end + 2))));
}

/**
 * The number in `entries` of the entry of `entries[from..to)` (longest first) found at word
 * `i`, -1 for none: the longest that matches, and of those the one whose surface agrees
 * best, the first on a tie.
 */
function bestOf(index: TermIndex, entries: EntryList, from: number, to: number, scan: Scan, words: Word[], i: number): number {
	const packed = entries.packed!;
	const n = scan.n;
	let bestLen = 0;
	let at = -1;
	let bestScore = -1;
	// the entries one after the other in `packed`: no offset to look up per entry
	let next = from < to ? entries.offsets![from] : 0;
	for (let q = from; q < to; q++) {
		const o = next;
		const len = packed[o];
		next = o + 2 + len;
		if (at >= 0 && len < bestLen) break;
		if (i + len > n) continue;
		let agree = true;
		for (let j = 2; j < len; j++) {
			const w = words[i + j];
			const id = packed[o + 2 + j];
			if (w.full !== id && w.proper !== id && w.lower !== id && w.acro !== id) {
				agree = false;
				break;
			}
		}
		if (!agree) continue;
		const score = judge(index, entries, q, packed[o + 1], len, scan, words, i);
		if (score < 0) continue;
		if (at < 0 || score > bestScore) {
			bestLen = len;
			at = q;
			bestScore = score;
		}
	}
	return at;
}

/** `judged` holds no outcome yet for the entry */
const UNJUDGED = -3;

/**
 * Entry `entries[q]` (number `num`, `len` words) at word `i`: -1 when `matchAt` refuses it,
 * else twice its `surfaceScore` (an integer: the scores are multiples of one half). Both
 * depend only on the words and the separators between them, so the outcome is kept with
 * them (see `TermIndex.judged`) and reused while they are the same.
 */
function judge(index: TermIndex, entries: EntryList, q: number, num: number, len: number, scan: Scan, words: Word[], i: number): number {
	const judged = index.judged;
	const base = index.judgedAt[num];
	const known = judged[base];
	if (known !== UNJUDGED) {
		let same = judged[base + 1] === words[i].id;
		for (let j = 1; same && j < len; j++) same = judged[base + 1 + 2 * j] === words[i + j].id && judged[base + 2 * j] === sepCode(scan, i + j);
		if (same) return known;
	}
	const e = entries[q];
	const outcome = matchAt(e, scan, words, i) ? 2 * surfaceScore(e, scan, words, i) : -1;
	// a separator without a class (`sepCode` -1) is not kept: the outcome is then worked out each time
	let keep = true;
	for (let j = 1; keep && j < len; j++) keep = sepCode(scan, i + j) >= 0;
	if (keep) {
		judged[base] = outcome;
		judged[base + 1] = words[i].id;
		for (let j = 1; j < len; j++) {
			judged[base + 1 + 2 * j] = words[i + j].id;
			judged[base + 2 * j] = sepCode(scan, i + j);
		}
	}
	return outcome;
}

/** Every hit of the text, ambiguous short forms included and flagged. */
export function findAllInScan(index: TermIndex, scan: Scan, words: Word[] = wordsOf(index, scan)): FoundTerms {
	const n = scan.n;
	const hits: TermHit[] = [];
	const found: FoundTerms = { hits, ambiguous: null, text: scan.text };
	const cache = index.words.pairs;
	for (let i = 0; i < n; ) {
		const w1 = words[i];
		const firsts = w1.firsts;
		if (firsts === null) {
			i++;
			continue;
		}
		const w2 = i + 1 < n ? words[i + 1] : null;
		if (w2 === null || (w1.secondBits & w2.keyBits) === 0 || !startsPair(w1.seconds, w2)) {
			// only the word's one-word terms can start here: the same list and winner wherever the word stands
			let r = w1.singleBest;
			if (r === UNKNOWN) {
				if (w1.singles === undefined) w1.singles = candidates(firsts, null) ?? null;
				r = w1.singles === null ? NONE : bestOf(index, w1.singles, 0, w1.singles.length, scan, words, i);
				w1.singleBest = r;
			}
			if (r < 0) {
				i++;
				continue;
			}
			i = pushHit(w1.singles![r], scan, words, i, hits, found);
			continue;
		}
		const second = w2.id;
		let slot = cache.get(w1.id, second);
		if (slot === UNKNOWN) slot = cache.set(w1.id, second, candidates(firsts, w2));
		if (slot === NONE) {
			i++;
			continue;
		}
		const entries = cache.lists[slot];
		const longs = entries.longs!;
		let best: Entry | null = null;
		if (longs > 0) {
			const q = bestOf(index, entries, 0, longs, scan, words, i);
			if (q >= 0) best = entries[q];
		}
		if (best === null && longs < entries.length) {
			// the one- and two-word entries: remembered per pair of words and separator (see `PairCache`)
			const code = sepCode(scan, i + 1);
			let r = code >= 0 ? cache.short(code) : UNKNOWN;
			if (r === UNKNOWN) {
				r = bestOf(index, entries, longs, entries.length, scan, words, i);
				if (code >= 0) cache.setShort(code, r);
			}
			if (r >= 0) best = entries[r];
		}
		if (best) i = pushHit(best, scan, words, i, hits, found);
		else i++;
	}
	return found;
}

/** Adds the hit of `e` at word `i` to `found` (whose `hits` is `hits`); returns the word after it. */
function pushHit(e: Entry, scan: Scan, words: Word[], i: number, hits: TermHit[], found: FoundTerms): number {
	const text = scan.text;
	const start = scan.starts[i];
	const len = e.len;
	const lastEnd = scan.ends[i + len - 1];
	const end = e.tail && text.startsWith(e.tail, lastEnd) ? lastEnd + e.tail.length : lastEnd;
	// a one-word hit is its word as written: the word table's string rather than a new one per
	// hit, and the same string for every hit of the word, which the checks' maps hash once (a
	// longer hit written exactly as its term was given the term's own string after a comparison
	// of the characters: ~10 % slower over all checks in an A/B run, so a slice it stays)
	const written = len === 1 && end === lastEnd ? words[i].raw : text.slice(start, end);
	if (e.ambiguous) (found.ambiguous ??= hits.map(() => false))[hits.length] = true;
	else if (found.ambiguous) found.ambiguous[hits.length] = false;
	hits.push({ start, end, text: written, conceptKey: e.conceptKey, term: e.term });
	return i + len;
}

export { type Scan, scanText, createScan } from './scan.js';
