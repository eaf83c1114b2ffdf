import { AtelierError } from '../../errors.js';
import { reason } from '../reason.js';

export interface CsvRow {
	/** 1-based line where the row starts */
	line: number;
	cells: string[];
}

/**
 * RFC 4180 CSV/TSV: quoted cells with `""` escapes and line breaks inside quotes. The
 * delimiter is the one of tab, semicolon or comma that the header line uses most. Written
 * here because the format is small and the errors must carry line and column.
 */
export function parseCsv(text: string, file: string, delimiter?: string): { delimiter: string; rows: CsvRow[] } {
	const src = text.replace(/^\uFEFF/, '');
	const headerLine = src.slice(0, src.search(/\r?\n|$/));
	const d =
		delimiter ??
		['\t', ';', ','].map((c) => [c, headerLine.split(c).length] as const).sort((a, b) => b[1] - a[1])[0][0];
	const rows: CsvRow[] = [];
	let cells: string[] = [];
	let cell = '';
	let line = 1;
	let rowLine = 1;
	let col = 1;
	let quoted = false;
	let quoteLine = 0;
	let quoteCol = 0;
	let wasQuoted = false;
	for (let i = 0; i < src.length; i++) {
		const ch = src[i];
		if (quoted) {
			if (ch === '"') {
				if (src[i + 1] === '"') {
					cell += '"';
					i++;
					col += 2;
					continue;
				}
				quoted = false;
				col++;
				const next = src[i + 1];
				if (next !== undefined && next !== d && next !== '\n' && next !== '\r')
					throw new AtelierError('csv_invalid', { reason: reason('csv.textAfterQuote') }, { file, line, column: col });
				continue;
			}
			if (ch === '\n') {
				line++;
				col = 1;
			} else col++;
			cell += ch;
			continue;
		}
		if (ch === '"' && cell === '' && !wasQuoted) {
			quoted = true;
			wasQuoted = true;
			quoteLine = line;
			quoteCol = col;
			col++;
			continue;
		}
		if (ch === d) {
			cells.push(cell);
			cell = '';
			wasQuoted = false;
			col++;
			continue;
		}
		if (ch === '\r' || ch === '\n') {
			if (ch === '\r' && src[i + 1] === '\n') i++;
			cells.push(cell);
			if (cells.some((c) => c !== '')) rows.push({ line: rowLine, cells });
			cells = [];
			cell = '';
			wasQuoted = false;
			line++;
			col = 1;
			rowLine = line;
			continue;
		}
		cell += ch;
		col++;
	}
	if (quoted) throw new AtelierError('csv_invalid', { reason: reason('csv.unclosedQuote') }, { file, line: quoteLine, column: quoteCol });
	cells.push(cell);
	if (cells.some((c) => c !== '')) rows.push({ line: rowLine, cells });
	return { delimiter: d, rows };
}

/** One cell, quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it. */
export function csvCell(value: string, delimiter: string): string {
	let v = value;
	// apostrophes already before the = + - @ get one more: csvValue takes exactly one off, and
	// `'=x` written as is would read back as `=x`
	if (/^'*[=+\-@\t\r]/.test(v)) v = `'${v}`;
	return v.includes('"') || v.includes(delimiter) || /[\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A cell as written by `csvCell` back to its value: the apostrophe that defused a leading = + - @ is not part of it (`'-isme` is the suffix -isme, `''=x` the text `'=x`). */
export function csvValue(cell: string): string {
	return /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

export function csvLine(cells: string[], delimiter: string): string {
	return cells.map((c) => csvCell(c, delimiter)).join(delimiter);
}
