import { TAG_BASE } from '../model.js';

/**
 * The forms of a segment the TM compares. `norm` is the exact-match form (100%): inline tags
 * out, every kind of space one space, apostrophes one apostrophe, NFC — a difference there
 * is invisible to a translator. `tokens` are the fuzzy-match words: lower case, accents kept,
 * every number one `#`, punctuation out; what they drop (case, numbers, punctuation, tags)
 * comes back as small penalties when a match is scored.
 */
const TAGS = /[\uE000-\uF8FF]/g;
const SPACES = /[\s\u00A0\u202F\u2009\u2007\u200B]+/g;
const APOS = /[’ʼ‘`´]/g;
const WORD = /[\p{L}\p{N}]+(?:[.,][\p{N}]+)*/gu;
const NUMBER = /^\p{N}[\p{N}.,]*$/u;

export function normText(text: string): string {
	return text.normalize('NFC').replace(TAGS, '').replace(APOS, "'").replace(SPACES, ' ').trim();
}

export interface Tokenized {
	/** fuzzy tokens: lower case, numbers as `#` */
	tokens: string[];
	/** the words as written, parallel to tokens (for case and number penalties and the diff) */
	raw: string[];
}

export function tokenizeForTm(text: string): Tokenized {
	return tokenizeNorm(normText(text));
}

/** The same, from a text already through normText. */
export function tokenizeNorm(norm: string): Tokenized {
	const tokens: string[] = [];
	const raw: string[] = [];
	for (const m of norm.matchAll(WORD)) {
		raw.push(m[0]);
		tokens.push(NUMBER.test(m[0]) ? '#' : m[0].toLowerCase());
	}
	return { tokens, raw };
}

/** Punctuation and symbols in order: compared as a whole for the punctuation penalty. */
export function punctuationOf(text: string): string {
	return normText(text).replace(/[\p{L}\p{N}\s]+/gu, '');
}

export function tagCount(text: string): number {
	let n = 0;
	for (const ch of text) if (ch.charCodeAt(0) >= TAG_BASE && ch.charCodeAt(0) <= 0xf8ff) n++;
	return n;
}
