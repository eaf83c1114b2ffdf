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
 * Word characters by UTF-16 code unit, worked out on first sight: 1 a letter or digit, 2 not.
 * A pure lookup table (the Unicode classes do not change), filled lazily because a regex
 * test per character is what made tokenizing slow. U+02BC (ʼ) is an apostrophe in French
 * text (`lʼOTAN`), as in `tokenize`; surrogates are decided by code point in `wordUnits`.
 */
const UNIT = new Uint8Array(65536);
for (let c = 0; c < 128; c++) UNIT[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 2;
UNIT[0x02bc] = 2;
for (let c = 0xd800; c <= 0xdfff; c++) UNIT[c] = 2;

/** How many code units the word character at `i` takes: 1, 2 (a letter outside the BMP), or 0 when it is not one. */
function wordUnits(text: string, units: Uint16Array, i: number, c: number): number {
	let v = UNIT[c];
	if (v === 0) UNIT[c] = v = LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? 1 : 2;
	if (v === 1) return 1;
	if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
		const d = units[i + 1];
		if (d >= 0xdc00 && d <= 0xdfff && LETTER_OR_DIGIT.test(text.slice(i, i + 2))) return 2;
	}
	return 0;
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

/** Cuts `text` into tokens, into `scan` (reused) or a new scan. */
export function scanText(text: string, scan: Scan = createScan()): Scan {
	scan.text = text;
	let n = 0;
	const len = text.length;
	const units = copyUnits(text, scan);
	const skip = textMayHoldAddress(text) ? addressSpans(text) : null;
	let s = 0;
	let i = 0;
	let starts = scan.starts;
	let ends = scan.ends;
	let hashes = scan.hashes;
	while (i < len) {
		let c = units[i];
		// a letter met before (é, ç…) is decided here: a call per accented letter showed in profiles
		let u = c < 128 || UNIT[c] === 1 ? UNIT[c] & 1 : wordUnits(text, units, i, c);
		if (u === 0) {
			i++;
			continue;
		}
		const start = i;
		let h = FNV_OFFSET;
		do {
			h = Math.imul(h ^ c, FNV_PRIME);
			if (u === 2) h = Math.imul(h ^ units[i + 1], FNV_PRIME);
			i += u;
			if (i >= len) break;
			c = units[i];
			u = c < 128 || UNIT[c] === 1 ? UNIT[c] & 1 : wordUnits(text, units, i, c);
		} while (u !== 0);
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
		n++;
	}
	scan.n = n;
	return scan;
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
