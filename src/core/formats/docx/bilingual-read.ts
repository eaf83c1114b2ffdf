import JSZip from 'jszip';
import { xmlAt } from '../xml-guard.js';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AtelierError } from '../../errors.js';
import type { ReturnedDocument, ReturnedRow } from '../../export/bilingual.js';
import type { SegmentStatus } from '../../model.js';
import { restoreInvisible } from '../invisible.js';
import { decodeIds, parseRowBookmark } from './text.js';
import { docxReason, reason, xmlReason } from '../reason.js';

export type ReviewColumn = 'number' | 'source' | 'target' | 'status' | 'comment';

/** What the reader noticed about the table besides its rows: for the re-import report. */
export interface ReviewTableFacts {
	/** the columns found, in the file's order, as table column index → role (null: not recognised) */
	columns: (ReviewColumn | null)[];
	/** columns of the export that the file no longer has (their values are then null in every row) */
	missing: ReviewColumn[];
	/** true when the recognised columns are not in the exported order */
	reordered: boolean;
	/** rows whose id came from the number column and the document properties, not from a bookmark */
	idsFromNumbers: number;
	/** tables after the first that continue it (the reviewer split the table); their rows are read too */
	continuedTables: number;
	/** status cells whose text is not a status in either language: `line` is the table row */
	unknownStatuses: { line: number; text: string }[];
	/** rows left out because every cell was empty */
	emptyRows: number;
}

export interface ReturnedDocx extends ReturnedDocument {
	format: 'docx';
	table: ReviewTableFacts;
}

export interface ReadBilingualDocxOptions {
	file: string;
	/** refuse archives larger than this (bytes); default 50 MB */
	maxBytes?: number;
	/** refuse a `word/document.xml` that inflates beyond this (bytes); default 200 MB */
	maxXmlBytes?: number;
}

const ORDER: ReviewColumn[] = ['number', 'source', 'target', 'status', 'comment'];

/**
 * Header texts in both UI languages (and what a reviewer might retype), accent- and
 * case-insensitive, without the `(fr-FR)` after Source/Target. Kept in step with
 * `bilingual.col.*` by a test.
 */
const HEADERS: Record<ReviewColumn, string[]> = {
	number: ['no', 'n°', 'nº', 'no.', '#', 'num', 'number', 'numero', 'n'],
	source: ['source', 'source text', 'texte source', 'original'],
	target: ['target', 'cible', 'target text', 'texte cible', 'translation', 'traduction'],
	status: ['status', 'statut', 'etat', 'state'],
	comment: ['comment', 'comments', 'commentaire', 'commentaires', 'remarque', 'remarques', 'note', 'notes']
};

/** Status labels in both languages (kept in step with `bilingual.status.*` by a test), and the codes themselves. */
export const STATUS_LABELS: Record<SegmentStatus, string[]> = {
	new: ['new', 'nouveau'],
	draft: ['draft', 'brouillon'],
	translated: ['translated', 'traduit'],
	reviewed: ['reviewed', 'revise', 'révisé'],
	rejected: ['rejected', 'rejete', 'rejeté']
};

function fold(s: string): string {
	return s
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/\([^)]*\)/g, '')
		.replace(/[\s\u00A0\u202F]+/g, ' ')
		.replace(/[:.]+$/, '')
		.trim();
}

export function columnOf(header: string): ReviewColumn | null {
	// every header is short; a segment's text is not one (and folding it would cost)
	if (header.length > 60) return null;
	const h = fold(header);
	if (!h) return null;
	for (const col of ORDER) if (HEADERS[col].some((v) => fold(v) === h)) return col;
	return null;
}

export function statusOf(text: string): SegmentStatus | null {
	if (text.length > 60) return null;
	const s = fold(text);
	if (!s) return null;
	for (const [code, labels] of Object.entries(STATUS_LABELS)) if (labels.some((l) => fold(l) === s)) return code as SegmentStatus;
	return null;
}

/**
 * Reads a reviewed bilingual DOCX (as `writeBilingualDocx` wrote it, then edited in Word or
 * LibreOffice) into rows for re-import. Nothing is decided here: the rows say what the file
 * holds, and re-import compares them with the stored document. Columns are recognised by
 * their header in either language, so a reordered table reads right and a deleted column
 * shows as missing rather than shifting the others. Tracked changes read as if accepted
 * (insertions kept, deletions dropped): a reviewer's pending edits are their review.
 */
