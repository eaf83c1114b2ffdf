import { SaxesParser } from 'saxes';
import { AtelierError, type ErrorCode } from '../../errors.js';
import type { TmProp, TmUnit } from '../../model.js';
import { decodeChunks, type ByteInput } from './decode.js';
import { MAX_TEXT_CHARS, MAX_XML_DEPTH } from '../xml-guard.js';
import { SegBuilder } from './inline.js';
import { tuToUnits, tuvLang, withText, type ParsedTu, type ParsedTuv } from './units.js';
import { reason, xmlReason } from '../reason.js';

export interface TmxHeader {
	/** TMX version of the root (`1.4`, `1.1`…) */
	version?: string;
	srcLang?: string;
	segType?: string;
	oTmf?: string;
	creationTool?: string;
	creationToolVersion?: string;
	adminLang?: string;
	dataType?: string;
	props: TmProp[];
	notes: string[];
}

/** Something read past rather than refused; `line`/`column` point at the `tu`. */
export interface TmxWarning {
	kind: 'tu_missing_lang' | 'tu_empty' | 'bad_date' | 'bad_usagecount';
	line: number;
	column?: number;
	tuid?: string;
	/** the languages found (tu_missing_lang), the languages of the empty sides (tu_empty), or the date (bad_date) or usagecount (bad_usagecount) as written */
	detail: string;
}

export interface TmxReadOptions {
	file: string;
	sourceLang?: string;
	targetLang?: string;
	/** units per yielded batch (default 1000) */
	batchSize?: number;
	/** bytes read so far, after each chunk */
	onProgress?: (bytes: number) => void;
	/** called once the header is read, before any unit */
	onHeader?: (header: TmxHeader) => void;
	onWarning?: (w: TmxWarning) => void;
}

/** What the generator returns when done (`for await` drops it; call `.next()` by hand or use the callbacks). */
export interface TmxReadSummary {
	tus: number;
	units: number;
	/** tus without both languages, not imported */
	skipped: number;
	badDates: number;
}

