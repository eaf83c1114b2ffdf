import { Document, Footer, Header, Packer, PageNumber, PageOrientation, Paragraph, TextRun } from 'docx';
import type { BilingualDocument, BilingualRow } from '../../export/bilingual.js';
import type { BlockKind, SegmentStatus } from '../../model.js';
import { showInvisible, splitInvisible } from '../invisible.js';
import { escapeAttr, escapeText } from '../xml.js';
import { withDefaultStyles } from './styles.js';
import { docxSafe, encodeIds, rowBookmark } from './text.js';

export interface BilingualDocxOptions {
	t: (key: string, params?: Record<string, unknown>) => string;
	uiLang: 'fr' | 'en';
}

/** Identifies our review tables; the reader refuses a DOCX without it or without a table that looks like ours. */
export const REVIEW_FORMAT = 'atelier-bilingual-review/1';

/** Word keeps custom string properties up to 255 characters; longer ones are truncated on save. */
const PROPERTY_LIMIT = 255;

export const STATUSES: readonly SegmentStatus[] = ['new', 'draft', 'translated', 'reviewed', 'rejected'];

// A4 landscape in twentieths of a point, 15 mm margins
const PAGE = { width: 16838, height: 11906, margin: 850 };
const TABLE_WIDTH = PAGE.width - 2 * PAGE.margin;
const WIDTHS = [700, 5400, 5400, 1300, TABLE_WIDTH - 700 - 5400 - 5400 - 1300];

/**
 * The bilingual DOCX reviewers work in: one table, no. | source | target | status | comment,
 * its header row repeated on each page, A4 landscape. Each row's id travels in a bookmark
 * around its number (`atl_<document>_<id>`): bookmarks are invisible, move with the row when
 * a reviewer sorts or cuts and pastes, and survive Word and LibreOffice. The document id,
 * the languages and the ids in row order are also kept as custom document properties, so
 * a file whose bookmarks were lost can still be matched by row number.
 */
export async function writeBilingualDocx(doc: BilingualDocument, opts: BilingualDocxOptions): Promise<Uint8Array> {
	const { t } = opts;
	const rows = doc.paragraphs.flatMap((p) => p.rows.map((r) => ({ r, kind: p.kind, level: p.level })));
	const headerTexts = [
		t('bilingual.col.number'),
		`${t('bilingual.col.source')} (${doc.sourceLang})`,
		`${t('bilingual.col.target')} (${doc.targetLang})`,
		t('bilingual.col.status'),
		t('bilingual.col.comment')
	];
	const statusLabel = new Map(STATUSES.map((s) => [s, t(`bilingual.status.${s}`)]));
	const docLine = t('bilingual.docLine', {
		id: doc.documentId,
		sourceLang: doc.sourceLang,
		targetLang: doc.targetLang,
		date: doc.exportedAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC')
	});
	const ids = encodeIds(rows.map(({ r }) => r.id));
	const numbers = encodeIds(rows.map(({ r }) => String(r.number)));
	const customProperties = [
		{ name: 'AtelierFormat', value: REVIEW_FORMAT },
		{ name: 'AtelierDocument', value: String(doc.documentId) },
		{ name: 'AtelierOrigin', value: doc.origin },
		{ name: 'AtelierSourceLang', value: doc.sourceLang },
		{ name: 'AtelierTargetLang', value: doc.targetLang },
		{ name: 'AtelierExportedAt', value: doc.exportedAt }
	];
	if (ids.length <= PROPERTY_LIMIT && numbers.length <= PROPERTY_LIMIT)
		customProperties.push({ name: 'AtelierIds', value: ids }, { name: 'AtelierNumbers', value: numbers });
	const small = (text: string) => new TextRun({ text: showInvisible(docxSafe(text)), size: 16, color: '555555' });
	const document = new Document({
		title: docxSafe(doc.title),
		subject: `${t('bilingual.heading')} ${doc.sourceLang} → ${doc.targetLang}`,
		creator: 'Atelier',
		customProperties,
		styles: { default: { document: { run: { size: 19, font: 'DejaVu Sans' } } } },
		sections: [
			{
				properties: {
					page: {
						size: { width: PAGE.height, height: PAGE.width, orientation: PageOrientation.LANDSCAPE },
						margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, header: 400, footer: 400 }
					}
				},
				headers: { default: new Header({ children: [new Paragraph({ children: [small(`${doc.title} — ${docLine}`)] })] }) },
				footers: {
					default: new Footer({
						children: [new Paragraph({ children: [new TextRun({ children: [PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES], size: 16, color: '555555' })] })]
					})
				},
				children: [
					new Paragraph({ children: [new TextRun({ text: showInvisible(docxSafe(doc.title)), bold: true, size: 26 })] }),
					new Paragraph({ children: [small(`${t(`bilingual.origin.${doc.origin}`)} · ${docLine}`)] }),
					new Paragraph({ children: [small(t('bilingual.instructions'))] }),
					new Paragraph({
						spacing: { after: 120 },
						children: [small(t('bilingual.statusValues', { values: STATUSES.map((s) => statusLabel.get(s)).join(', ') }))]
					}),
					new Paragraph({ children: [new TextRun(TABLE_SLOT)] }),
					new Paragraph({ children: [] })
				]
			}
		]
	});
	// the table is written as XML here: the docx library takes ~3 ms a row (30 s for 10,000
	// segments), string building a few microseconds; the rest of the package stays the library's
	const table = [
		'<w:tbl><w:tblPr>',
		`<w:tblW w:type="dxa" w:w="${TABLE_WIDTH}"/>`,
		'<w:tblBorders>',
		...['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((b) => `<w:${b} w:val="single" w:color="auto" w:sz="4"/>`),
		'</w:tblBorders><w:tblLayout w:type="fixed"/>',
		'<w:tblCellMar><w:top w:w="30" w:type="dxa"/><w:left w:w="70" w:type="dxa"/><w:bottom w:w="30" w:type="dxa"/><w:right w:w="70" w:type="dxa"/></w:tblCellMar>',
		'</w:tblPr><w:tblGrid>',
		...WIDTHS.map((w) => `<w:gridCol w:w="${w}"/>`),
		'</w:tblGrid>',
		'<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>',
		...headerTexts.map((text, i) => `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${WIDTHS[i]}"/><w:shd w:val="clear" w:color="auto" w:fill="E6E6E6"/></w:tcPr><w:p>${run(text, { bold: true })}</w:p></w:tc>`),
		'</w:tr>',
		...rows.map(({ r, kind, level }, i) => rowXml(doc, r, kind, level, statusLabel.get(r.status) ?? r.status, i + 1)),
		'</w:tbl>'
	].join('');
	return withDefaultStyles(new Uint8Array(await Packer.toBuffer(document)), (xml) =>
		xml.replace(new RegExp(`<w:p>(?:(?!<w:p>).)*?${TABLE_SLOT}.*?</w:p>`), () => table)
	);
}

