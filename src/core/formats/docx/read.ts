import mammoth from 'mammoth';
import { AtelierError } from '../../errors.js';
import type { Block } from '../../model.js';
import { checkDocxArchive } from './archive-guard.js';
import { docxReason } from '../reason.js';

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
	try {
		// images are never decoded: we keep text only, and an image can be a ZIP bomb
		const convertImage = mammoth.images.imgElement(() => Promise.resolve({ src: '' }));
		const res = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { ignoreEmptyParagraphs: true, convertImage });
		html = res.value;
	} catch (e) {
		throw new AtelierError('docx_invalid', { reason: docxReason((e as Error).message) }, { file });
	}
	return htmlToBlocks(html);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

function decodeEntities(s: string): string {
	return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
		if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
		return ENTITIES[e.toLowerCase()] ?? m;
	});
}

export function htmlToBlocks(html: string): Block[] {
	const blocks: Block[] = [];
	const notes = new Map<string, { block: number; offset: number }>();
	type Cur = { kind: Block['kind']; level?: number; marker?: string; text: string; noteId?: string };
	let cur = null as Cur | null;
	const current = () => cur as Cur | null;
	let listDepth = 0;
	let noteId: string | null = null;
	let inRef: string | null = null;
	let inBackLink = false;
	const flush = () => {
		if (cur) {
			const text = cur.text.replace(/[ \t\n]+/g, ' ').trim().normalize('NFC');
			if (text) {
				const block: Block = { kind: cur.kind, text };
				if (cur.level) block.level = cur.level;
				if (cur.marker) block.marker = cur.marker;
				if (cur.noteId) {
					const call = notes.get(cur.noteId);
					if (call) block.noteCall = call;
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
	for (const m of html.matchAll(/<(\/?)([a-zA-Z0-9]+)([^>]*)>|([^<]+)/g)) {
		const [, close, tagRaw, attrs, text] = m;
		if (text !== undefined) {
			if (inRef || inBackLink) continue;
			if (!cur) open(noteId ? 'footnote' : listDepth ? 'list_item' : 'body', noteId ? { marker: noteId, noteId } : listDepth ? { marker: '•' } : {});
			cur!.text += decodeEntities(text);
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
					noteId = id.replace(/^(foot|end)note-/, '');
					open('footnote', { marker: noteId, noteId });
				} else open('list_item', { marker: '•' });
			} else if (tag === 'p') {
				if (noteId) {
					if (!cur) open('footnote', { marker: noteId, noteId });
				} else if (listDepth) {
					if (!cur) open('list_item', { marker: '•' });
				} else open('body');
			} else if (tag === 'a' && href && /^#(foot|end)note-\d/.test(href)) {
				inRef = href.replace(/^#(foot|end)note-/, '');
				const c = current();
				if (c) notes.set(inRef, { block: blocks.length, offset: c.text.replace(/[ \t\n]+/g, ' ').trimStart().length });
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
				inRef = null;
				inBackLink = false;
			}
		}
	}
	flush();
	return blocks;
}