export async function readBilingualDocx(bytes: Uint8Array, opts: ReadBilingualDocxOptions): Promise<ReturnedDocx> {
	const { file } = opts;
	const maxBytes = opts.maxBytes ?? 50 * 1024 * 1024;
	const maxXml = opts.maxXmlBytes ?? 200 * 1024 * 1024;
	if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04)
		throw new AtelierError('docx_not_zip', {}, { file });
	if (bytes.length > maxBytes)
		throw new AtelierError('file_too_large', { size: bytes.length / 1048576, limit: maxBytes / 1048576 }, { file });
	let zip: JSZip;
	try {
		zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
	} catch (e) {
		throw new AtelierError('docx_invalid', { reason: docxReason(firstLine(e)) }, { file });
	}
	if (Object.keys(zip.files).length > 10_000) throw new AtelierError('docx_unsafe', { reason: reason('docx.tooManyEntries', { limit: 10_000 }) }, { file });
	const main = zip.file('word/document.xml');
	if (!main) throw new AtelierError('docx_invalid', { reason: reason('docx.missingPart', { part: 'word/document.xml' }) }, { file });
	const xml = await inflate(main, maxXml, file);
	const props = parseCustomProperties(await optional(zip, 'docProps/custom.xml', 4 * 1024 * 1024, file));
	const comments = parseComments(await optional(zip, 'word/comments.xml', 32 * 1024 * 1024, file), file);
	const tables = parseTables(xml, 'word/document.xml', file);
	return toReturned(tables, props, comments, file);
}

interface ZipStream {
	on(event: 'data', fn: (chunk: Uint8Array) => void): ZipStream;
	on(event: 'error', fn: (e: Error) => void): ZipStream;
	on(event: 'end', fn: () => void): ZipStream;
	pause(): ZipStream;
	resume(): ZipStream;
}

function firstLine(e: unknown): string {
	return String((e as Error)?.message ?? e).split('\n')[0];
}

/** Inflates one entry, stopping as soon as it grows past `limit` (a zip bomb never gets unpacked whole). */
async function inflate(entry: JSZip.JSZipObject, limit: number, file: string): Promise<string> {
	const declared = (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize;
	if (declared != null && declared > limit)
		throw new AtelierError('docx_unsafe', { reason: reason('docx.inflatesTo', { part: entry.name, size: declared }) }, { file });
	const chunks: Uint8Array[] = [];
	let size = 0;
	await new Promise<void>((resolve, reject) => {
		// JSZip streams entries internally; its typings omit it
		const stream = (entry as unknown as { internalStream(type: 'uint8array'): ZipStream }).internalStream('uint8array');
		stream
			.on('data', (chunk: Uint8Array) => {
				size += chunk.length;
				if (size > limit) {
					stream.pause();
					reject(new AtelierError('docx_unsafe', { reason: reason('docx.inflatesBeyond', { part: entry.name, limit }) }, { file }));
					return;
				}
				chunks.push(chunk);
			})
			.on('error', (e: Error) => reject(new AtelierError('docx_invalid', { reason: reason('inPart', { part: entry.name, reason: docxReason(firstLine(e)) }) }, { file })))
			.on('end', () => resolve())
			.resume();
	});
	const all = new Uint8Array(size);
	let at = 0;
	for (const c of chunks) {
		all.set(c, at);
		at += c.length;
	}
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(all);
	} catch {
		throw new AtelierError('docx_invalid', { reason: reason('docx.notUtf8', { part: entry.name }) }, { file });
	}
}

async function optional(zip: JSZip, name: string, limit: number, file: string): Promise<string | null> {
	const entry = zip.file(name);
	return entry ? inflate(entry, limit, file) : null;
}

interface Props {
	format: string | null;
	exportedAt: string | null;
	origin: 'document' | 'alignment' | null;
	documentId: number | null;
	sourceLang: string | null;
	targetLang: string | null;
	/** row number → id, from the AtelierIds/AtelierNumbers properties */
	idByNumber: Map<number, string>;
}

