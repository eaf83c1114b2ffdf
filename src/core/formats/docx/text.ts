/**
 * Text as Word may hold it: characters XML 1.0 forbids are dropped (a segment pasted from
 * a PDF can carry a stray U+000C). Everything else, bidi controls and zero-width
 * characters included, is kept as is so that a reviewed file re-imports to the same text:
 * in a Word cell they affect display only, never run.
 */
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function docxSafe(s: string): string {
	return s.replace(INVALID, '');
}

/**
 * Bookmark names carry a row's id (and the segment version it was exported at) through
 * Word and LibreOffice: `atl_<document>_<id>[_<version>]`, letters, digits and `_`, at most
 * 40 characters.
 */
export function rowBookmark(documentId: number, id: string, version?: number | null): string {
	const safe = /^(?!x)[A-Za-z0-9]{1,20}$/.test(id) ? id : `x${Buffer.from(id, 'utf8').toString('hex')}`;
	const base = `atl_${documentId}_${safe}`;
	const withVersion = version != null && Number.isInteger(version) && version >= 0 ? `${base}_${version}` : base;
	// too long for Word: the row is then matched through the document properties instead
	return withVersion.length <= 40 ? withVersion : base.length <= 40 ? base : `atl_${documentId}_none`;
}

export function parseRowBookmark(name: string): { documentId: number; id: string; version: number | null } | null {
	const m = /^atl_(\d+)_([A-Za-z0-9]+)(?:_(\d+))?$/.exec(name);
	if (!m) return null;
	const id = /^x([0-9a-f]{2})+$/.test(m[2]) ? Buffer.from(m[2].slice(1), 'hex').toString('utf8') : m[2];
	return { documentId: Number(m[1]), id, version: m[3] != null ? Number(m[3]) : null };
}

/** `0,1,2,3,7,9,10` ↔ `0-3,7,9-10`: row ids kept compact in a document property. */
export function encodeIds(ids: string[]): string {
	const parts: string[] = [];
	let i = 0;
	while (i < ids.length) {
		if (!/^\d+$/.test(ids[i])) {
			parts.push(encodeURIComponent(ids[i]));
			i++;
			continue;
		}
		let j = i;
		while (j + 1 < ids.length && /^\d+$/.test(ids[j + 1]) && Number(ids[j + 1]) === Number(ids[j]) + 1) j++;
		parts.push(j > i ? `${ids[i]}-${ids[j]}` : ids[i]);
		i = j + 1;
	}
	return parts.join(',');
}

export function decodeIds(s: string): string[] | null {
	if (!s) return [];
	const out: string[] = [];
	for (const p of s.split(',')) {
		const m = /^(\d+)-(\d+)$/.exec(p);
		if (m) {
			const a = Number(m[1]);
			const b = Number(m[2]);
			if (b < a || b - a > 1_000_000) return null;
			for (let k = a; k <= b; k++) out.push(String(k));
		} else out.push(decodeURIComponent(p));
	}
	return out;
}
