/**
 * The central directory of a ZIP (DOCX and XLSX are ZIPs), read by hand: the DOCX guard and
 * the XLSX reader must look at an archive synchronously and decide themselves how far to
 * trust it (sizes are declared, not checked; inflating is the caller's business, with a cap).
 */

/** One entry as the archive declares it. */
export interface ZipEntry {
	name: string;
	/** general-purpose flags; bit 0: encrypted */
	flags: number;
	/** 0 stored, 8 deflated */
	method: number;
	compressedSize: number;
	/** declared uncompressed size; 0xFFFFFFFF for a ZIP64 entry */
	size: number;
	localHeader: number;
}

export type ZipDirectory = { ok: true; entries: ZipEntry[] } | { ok: false; why: 'notZip' | 'zip64' | 'tooManyEntries' | 'broken' };

export function readZipDirectory(buf: Buffer, maxEntries = Infinity): ZipDirectory {
	const eocd = findEndOfCentralDirectory(buf);
	if (eocd < 0) return { ok: false, why: 'notZip' };
	const count = buf.readUInt16LE(eocd + 10);
	let p = buf.readUInt32LE(eocd + 16);
	if (count === 0xffff || p === 0xffffffff) return { ok: false, why: 'zip64' };
	if (count > maxEntries) return { ok: false, why: 'tooManyEntries' };
	const entries: ZipEntry[] = [];
	for (let k = 0; k < count; k++) {
		if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return { ok: false, why: 'broken' };
		const nameLen = buf.readUInt16LE(p + 28);
		entries.push({
			name: buf.subarray(p + 46, p + 46 + nameLen).toString('utf8'),
			flags: buf.readUInt16LE(p + 8),
			method: buf.readUInt16LE(p + 10),
			compressedSize: buf.readUInt32LE(p + 20),
			size: buf.readUInt32LE(p + 24),
			localHeader: buf.readUInt32LE(p + 42)
		});
		p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
	}
	return { ok: true, entries };
}

/** An entry's bytes as stored (still compressed), or null when its local header or data lie outside the archive. */
export function storedBytes(buf: Buffer, e: ZipEntry): Buffer | null {
	const local = e.localHeader;
	if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) return null;
	const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
	if (start + e.compressedSize > buf.length) return null;
	return buf.subarray(start, start + e.compressedSize);
}

function findEndOfCentralDirectory(buf: Buffer): number {
	if (buf.length < 22) return -1;
	// the record is the last thing in the file, followed only by a comment of at most 64 KiB
	const stop = Math.max(0, buf.length - 22 - 0xffff);
	for (let i = buf.length - 22; i >= stop; i--) if (buf.readUInt32LE(i) === 0x06054b50) return i;
	return -1;
}