function parseCustomProperties(xml: string | null): Props {
	const props: Record<string, string> = {};
	if (xml) {
		// a small, flat file; a malformed one is ignored (the bookmarks still identify the rows)
		for (const m of xml.matchAll(/<property\b[^>]*\bname="([^"]*)"[^>]*>\s*<vt:\w+>([^<]*)<\/vt:\w+>/g)) props[m[1]] = decodeXml(m[2]);
	}
	const idByNumber = new Map<number, string>();
	const ids = props.AtelierIds != null ? decodeIds(props.AtelierIds) : null;
	const numbers = props.AtelierNumbers != null ? decodeIds(props.AtelierNumbers) : null;
	if (ids && numbers && ids.length === numbers.length) numbers.forEach((n, i) => idByNumber.set(Number(n), ids[i]));
	const doc = props.AtelierDocument;
	const origin = props.AtelierOrigin;
	return {
		exportedAt: props.AtelierExportedAt || null,
		origin: origin === 'document' || origin === 'alignment' ? origin : null,
		format: props.AtelierFormat ?? null,
		documentId: doc && /^\d+$/.test(doc) ? Number(doc) : null,
		sourceLang: props.AtelierSourceLang || null,
		targetLang: props.AtelierTargetLang || null,
		idByNumber
	};
}

function decodeXml(s: string): string {
	return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_m, e: string) => {
		if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
		return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[e.toLowerCase()]!;
	});
}

/** One table cell as read: its text and the bookmarks and comments anchored in it. */
interface Cell {
	text: string;
	/** grid column where the cell starts (merged cells span several) */
	col: number;
	span: number;
	bookmarks: string[];
	comments: string[];
}

interface Table {
	rows: { cells: Cell[]; line: number }[];
}

/**
 * The tables of document.xml as rows of cell texts. Text is what a reader sees once tracked
 * changes are accepted: `w:del` and `w:moveFrom` are skipped, field instructions too, and
 * `mc:Fallback` (a duplicate of `mc:Choice`). Paragraphs in a cell join with a space.
 */
function parseTables(xml: string, part: string, file: string): Table[] {
	const parser = new SaxesParser({ xmlns: false, position: true });
	const tables: Table[] = [];
	const stack: Table[] = [];
	let row: { cells: Cell[]; line: number } | null = null;
	let cell: Cell | null = null;
	let paragraphs: string[] = [];
	let para = '';
	let gridCol = 0;
	let skip = 0;
	let inText = false;
	let cellDepth = 0;
	parser.on('doctype', () => {
		throw new AtelierError('xml_doctype', { part }, { file, line: parser.line });
	});
	parser.on('opentag', (tag: SaxesTagPlain) => {
		const name = tag.name;
		// saxes reports a close for self-closing tags too, so every open counts
		if (skip) {
			skip++;
			return;
		}
		switch (name) {
			case 'w:del':
			case 'w:moveFrom':
			case 'w:instrText':
			case 'w:delInstrText':
			case 'mc:Fallback':
				skip = 1;
				return;
			case 'w:tbl':
				if (!cell) {
					const t: Table = { rows: [] };
					tables.push(t);
					stack.push(t);
				} else cellDepth++;
				return;
			case 'w:tr':
				if (stack.length && !cellDepth) {
					row = { cells: [], line: parser.line };
					gridCol = 0;
				}
				return;
			case 'w:tc':
				if (row && !cellDepth) {
					cell = { text: '', col: gridCol, span: 1, bookmarks: [], comments: [] };
					paragraphs = [];
					para = '';
				}
				return;
			case 'w:gridSpan':
				if (cell && !cellDepth) cell.span = Math.max(1, Number(tag.attributes['w:val']) || 1);
				return;
			case 'w:gridBefore':
				if (row && !cell) gridCol += Math.max(0, Number(tag.attributes['w:val']) || 0);
				return;
			case 'w:t':
				inText = !tag.isSelfClosing;
				return;
			case 'w:tab':
				if (cell) para += '\t';
				return;
			case 'w:br':
			case 'w:cr':
				// a line break in the cell (the writer's for a segment's own, or a reviewer's Shift+Enter)
				if (cell) para += '\n';
				return;
			case 'w:noBreakHyphen':
				if (cell) para += '\u2011';
				return;
			case 'w:bookmarkStart':
				if (cell && typeof tag.attributes['w:name'] === 'string') cell.bookmarks.push(tag.attributes['w:name']);
				return;
			case 'w:commentReference':
			case 'w:commentRangeStart':
				if (cell && typeof tag.attributes['w:id'] === 'string' && !cell.comments.includes(tag.attributes['w:id'])) cell.comments.push(tag.attributes['w:id']);
				return;
		}
	});
	parser.on('text', (text) => {
		if (!skip && inText && cell) para += text;
	});
	parser.on('closetag', (tag) => {
		if (skip) {
			skip--;
			return;
		}
		switch (tag.name) {
			case 'w:t':
				inText = false;
				return;
			case 'w:p':
				if (cell) {
					paragraphs.push(para);
					para = '';
				}
				return;
			case 'w:tc':
				if (cell && !cellDepth) {
					if (para) paragraphs.push(para);
					cell.text = paragraphs
						// only layout whitespace: a no-break space or a BOM at an edge is part of the text
						.map((p) => p.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, ''))
						.filter(Boolean)
						.join(' ')
						.normalize('NFC');
					cell.text = restoreInvisible(cell.text);
					row!.cells.push(cell);
					gridCol = cell.col + cell.span;
					cell = null;
				}
				return;
			case 'w:tr':
				if (row && !cellDepth) {
					stack.at(-1)!.rows.push(row);
					row = null;
				}
				return;
			case 'w:tbl':
				if (cellDepth) cellDepth--;
				else stack.pop();
				return;
		}
	});
	try {
		parser.write(xml).close();
	} catch (e) {
		if (e instanceof AtelierError) throw e;
		throw new AtelierError('docx_invalid', { reason: reason('inPart', { part, reason: xmlReason(firstLine(e)) }) }, { file, ...xmlAt(parser) });
	}
	return tables;
}

