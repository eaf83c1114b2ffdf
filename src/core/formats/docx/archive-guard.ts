import { inflateRawSync } from 'node:zlib';
import { AtelierError } from '../../errors.js';
import { MAX_XML_DEPTH, xmlDepthExceeds } from '../xml-guard.js';

export interface ArchiveLimits {
	/** all entries together, as the archive declares them (bytes) */
	maxTotalBytes?: number;
	/** the XML parts (what the reader inflates), as actually inflated (bytes) */
	maxXmlBytes?: number;
	maxDepth?: number;
}

const MB = 1024 * 1024;

/**
 * Looks at a .docx archive before any library opens it. A .docx is a ZIP, and a ZIP can lie:
 * entry names that climb out of the folder (`../../x`), a few kilobytes that inflate to
 * gigabytes, XML parts with DTD entities (external files, URLs, expansion bombs) or
 * nested deeply enough to overflow a tree-building parser. Word never writes any of these,
 * so each is refused, with the entry named. The XML parts are inflated here with a hard
 * output cap, so a bomb costs at most that cap; images are never inflated at all (the
 * reader is told not to). A ZIP too broken to list is left to the reader, which reports it.
 */
export function checkDocxArchive(bytes: Uint8Array, file: string, limits: ArchiveLimits = {}): void {
	const maxTotal = limits.maxTotalBytes ?? 512 * MB;
	const maxXml = limits.maxXmlBytes ?? 64 * MB;
	const maxDepth = limits.maxDepth ?? MAX_XML_DEPTH;
	const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const eocd = findEndOfCentralDirectory(buf);
	if (eocd < 0) return;
	const count = buf.readUInt16LE(eocd + 10);
	let p = buf.readUInt32LE(eocd + 16);
	let declared = 0;
	let xmlBudget = maxXml;
	for (let k = 0; k < count; k++) {
		if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return;
		const method = buf.readUInt16LE(p + 10);
		const compSize = buf.readUInt32LE(p + 20);
		const size = buf.readUInt32LE(p + 24);
		const nameLen = buf.readUInt16LE(p + 28);
		const extraLen = buf.readUInt16LE(p + 30);
		const commentLen = buf.readUInt16LE(p + 32);
		const local = buf.readUInt32LE(p + 42);
		const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
		p += 46 + nameLen + extraLen + commentLen;
		if (unsafeName(name)) throw new AtelierError('docx_unsafe_entry', { entry: name }, { file });
		// 0xFFFFFFFF: a ZIP64 entry of 4 GB or more, which no Word document needs
		declared += size === 0xffffffff ? Infinity : size;
		if (declared > maxTotal) throw new AtelierError('docx_too_large', { limit: Math.round(maxTotal / MB) }, { file });
		if (!/\.(xml|rels)$/i.test(name)) continue;
		if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) return;
		const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
		const data = buf.subarray(start, start + compSize);
		let xml: Buffer;
		if (method === 0) xml = data;
		else if (method === 8) {
			try {
				xml = inflateRawSync(data, { maxOutputLength: Math.max(1, xmlBudget) });
			} catch (e) {
				if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
					throw new AtelierError('docx_too_large', { limit: Math.round(maxXml / MB) }, { file });
				return; // corrupt data: the reader says so
			}
		} else return;
		xmlBudget -= xml.length;
		if (xmlBudget < 0) throw new AtelierError('docx_too_large', { limit: Math.round(maxXml / MB) }, { file });
		const text = xml.toString('utf8');
		if (/<!(DOCTYPE|ENTITY)/i.test(text)) throw new AtelierError('xml_doctype', { part: name }, { file });
		if (xmlDepthExceeds(text, maxDepth)) throw new AtelierError('xml_too_deep', { limit: maxDepth, part: name }, { file });
	}
}

function unsafeName(name: string): boolean {
	return /^[\\/]|^[a-z]:/i.test(name) || name.split(/[\\/]/).includes('..') || name.includes('\0');
}

function findEndOfCentralDirectory(buf: Buffer): number {
	const stop = Math.max(0, buf.length - 22 - 0xffff);
	for (let i = buf.length - 22; i >= stop; i--) if (buf.readUInt32LE(i) === 0x06054b50) return i;
	return -1;
}
