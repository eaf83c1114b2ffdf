import { Document, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, type ParagraphChild, Tab, TextRun } from 'docx';
import type { BilingualDocument, BilingualParagraph } from '../../export/bilingual.js';
import { paragraphTarget, type TranslatedOptions } from '../text/translated.js';
import { withDefaultStyles } from './styles.js';
import { docxSafe } from './text.js';

const HEADINGS = [
	HeadingLevel.HEADING_1,
	HeadingLevel.HEADING_2,
	HeadingLevel.HEADING_3,
	HeadingLevel.HEADING_4,
	HeadingLevel.HEADING_5,
	HeadingLevel.HEADING_6
] as const;

/** Where a footnote is called: the paragraph, and the offset of its mark in that paragraph's text. */
interface NoteCall {
	id: number;
	offset: number;
	length: number;
}

/**
 * The translated document as Word: headings with Word's Heading styles, list items as
 * bulleted paragraphs, the footnote as a real footnote called where its mark (`*`) stands
 * in the translated text. Our own DOCX import (mammoth) reads these styles back, so a
 * translated document re-imports with the same structure. Untranslated segments fall back
 * to the source by default (see `TranslatedOptions.untranslated`).
 *
 * A footnote whose mark cannot be found in any earlier paragraph's target (the translator
 * dropped the `*`) stays in place as a small paragraph starting with its mark, so its text
 * is never lost.
 */
export async function writeTranslatedDocx(doc: BilingualDocument, opts: TranslatedOptions = {}): Promise<Uint8Array> {
	const texts = doc.paragraphs.map((p) => paragraphTarget(p, opts));
	const calls = new Map<number, NoteCall[]>();
	const footnotes: Record<number, { children: Paragraph[] }> = {};
	const placed = new Set<number>();
	let nextId = 1;
	doc.paragraphs.forEach((p, i) => {
		if (p.kind !== 'footnote' || !texts[i]) return;
		const mark = p.marker ?? '*';
		for (let j = i - 1; j >= 0; j--) {
			if (doc.paragraphs[j].kind === 'footnote') continue;
			const taken = calls.get(j) ?? [];
			const offset = findCall(texts[j], mark, taken);
			if (offset < 0) continue;
			const id = nextId++;
			calls.set(j, [...taken, { id, offset, length: mark.length }].sort((a, b) => a.offset - b.offset));
			footnotes[id] = { children: [new Paragraph({ children: textRuns(texts[i]) })] };
			placed.add(i);
			break;
		}
	});
	const children: Paragraph[] = [];
	doc.paragraphs.forEach((p, i) => {
		const text = texts[i];
		if (!text || placed.has(i)) return;
		children.push(paragraphOf(p, text, calls.get(i) ?? []));
	});
	const document = new Document({
		title: docxSafe(doc.title),
		creator: 'Atelier',
		description: `${doc.sourceLang} → ${doc.targetLang}`,
		styles: { default: { document: { run: { language: { value: doc.targetLang } }, paragraph: { spacing: { after: 120 } } } } },
		numbering: {
			config: [{ reference: 'bullets', levels: [{ level: 0, format: 'bullet', text: '•', alignment: 'left', style: { paragraph: { indent: { left: 720, hanging: 360 } } } }] }]
		},
		footnotes,
		sections: [{ properties: { page: { size: { width: 11906, height: 16838 } } }, children }]
	});
	return withDefaultStyles(new Uint8Array(await Packer.toBuffer(document)));
}

/** Runs of a text, its tabs and line breaks as Word's own elements (inside a run's text Word shows them as spaces). */
function textRuns(text: string): TextRun[] {
	const runs: TextRun[] = [];
	let lineBreak = false;
	for (const part of docxSafe(text).split(/(\t|\n)/)) {
		if (part === '\n') lineBreak = true;
		else if (part === '\t') runs.push(new TextRun({ children: [new Tab()], break: lineBreak ? 1 : undefined })), (lineBreak = false);
		else if (part || lineBreak) runs.push(new TextRun({ text: part, break: lineBreak ? 1 : undefined })), (lineBreak = false);
	}
	return runs;
}

function paragraphOf(p: BilingualParagraph, text: string, calls: NoteCall[]): Paragraph {
	const runs: ParagraphChild[] = [];
	let at = 0;
	for (const c of calls) {
		if (c.offset > at) runs.push(...textRuns(text.slice(at, c.offset)));
		runs.push(new FootnoteReferenceRun(c.id));
		at = c.offset + c.length;
	}
	if (at < text.length) runs.push(...textRuns(text.slice(at)));
	if (p.kind === 'heading') return new Paragraph({ heading: HEADINGS[Math.min(6, Math.max(1, p.level ?? 1)) - 1], children: runs });
	// a numbered item keeps its source label as text: Word would renumber a real list from 1
	if (p.kind === 'list_item' && p.marker && p.marker !== '•')
		return new Paragraph({ indent: { left: 720, hanging: 360 }, children: [new TextRun(docxSafe(p.marker)), new TextRun({ children: [new Tab()] }), ...runs] });
	if (p.kind === 'list_item') return new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: runs });
	if (p.kind === 'footnote')
		// unplaced footnote: kept where it was, with its mark
		return new Paragraph({ children: [new TextRun({ text: `${p.marker ?? '*'} `, superScript: true }), ...runs.map((r) => r)], style: 'FootnoteText' });
	return new Paragraph({ children: runs });
}

/** The last mark in `text` that follows a word (a call, not a bullet), and is not already used. */
function findCall(text: string, mark: string, taken: NoteCall[]): number {
	let from = text.length;
	while (from > 0) {
		const k = text.lastIndexOf(mark, from - 1);
		if (k < 0) return -1;
		if (k > 0 && /\S/.test(text[k - 1]) && !taken.some((c) => c.offset === k)) return k;
		from = k;
	}
	return -1;
}
