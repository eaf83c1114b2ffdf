import { AtelierError } from '../errors.js';
import { writeBilingualDocx } from '../formats/docx/bilingual-write.js';
import { writeTranslatedDocx } from '../formats/docx/translated-write.js';
import { writeSideBySideHtml } from '../formats/html/side-by-side.js';
import { writeTranslatedText } from '../formats/text/translated.js';
import { writePairsTable } from '../formats/tsv/pairs.js';
import { writeXliff12, writeXliff20 } from '../formats/xliff/write.js';
import type { BilingualDocument } from './bilingual.js';
import { buildBilingual, type BuildOptions, CONFIRMED, type ExportSources, rowsOf } from './build.js';
import { isConfirmedPair, writeDocumentTmx } from './tmx.js';

export type UiLang = 'fr' | 'en';
export type Translate = (key: string, params?: Record<string, unknown>) => string;

export interface WriteContext {
	t: Translate;
	uiLang: UiLang;
}

export interface ExportFormatSpec {
	id: string;
	/** file name ending, after the title: `fr-en.xlf` */
	suffix: (doc: BilingualDocument) => string;
	contentType: string;
	/** terminology checks are run only for formats that show them */
	issues: boolean;
	/** the finished translation alone: a segment not translated yet shows its source there, which the user must be told */
	targetOnly?: boolean;
	/** the rows the file holds, when not every row (TMX: confirmed pairs only) */
	count?: (doc: BilingualDocument) => number;
	write(doc: BilingualDocument, ctx: WriteContext): string | Uint8Array | Promise<string | Uint8Array>;
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const pair = (d: BilingualDocument) => `${primary(d.sourceLang)}-${primary(d.targetLang)}`;
const primary = (l: string) => l.split('-')[0].toLowerCase();

/**
 * Every export format: what writes it, its content type and its file name. The CLI, the
 * download route and the tests all go through this list, so a format exists everywhere or nowhere.
 */
export const EXPORT_FORMATS: readonly ExportFormatSpec[] = [
	{ id: 'tmx', suffix: (d) => `${pair(d)}.tmx`, contentType: 'application/x-tmx+xml; charset=utf-8', issues: false, count: (d) => rowsOf(d).filter(isConfirmedPair).length, write: (d) => writeDocumentTmx(d) },
	{ id: 'xliff', suffix: (d) => `${pair(d)}.xlf`, contentType: 'application/xliff+xml; charset=utf-8', issues: true, write: (d, c) => writeXliff20(d, { t: c.t }) },
	{ id: 'xliff12', suffix: (d) => `${pair(d)}.xliff12.xlf`, contentType: 'application/xliff+xml; charset=utf-8', issues: true, write: (d, c) => writeXliff12(d, { t: c.t }) },
	{ id: 'html', suffix: (d) => `${pair(d)}.html`, contentType: 'text/html; charset=utf-8', issues: true, write: (d, c) => writeSideBySideHtml(d, { t: c.t, uiLang: c.uiLang }) },
	{ id: 'docx', suffix: (d) => `${pair(d)}.review.docx`, contentType: DOCX, issues: true, write: (d, c) => writeBilingualDocx(d, { t: c.t, uiLang: c.uiLang }) },
	{ id: 'tsv', suffix: (d) => `${pair(d)}.tsv`, contentType: 'text/tab-separated-values; charset=utf-8', issues: false, write: (d, c) => writePairsTable(d, { delimiter: '\t', t: c.t }) },
	{ id: 'csv', suffix: (d) => `${pair(d)}.csv`, contentType: 'text/csv; charset=utf-8', issues: false, write: (d, c) => writePairsTable(d, { delimiter: ',', t: c.t }) },
	{ id: 'txt', suffix: (d) => `${primary(d.targetLang)}.txt`, contentType: 'text/plain; charset=utf-8', issues: false, targetOnly: true, write: (d) => writeTranslatedText(d) },
	{ id: 'docx-translated', suffix: (d) => `${primary(d.targetLang)}.docx`, contentType: DOCX, issues: false, targetOnly: true, write: (d) => writeTranslatedDocx(d) }
];

export const EXPORT_FORMAT_IDS = EXPORT_FORMATS.map((f) => f.id);

export function exportFormat(id: string): ExportFormatSpec {
	const f = EXPORT_FORMATS.find((x) => x.id === id);
	if (!f) throw new AtelierError('export_format', { format: id, formats: EXPORT_FORMAT_IDS.join(', ') });
	return f;
}

export interface ExportedFile {
	bytes: Uint8Array;
	contentType: string;
	filename: string;
	/** rows written (for TMX: confirmed pairs only) */
	rows: number;
	/** for a finished-translation format: what is not finished in it (see `exportGaps`) */
	gaps?: ExportGaps;
}

/** What a target-only file holds that is not a confirmed translation. */
export interface ExportGaps {
	rows: number;
	/** no translation: the source stands in its place */
	untranslated: number;
	/** a translation not confirmed (new, draft or rejected), included as it stands */
	unconfirmed: number;
}

export function exportGaps(doc: BilingualDocument): ExportGaps {
	const gaps = { rows: 0, untranslated: 0, unconfirmed: 0 };
	for (const r of rowsOf(doc)) {
		gaps.rows++;
		if (r.target == null || r.target.trim() === '') gaps.untranslated++;
		else if (!CONFIRMED.has(r.status)) gaps.unconfirmed++;
	}
	return gaps;
}

/** The warning lines a user gets with a finished-translation file that is not finished; none when it is. */
export function gapsWarnings(g: ExportGaps | undefined, t: Translate): string[] {
	if (!g) return [];
	const out: string[] = [];
	if (g.untranslated) out.push(t('export.gapsUntranslated', { count: g.untranslated, rows: g.rows }));
	if (g.unconfirmed) out.push(t('export.gapsUnconfirmed', { count: g.unconfirmed }));
	return out;
}

/** Builds a document's export in one format: its bytes, content type and a safe file name. */
export async function exportDocument(src: ExportSources, docId: number, format: string, ctx: WriteContext, opts: BuildOptions = {}): Promise<ExportedFile> {
	const spec = exportFormat(format);
	const doc = buildBilingual(src, docId, { issues: spec.issues, ...opts });
	const out = await spec.write(doc, ctx);
	return {
		bytes: typeof out === 'string' ? new TextEncoder().encode(out) : out,
		contentType: spec.contentType,
		filename: safeFilename(`${doc.title}.${spec.suffix(doc)}`),
		rows: spec.count ? spec.count(doc) : doc.paragraphs.reduce((n, p) => n + p.rows.length, 0),
		gaps: spec.targetOnly ? exportGaps(doc) : undefined
	};
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
const MAX_NAME = 150;

/**
 * A file name safe on every system: no path (separators become `-`), no control or
 * invisible formatting characters (bidi overrides could disguise the extension), none of
 * `<>:"|?*`, no leading dot, no Windows device name, at most 150 characters with the
 * extension kept. Accents and French punctuation stay.
 */
export function safeFilename(name: string, fallback = 'document'): string {
	let s = name
		.normalize('NFC')
		.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
		.replace(/[/\\<>:"|?*]/g, '-')
		.replace(/[\s\u00a0\u202f]+/g, ' ')
		.replace(/\.{2,}/g, '.')
		.trim()
		.replace(/^[.\s-]+/, '')
		.replace(/[.\s]+$/, '');
	if (!s) s = fallback;
	if (WINDOWS_RESERVED.test(s)) s = `_${s}`;
	if ([...s].length > MAX_NAME) {
		const dot = s.indexOf('.', Math.max(0, s.length - 30));
		const ext = dot > 0 ? s.slice(dot) : '';
		s = [...s.slice(0, s.length - ext.length)].slice(0, MAX_NAME - [...ext].length).join('').trimEnd() + ext;
	}
	return s || fallback;
}

/** `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266 / RFC 5987), from an already safe name. */
export function contentDisposition(filename: string): string {
	const safe = safeFilename(filename);
	const ascii =
		safe
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[’‘]/g, "'")
			.replace(/[«»“”]/g, '')
			.replace(/[^\x20-\x7e]/g, '_')
			.replace(/["\\%]/g, '_') || 'download';
	const star = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
	return `attachment; filename="${ascii}"; filename*=UTF-8''${star}`;
}