/** comments.xml → comment id → its text. */
function parseComments(xml: string | null, file: string): Map<string, string> {
	const out = new Map<string, string>();
	if (!xml) return out;
	const parser = new SaxesParser({ xmlns: false });
	let id: string | null = null;
	let text = '';
	let inText = false;
	let skip = 0;
	parser.on('doctype', () => {
		throw new AtelierError('xml_doctype', { part: 'word/comments.xml' }, { file });
	});
	parser.on('opentag', (tag: SaxesTagPlain) => {
		// saxes reports a close for self-closing tags too, so every open counts
		if (skip) {
			skip++;
			return;
		}
		if (tag.name === 'w:del') skip = 1;
		else if (tag.name === 'w:comment') {
			id = String(tag.attributes['w:id'] ?? '');
			text = '';
		} else if (tag.name === 'w:t') inText = !tag.isSelfClosing;
		else if (tag.name === 'w:p' && id != null && text) text += ' ';
	});
	parser.on('text', (t) => {
		if (!skip && inText && id != null) text += t;
	});
	parser.on('closetag', (tag) => {
		if (skip) {
			skip--;
			return;
		}
		if (tag.name === 'w:t') inText = false;
		else if (tag.name === 'w:comment' && id != null) {
			out.set(id, text.trim().normalize('NFC'));
			id = null;
		}
	});
	try {
		parser.write(xml).close();
	} catch (e) {
		if (e instanceof AtelierError) throw e;
		throw new AtelierError('docx_invalid', { reason: reason('inPart', { part: 'word/comments.xml', reason: xmlReason(firstLine(e)) }) }, { file });
	}
	return out;
}

function headerRoles(cells: Cell[]): Map<number, ReviewColumn> {
	const roles = new Map<number, ReviewColumn>();
	for (const c of cells) {
		const role = columnOf(c.text);
		if (role && ![...roles.values()].includes(role)) roles.set(c.col, role);
	}
	return roles;
}

