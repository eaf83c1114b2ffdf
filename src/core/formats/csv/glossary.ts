import { createHash } from 'node:crypto';
import { FORBIDDEN_NOTE, fileNote } from '../../terms/forbidden-note.js';
import { AtelierError } from '../../errors.js';
import { isKnownLanguage, primaryLang } from '../../lang.js';
import type { Concept, Term, TermStatus, TermType } from '../../model.js';
import { TERM_STATUSES } from '../../model.js';
import { csvLine, csvValue, parseCsv } from './parse.js';
import { reason } from '../reason.js';
import type { TermLocation, TermLocations } from '../term-locations.js';

/**
 * Glossary as CSV/TSV with Matecat's columns — `Forbidden, Domain, Subdomain, Definition`,
 * then for each language `<lang>, Notes, Example of use` — plus Atelier's own columns after
 * them (`Concept ID`, and per language `Status <lang>` and `Type <lang>`), which Matecat
 * ignores and which make the round trip lossless. One row per term pair: the k-th term of
 * each language side by side; rows with the same Concept ID form one concept.
 */
const FIXED = ['Forbidden', 'Domain', 'Subdomain', 'Definition'];

export function writeGlossaryCsv(concepts: readonly Concept[], langs: [string, string], delimiter = ','): string {
	const header = [...FIXED];
	for (const l of langs) header.push(l, 'Notes', 'Example of use');
	header.push('Concept ID', ...langs.flatMap((l) => [`Status ${l}`, `Type ${l}`]));
	const lines = [csvLine(header, delimiter)];
	for (const c of concepts) {
		const byLang = langs.map((l) => c.terms.filter((t) => primaryLang(t.lang) === primaryLang(l)));
		const n = Math.max(1, ...byLang.map((ts) => ts.length));
		for (let k = 0; k < n; k++) {
			const ts = byLang.map((list) => list[k]);
			const forbidden = ts.some((t) => t?.status === 'forbidden');
			const row = [forbidden ? 'TRUE' : 'FALSE', c.subject ?? '', '', k === 0 ? (c.definition ?? '') : ''];
			for (const t of ts) row.push(t?.text ?? '', t ? fileNote(t) : '', t?.context ?? '');
			row.push(c.key, ...ts.flatMap((t) => [t?.status ?? '', t?.type ?? '']));
			lines.push(csvLine(row, delimiter));
		}
	}
	return lines.join('\r\n') + '\r\n';
}


/** A header shaped like a language tag is meant as a language column, whatever it names. */
const LANG = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/;

/**
 * Whether a header shaped like a tag is one (`fr`, `fr_FR`, `zh-Hans-CN`). The syntax alone
 * lets `foo` or `xyz` through — any 2–3 letters is a well-formed primary subtag — so the
 * language must also be one ICU has a name for.
 */
function isLanguageTag(header: string): boolean {
	let canonical: string;
	try {
		canonical = Intl.getCanonicalLocales(header.replaceAll('_', '-'))[0];
	} catch {
		return false;
	}
	return isKnownLanguage(canonical.split('-')[0]);
}

// what spreadsheets write for yes and no, in English and French Excel (VRAI/FAUX), and by hand;
// an empty cell is no. Anything else is refused: read as no, a re-import once turned a
// forbidden term preferred.
const YES = new Set(['true', 'vrai', 'yes', 'oui', '1', 'x']);
const NO = new Set(['', 'false', 'faux', 'no', 'non', '0']);

/** Excel's error values, English and French, as a CSV export writes a failed formula. */
const SPREADSHEET_ERRORS = new Set(
	['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA', '#VALEUR!', '#NOM?', '#NUL!', '#NOMBRE!'].map((e) => e.toLowerCase())
);

/**
 * What a table's header lets it say of a concept: the fields it has no column for (a
 * concept's source, note and cross-references, a term's part of speech, gender and source —
 * never in a table — and any column the header lacks) are not in the file, and an import
 * keeps them from the stored concept rather than erase them (see planImport).
 */