type TmxCode = Extract<ErrorCode, `tmx_${string}`>;
const STOP = Symbol('stop');
/** The only DOCTYPE accepted: a bare reference to the TMX DTD, as OmegaT and others write it. Never fetched. */
const PLAIN_DOCTYPE = /^\s*[\w:.-]+(?:\s+(?:SYSTEM|PUBLIC\s+(["'])[^"']*\1)\s+(["'])tmx\d*\.dtd\2)?\s*$/i;
const CONTAINERS = new Set(['header', 'tu', 'tuv']);

/**
 * Streams a TMX file (1.4b, and 1.1–1.3 as older tools write it) into batches of units
 * for one language pair. Memory stays flat: only the current `tu` and one batch are held.
 * Every fault is thrown as an AtelierError located at line/column, from inside the
 * generator, so a caller inserting batches in one transaction can roll back.
 */
export async function* readTmx(input: ByteInput, opts: TmxReadOptions): AsyncGenerator<TmUnit[], TmxReadSummary, undefined> {
	const batchSize = Math.max(1, opts.batchSize ?? 1000);
	const pending: TmUnit[] = [];
	const summary: TmxReadSummary = { tus: 0, units: 0, skipped: 0, badDates: 0 };
	const run = parseTmx(input, opts, (units) => pending.push(...units), summary, false);
	for await (const _ of run) while (pending.length >= batchSize) yield pending.splice(0, batchSize);
	if (pending.length) yield pending.splice(0);
	return summary;
}

/** Only the header (reading stops at `<body>`); null when the file has none. */
export async function readTmxHeader(input: ByteInput, opts: { file: string }): Promise<TmxHeader | null> {
	let header: TmxHeader | null = null;
	const summary: TmxReadSummary = { tus: 0, units: 0, skipped: 0, badDates: 0 };
	const run = parseTmx(input, { ...opts, onHeader: (h) => (header = h) }, () => {}, summary, true);
	for await (const _ of run);
	return header;
}

/** Feeds saxes chunk by chunk; yields after each chunk so the caller can drain what was emitted. */
async function* parseTmx(
	input: ByteInput,
	opts: TmxReadOptions,
	emit: (u: TmUnit[]) => void,
	summary: TmxReadSummary,
	headerOnly: boolean
): AsyncGenerator<void> {
	const file = opts.file;
	const parser = new SaxesParser({ xmlns: false, position: true });
	/** `at` defaults to where saxes stands: its 0-based "next column" is the 1-based column of the last character read */
	const fail = (code: TmxCode, params: Record<string, string | number>, at: { line: number; column?: number } = { line: parser.line, column: Math.max(1, parser.column) }): never => {
		throw new AtelierError(code, params, { file, line: at.line, column: at.column });
	};
	const stack: string[] = [];
	let root = false;
	let header: TmxHeader | null = null;
	let headerDone = false;
	let tu: ParsedTu | null = null;
	let tuv: (ParsedTuv & { hasSeg: boolean }) | null = null;
	let seg: SegBuilder | null = null;
	let segDepth = 0;
	let text: string | null = null;
	let textAttrs: Record<string, string> = {};
	let start = { line: 1, column: 1 };
	// the chunk being parsed, where it starts in the stream and at which column: to locate a tag whose name ends a line
	let chunk = '';
	let chunkBase = 0;
	let chunkColumn = 0;

	const finishHeader = () => {
		if (headerDone) return;
		headerDone = true;
		if (header) opts.onHeader?.(header);
		if (headerOnly) throw STOP;
	};
	const warn = (w: TmxWarning) => opts.onWarning?.(w);
	const misplaced = (name: string, parent: string | undefined) => fail('tmx_invalid', { reason: reason('misplaced', { tag: name, parent: parent ?? '' }) }, start);
	// made once, not per tu: `closing` is the tu being turned into units
	let closing: ParsedTu | null = null;
	const pairOptions = {
		file,
		sourceLang: opts.sourceLang,
		targetLang: opts.targetLang,
		headerSrcLang: undefined as string | undefined,
		onBadDate: (v: string) => {
			const t = closing!;
			summary.badDates++;
			warn({ kind: 'bad_date', line: t.line, column: t.column, tuid: t.attrs.tuid, detail: v });
		},
		onBadUsageCount: (v: string) => {
			const t = closing!;
			warn({ kind: 'bad_usagecount', line: t.line, column: t.column, tuid: t.attrs.tuid, detail: v });
		}
	};

	parser.on('doctype', (dt) => {
		if (PLAIN_DOCTYPE.test(dt)) return;
		const ent = dt.search(/<!ENTITY/i);
		if (ent >= 0) {
			fail('tmx_entity', { reason: reason('entityDeclarations') }, doctypePosition(dt, ent, parser.line, parser.column));
		}
		fail('tmx_entity', { reason: reason(/\[/.test(dt) ? 'internalSubset' : 'onlyTmxDoctype') });
	});
	parser.on('opentagstart', (tag) => {
		// saxes stands one character past the name: back up to the `<` (1-based)
		const col = parser.column - tag.name.length - 1;
		if (col >= 1) start = { line: parser.line, column: col };
		else {
			// `<tu` + newline: the `<` is on the line before; find where that line starts
			const lt = parser.position - tag.name.length - 2 - chunkBase;
			const nl = chunk.lastIndexOf('\n', lt - 1);
			start = { line: parser.line - 1, column: nl >= 0 ? lt - nl : chunkColumn + lt + 1 };
		}
	});
	parser.on('opentag', (tag) => {
		const name = tag.name;
		const a = tag.attributes as Record<string, string>;
		if (seg) {
			// bounded, so that hostile markup cannot exhaust memory (robustness corpus)
			if (++segDepth > MAX_XML_DEPTH) throw new AtelierError('xml_too_deep', { limit: MAX_XML_DEPTH, part: '<seg>' }, { file, ...start });
			stack.push(name);
			seg.open(name, a, tag.isSelfClosing);
			return;
		}
		const parent = stack[stack.length - 1];
		if (!root) {
			root = true;
			if (name !== 'tmx') fail('tmx_not_tmx', { root: name }, start);
			header = { version: a.version, props: [], notes: [] };
		} else if (name === 'header') {
			if (parent !== 'tmx') misplaced(name, parent);
			Object.assign(header!, headerFields(a));
		} else if (name === 'body') {
			if (parent !== 'tmx') misplaced(name, parent);
			finishHeader();
		} else if (name === 'tu') {
			if (parent !== 'body') misplaced(name, parent);
			tu = { attrs: a, props: [], notes: [], tuvs: [], line: start.line, column: start.column };
		} else if (name === 'tuv') {
			if (parent !== 'tu') misplaced(name, parent);
			const raw = (a['xml:lang'] ?? a.lang ?? '').trim();
			if (!raw) fail('tmx_no_lang', { element: 'tuv' }, start);
			const lang = tuvLang(raw, file, start.line, start.column);
			tuv = { lang, attrs: a, props: [], notes: [], text: '', tags: [], line: start.line, column: start.column, hasSeg: false };
		} else if (name === 'seg') {
			if (parent !== 'tuv' || tuv!.hasSeg) misplaced(name, parent);
			seg = new SegBuilder();
			segDepth = 0;
		} else if (name === 'prop' || name === 'note') {
			if (!CONTAINERS.has(parent)) misplaced(name, parent);
			text = '';
			textAttrs = a;
		} else if (text !== null) misplaced(name, parent); // prop and note hold text only
		stack.push(name);
	});
	let textChars = 0;
	const onText = (t: string) => {
		// one text of a unit beyond this is not a translation unit: refused before it is indexed
		textChars = seg || text !== null ? textChars + t.length : 0;
		if (textChars > MAX_TEXT_CHARS) throw new AtelierError('text_too_long', { limit: MAX_TEXT_CHARS }, { file, ...start });
		if (seg) seg.addText(t);
		else if (text !== null) text += t;
	};
	parser.on('text', onText);
	parser.on('cdata', onText);
	parser.on('closetag', () => {
		const name = stack.pop()!;
		if (seg) {
			if (segDepth > 0) {
				segDepth--;
				seg.close(name);
				return;
			}
			textChars = 0;
			tuv!.text = seg.text;
			tuv!.tags = seg.tags;
			tuv!.hasSeg = true;
			seg = null;
			return;
		}
		if (name === 'prop' || name === 'note') {
			const value = text!.normalize('NFC');
			const target = tuv ?? tu ?? header!;
			if (name === 'note') target.notes.push(value);
			else {
				const p: TmProp = { type: textAttrs.type ?? '', value };
				const lang = textAttrs['xml:lang'] ?? textAttrs.lang;
				if (lang) p.lang = lang;
				target.props.push(p);
			}
			text = null;
			textChars = 0;
		} else if (name === 'tuv') {
			if (!tuv!.hasSeg) fail('tmx_invalid', { reason: reason('withoutChild', { tag: 'tuv', child: 'seg' }) }, tuv!);
			const { hasSeg: _h, ...done } = tuv!;
			tu!.tuvs.push(done);
			tuv = null;
		} else if (name === 'tu') {
			const t = tu!;
			tu = null;
			summary.tus++;
			closing = t;
			pairOptions.headerSrcLang = header?.srcLang;
			const { units, empty } = withText(tuToUnits(t, pairOptions));
			if (empty) warn({ kind: 'tu_empty', line: t.line, column: t.column, tuid: t.attrs.tuid, detail: empty });
			if (units.length === 0) {
				summary.skipped++;
				if (!empty) warn({ kind: 'tu_missing_lang', line: t.line, column: t.column, tuid: t.attrs.tuid, detail: t.tuvs.map((v) => v.lang).join(',') });
			} else {
				summary.units += units.length;
				emit(units);
			}
		} else if (name === 'header') finishHeader();
	});

	let empty = true;
	// saxes reports stray text where it ends; a file that does not even start with `<` is located at its first character
	let lead: { line: number; column: number } | null = null;
	try {
		for await (chunk of decodeChunks(input, file, opts.onProgress)) {
			if (empty && chunk.trim() !== '') {
				empty = false;
				const before = chunk.slice(0, chunk.length - chunk.trimStart().length).replace(/^\uFEFF/, '');
				if (chunk.trimStart()[0] !== '<') lead = { line: parser.line + (before.match(/\n/g)?.length ?? 0), column: before.length - before.lastIndexOf('\n') };
			}
			chunkBase = parser.position;
			chunkColumn = parser.column;
			parser.write(chunk);
			yield;
		}
		if (empty) throw new AtelierError('file_empty', {}, { file });
		parser.close();
	} catch (e) {
		if (e === STOP) return;
		if (e instanceof AtelierError) throw e;
		// saxes: "line:column: message", column 0-based for the next character = 1-based for the last one read
		const m = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec((e as Error).message);
		const msg = (m?.[3] ?? (e as Error).message).replace(/\.$/, '');
		const code: TmxCode = /entity/i.test(msg) ? 'tmx_entity' : 'tmx_invalid';
		if (lead) fail('tmx_invalid', { reason: reason('notXml') }, lead);
		fail(code, { reason: xmlReason(msg) }, m ? { line: +m[1], column: Math.max(1, +m[2]) } : undefined);
	}
	if (!root) fail('tmx_not_tmx', { root: '' });
	finishHeader();
}

/**
 * Where `<!ENTITY` is, from the DOCTYPE's text and the position saxes reports at its end
 * (just past `>`): lines are counted back from the end.
 */
function doctypePosition(dt: string, index: number, endLine: number, endColumn: number): { line: number; column?: number } {
	const after = dt.slice(index);
	const newlinesAfter = (after.match(/\n/g) ?? []).length;
	const line = endLine - newlinesAfter;
	const nl = dt.lastIndexOf('\n', index - 1);
	if (nl >= 0) return { line, column: index - nl };
	// same line as `<!DOCTYPE`: only known when the whole declaration is on one line
	if (newlinesAfter === 0) return { line, column: endColumn - dt.length + index };
	return { line };
}

/** The `header` element's attributes as TmxHeader fields (both readers). */
export function headerFields(a: Record<string, string | undefined>): Partial<TmxHeader> {
	return {
		srcLang: a.srclang,
		segType: a.segtype,
		oTmf: a['o-tmf'],
		creationTool: a.creationtool,
		creationToolVersion: a.creationtoolversion,
		adminLang: a.adminlang,
		dataType: a.datatype
	};
}
