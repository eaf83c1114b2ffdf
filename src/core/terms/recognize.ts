import { primaryLang } from '../lang.js';
import type { Concept, Term, TermHit } from '../model.js';
import { accentsCompatible, isAllCaps, properKey, tokenKey } from './normalize.js';
import { type Sep, sepCompatible, type Token, tokenize } from './tokens.js';

interface Entry {
	term: Term;
	conceptKey: string;
	raw: string[];
	keys: string[];
	seps: Sep[];
	/** per token: an acronym in capitals matches only itself, in capitals */
	capsOnly: boolean[];
	/** per token: a capitalised word (a name) is keyed without the feminine ending */
	proper: boolean[];
	/** punctuation that ends the term after its last token (`U.S.`): part of the hit when the text has it */
	tail: string;
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
	let size = 0;
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
				tail: /^[^\p{L}\p{N}\s]+$/u.test(tail) ? tail : ''
			};
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
			size++;
		}
	}
	for (const byFirst of pairs.values()) for (const list of byFirst.values()) list.sort((a, b) => b.keys.length - a.keys.length);
	return { lang, size, single: singles, byPair: pairs };
}

interface TextKeys {
	/** as an acronym or with the full stem */
	full: string[];
	/** plural removed only, lower-cased (to meet capitalised glossary words) */
	proper: string[];
	/** full stem of the lower-cased token (an all-caps heading word meeting an ordinary term word) */
	lower: string[];
	/** English plural of an acronym (`IPAPs`, `MAPs`): the acronym itself, in capitals; else '' */
	acro: string[];
	/** the distinct keys above, for candidate lookups */
	variants: string[][];
}

type CachedKeys = string[] & { variants: string[] };

/** Per-text token keys, cached by raw token: texts repeat their words. */
function keysOf(tokens: Token[], lang: string, cache: Map<string, string[]>): TextKeys {
	const out: TextKeys = { full: [], proper: [], lower: [], acro: [], variants: [] };
	const english = primaryLang(lang) === 'en';
	for (const t of tokens) {
		let k = cache.get(t.raw) as CachedKeys | undefined;
		if (k === undefined) {
			const caps = isAllCaps(t.raw);
			const stem = t.raw.slice(0, -1);
			const acro = english && !caps && t.raw.endsWith('s') && isAllCaps(stem) ? stem : '';
			const base = [caps ? t.raw : tokenKey(t.raw, lang), properKey(t.raw, lang), caps ? tokenKey(t.raw, lang) : '', acro];
			k = Object.assign(base, { variants: [...new Set(base.filter((x) => x !== ''))] });
			cache.set(t.raw, k);
		}
		out.full.push(k[0]);
		out.proper.push(k[1]);
		out.lower.push(k[2]);
		out.acro.push(k[3]);
		out.variants.push(k.variants);
	}
	return out;
}

function matchAt(e: Entry, tokens: Token[], keys: TextKeys, i: number): boolean {
	if (i + e.keys.length > tokens.length) return false;
	for (let j = 0; j < e.keys.length; j++) {
		const tok = tokens[i + j];
		const n = i + j;
		if (e.capsOnly[j]) {
			if (tok.raw !== e.raw[j] && keys.acro[n] !== e.raw[j]) return false;
		} else {
			// an all-caps text word still meets an ordinary term word (headings in capitals), also
			// when the accent it dropped was on a final é (`INTEROPERABILITE`, `ALLIES`): its final
			// e is then not a feminine ending, so its plural-only key is tried too
			const caps = keys.lower[n] !== '';
			const ok = e.proper[j]
				? keys.proper[n] === e.keys[j]
				: keys.full[n] === e.keys[j] || (caps && (keys.lower[n] === e.keys[j] || keys.proper[n] === e.keys[j]));
			if (!ok) return false;
			if (!accentsCompatible(e.raw[j], tok.raw)) return false;
		}
		if (j > 0 && !sepCompatible(e.seps[j], tok.sep)) return false;
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
function surfaceScore(e: Entry, tokens: Token[], i: number): number {
	let s = 0;
	for (let j = 0; j < e.keys.length; j++) {
		const raw = tokens[i + j].raw;
		const term = e.raw[j];
		if (raw === term) s += 3;
		else if (raw.toLowerCase() === term.toLowerCase()) s += 1;
		else if (sameCase(raw, term)) s += /\p{Lu}/u.test(raw) ? 1.5 : 0.5;
		if (j > 0 && tokens[i + j].sep === e.seps[j]) s += 2;
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
 * Entries that may start at token i, longest first: every entry `matchAt` could accept is
 * filed under one of these (first key, second key) combinations, because `matchAt` only
 * accepts a word whose key in one of its variants equals the entry's key. No closures or
 * copies on the common path: this runs for every word of every segment.
 */
function candidates(index: TermIndex, keys: TextKeys, i: number, n: number, scratch: Entry[]): Entry[] | undefined {
	let out: Entry[] | undefined;
	let lists = 0;
	const first = keys.variants[i];
	const second = i + 1 < n ? keys.variants[i + 1] : null;
	for (let a = 0; a < first.length; a++) {
		if (second) {
			const byFirst = index.byPair.get(first[a]);
			if (byFirst)
				for (let b = 0; b < second.length; b++) {
					const list = byFirst.get(second[b]);
					if (!list) continue;
					if (lists === 1) scratch.push(...out!);
					if (lists++ >= 1) scratch.push(...list);
					else out = list;
				}
		}
		const list = index.single.get(first[a]);
		if (!list) continue;
		if (lists === 1) scratch.push(...out!);
		if (lists++ >= 1) scratch.push(...list);
		else out = list;
	}
	if (lists > 1) return scratch.sort((x, y) => y.keys.length - x.keys.length);
	return out;
}

export interface FindOptions {
	/** shared across calls on many texts to normalise each distinct word once */
	cache?: Map<string, string[]>;
}

/**
 * Every term occurrence in `text`, left to right, longest match first and without overlap
 * (`Conseil OTAN-Russie` is one hit, not also `OTAN`). Where several terms share the same
 * words (`Secretary General` / `Secretary-General`, `NATO` / `Nato`), the one whose case and
 * separators agree with the text wins, so a forbidden variant is reported only when it is
 * what was written.
 */
export function findTerms(index: TermIndex, text: string, opts: FindOptions = {}): TermHit[] {
	const tokens = tokenize(text);
	const keys = keysOf(tokens, index.lang, opts.cache ?? new Map());
	const hits: TermHit[] = [];
	const scratch: Entry[] = [];
	for (let i = 0; i < tokens.length; ) {
		scratch.length = 0;
		const entries = candidates(index, keys, i, tokens.length, scratch);
		let best: Entry | null = null;
		let bestScore = -1;
		if (entries) {
			for (const e of entries) {
				if (best && e.keys.length < best.keys.length) break;
				if (!matchAt(e, tokens, keys, i)) continue;
				const score = surfaceScore(e, tokens, i);
				if (!best || score > bestScore) {
					best = e;
					bestScore = score;
				}
			}
		}
		if (best) {
			const last = tokens[i + best.keys.length - 1];
			const end = best.tail && text.startsWith(best.tail, last.end) ? last.end + best.tail.length : last.end;
			hits.push({ start: tokens[i].start, end, text: text.slice(tokens[i].start, end), conceptKey: best.conceptKey, term: best.term });
			i += best.keys.length;
		} else i++;
	}
	return hits;
}