export interface GlossaryColumns {
	/** a Domain column: the concept's subject */
	subject: boolean;
	/** a Definition column */
	definition: boolean;
	/** each language column, with the term fields its neighbours give */
	langs: {
		/** as the header writes it, `_` read as `-` */
		lang: string;
		/** a `Status <lang>` column */
		status: boolean;
		/** a Forbidden column that says whether this language's term is forbidden (the target sides only) */
		forbidden: boolean;
		/** a `Type <lang>` column */
		type: boolean;
		/** a Notes column after it (where a forbidden term's replacement is written too) */
		note: boolean;
		/** an Example of use column */
		context: boolean;
	}[];
}

/**
 * `locations`, when given, receives each term's line and column (see TermLocations);
 * `columns`, the fields the file's header can carry.
 */
export function readGlossaryCsv(text: string, file: string, locations?: TermLocations, columns?: (c: GlossaryColumns) => void): Concept[] {
	const { rows } = parseCsv(text, file);
	return readGlossaryRows(rows, {
		file,
		locations,
		columns,
		// CSV cells may carry the apostrophe that `csvCell` put before a leading = + - @
		value: csvValue,
		columnsError: (params, column) => new AtelierError('csv_columns', params, column === undefined ? { file, line: 1 } : { file, line: 1, column: column + 1 }),
		cellError: (params, row, column) => new AtelierError('csv_invalid', params, { file, line: row.line, column: column + 1 })
	});
}

/** One row of a table: its cells, and where it starts (a CSV line, a worksheet row number). */
export interface TableRow {
	line: number;
	cells: string[];
}

/** How a table format names its places in errors: a CSV line and column, a worksheet cell. */
export interface TableSource {
	file: string;
	/** a raw cell → its value */
	value?: (cell: string) => string;
	/** the header row is unusable (no row at all, fewer than two language columns, a header that is not a language); `column`, 0-based, the header at fault */
	columnsError(params: { reason: string; expected: string }, column?: number): AtelierError;
	/** a cell holds a value the column does not allow; `column` is 0-based */
	cellError(params: { reason: string }, row: TableRow, column: number): AtelierError;
	/** receives where each term was read; see `locate` */
	locations?: TermLocations;
	/** a term's cell as the format names it (`column` 0-based); default the line and the cell's 1-based number, as `cellError` of CSV */
	locate?(row: TableRow, column: number): TermLocation;
	/** receives what the header lets the table say (see GlossaryColumns) */
	columns?(c: GlossaryColumns): void;
}

/**
 * The column rules, for any table of rows (CSV/TSV text, a worksheet): the first row is the
 * header; language columns are those headed by a language tag; `Notes` and `Example of use`
 * belong to the language column before them; `Status <lang>` and `Type <lang>` to that language.
 */
