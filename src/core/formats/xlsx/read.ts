import type { SaxesTagPlain } from 'saxes';
import { AtelierError } from '../../errors.js';
import { reason } from '../reason.js';
import { MAX_TEXT_CHARS } from '../xml-guard.js';
import { local, officeDocument, parsePart, relationships, resolvePart, workbookSheets } from './package.js';
import { openZip } from './zip.js';

export interface XlsxOptions {
	file: string;
	/** the worksheet to read, by its tab name; default the first one */
	sheet?: string;
	/** what the parts read may inflate to, together; default 100 MiB */
	maxInflatedBytes?: number;
}

export interface XlsxRow {
	/** the worksheet row number (1-based), as Excel shows it */
	line: number;
	/** cell values as text, index 0 = column A; a gap between cells is '' (read `cells[i] ?? ''`: a row wider than 1,024 columns stays sparse) */
	cells: string[];
}

export interface XlsxSheet {
	/** the tab name */
	name: string;
	/** every worksheet of the workbook, the visible ones first, each group in tab order */
	sheets: string[];
	/** rows that hold at least one non-empty cell, in order */
	rows: XlsxRow[];
}

const MAX_COLUMNS = 16384; // XFD, Excel's last column
const MAX_ROWS = 1048576;

/** 0-based column index → letters (0 → A, 26 → AA). */
export function columnName(index: number): string {
	let s = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
	return s;
}

