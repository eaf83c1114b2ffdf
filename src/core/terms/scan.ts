import { addressSpans, classifySep, type Sep, textMayHoldAddress } from './tokens.js';

/**
 * A text cut into word tokens once, as offsets and a hash of each token's characters, so
 * that several term indexes (the target language's terms, the source language's acronyms)
 * can look at the same tokens without one string or object per token. Same tokens as
 * `tokenize` (runs of letters and digits, addresses skipped); the scan's arrays are reused
 * from one text to the next.
 */
export interface Scan {
	text: string;
	/** number of tokens */
	n: number;
	starts: Int32Array;
	ends: Int32Array;
	/** FNV-1a over the token's UTF-16 code units (see `hashOf`) */
	hashes: Int32Array;
	/** the text's UTF-16 code units (the first `text.length`), for reading without `charCodeAt` */
	units: Uint16Array;
	/** the bytes behind `units`, where Node's Buffer is there to copy a text in one native call */
	bytes: Buffer | null;
}

const HAS_BUFFER = typeof Buffer === 'function' && typeof Buffer.allocUnsafe === 'function';

export function createScan(capacity = 256): Scan {
	const scan: Scan = { text: '', n: 0, starts: new Int32Array(capacity), ends: new Int32Array(capacity), hashes: new Int32Array(capacity), units: new Uint16Array(0), bytes: null };
	sizeUnits(scan, 1024);
	return scan;
}

function sizeUnits(scan: Scan, units: number): void {
	if (HAS_BUFFER) {
		scan.bytes = Buffer.allocUnsafe(units * 2);
		scan.units = new Uint16Array(scan.bytes.buffer, scan.bytes.byteOffset, units);
	} else scan.units = new Uint16Array(units);
}

/**
 * The text's code units into `scan.units`. Why a copy: `charCodeAt` dispatches on the string's
 * representation at every call (texts built by concatenation or slicing are cons or sliced
 * strings), and the scan and the word table read every character; one native copy
 * (`Buffer.write`, a memcpy for a flat two-byte string) and typed-array reads took the bench's
 * 100,000 pairs from 0.19 s to 0.08 s for a plain pass over their characters.
 */