export function readGlossaryRows(rows: readonly TableRow[], src: TableSource): Concept[] {
	const { file } = src;
	const value = src.value ?? ((c: string) => c);
	if (rows.length === 0) throw src.columnsError({ reason: reason('csv.emptyFile'), expected: expectedColumns() });
	const header = rows[0].cells.map((h) => (h ?? '').trim());
	const langCols = header.map((h, i) => (LANG.test(h) && !FIXED.includes(h) && h !== 'Notes' ? i : -1)).filter((i) => i >= 0);
	// refused before counting them: `foo,bar,baz` read as three languages gave terms nobody could match
	const notLanguage = langCols.find((i) => !isLanguageTag(header[i]));
	if (notLanguage !== undefined)
		throw src.columnsError({ reason: reason('glossary.notLanguage', { value: header[notLanguage] }), expected: expectedColumns() }, notLanguage);
	if (langCols.length < 2) throw src.columnsError({ reason: reason('csv.fewLanguageColumns'), expected: expectedColumns() });
	const col = (name: string) => header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
	const cForbidden = col('Forbidden');
	const cDomain = col('Domain');
	const cDefinition = col('Definition');
	const cId = col('Concept ID');
	src.columns?.({
		subject: cDomain >= 0,
		definition: cDefinition >= 0,
		langs: langCols.map((ci, li) => ({
			lang: header[ci].replaceAll('_', '-'),
			status: col(`Status ${header[ci]}`) >= 0,
			forbidden: cForbidden >= 0 && li > 0,
			type: col(`Type ${header[ci]}`) >= 0,
			note: header[ci + 1] === 'Notes',
			context: header[ci + 2] === 'Example of use'
		}))
	});
	const concepts = new Map<string, Concept>();
	const langNames = langCols.map((ci) => header[ci]).join(', ');
	// the first row of each identified concept that gave no term, to locate the concept if no other row gives one
	const termless = new Map<string, TableRow>();
	for (const row of rows.slice(1)) {
		const cell = (i: number) => (i >= 0 ? value(row.cells[i] ?? '').trim() : '');
		// in a column of terms or keys an error value is never meant; in notes it may be prose
		for (const i of [...langCols, cId, cDomain])
			if (i >= 0 && SPREADSHEET_ERRORS.has(cell(i).toLowerCase())) throw src.cellError({ reason: reason('glossary.spreadsheetError', { value: cell(i) }) }, row, i);
		// no Concept ID column: a key from the row's terms, not its line number — row 2 of every file
		// would otherwise be the same concept, and a second import would replace the first one's
		const key = cell(cId) || `csv-${createHash('sha1').update(langCols.map((ci) => `${header[ci]}\u0000${cell(ci).normalize('NFC')}`).join('\u0001')).digest('hex').slice(0, 12)}`;
		if (!langCols.some((ci) => cell(ci))) {
			// without an id nothing else can give it a term; with one, a later row may (and this one add the definition)
			if (!cell(cId)) throw src.cellError({ reason: reason('glossary.rowNoTerm', { columns: langNames }) }, row, langCols[0]);
			if (!concepts.get(key)?.terms.length && !termless.has(key)) termless.set(key, row);
		}
		let concept = concepts.get(key);
		if (!concept) {
			concept = { key, terms: [] };
			concepts.set(key, concept);
		}
		const domain = cell(cDomain);
		if (domain && !concept.subject) concept.subject = domain;
		// only an id the user wrote can be named; rows keyed by their terms are the same terms
		// twice, and the first domain stays, as before
		else if (domain && cell(cId) && domain.normalize('NFC') !== concept.subject!.normalize('NFC'))
			throw src.cellError({ reason: reason('glossary.conflictingDomain', { id: key, first: concept.subject!, value: domain }) }, row, cDomain);
		if (cell(cDefinition) && !concept.definition) concept.definition = cell(cDefinition);
		const forbiddenCell = cell(cForbidden).toLowerCase();
		if (!YES.has(forbiddenCell) && !NO.has(forbiddenCell))
			throw src.cellError({ reason: reason('glossary.notYesNo', { column: header[cForbidden], value: cell(cForbidden) }) }, row, cForbidden);
		const forbiddenRow = YES.has(forbiddenCell);
		langCols.forEach((ci, li) => {
			const text = cell(ci).normalize('NFC');
			if (!text) return;
			const lang = header[ci].replaceAll('_', '-');
			const note = header[ci + 1] === 'Notes' ? cell(ci + 1) : '';
			const example = header[ci + 2] === 'Example of use' ? cell(ci + 2) : '';
			const statusCell = cell(col(`Status ${header[ci]}`));
			if (statusCell && !(TERM_STATUSES as readonly string[]).includes(statusCell))
				throw src.cellError({ reason: reason('unknownValue', { name: 'status', value: statusCell }) }, row, col(`Status ${header[ci]}`));
			// the same term from two rows of a concept is one term; the first row's says the rest
			if (concept!.terms.some((t) => t.lang === lang && t.text === text)) return;
			const first = !concept!.terms.some((t) => t.lang === lang);
			const status = (statusCell || (forbiddenRow && li > 0 ? 'forbidden' : first ? 'preferred' : 'admitted')) as TermStatus;
			const term: Term = { lang, text, status };
			const type = cell(col(`Type ${header[ci]}`));
			if (type) term.type = type as TermType;
			if (note) term.note = note;
			if (example) term.context = example;
			const forbiddenNote = FORBIDDEN_NOTE.exec(note);
			if (status === 'forbidden' && forbiddenNote) term.replacement = forbiddenNote[1].trim();
			concept!.terms.push(term);
			src.locations?.set(term, src.locate ? src.locate(row, ci) : { file, line: row.line, column: ci + 1 });
		});
	}
	for (const c of concepts.values())
		if (c.terms.length === 0) throw src.cellError({ reason: reason('glossary.rowNoTerm', { columns: langNames }) }, termless.get(c.key)!, langCols[0]);
	return [...concepts.values()];
}

export function expectedColumns(): string {
	return `${FIXED.join(', ')}, <lang>, Notes, Example of use, <lang>, Notes, Example of use`;
}