/** `B7` → { column: 1, row: 7 }; null when it is not a cell reference. */
export function parseCellRef(ref: string): { column: number; row: number } | null {
	const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/i.exec(ref);
	if (!m) return null;
	let column = 0;
	for (const ch of m[1].toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
	const row = Number(m[2]);
	if (column > MAX_COLUMNS || row < 1 || row > MAX_ROWS) return null;
	return { column: column - 1, row };
}

/**
 * The rows of one worksheet of an .xlsx (Office Open XML spreadsheet, as Excel, LibreOffice,
 * Google Sheets and memoQ write it), every cell as the text it shows unformatted: shared
 * and inline strings (rich-text runs joined), numbers as written (`5`, `0.25`), booleans
 * as TRUE/FALSE, formula results; an error cell (`#N/A`) is refused with its place. Styles,
 * formats and formulas are not read. Each XML part goes through saxes with DOCTYPEs refused,
 * so no entity is ever expanded or fetched.
 */
export function readXlsx(bytes: Uint8Array, opts: XlsxOptions): XlsxSheet {
	const { file } = opts;
	if (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
		throw new AtelierError('xlsx_invalid', { reason: reason('xlsx.legacyXls') }, { file });
	if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new AtelierError('xlsx_invalid', { reason: reason('xlsx.notZip') }, { file });
	const zip = openZip(bytes, file, { maxInflatedBytes: opts.maxInflatedBytes ?? 100 * 1024 * 1024 });
	const workbookPath = officeDocument(zip, file);
	const rels = relationships(zip, workbookPath, file);
	const sheets = workbookSheets(zip, workbookPath, rels, file);
	if (sheets.length === 0) throw new AtelierError('xlsx_invalid', { reason: reason('xlsx.noSheet') }, { file });
	const names = sheets.map((s) => s.name);
	let sheet = sheets[0];
	if (opts.sheet != null) {
		const wanted = opts.sheet.normalize('NFC');
		const found = sheets.find((s) => s.name === wanted) ?? sheets.find((s) => s.name.toLowerCase() === wanted.toLowerCase());
		if (!found) throw new AtelierError('xlsx_sheet_not_found', { sheet: opts.sheet, sheets: names.join(', ') }, { file });
		sheet = found;
	}
	const sharedPath = [...rels.values()].find((r) => /\/sharedStrings$/.test(r.type))?.target ?? resolvePart(workbookPath, 'sharedStrings.xml');
	const shared = zip.has(sharedPath) ? sharedStrings(zip.text(sharedPath)!, sharedPath, file) : [];
	const xml = zip.text(sheet.path);
	if (xml == null) throw new AtelierError('xlsx_invalid', { reason: reason('xlsx.missingPart', { part: sheet.path }) }, { file });
	return { name: sheet.name, sheets: names, rows: sheetRows(xml, sheet.path, sheet.name, shared, file) };
}

/** Decodes the `_xHHHH_` escapes OOXML uses for characters XML cannot carry (`_x000D_` for CR). */
function unescapeOoxml(s: string): string {
	return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
}

/**
 * Collects the text of `<t>` elements under the current string item (`<si>` or `<is>`):
 * plain or rich-text runs (`<r><t>`), without phonetic guides (`<rPh>`), which are
 * readings of the text and not part of it. Without `xml:space="preserve"` the white space
 * at the ends of a `<t>` is the XML's indentation, not the cell's.
 */
class StringCollector {
	private parts: string[] = [];
	private inT = false;
	private preserve = false;
	private phonetic = 0;
	private buf = '';
	open(tag: SaxesTagPlain): void {
		const n = local(tag.name);
		if (n === 'rPh') this.phonetic++;
		else if (n === 't' && this.phonetic === 0) {
			this.inT = true;
			this.preserve = (tag.attributes as Record<string, string>)['xml:space'] === 'preserve';
			this.buf = '';
		}
	}
	text(t: string): void {
		if (this.inT) this.buf += t;
	}
	close(name: string): void {
		const n = local(name);
		if (n === 'rPh') this.phonetic--;
		else if (n === 't' && this.inT) {
			this.inT = false;
			this.parts.push(this.preserve ? this.buf : this.buf.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, ''));
		}
	}
	take(): string {
		const s = unescapeOoxml(this.parts.join(''));
		this.parts = [];
		return s;
	}
	get length(): number {
		return this.parts.reduce((n, p) => n + p.length, 0) + this.buf.length;
	}
}

function sharedStrings(xml: string, part: string, file: string): string[] {
	const out: string[] = [];
	const c = new StringCollector();
	let inSi = false;
	parsePart(xml, part, file, (where) => ({
		open(tag) {
			if (local(tag.name) === 'si') inSi = true;
			else if (inSi) c.open(tag);
		},
		text(t) {
			c.text(t);
			if (c.length > MAX_TEXT_CHARS) throw new AtelierError('text_too_long', { limit: MAX_TEXT_CHARS }, { file, ...where() });
		},
		close(tag) {
			if (local(tag.name) === 'si') {
				inSi = false;
				out.push(c.take().normalize('NFC'));
			} else if (inSi) c.close(tag.name);
		}
	}));
	return out;
}

function sheetRows(xml: string, part: string, sheetName: string, shared: string[], file: string): XlsxRow[] {
	const rows: XlsxRow[] = [];
	const cellError = (ref: string, key: string, vars: Record<string, string | number> = {}) =>
		new AtelierError('xlsx_cell', { sheet: sheetName, cell: ref, reason: reason(key, vars) }, { file });
	let inData = false;
	let row: XlsxRow | null = null;
	let lastRow = 0;
	let nextColumn = 0;
	// the cell being read
	let cell: { ref: string; column: number; type: string } | null = null;
	let value = '';
	let inV = false;
	let inIs = false;
	const inline = new StringCollector();
	parsePart(xml, part, file, (where) => ({
		open(tag) {
			const n = local(tag.name);
			const a = tag.attributes as Record<string, string>;
			if (n === 'sheetData') inData = true;
			else if (!inData) return;
			else if (n === 'row') {
				let line = lastRow + 1;
				if (a.r != null) {
					line = Number(a.r);
					if (!Number.isInteger(line) || line < 1 || line > MAX_ROWS) throw cellError(`A${lastRow + 1}`, 'xlsx.badRowNumber', { value: a.r });
					if (line <= lastRow) throw cellError(`A${line}`, 'xlsx.rowOrder', { row: line, previous: lastRow });
				}
				lastRow = line;
				row = { line, cells: [] };
				nextColumn = 0;
			} else if (n === 'c' && row) {
				let column = nextColumn;
				if (a.r != null) {
					const ref = parseCellRef(a.r);
					if (!ref) throw cellError(`${columnName(Math.min(nextColumn, MAX_COLUMNS - 1))}${row.line}`, 'xlsx.badCellRef', { value: a.r });
					if (ref.row !== row.line) throw cellError(a.r, 'xlsx.cellOutsideRow', { row: row.line });
					column = ref.column;
				}
				if (column >= MAX_COLUMNS) throw cellError(`${columnName(MAX_COLUMNS - 1)}${row.line}`, 'xlsx.tooManyColumns', { limit: MAX_COLUMNS });
				nextColumn = column + 1;
				cell = { ref: `${columnName(column)}${row.line}`, column, type: a.t ?? 'n' };
				value = '';
			} else if (cell) {
				if (n === 'v') inV = true;
				else if (n === 'is') inIs = true;
				else if (inIs) inline.open(tag);
			}
		},
		text(t) {
			if (inV) value += t;
			else if (inIs) inline.text(t);
			else return;
			if (value.length + inline.length > MAX_TEXT_CHARS) throw new AtelierError('text_too_long', { limit: MAX_TEXT_CHARS }, { file, ...where() });
		},
		close(tag) {
			const n = local(tag.name);
			if (n === 'sheetData') inData = false;
			else if (n === 'v') inV = false;
			else if (n === 'is') inIs = false;
			else if (inIs) inline.close(tag.name);
			else if (n === 'c' && cell && row) {
				const text = cellText(cell, value, inline.take(), shared, cellError);
				// a sparse array: a cell in column XFD costs one slot, not sixteen thousand
				if (text !== '') row.cells[cell.column] = text.normalize('NFC');
				cell = null;
			} else if (n === 'row' && row) {
				if (row.cells.length > 0) {
					// the gaps of a table of ordinary width read as empty cells
					if (row.cells.length <= 1024) for (let i = 0; i < row.cells.length; i++) row.cells[i] ??= '';
					rows.push(row);
				}
				row = null;
			}
		}
	}));
	return rows;
}

function cellText(
	cell: { ref: string; type: string },
	v: string,
	inlineText: string,
	shared: string[],
	cellError: (ref: string, key: string, vars?: Record<string, string | number>) => AtelierError
): string {
	switch (cell.type) {
		case 's': {
			if (v.trim() === '') return '';
			const i = Number(v.trim());
			if (!Number.isInteger(i) || i < 0 || i >= shared.length) throw cellError(cell.ref, 'xlsx.badSharedString', { index: v.trim(), count: shared.length });
			return shared[i];
		}
		case 'inlineStr':
			return inlineText;
		case 'b':
			return v.trim() === '1' ? 'TRUE' : v.trim() === '0' ? 'FALSE' : v.trim();
		case 'str':
			return unescapeOoxml(v);
		case 'e':
			// a failed formula (#N/A, #REF!…): its text read as a value became a term once
			throw cellError(cell.ref, 'xlsx.errorCell', { value: unescapeOoxml(v).trim() });
		case 'n':
		case 'd':
			// as written in the file: Excel stores the shortest form that reads back the same number
			return v.trim();
		default:
			throw cellError(cell.ref, 'unknownValue', { name: 't', value: cell.type });
	}
}
