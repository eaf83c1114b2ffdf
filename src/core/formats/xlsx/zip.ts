import { inflateRawSync } from 'node:zlib';
import { AtelierError } from '../../errors.js';
import { reason } from '../reason.js';

export interface ZipLimits {
	/** what all the entries read may inflate to, together (bytes) */
	maxInflatedBytes: number;
	/** entries in the archive; a workbook has a few dozen */
	maxEntries?: number;
}

interface Entry {
	method: number;
	compressedSize: number;
	localHeader: number;
}

export interface ZipReader {
	names(): string[];
	has(name: string): boolean;
	/** the entry as UTF-8 text, or null when the archive has no such entry */
	text(name: string): string | null;
}

/**
 * A ZIP read synchronously from its central directory, entries inflated by Node's zlib
 * on demand. Synchronous because the glossary import is (a seed at start-up, a CLI
 * command, a form action all call it the same way); JSZip only reads asynchronously.
 * Sizes the archive declares are not trusted: zlib's `maxOutputLength` stops inflating at
 * the budget left, so a bomb costs at most the budget, whatever its headers say.
 */
export function openZip(bytes: Uint8Array, file: string, limits: ZipLimits): ZipReader {
	const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const invalid = (key: string, vars: Record<string, string | number> = {}) => new AtelierError('xlsx_invalid', { reason: reason(key, vars) }, { file });
	const eocd = findEndOfCentralDirectory(buf);
	if (eocd < 0) throw invalid('xlsx.notZip');
	const count = buf.readUInt16LE(eocd + 10);
	let p = buf.readUInt32LE(eocd + 16);
	if (count === 0xffff || p === 0xffffffff) throw invalid('xlsx.zip64');
	if (count > (limits.maxEntries ?? 10_000)) throw invalid('xlsx.tooManyEntries', { limit: limits.maxEntries ?? 10_000 });
	const entries = new Map<string, Entry>();
	for (let k = 0; k < count; k++) {
		if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw invalid('xlsx.brokenZip');
		const flags = buf.readUInt16LE(p + 8);
		const method = buf.readUInt16LE(p + 10);
		const compressedSize = buf.readUInt32LE(p + 20);
		const nameLen = buf.readUInt16LE(p + 28);
		const extraLen = buf.readUInt16LE(p + 30);
		const commentLen = buf.readUInt16LE(p + 32);
		const localHeader = buf.readUInt32LE(p + 42);
		const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
		p += 46 + nameLen + extraLen + commentLen;
		// bit 0: encrypted; Excel never encrypts entries (a password-protected workbook is not a ZIP at all)
		if (flags & 1) throw invalid('xlsx.encrypted');
		entries.set(name.replace(/\\/g, '/'), { method, compressedSize, localHeader });
	}
	let budget = limits.maxInflatedBytes;
	return {
		names: () => [...entries.keys()],
		has: (name) => entries.has(name),
		text(name) {
			const e = entries.get(name);
			if (!e) return null;
			const local = e.localHeader;
			if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw invalid('xlsx.brokenEntry', { part: name });
			const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
			if (start + e.compressedSize > buf.length) throw invalid('xlsx.brokenEntry', { part: name });
			const data = buf.subarray(start, start + e.compressedSize);
			let out: Buffer;
			if (e.method === 0) out = data;
			else if (e.method === 8) {
				try {
					// one byte more than the budget: reaching it means the entry goes beyond
					out = inflateRawSync(data, { maxOutputLength: budget + 1 });
				} catch (err) {
					if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(file, limits.maxInflatedBytes);
					throw invalid('xlsx.brokenEntry', { part: name });
				}
			} else throw invalid('xlsx.method', { part: name, method: e.method });
			if (out.length > budget) throw tooLarge(file, limits.maxInflatedBytes);
			budget -= out.length;
			try {
				return new TextDecoder('utf-8', { fatal: true }).decode(out).replace(/^\uFEFF/, '');
			} catch {
				throw invalid('xlsx.notUtf8', { part: name });
			}
		}
	};
}

function tooLarge(file: string, limit: number): AtelierError {
	return new AtelierError('xlsx_too_large', { limit: Math.max(1, Math.round(limit / (1024 * 1024))) }, { file });
}

function findEndOfCentralDirectory(buf: Buffer): number {
	if (buf.length < 22) return -1;
	// the record is the last thing in the file, followed only by a comment of at most 64 KiB
	const stop = Math.max(0, buf.length - 22 - 0xffff);
	for (let i = buf.length - 22; i >= stop; i--) if (buf.readUInt32LE(i) === 0x06054b50) return i;
	return -1;
}
