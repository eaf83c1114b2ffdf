/**
 * The one error type of the core. Expected failures (bad input, unknown ids) carry a
 * stable `code` that maps to an i18n key `errors.<code>`, the values that key needs,
 * and where the fault is. Routes map codes to HTTP statuses, the CLI to exit codes.
 */
export interface Location {
	file?: string;
	line?: number;
	column?: number;
	/** byte offset, for binary or encoding faults */
	offset?: number;
	document?: number | string;
	segment?: number;
}

export type ErrorCode =
	| 'file_empty'
	| 'file_binary'
	| 'file_too_large'
	| 'encoding_invalid_utf8'
	| 'encoding_latin1'
	| 'encoding_unknown'
	| 'encoding_bom_mismatch'
	| 'encoding_odd_length'
	| 'docx_not_zip'
	| 'docx_invalid'
	| 'no_text'
	| 'unsupported_format'
	| 'lang_invalid'
	| 'lang_unknown'
	| 'srx_invalid'
	| 'srx_regex'
	| 'srx_no_rules'
	| 'document_not_found'
	| 'segment_not_found'
	| 'tbx_invalid'
	| 'tbx_not_tbx'
	| 'tbx_no_term'
	| 'concept_no_term'
	| 'tbx_duplicate'
	| 'tmx_invalid'
	| 'tmx_not_tmx'
	| 'tmx_no_lang'
	| 'tmx_entity'
	| 'csv_invalid'
	| 'csv_columns'
	| 'concept_not_found'
	| 'term_invalid'
	| 'usage'
	| 'internal'
	| 'review_docx_not_table'
	| 'review_docx_columns'
	| 'docx_unsafe'
	| 'xliff_invalid'
	| 'xliff_not_xliff'
	| 'xliff_entity'
	| 'export_format'
	| 'export_no_alignment'
	| 'reimport_format'
	| 'reimport_blocked'
	| 'reimport_stale'
	| 'find_invalid'
	| 'edit_conflict'
	| 'history_change_not_found'
	| 'history_no_original'
	| 'history_empty'
	| 'docx_unsafe_entry'
	| 'docx_too_large'
	| 'xml_doctype'
	| 'xml_too_deep'
	| 'text_too_long'
	| 'backup_not_atelier'
	| 'backup_in_use'
	| 'backup_exists'
	| 'tm_unit_invalid'
	| 'tm_unit_not_found'
	| 'tm_unit_conflict'
	| 'tm_unit_empty'
	| 'tm_unit_tags'
	| 'target_empty_confirmed'
	| 'lang_same'
	| 'xlsx_invalid'
	| 'xlsx_cell'
	| 'xlsx_columns'
	| 'xlsx_sheet_not_found'
	| 'xlsx_too_large'
	| 'segment_join_paragraph'
	| 'segment_join_last'
	| 'segment_split_offset'
	| 'segment_bead_locked'
	| 'segment_offsets_mismatch'
	| 'tm_unit_moved'
	| 'segment_split_inside_word'
	| 'segment_undo_join'
	| 'segment_undo_split';

export class AtelierError extends Error {
	readonly code: ErrorCode;
	readonly params: Record<string, string | number>;
	readonly location: Location;

	constructor(code: ErrorCode, params: Record<string, string | number> = {}, location: Location = {}) {
		super(`${code}${formatLocation(location) ? ` at ${formatLocation(location)}` : ''}: ${JSON.stringify(params)}`);
		this.name = 'AtelierError';
		this.code = code;
		this.params = params;
		this.location = location;
	}

	/** Same error, located in a file (readers often learn the file name late). */
	inFile(file: string): AtelierError {
		return new AtelierError(this.code, this.params, { ...this.location, file });
	}
}

export function isAtelierError(e: unknown): e is AtelierError {
	return e instanceof AtelierError;
}

/** "file:line:col", "file (byte 12)", "document 3, segment 14" — the parts that are known. */
export function formatLocation(loc: Location): string {
	const parts: string[] = [];
	if (loc.file) {
		let p = loc.file;
		if (loc.line != null) p += `:${loc.line}${loc.column != null ? `:${loc.column}` : ''}`;
		else if (loc.offset != null) p += ` (byte ${loc.offset})`;
		parts.push(p);
	} else if (loc.line != null) {
		parts.push(`${loc.line}${loc.column != null ? `:${loc.column}` : ''}`);
	}
	if (loc.document != null) parts.push(`document ${loc.document}`);
	if (loc.segment != null) parts.push(`segment ${loc.segment}`);
	return parts.join(', ');
}
