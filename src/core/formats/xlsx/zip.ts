import { inflateRawSync } from 'node:zlib';
import { AtelierError } from '../../errors.js';
import { reason } from '../reason.js';
import { readZipDirectory, storedBytes, type ZipEntry } from '../zip-directory.js';

export interface ZipLimits {
	/** what all the entries read may inflate to, together (bytes) */
	maxInflatedBytes: number;
	/** entries in the archive; a workbook has a few dozen */
	maxEntries?: number;
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
	const dir = readZipDirectory(buf, limits.maxEntries ?? 10_000);
	if (!dir.ok) {
		if (dir.why === 'tooManyEntries') throw invalid('xlsx.tooManyEntries', { limit: limits.maxEntries ?? 10_000 });
		throw invalid(dir.why === 'notZip' ? 'xlsx.notZip' : dir.why === 'zip64' ? 'xlsx.zip64' : 'xlsx.brokenZip');
	}
	const entries = new Map<string, ZipEntry>();
	for (const e of dir.entries) {
		// bit 0: encrypted; Excel never encrypts entries (a password-protected workbook is not a ZIP at all)
		if (e.flags & 1) throw invalid('xlsx.encrypted');
		entries.set(e.name.replace(/\\/g, '/'), e);
	}
	let budget = limits.maxInflatedBytes;
	return {
		names: () => [...entries.keys()],
		has: (name) => entries.has(name),
		text(name) {
			const e = entries.get(name);
			if (!e) return null;
			const data = storedBytes(buf, e);
			if (!data) throw invalid('xlsx.brokenEntry', { part: name });
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
