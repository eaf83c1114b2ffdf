import { AtelierError } from '../../errors.js';
import { cp1252Decoder, isCp1252Label } from '../../text/cp1252.js';

/** Slice size when the input is one big buffer: the parser then sees bounded strings too. */
const SLICE = 64 * 1024;
/** How much of the head is sniffed for a BOM and the XML declaration. */
const HEAD = 1024;

export type ByteInput = AsyncIterable<Uint8Array> | Uint8Array;

/**
 * Bytes → text, chunk by chunk, with a streaming TextDecoder (it keeps a multi-byte
 * character or a surrogate pair split across two chunks whole). The encoding comes from
 * the BOM (UTF-8, UTF-16 LE/BE), else from the bytes of `<?xml` in UTF-16 without BOM,
 * else from the XML declaration, else UTF-8. Invalid UTF-8 is refused (with its byte
 * offset) rather than replaced by U+FFFD, which would silently corrupt the memory.
 */
export async function* decodeChunks(input: ByteInput, file: string, onProgress?: (bytes: number) => void): AsyncGenerator<string> {
	let decoder: TextDecoder | null = null;
	let head: Uint8Array = new Uint8Array(0);
	let consumed = 0;
	const decode = (bytes: Uint8Array, stream: boolean): string => {
		try {
			return decoder!.decode(bytes, { stream });
		} catch {
			const at = firstInvalidUtf8(bytes);
			throw new AtelierError(
				'encoding_invalid_utf8',
				{ byte: `0x${(bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0')}` },
				{ file, offset: consumed - bytes.length + at }
			);
		}
	};
	for await (const chunk of slices(input)) {
		consumed += chunk.length;
		if (!decoder) {
			head = concat(head, chunk);
			if (head.length < HEAD && !head.includes(0x3e /* > */)) continue;
			decoder = pickDecoder(head, file);
			const text = decode(head, true);
			head = new Uint8Array(0);
			if (text) yield text;
		} else {
			const text = decode(chunk, true);
			if (text) yield text;
		}
		onProgress?.(consumed);
	}
	if (!decoder) {
		decoder = pickDecoder(head, file);
		const text = decode(head, true);
		if (text) yield text;
		onProgress?.(consumed);
	}
	const tail = decode(new Uint8Array(0), false);
	if (tail) yield tail;
}

async function* slices(input: ByteInput): AsyncGenerator<Uint8Array> {
	if (input instanceof Uint8Array) {
		for (let i = 0; i < input.length; i += SLICE) yield input.subarray(i, i + SLICE);
		return;
	}
	for await (const c of input as AsyncIterable<Uint8Array | string>) {
		// a stream opened with an `encoding` hands out strings: take them as UTF-8 bytes again
		yield typeof c === 'string' ? new TextEncoder().encode(c) : c;
	}
}

function pickDecoder(b: Uint8Array, file: string): TextDecoder {
	// TextDecoder drops the BOM itself (ignoreBOM: false)
	if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return new TextDecoder('utf-8', { fatal: true });
	if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true });
	if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true });
	if (b[0] === 0x3c && b[1] === 0 && b[2] === 0x3f && b[3] === 0) return new TextDecoder('utf-16le', { fatal: true });
	if (b[0] === 0 && b[1] === 0x3c && b[2] === 0 && b[3] === 0x3f) return new TextDecoder('utf-16be', { fatal: true });
	const decl = /^<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(new TextDecoder('latin1').decode(b));
	const label = decl?.[1].toLowerCase() ?? 'utf-8';
	// "UTF-16" declared over single-byte text (no BOM, no NULs) is a mislabelled UTF-8 file
	if (/^(utf-?8|utf-?16.*|ucs-?2)$/.test(label)) return new TextDecoder('utf-8', { fatal: true });
	if (isCp1252Label(label)) return cp1252Decoder as unknown as TextDecoder;
	try {
		return new TextDecoder(label, { fatal: true });
	} catch {
		throw new AtelierError('encoding_unknown', { guess: decl![1] }, { file, line: 1 });
	}
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	if (a.length === 0) return b;
	const out = new Uint8Array(a.length + b.length);
	out.set(a);
	out.set(b, a.length);
	return out;
}

/** Index of the first byte that starts an invalid UTF-8 sequence (a sequence cut by the chunk end counts as valid). */
function firstInvalidUtf8(b: Uint8Array): number {
	for (let i = 0; i < b.length; ) {
		const c = b[i];
		const need = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
		if (need < 0) return i;
		for (let k = 1; k <= need && i + k < b.length; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
		i += need + 1;
	}
	return 0;
}
