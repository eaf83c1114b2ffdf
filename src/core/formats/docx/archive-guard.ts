import { inflateRawSync } from 'node:zlib';
import { AtelierError } from '../../errors.js';
import { MAX_XML_DEPTH, xmlDepthExceeds } from '../xml-guard.js';
import { readZipDirectory, storedBytes } from '../zip-directory.js';

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
	const dir = readZipDirectory(buf);
	if (!dir.ok) return;
	let declared = 0;
	let xmlBudget = maxXml;
	for (const e of dir.entries) {
		const { name, method, size } = e;
		if (unsafeName(name)) throw new AtelierError('docx_unsafe_entry', { entry: name }, { file });
		// 0xFFFFFFFF: a ZIP64 entry of 4 GB or more, which no Word document needs
		declared += size === 0xffffffff ? Infinity : size;
		if (declared > maxTotal) throw new AtelierError('docx_too_large', { limit: Math.round(maxTotal / MB) }, { file });
		if (!/\.(xml|rels)$/i.test(name)) continue;
		const data = storedBytes(buf, e);
		if (!data) return;
		let xml: Buffer;
		if (method === 0) xml = data;
		else if (method === 8) {
			try {
				xml = inflateRawSync(data, { maxOutputLength: Math.max(1, xmlBudget) });
			} catch (err) {
				if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
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
