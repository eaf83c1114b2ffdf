import { AtelierError } from '../../errors.js';
import type { Concept } from '../../model.js';
import { expectedColumns, readGlossaryRows, type GlossaryColumns } from '../csv/glossary.js';
import { reason } from '../reason.js';
import { columnName, readXlsx, type XlsxOptions } from './read.js';
import type { TermLocations } from '../term-locations.js';

/**
 * A glossary kept in a spreadsheet: one worksheet with the same columns as the CSV form
 * (`fr-FR`, `Notes`, `en-GB`, `Status fr-FR`, `Concept ID`…), read by the same rules.
 * Faults are located by worksheet and cell (`Glossaire`, `C7`) as the user sees them in
 * Excel, not by a line of a file they never saw.
 */
export function readGlossaryXlsx(bytes: Uint8Array, opts: XlsxOptions, locations?: TermLocations, columns?: (c: GlossaryColumns) => void): Concept[] {
	const { file } = opts;
	const sheet = readXlsx(bytes, opts);
	if (sheet.rows.length === 0) throw new AtelierError('xlsx_columns', { sheet: sheet.name, reason: reason('xlsx.emptySheet'), expected: expectedColumns() }, { file });
	return readGlossaryRows(sheet.rows, {
		file,
		locations,
		columns,
		locate: (row, column) => ({ file, sheet: sheet.name, cell: `${columnName(column)}${row.line}` }),
		columnsError: (params) => new AtelierError('xlsx_columns', { sheet: sheet.name, ...params }, { file }),
		cellError: (params, row, column) => new AtelierError('xlsx_cell', { sheet: sheet.name, cell: `${columnName(column)}${row.line}`, ...params }, { file })
	});
}