const TABLE_SLOT = 'ATELIER-TABLE-SLOT';

interface RunStyle {
	bold?: boolean;
	italics?: boolean;
	color?: string;
	/** half-points */
	size?: number;
	lang?: string;
}

function run(text: string, st: RunStyle): string {
	const props =
		(st.bold ? '<w:b/><w:bCs/>' : '') +
		(st.italics ? '<w:i/><w:iCs/>' : '') +
		(st.color ? `<w:color w:val="${st.color}"/>` : '') +
		(st.size ? `<w:sz w:val="${st.size}"/><w:szCs w:val="${st.size}"/>` : '') +
		(st.lang ? `<w:lang w:val="${escapeAttr(st.lang)}"/>` : '');
	// a tab or line break inside <w:t> is shown by Word as a plain space: they are elements of their own
	const body = text
		.split(/(\t|\n)/)
		.map((part) => (part === '\t' ? '<w:tab/>' : part === '\n' ? '<w:br/>' : part ? `<w:t xml:space="preserve">${escapeText(part)}</w:t>` : ''))
		.join('');
	return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}${body}</w:r>`;
}

/**
 * Text as runs, each invisible format character (bidi override, zero-width space) written as
 * a small red `⟦U+202E⟧` so that the reviewer sees it and Word does not apply it; the
 * reader turns the marks back into the characters, and a reviewer who deletes a mark
 * deletes the character.
 */
function visibleRuns(text: string, st: RunStyle): string {
	return splitInvisible(docxSafe(text))
		.map((part) => (part.invisible ? run(showInvisible(part.text), { lang: st.lang, color: 'A00000', size: 14 }) : run(part.text, st)))
		.join('');
}

function rowXml(doc: BilingualDocument, r: BilingualRow, kind: BlockKind, level: number | null, status: string, bookmarkId: number): string {
	// the kind of paragraph shows as formatting only: the cell text must stay exactly the segment
	const st: RunStyle = {
		bold: kind === 'heading',
		italics: kind === 'footnote',
		size: kind === 'heading' ? ((level ?? 1) <= 1 ? 24 : 21) : kind === 'footnote' ? 16 : undefined
	};
	const pPr = kind === 'list_item' ? '<w:pPr><w:ind w:left="240"/></w:pPr>' : '';
	const cell = (i: number, content: string, withPPr = false) =>
		`<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${WIDTHS[i]}"/></w:tcPr><w:p>${withPPr ? pPr : ''}${content}</w:p></w:tc>`;
	const name = rowBookmark(doc.documentId, r.id, r.version);
	return [
		// a row stays on one page (Word and Writer still split a row taller than a page)
		'<w:tr><w:trPr><w:cantSplit/></w:trPr>',
		cell(0, `<w:bookmarkStart w:id="${bookmarkId}" w:name="${name}"/>${run(String(r.number), { color: '555555' })}<w:bookmarkEnd w:id="${bookmarkId}"/>`),
		cell(1, r.source ? visibleRuns(r.source, { ...st, lang: doc.sourceLang }) : '', true),
		cell(2, r.target ? visibleRuns(r.target, { ...st, lang: doc.targetLang }) : '', true),
		cell(3, run(status, {})),
		cell(4, r.comment ? visibleRuns(r.comment, {}) : ''),
		'</w:tr>'
	].join('');
}
