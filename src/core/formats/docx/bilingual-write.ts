import {
	Bookmark,
	Document,
	Footer,
	type IRunOptions,
	Header,
	Packer,
	PageNumber,
	PageOrientation,
	Paragraph,
	ShadingType,
	Table,
	TableCell,
	TableLayoutType,
	TableRow,
	TextRun,
	WidthType
} from 'docx';
import type { BilingualDocument, BilingualRow } from '../../export/bilingual.js';
import type { BlockKind, SegmentStatus } from '../../model.js';
import { showInvisible, splitInvisible } from '../invisible.js';
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
	const header = new TableRow({
		tableHeader: true,
		cantSplit: true,
		children: headerTexts.map(
			(text, i) =>
				new TableCell({
					width: { size: WIDTHS[i], type: WidthType.DXA },
					shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E6E6E6' },
					children: [new Paragraph({ children: [new TextRun({ text, bold: true })] })]
				})
		)
	});
	const body = rows.map(({ r, kind, level }) => rowOf(doc, r, kind, level, opts));
	const table = new Table({
		width: { size: TABLE_WIDTH, type: WidthType.DXA },
		columnWidths: WIDTHS,
		layout: TableLayoutType.FIXED,
		rows: [header, ...body]
	});
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
						children: [small(t('bilingual.statusValues', { values: STATUSES.map((s) => t(`bilingual.status.${s}`)).join(', ') }))]
					}),
					table,
					new Paragraph({ children: [] })
				]
			}
		]
	});
	return withDefaultStyles(new Uint8Array(await Packer.toBuffer(document)));
}

/**
 * Text as runs, each invisible format character (bidi override, zero-width space) written as
 * a small red `⟦U+202E⟧` so that the reviewer sees it and Word does not apply it; the
 * reader turns the marks back into the characters, and a reviewer who deletes a mark
 * deletes the character.
 */
function visibleRuns(text: string, style: IRunOptions): TextRun[] {
	return splitInvisible(docxSafe(text)).map((part) =>
		part.invisible
			? new TextRun({ ...style, text: showInvisible(part.text), color: 'A00000', size: 14, bold: false, italics: false })
			: new TextRun({ ...style, text: part.text })
	);
}

function rowOf(doc: BilingualDocument, r: BilingualRow, kind: BlockKind, level: number | null, opts: BilingualDocxOptions): TableRow {
	const { t } = opts;
	// the kind of paragraph shows as formatting only: the cell text must stay exactly the segment
	const style = {
		bold: kind === 'heading',
		size: kind === 'heading' ? (level ?? 1) <= 1 ? 24 : 21 : kind === 'footnote' ? 16 : undefined,
		italics: kind === 'footnote'
	};
	const indent = kind === 'list_item' ? { left: 240 } : undefined;
	const cell = (i: number, children: Paragraph[]) => new TableCell({ width: { size: WIDTHS[i], type: WidthType.DXA }, children });
	const textCell = (i: number, text: string | null, lang: string) =>
		cell(i, [new Paragraph({ indent, children: text ? visibleRuns(text, { language: { value: lang }, ...style }) : [] })]);
	return new TableRow({
		cantSplit: false,
		children: [
			cell(0, [
				new Paragraph({
					children: [new Bookmark({ id: rowBookmark(doc.documentId, r.id, r.version), children: [new TextRun({ text: String(r.number), color: '555555' })] })]
				})
			]),
			textCell(1, r.source, doc.sourceLang),
			textCell(2, r.target, doc.targetLang),
			cell(3, [new Paragraph({ children: [new TextRun({ text: t(`bilingual.status.${r.status}`) })] })]),
			cell(4, [new Paragraph({ children: r.comment ? visibleRuns(r.comment, {}) : [] })])
		]
	});
}
