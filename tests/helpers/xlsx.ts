import JSZip from 'jszip';

/** XML text → its escaped form, for cell values. */
export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface SheetSpec {
	name: string;
	/** the worksheet part's XML, whole */
	xml: string;
	state?: 'visible' | 'hidden';
}

/**
 * An .xlsx package as Excel lays it out ([Content_Types].xml, root and workbook
 * relationships, one part per sheet, shared strings), zipped with JSZip (the ZIP library
 * mammoth and docx bring). `sheetFiles` lets a test store sheets under other part names,
 * as LibreOffice and Google Sheets do; `extra` adds or replaces parts.
 */
export async function buildXlsx(opts: { sheets: SheetSpec[]; shared?: string[] | string; extra?: Record<string, string | Uint8Array>; sheetFiles?: string[] }): Promise<Buffer> {
	const zip = new JSZip();
	const files = opts.sheetFiles ?? opts.sheets.map((_, i) => `sheet${i + 1}.xml`);
	zip.file(
		'[Content_Types].xml',
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${files.map((f) => `<Override PartName="/xl/worksheets/${f}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`
	);
	zip.file(
		'_rels/.rels',
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	);
	zip.file(
		'xl/workbook.xml',
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${opts.sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`
	);
	zip.file(
		'xl/_rels/workbook.xml.rels',
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${files.map((f, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/${f}"/>`).join('')}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="file:///etc/passwd" TargetMode="External"/></Relationships>`
	);
	opts.sheets.forEach((s, i) => zip.file(`xl/worksheets/${files[i]}`, s.xml));
	if (opts.shared != null)
		zip.file(
			'xl/sharedStrings.xml',
			typeof opts.shared === 'string'
				? opts.shared
				: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${opts.shared.length}" uniqueCount="${opts.shared.length}">${opts.shared.map((s) => (s.startsWith('<') ? `<si>${s}</si>` : `<si><t xml:space="preserve">${esc(s)}</t></si>`)).join('')}</sst>`
		);
	for (const [name, body] of Object.entries(opts.extra ?? {})) zip.file(name, body);
	return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A cell Excel types itself: a boolean, or the error value a failed formula leaves (`#N/A`). */
export type TypedCell = { bool: boolean } | { error: string };

/** A worksheet part from rows of cells: a string is an inline string, a number a number, null a gap. */
export function sheetXml(rows: (string | number | TypedCell | null)[][], opts: { sharedFrom?: string[] } = {}): string {
	const col = (i: number) => String.fromCharCode(65 + i);
	const body = rows
		.map((cells, r) => {
			const cs = cells
				.map((v, c) => {
					if (v == null) return '';
					const ref = `${col(c)}${r + 1}`;
					if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
					if (typeof v === 'object') return 'bool' in v ? `<c r="${ref}" t="b"><v>${v.bool ? 1 : 0}</v></c>` : `<c r="${ref}" t="e"><f>VLOOKUP(A${r + 1},Feuil2!A:B,2,0)</f><v>${esc(v.error)}</v></c>`;
					const k = opts.sharedFrom?.indexOf(v) ?? -1;
					if (k >= 0) return `<c r="${ref}" t="s"><v>${k}</v></c>`;
					return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`;
				})
				.join('');
			return `<row r="${r + 1}">${cs}</row>`;
		})
		.join('');
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}

/** Windows-1252 bytes of a text (what a French Excel writes for "CSV (séparateur : point-virgule)"). */
export function cp1252(text: string): Buffer {
	const high = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
	const out = Buffer.alloc(text.length);
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		const k = high.indexOf(text[i]);
		if (k >= 0) out[i] = 0x80 + k;
		else if (c < 0x100 && (c < 0x80 || c >= 0xa0)) out[i] = c;
		else throw new Error(`not in Windows-1252: ${text[i]}`);
	}
	return out;
}
