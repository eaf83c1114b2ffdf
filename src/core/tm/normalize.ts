import { TAG_BASE } from '../model.js';
import { toNfc } from '../text/nfc.js';

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

/** What normText does, with regular expressions: the reference the fast path is tested against. */
export function normTextRegex(text: string): string {
	return text.normalize('NFC').replace(TAGS, '').replace(APOS, "'").replace(SPACES, ' ').trim();
}

/** Per BMP character, what normText does with it: 0 keep, 1 space, 2 drop (tag), 3 apostrophe, 4 may need NFC. */
const NORM = (() => {
	const t = new Uint8Array(0x10000);
	for (let c = 0x300; c < 0x10000; c++) if (!(c >= 0x2002 && c < 0x20d0) && !(c >= 0xe000 && c <= 0xf8ff)) t[c] = 4;
	// SPACES: \s (trim()'s set) plus U+200B; U+2000/U+2001 only decompose to other spaces
	for (const c of [9, 10, 11, 12, 13, 32, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) t[c] = 1;
	for (let c = 0x2000; c <= 0x200b; c++) t[c] = 1;
	for (let c = 0xe000; c <= 0xf8ff; c++) t[c] = 2;
	for (const c of [0x2019, 0x02bc, 0x2018, 0x60, 0xb4]) t[c] = 3;
	return t;
})();

/**
 * One pass over the characters with a table instead of NFC, three replaces and a trim: the
 * TM computes this for every source and target it stores and every lookup. Runs of
 * unchanged characters are copied as slices; a single ordinary space between two visible
 * characters stays inside its run. A character that may change under NFC sends the text
 * through normalize() first (see text/nfc.ts for why the others cannot).
 */
export function normText(text: string): string {
	const s = text;
	let nfcChecked = false;
	const n = s.length;
	let out = '';
	let run = -1;
	let pendingSpace = false;
	for (let i = 0; i < n; i++) {
		const c = s.charCodeAt(i);
		let k = NORM[c];
		if (k === 0) {
			if (pendingSpace) {
				out += ' ';
				pendingSpace = false;
			}
			if (run < 0) run = i;
			continue;
		}
		if (k === 4) {
			if (!nfcChecked) {
				const composed = s.normalize('NFC');
				if (composed !== s) return normText(composed);
				nfcChecked = true;
			}
			if (pendingSpace) {
				out += ' ';
				pendingSpace = false;
			}
			if (run < 0) run = i;
			continue;
		}
		if (k === 1 && c === 32 && run >= 0 && i + 1 < n) {
			const d = NORM[s.charCodeAt(i + 1)];
			if (d !== 1 && d !== 2) continue;
		}
		if (k === 1 || k === 2) {
			if (run >= 0) {
				out += s.slice(run, i);
				run = -1;
			}
			if (k === 1 && out.length > 0) pendingSpace = true;
			continue;
		}
		// k === 3: an apostrophe of another shape
		if (pendingSpace) {
			out += ' ';
			pendingSpace = false;
		}
		if (run >= 0) out += s.slice(run, i);
		out += "'";
		run = -1;
	}
	if (run >= 0) out = run === 0 && out === '' ? s : out + s.slice(run);
	return out;
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
	if (!scanWords(norm, tokens, raw)) {
		tokens.length = raw.length = 0;
		for (const m of norm.matchAll(WORD)) {
			raw.push(m[0]);
			tokens.push(NUMBER.test(m[0]) ? '#' : m[0].toLowerCase());
		}
	}
	return { tokens, raw };
}

/** The fuzzy tokens only, space-separated, as the store keeps them. */
export function tokenString(norm: string): string {
	// One toLowerCase for the whole text instead of one per word, and the string built from
	// its slices: 7.1 → 2.9 µs a TM source (an import computes this for every unit). The same
	// as lowering word by word unless a mapping changes the length (İ) or looks at what follows
	// (final sigma): those, and texts with surrogates, take the word-by-word path.
	const lower = norm.toLowerCase();
	if (lower.length === norm.length && norm.indexOf('\u03A3') < 0) {
		const fast = joinLowerWords(norm, lower);
		if (fast !== null) return fast;
	}
	const tokens: string[] = [];
	if (scanWords(norm, tokens, null)) return tokens.join(' ');
	return tokenizeNorm(norm).tokens.join(' ');
}

/**
 * scanWords's words of `s`, taken from `lower` (s lower-cased, same length), joined by spaces;
 * null at a surrogate. scanWords's loop is repeated here on purpose: sharing it through a word-end function measured
 * 3.7 → 4.9 µs a source.
 */
function joinLowerWords(s: string, lower: string): string | null {
	const n = s.length;
	let out = '';
	let i = 0;
	while (i < n) {
		const c = s.charCodeAt(i);
		if (c >= 0xd800 && c <= 0xdfff) return null;
		if (classOf(c) === 3) {
			i++;
			continue;
		}
		const start = i;
		let letters = false;
		while (i < n) {
			const d = s.charCodeAt(i);
			if (d >= 0xd800 && d <= 0xdfff) return null;
			const kd = classOf(d);
			if (kd === 3) break;
			if (kd === 1) letters = true;
			i++;
		}
		while (i + 1 < n) {
			const p = s.charCodeAt(i);
			if ((p !== 46 && p !== 44) || classOf(s.charCodeAt(i + 1)) !== 2) break;
			i += 2;
			while (i < n && classOf(s.charCodeAt(i)) === 2) i++;
		}
		if (out.length > 0) out += ' ';
		out += letters ? lower.slice(start, i) : '#';
	}
	return out;
}

/** Character classes of the BMP for WORD, filled in as characters are met: 1 letter, 2 number, 3 neither. */
const CLASS = new Uint8Array(0x10000);
const LETTER = /\p{L}/u;
const DIGIT = /\p{N}/u;
function classOf(c: number): number {
	let k = CLASS[c];
	if (k === 0) {
		const ch = String.fromCharCode(c);
		k = CLASS[c] = LETTER.test(ch) ? 1 : DIGIT.test(ch) ? 2 : 3;
	}
	return k;
}

/**
 * WORD and NUMBER on character codes, several times faster than matchAll with Unicode
 * properties (a TM import tokenizes every source). Returns false, having found nothing
 * certain, when the text holds a surrogate (a letter outside the BMP): the regular
 * expressions then decide.
 */
function scanWords(s: string, tokens: string[], raw: string[] | null): boolean {
	const n = s.length;
	let i = 0;
	while (i < n) {
		const c = s.charCodeAt(i);
		if (c >= 0xd800 && c <= 0xdfff) return false;
		const k = classOf(c);
		if (k === 3) {
			i++;
			continue;
		}
		const start = i;
		let letters = false;
		while (i < n) {
			const d = s.charCodeAt(i);
			if (d >= 0xd800 && d <= 0xdfff) return false;
			const kd = classOf(d);
			if (kd === 3) break;
			if (kd === 1) letters = true;
			i++;
		}
		// (?:[.,]\p{N}+)*: a decimal or thousands separator followed by digits stays in the word
		while (i + 1 < n) {
			const p = s.charCodeAt(i);
			if ((p !== 46 && p !== 44) || classOf(s.charCodeAt(i + 1)) !== 2) break;
			i += 2;
			while (i < n && classOf(s.charCodeAt(i)) === 2) i++;
		}
		const w = s.slice(start, i);
		raw?.push(w);
		tokens.push(letters ? w.toLowerCase() : '#');
	}
	return true;
}

/**
 * U+2010 HYPHEN and U+2011 NON-BREAKING HYPHEN (Word's `w:noBreakHyphen`, as mammoth reads
 * it) as `-`, for comparing only: a segment keeps its character, and normText keeps it too,
 * because the stored `source_key`s are hashes of normText and would no longer be found.
 */
export function foldHyphens(s: string): string {
	return s.indexOf('\u2010') < 0 && s.indexOf('\u2011') < 0 ? s : s.replace(/[\u2010\u2011]/g, '-');
}

/** Punctuation and symbols in order: compared as a whole for the punctuation penalty. */
export function punctuationOf(text: string): string {
	return foldHyphens(normText(text).replace(/[\p{L}\p{N}\s]+/gu, ''));
}

export function tagCount(text: string): number {
	let n = 0;
	for (const ch of text) if (ch.charCodeAt(0) >= TAG_BASE && ch.charCodeAt(0) <= 0xf8ff) n++;
	return n;
}
