import mammoth from 'mammoth';
import { AtelierError } from '../../errors.js';
import type { Block } from '../../model.js';
import { checkDocxArchive } from './archive-guard.js';
import { docxReason } from '../reason.js';
import { numberDocx, textKey, type NumberedParagraph } from './numbering.js';

/**
 * DOCX → blocks through mammoth, which maps Word styles to HTML (headings, lists,
 * footnotes). Its HTML is regular and escaped, so a small tokenizer reads it back; a full
 * HTML parser would add a dependency for nothing.
 */
export async function readDocx(bytes: Uint8Array, file: string): Promise<Block[]> {
	if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04)
		throw new AtelierError('docx_not_zip', {}, { file });
	checkDocxArchive(bytes, file);
	let html: string;
	const customMarks = new Map<string, string>();
	const numbered = await numberDocx(bytes);
	try {
		// images are never decoded: we keep text only, and an image can be a ZIP bomb
		const convertImage = mammoth.images.imgElement(() => Promise.resolve({ src: '' }));
		const res = await mammoth.convertToHtml(
			{ buffer: Buffer.from(bytes) },
			{ ignoreEmptyParagraphs: true, convertImage, transformDocument: (d: MammothElement) => takeCustomMarks(putLabels(d, numbered), customMarks) }
		);
		html = res.value;
	} catch (e) {
		throw new AtelierError('docx_invalid', { reason: docxReason((e as Error).message) }, { file });
	}
	return htmlToBlocks(html, customMarks);
}

interface MammothElement {
	type: string;
	children?: MammothElement[];
	value?: string;
	noteType?: string;
	noteId?: string;
	numbering?: { level: string; isOrdered: boolean } | null;
}

/**
 * Brackets a list label put at the head of its paragraph's text, for `htmlToBlocks` to take
 * out again (private-use characters: never in a Word text that we keep).
 */
const LABEL_OPEN = '\uE000';
const LABEL_CLOSE = '\uE001';
const LABEL_RE = /\uE000([^\uE000\uE001]*)\uE001/g;

function textOf(el: MammothElement): string {
	if (el.type === 'text') return el.value ?? '';
	return (el.children ?? []).map(textOf).join('');
}

/**
 * Gives each list paragraph mammoth read the label Word shows (`numbering.ts` counted them
 * from the XML). mammoth's paragraphs and the counted ones are paired in order, checked by
 * level and by their letters and digits; a paragraph with no partner (a tracked change or
 * a text box read differently) keeps the bullet rather than take a wrong number.
 */
function putLabels(root: MammothElement, numbered: NumberedParagraph[]): MammothElement {
	if (!numbered.length) return root;
	let at = 0;
	const visit = (el: MammothElement) => {
		if (el.type === 'paragraph' && el.numbering) {
			const key = textKey(textOf(el));
			const level = Number(el.numbering.level);
			const end = Math.min(numbered.length, at + 50);
			for (let j = at; j < end; j++) {
				const n = numbered[j];
				if (n.level !== level || n.key !== key) continue;
				at = j + 1;
				if (n.label !== null) {
					const run = { type: 'run', children: [{ type: 'text', value: LABEL_OPEN + n.label + LABEL_CLOSE }], styleId: null, styleName: null, verticalAlignment: 'baseline' };
					(el.children ??= []).unshift(run as MammothElement);
				}
				break;
			}
			return;
		}
		for (const c of el.children ?? []) visit(c);
	};
	visit(root);
	return root;
}

/**
 * A note with a custom mark (`*`, `†`) is written by Word as the reference followed, in the
 * same run, by the mark's text (`customMarkFollows`). mammoth numbers every reference and
 * would keep that text too (`[1]*`): the mark is taken out of the run here, keyed by the
 * note's HTML id, so that the call shows only what Word shows.
 */
function takeCustomMarks(el: MammothElement, marks: Map<string, string>): MammothElement {
	if (!el.children) return el;
	if (el.type === 'run') {
		const kids = el.children;
		for (let i = 0; i < kids.length - 1; i++) {
			const ref = kids[i];
			const next = kids[i + 1];
			if (ref.type !== 'noteReference' || next.type !== 'text' || !next.value?.trim()) continue;
			marks.set(`${ref.noteType}-${ref.noteId}`, next.value.trim());
			kids.splice(i + 1, 1);
		}
		return el;
	}
	for (const c of el.children) takeCustomMarks(c, marks);
	return el;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** `3` → `³`: a numbered call as Word shows it, and as the QA footnote check and cleanup know it. */
function superscript(n: string): string {
	return n.replace(/\d/g, (d) => SUPERSCRIPT[Number(d)]);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

function decodeEntities(s: string): string {
	return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
		if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
		return ENTITIES[e.toLowerCase()] ?? m;
	});
}

/**
 * mammoth's HTML → blocks. A note reference (`<sup><a href="#footnote-1">[1]</a></sup>`)
 * becomes a call mark in the text, as the TXT import keeps `Macédoine*`: the custom mark
 * when the note has one (`customMarks`, by the note's HTML id), else its number in
 * superscript (`Macédoine¹`), which never reads as a number of the text. The note's block
 * carries that mark and the call's place, so the call can be shown, translated and written
 * back as a real footnote reference.
 */