function toReturned(tables: Table[], props: Props, comments: Map<string, string>, file: string): ReturnedDocx {
	// our table: the one whose first row names the most of our columns, a target among them
	let best: { table: Table; roles: Map<number, ReviewColumn> } | null = null;
	for (const table of tables) {
		if (!table.rows.length) continue;
		const roles = headerRoles(table.rows[0].cells);
		if (!best || roles.size > best.roles.size) best = { table, roles };
	}
	if (!best || best.roles.size < 2) {
		const reason = tables.length === 0 ? 'the document has no table' : 'no table has the No. / Source / Target / Status / Comment header row';
		// `why` picks the message's translated explanation; `reason` stays for logs and tests
		throw new AtelierError('review_docx_not_table', { reason, why: tables.length === 0 ? 'noTable' : 'noHeader' }, { file });
	}
	const { table, roles } = best;
	const found = table.rows[0].cells.map((c) => c.text || '—').join(', ');
	if (![...roles.values()].includes('target'))
		throw new AtelierError('review_docx_columns', { column: 'Target / Cible', found }, { file, line: 1 });
	const colOf = (role: ReviewColumn) => [...roles].find(([, r]) => r === role)?.[0] ?? null;
	const present = ORDER.filter((r) => colOf(r) != null);
	const positions = present.map((r) => colOf(r)!);
	const facts: ReviewTableFacts = {
		columns: table.rows[0].cells.map((c) => roles.get(c.col) ?? null),
		missing: ORDER.filter((r) => colOf(r) == null),
		reordered: positions.some((p, i) => i > 0 && p < positions[i - 1]),
		idsFromNumbers: 0,
		continuedTables: 0,
		unknownStatuses: [],
		emptyRows: 0
	};
	let documentId = props.documentId;
	const rows: ReturnedRow[] = [];
	// a reviewer may split the table (Word's Split Table, a page break between rows): later
	// tables with the same columns and our row bookmarks continue it
	const width = (t: Table) => t.rows.reduce((w, r) => r.cells.reduce((x, c) => Math.max(x, c.col + c.span), w), 0);
	const continued = tables
		.slice(tables.indexOf(table) + 1)
		.filter((t) => width(t) === width(table) && t.rows.some((r) => r.cells.some((c) => c.bookmarks.some((b) => parseRowBookmark(b)))));
	facts.continuedTables = continued.length;
	const allRows = [table, ...continued].flatMap((t, k) => (k === 0 ? t.rows : t.rows.filter((r, i) => i > 0 || !isHeader(r))));
	function isHeader(r: Table['rows'][number]): boolean {
		const c = r.cells.find((x) => x.col === colOf('target'));
		return columnOf(c?.text ?? '') === 'target';
	}
	allRows.forEach((r, i) => {
		if (i === 0) return;
		const line = i + 1;
		const at = (role: ReviewColumn): Cell | null => {
			const col = colOf(role);
			return col == null ? null : (r.cells.find((c) => c.col <= col && col < c.col + c.span) ?? null);
		};
		// a header row repeated by hand (or by a tool that split the table) is not a segment
		if (columnOf(at('target')?.text ?? '') === 'target' && headerRoles(r.cells).size >= 2) return;
		if (r.cells.every((c) => !c.text && !c.comments.length)) {
			facts.emptyRows++;
			return;
		}
		let id: string | null = null;
		let version: number | null = null;
		for (const c of r.cells)
			for (const b of c.bookmarks) {
				const parsed = parseRowBookmark(b);
				if (parsed && parsed.id !== 'none' && id == null) {
					id = parsed.id;
					version = parsed.version;
					documentId ??= parsed.documentId;
				}
			}
		const numberText = at('number')?.text ?? null;
		const number = numberText && /^\d{1,9}$/.test(numberText.trim()) ? Number(numberText.trim()) : null;
		if (id == null && number != null && props.idByNumber.has(number)) {
			id = props.idByNumber.get(number)!;
			facts.idsFromNumbers++;
		}
		const text = (role: ReviewColumn) => {
			const c = at(role);
			return c == null ? null : c.text;
		};
		const statusText = text('status');
		const status = statusText ? statusOf(statusText) : null;
		if (statusText && !status) facts.unknownStatuses.push({ line, text: statusText });
		const notes = [...new Set(r.cells.flatMap((c) => c.comments))].map((cid) => comments.get(cid)).filter((s): s is string => !!s);
		const comment = [text('comment'), ...notes].filter((s): s is string => !!s).join('\n') || null;
		const target = text('target');
		rows.push({
			id,
			number,
			source: text('source'),
			target: target === '' ? null : target,
			status,
			comment,
			version,
			location: { file, line, ...(documentId != null ? { document: documentId } : {}) }
		});
	});
	const header = table.rows[0].cells;
	const langIn = (role: ReviewColumn) => {
		const col = colOf(role);
		const h = col == null ? undefined : header.find((c) => c.col === col)?.text;
		return h ? (/\(([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\)/.exec(h)?.[1] ?? null) : null;
	};
	return {
		format: 'docx',
		file,
		documentId,
		sourceLang: props.sourceLang ?? langIn('source'),
		targetLang: props.targetLang ?? langIn('target'),
		exportedAt: props.exportedAt,
		origin: props.origin,
		rows,
		table: facts
	};
}