function copyUnits(text: string, scan: Scan): Uint16Array {
	const len = text.length;
	if (len > scan.units.length) sizeUnits(scan, Math.max(len, scan.units.length * 2));
	const units = scan.units;
	if (scan.bytes) scan.bytes.write(text, 0, len * 2, 'utf16le');
	else for (let i = 0; i < len; i++) units[i] = text.charCodeAt(i);
	return units;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** The hash `scanText` gives a token, for a word held as a string. */
export function hashOf(s: string): number {
	let h = FNV_OFFSET;
	for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
	return h;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
/**
 * Word characters by UTF-16 code unit, worked out on first sight: 1 a letter or digit, 2 not,
 * 3 a high surrogate (a word character or not with the unit after it, see `pairIsWord`), 0 not
 * seen yet. A pure lookup table (the Unicode classes do not change), filled lazily because a
 * regex test per character is what made tokenizing slow. U+02BC (ʼ) is an apostrophe in
 * French text (`lʼOTAN`), as in `tokenize`.
 */
const UNIT = new Uint8Array(65536);
for (let c = 0; c < 128; c++) UNIT[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 2;
UNIT[0x02bc] = 2;
for (let c = 0xd800; c <= 0xdbff; c++) UNIT[c] = 3;
for (let c = 0xdc00; c <= 0xdfff; c++) UNIT[c] = 2;

function learn(c: number): number {
	return (UNIT[c] = LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? 1 : 2);
}

/** The high surrogate at `i` and the unit after it are one letter or digit outside the BMP. */
function pairIsWord(text: string, units: Uint16Array, i: number): boolean {
	if (i + 1 >= text.length) return false;
	const d = units[i + 1];
	return d >= 0xdc00 && d <= 0xdfff && LETTER_OR_DIGIT.test(text.slice(i, i + 2));
}

function grow(scan: Scan): void {
	const cap = scan.starts.length * 2;
	const s = new Int32Array(cap);
	const e = new Int32Array(cap);
	const h = new Int32Array(cap);
	s.set(scan.starts);
	e.set(scan.ends);
	h.set(scan.hashes);
	scan.starts = s;
	scan.ends = e;
	scan.hashes = h;
}

/** Where a scan can look each token up as it is cut (a term index's word table). */
export interface WordLookup<W> {
	lookupUnits(text: string, units: Uint16Array, start: number, end: number, hash: number): W;
}

/**
 * Cuts `text` into tokens, into `scan` (reused) or a new scan. With `table`, each token is
 * also looked up there as it is cut, into `words` (by token number): the characters are
 * still at hand, and a second pass over the tokens' offsets and hashes is saved.
 */
export function scanText<W>(text: string, scan: Scan = createScan(), table: WordLookup<W> | null = null, words: W[] | null = null): Scan {
	scan.text = text;
	const units = copyUnits(text, scan);
	// addresses are rare: the scan notes the characters one needs, and only then are they looked for
	if (scanUnits(scan, text, units, null, table, words) && textMayHoldAddress(text)) {
		const skip = addressSpans(text);
		if (skip.length) scanUnits(scan, text, units, skip, table, words);
	}
	return scan;
}

const isLowerOrDigit = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/**
 * The tokens of `units` (the text's code units) into `scan`, leaving out those that start in
 * a `skip` span. Returns false when `textMayHoldAddress` would: the text has no `@`, no `:/`,
 * and no dot after a lower-case letter or digit that is followed by a lower-case letter (a
 * top-level domain) or follows a `w` (`www.`). Most texts are settled in the pass over the
 * characters, without `textMayHoldAddress`'s three searches and a regex at each dot; with the
 * character classes read with one table load on the common path, the scan of the bench's
 * 200,000 texts went from ~0.6 s to ~0.35 s.
 */
function scanUnits<W>(scan: Scan, text: string, units: Uint16Array, skip: Array<[number, number]> | null, table: WordLookup<W> | null, words: W[] | null): boolean {
	const len = text.length;
	let n = 0;
	let s = 0;
	let i = 0;
	let maybeAddress = false;
	let starts = scan.starts;
	let ends = scan.ends;
	let hashes = scan.hashes;
	while (i < len) {
		let c = units[i];
		let v = UNIT[c];
		if (v !== 1) {
			if (v === 0) v = learn(c);
			if (v === 2 || (v === 3 && !pairIsWord(text, units, i))) {
				if (c === 64 || (c === 58 && units[i + 1] === 47)) maybeAddress = true;
				else if (c === 46 && i > 0 && isLowerOrDigit(units[i - 1]) && (units[i - 1] === 119 || (i + 1 < len && units[i + 1] >= 97 && units[i + 1] <= 122))) maybeAddress = true;
				i++;
				continue;
			}
		}
		const start = i;
		let h = FNV_OFFSET;
		// the inner loop is the common case only (a letter or digit of the BMP, known); the rest is settled after it
		for (;;) {
			if (v === 3) {
				h = Math.imul(Math.imul(h ^ c, FNV_PRIME) ^ units[i + 1], FNV_PRIME);
				i += 2;
			} else {
				h = Math.imul(h ^ c, FNV_PRIME);
				i++;
			}
			while (i < len && UNIT[(c = units[i])] === 1) {
				h = Math.imul(h ^ c, FNV_PRIME);
				i++;
			}
			if (i >= len) break;
			v = UNIT[c];
			if (v === 0) v = learn(c);
			if (v === 2 || (v === 3 && !pairIsWord(text, units, i))) break;
		}
		if (skip) {
			while (s < skip.length && skip[s][1] <= start) s++;
			if (s < skip.length && skip[s][0] <= start) continue; // inside an address
		}
		if (n === starts.length) {
			grow(scan);
			starts = scan.starts;
			ends = scan.ends;
			hashes = scan.hashes;
		}
		starts[n] = start;
		ends[n] = i;
		hashes[n] = h;
		if (table !== null) words![n] = table.lookupUnits(text, units, start, i, h);
		n++;
	}
	scan.n = n;
	return maybeAddress;
}

/** The separator class before token `k` (see `classifySep`); `''` before the first. */
export function sepAt(scan: Scan, k: number): Sep {
	if (k === 0) return '';
	const a = scan.ends[k - 1];
	const b = scan.starts[k];
	if (b - a === 1) {
		// the usual gaps, as `classifySep` classes them, without a slice and a regex
		const c = scan.text.charCodeAt(a);
		if (c === 32 || c === 0xa0 || c === 0x202f || c === 0x2009 || c === 10) return ' ';
		if (c === 45 || c === 0x2010 || c === 0x2011) return '-';
		if (c === 39 || c === 0x2019 || c === 0x02bc || c === 0x2018) return "'";
		if (c > 32 && c < 127) return scan.text[a];
	}
	return classifySep(scan.text.slice(a, b));
}
