import type { BilingualDocument } from '../../export/bilingual.js';
import { type InlineTag, TAG_BASE } from '../../model.js';
import { csvLine } from '../csv/parse.js';
import { showInvisible } from '../invisible.js';

export interface PairsTableOptions {
	delimiter: '\t' | ',';
	t: (key: string, params?: Record<string, unknown>) => string;
}

/**
 * Source/target pairs as a spreadsheet table: a header row in the UI language, one row per
 * segment (or bead, with its confidence). Status and kind stay as their codes (`reviewed`,
 * `list_item`) so the file can be filtered and re-used whatever the reader's language.
 * Quoting follows RFC 4180 and cells that a spreadsheet would run as a formula are prefixed
 * with `'` (shared with the glossary writer). Invisible format characters are written as
 * `⟦U+202E⟧` so that a bidi override cannot disguise a cell. CSV gets a BOM because Excel otherwise reads
 * it as the local 8-bit code page; TSV does not, as most TSV tools take UTF-8 as is.
 */
export function writePairsTable(doc: BilingualDocument, opts: PairsTableOptions): string {
	const { t, delimiter } = opts;
	const rows = doc.paragraphs.flatMap((p) => p.rows.map((r) => ({ p, r })));
	const withConfidence = doc.origin === 'alignment' || rows.some(({ r }) => r.confidence != null);
	const withMatch = rows.some(({ r }) => r.match != null);
	const header = [
		t('bilingual.col.number'),
		t('bilingual.col.id'),
		t('bilingual.col.paragraph'),
		t('bilingual.col.kind'),
		`${t('bilingual.col.source')} (${doc.sourceLang})`,
		`${t('bilingual.col.target')} (${doc.targetLang})`,
		t('bilingual.col.status'),
		...(withConfidence ? [t('bilingual.col.confidence')] : []),
		...(withMatch ? [t('bilingual.col.match')] : []),
		t('bilingual.col.comment')
	];
	const lines = [csvLine(header, delimiter)];
	for (const { p, r } of rows) {
		lines.push(
			csvLine(
				[
					String(r.number),
					r.id,
					String(p.ord + 1),
					r.kind,
					showInvisible(withMarkup(r.source, r.sourceTags)),
					r.target == null ? '' : showInvisible(withMarkup(r.target, r.targetTags)),
					r.status,
					...(withConfidence ? [r.confidence == null ? '' : r.confidence.toFixed(2)] : []),
					...(withMatch ? [r.match == null ? '' : String(r.match)] : []),
					showInvisible(r.comment ?? '')
				],
				delimiter
			)
		);
	}
	return (delimiter === ',' ? '\uFEFF' : '') + lines.join('\r\n') + '\r\n';
}

/** Inline tag placeholders back to the markup they stand for, as other tools' pair tables show it. */
function withMarkup(text: string, tags: InlineTag[] | undefined): string {
	if (!tags?.length) return text;
	let out = '';
	for (const ch of text) {
		const k = ch.charCodeAt(0) - TAG_BASE;
		out += k >= 0 && k < tags.length ? unescapeXml(tags[k].content) : ch;
	}
	return out;
}

function unescapeXml(s: string): string {
	return s.replace(/&(lt|gt|quot|apos|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
}
