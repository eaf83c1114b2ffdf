import { AtelierError } from '../errors.js';
import { decodeCp1252 } from './cp1252.js';

export type Encoding = 'auto' | 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin1' | 'windows-1252';

export const ENCODINGS: readonly Encoding[] = ['auto', 'utf-8', 'utf-16le', 'utf-16be', 'latin1', 'windows-1252'];

export interface DecodeOptions {
	file: string;
	encoding?: Encoding;
	/** refuse larger inputs (bytes); default 10 MiB — far beyond any official text, small enough to stay interactive */
	maxBytes?: number;
}

export interface Decoded {
	text: string;
	encoding: Exclude<Encoding, 'auto'>;
	bom: boolean;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Bytes of a text file → NFC string. `auto` accepts UTF-8 (with or without BOM) and
 * UTF-16 with a BOM; anything else is refused with the first offending byte located,
 * because guessing a legacy encoding silently is how accents get destroyed. A user who
 * knows the file is Latin-1 says so with `encoding: 'latin1'`.
 */
export function decodeText(bytes: Uint8Array, opts: DecodeOptions): Decoded {
	const file = opts.file;
	const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
	if (bytes.length > max)
		throw new AtelierError('file_too_large', { size: mb(bytes.length), limit: mb(max) }, { file });
	if (bytes.length === 0) throw new AtelierError('file_empty', {}, { file });
	const enc = opts.encoding ?? 'auto';
	let encoding: Decoded['encoding'];
	let bom = false;
	let body = bytes;
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		bom = true;
		encoding = 'utf-8';
		body = bytes.subarray(3);
	} else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
		bom = true;
		encoding = 'utf-16le';
		body = bytes.subarray(2);
	} else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
		bom = true;
		encoding = 'utf-16be';
		body = bytes.subarray(2);
	} else if (enc !== 'auto') {
		encoding = enc;
	} else {
		encoding = 'utf-8';
		const utf16 = guessBomlessUtf16(bytes);
		if (utf16) throw new AtelierError('encoding_unknown', { guess: utf16 }, { file });
	}
	// the reader chose one encoding and the file's byte order mark says another: refused, not misread
	if (enc !== 'auto' && bom && enc !== encoding)
		throw new AtelierError('encoding_bom_mismatch', { encoding: enc, found: encoding }, { file });
	if (encoding === 'utf-8') {
		const nul = body.indexOf(0);
		if (nul >= 0) throw new AtelierError('file_binary', {}, { file, offset: nul + (bom ? 3 : 0) });
	}
	let text: string;
	if (encoding === 'utf-8') {
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(body);
		} catch {
			const at = firstInvalidUtf8(body);
			const pos = lineColumnOfByte(body, at);
			const code = looksLatin1(body) ? 'encoding_latin1' : 'encoding_invalid_utf8';
			throw new AtelierError(
				code,
				{ byte: `0x${body[at].toString(16).toUpperCase().padStart(2, '0')}` },
				{ file, line: pos.line, column: pos.column, offset: at + (bom ? 3 : 0) }
			);
		}
	} else if (encoding === 'latin1' || encoding === 'windows-1252') {
		text = decodeCp1252(body);
	} else {
		if (body.length % 2 !== 0) throw new AtelierError('encoding_odd_length', { encoding }, { file });
		text = new TextDecoder(encoding, { fatal: false }).decode(body);
	}
	if (hasBinaryControls(text)) {
		throw new AtelierError('file_binary', {}, { file, offset: binaryOffset(text) });
	}
	return { text: text.normalize('NFC'), encoding, bom };
}

/** In MiB, unrounded: the message rounds it as its language writes numbers ("11,7 Mo", "10 MB"). */
function mb(n: number): number {
	return n / (1024 * 1024);
}

/** Many NUL bytes at even or odd positions only: UTF-16 without a BOM. */
function guessBomlessUtf16(b: Uint8Array): string | null {
	const n = Math.min(b.length, 4096);
	if (n < 4) return null;
	let evenZero = 0;
	let oddZero = 0;
	for (let i = 0; i < n; i++) if (b[i] === 0) i % 2 === 0 ? evenZero++ : oddZero++;
	if (oddZero > n / 4 && evenZero === 0) return 'utf-16le';
	if (evenZero > n / 4 && oddZero === 0) return 'utf-16be';
	return null;
}

function firstInvalidUtf8(b: Uint8Array): number {
	let i = 0;
	while (i < b.length) {
		const c = b[i];
		let need = 0;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) need = 1;
		else if (c >= 0xe0 && c <= 0xef) need = 2;
		else if (c >= 0xf0 && c <= 0xf4) need = 3;
		else return i;
		for (let k = 1; k <= need; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
		i += need + 1;
	}
	return Math.max(0, b.length - 1);
}

/** Isolated high bytes in the Latin-1 letter range, as in `é` = 0xE9 between ASCII letters. */
function looksLatin1(b: Uint8Array): boolean {
	let high = 0;
	let isolated = 0;
	for (let i = 0; i < b.length; i++) {
		if (b[i] >= 0x80) {
			high++;
			const prev = i > 0 ? b[i - 1] : 0x20;
			const next = i + 1 < b.length ? b[i + 1] : 0x20;
			// a high byte between two ASCII ones is never UTF-8 (a sequence has at least two);
			// 0x80–0x9F count too: Windows-1252 puts ’ œ € … – there, and French texts are full of ’
			if (prev < 0x80 && next < 0x80) isolated++;
		}
	}
	return high > 0 && isolated / high > 0.5;
}

function lineColumnOfByte(b: Uint8Array, at: number): { line: number; column: number } {
	let line = 1;
	let lineStart = 0;
	for (let i = 0; i < at; i++)
		if (b[i] === 0x0a) {
			line++;
			lineStart = i + 1;
		}
	// column in characters: decode the (valid) prefix of the line
	const col = new TextDecoder('utf-8').decode(b.subarray(lineStart, at)).length + 1;
	return { line, column: col };
}

// C0 controls other than tab, LF, CR, FF: text files do not contain them, binary files do
// eslint-disable-next-line no-control-regex
const BINARY = /[\u0000-\u0008\u000E-\u001F]/;

/** More than 1% control characters: a binary file (a stray one in a text is dropped by cleanup). */
function hasBinaryControls(text: string): boolean {
	const sample = text.length > 65536 ? text.slice(0, 65536) : text;
	const m = sample.match(new RegExp(BINARY.source, 'g'));
	return (m?.length ?? 0) > sample.length / 100;
}

function binaryOffset(text: string): number {
	return text.search(BINARY);
}