export function htmlToBlocks(html: string, customMarks: ReadonlyMap<string, string> = new Map()): Block[] {
	const blocks: Block[] = [];
	// by the note's HTML id (`footnote-1`, `endnote-1`): a footnote and an endnote can share a number
	const notes = new Map<string, { block: number; offset: number; mark: string }>();
	type Cur = { kind: Block['kind']; level?: number; marker?: string; text: string; noteId?: string; calls?: string[]; label?: string };
	let cur = null as Cur | null;
	const current = () => cur as Cur | null;
	let listDepth = 0;
	let noteId: string | null = null;
	let inRef: string | null = null;
	let refText = '';
	let inBackLink = false;
	const flush = () => {
		if (cur) {
			const text = cur.text.replace(/[ \t\n]+/g, ' ').trim().normalize('NFC');
			let rest = text;
			for (const c of cur.calls ?? []) rest = rest.replace(c, '');
			// a paragraph holding only a note call has no text of its own: dropped, with its calls
			if (text && !rest.trim()) for (const [k, n] of notes) if (n.block === blocks.length) notes.delete(k);
			if (rest.trim()) {
				const block: Block = { kind: cur.kind, text };
				if (cur.level) block.level = cur.level;
				if (cur.label !== undefined) {
					// a numbered paragraph mammoth left as a plain one (a level deeper than its lists) is still an item
					if (block.kind === 'body') block.kind = 'list_item';
					// an empty label (`numFmt="none"`): Word shows no mark, nor do we
					cur.marker = cur.label || undefined;
				}
				if (cur.marker) block.marker = cur.marker;
				if (cur.noteId) {
					const call = notes.get(cur.noteId);
					if (call) block.noteCall = { block: call.block, offset: call.offset };
				}
				blocks.push(block);
			}
		}
		cur = null;
	};
	const open = (kind: Block['kind'], extra: Partial<NonNullable<typeof cur>> = {}) => {
		flush();
		cur = { kind, text: '', ...extra };
	};
	const openNote = (id: string) => open('footnote', { marker: notes.get(id)?.mark ?? id.replace(/^(foot|end)note-/, ''), noteId: id });
	const openFlow = () => {
		if (noteId) openNote(noteId);
		else if (listDepth) open('list_item', { marker: '•' });
		else open('body');
	};
	for (const m of html.matchAll(/<(\/?)([a-zA-Z0-9]+)([^>]*)>|([^<]+)/g)) {
		const [, close, tagRaw, attrs, text] = m;
		if (text !== undefined) {
			let label: string | undefined;
			let plain = decodeEntities(text);
			if (plain.includes(LABEL_OPEN))
				plain = plain.replace(LABEL_RE, (_, l: string) => {
					label = l;
					return '';
				});
			if (inRef) refText += plain;
			if (inRef || inBackLink) continue;
			if (!cur) openFlow();
			cur!.text += plain;
			if (label !== undefined) cur!.label = label;
			continue;
		}
		const tag = tagRaw.toLowerCase();
		const id = /\bid="([^"]*)"/.exec(attrs)?.[1];
		const href = /\bhref="([^"]*)"/.exec(attrs)?.[1];
		if (!close) {
			if (/^h[1-6]$/.test(tag)) open('heading', { level: Number(tag[1]) });
			else if (tag === 'ul' || tag === 'ol') {
				flush();
				listDepth++;
			} else if (tag === 'li') {
				if (id && /^(foot|end)note-/.test(id)) {
					noteId = id;
					openNote(id);
				} else open('list_item', { marker: '•' });
			} else if (tag === 'p') {
				if (noteId || listDepth) {
					if (!cur) openFlow();
				} else open('body');
			} else if (tag === 'a' && href && /^#(foot|end)note-\d/.test(href)) {
				inRef = href.slice(1);
				refText = '';
			} else if (tag === 'a' && href && /^#(foot|end)note-ref-/.test(href)) inBackLink = true;
			else if (tag === 'br') {
				const c = current();
				if (c) c.text += ' ';
			}
		} else {
			if (/^h[1-6]$/.test(tag) || (tag === 'p' && !listDepth && !noteId)) flush();
			else if (tag === 'li') {
				flush();
				if (noteId) noteId = null;
			} else if (tag === 'ul' || tag === 'ol') {
				flush();
				listDepth = Math.max(0, listDepth - 1);
			} else if (tag === 'a') {
				if (inRef && !notes.has(inRef)) {
					const number = /^\s*\[(\d+)\]\s*$/.exec(refText)?.[1];
					const mark = customMarks.get(inRef) ?? (number ? superscript(number) : refText.trim());
					if (mark) {
						if (!cur) openFlow();
						const c = current()!;
						// the offset the call will have once flush collapses and trims the text
						const offset = c.text.replace(/[ \t\n]+/g, ' ').trimStart().normalize('NFC').length;
						c.text += mark;
						(c.calls ??= []).push(mark);
						notes.set(inRef, { block: blocks.length, offset, mark });
					}
				}
				inRef = null;
				inBackLink = false;
			}
		}
	}
	flush();
	return blocks;
}
