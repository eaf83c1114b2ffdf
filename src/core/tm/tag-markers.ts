import { TAG_BASE, type InlineTag } from '../model.js';

/**
 * A unit's inline tags for a person: in the stored text each tag is one Private-Use
 * character (TAG_BASE + i, see formats/tmx/inline.ts), invisible or an empty box on screen
 * and in a terminal, and easy to delete by mistake. Shown and edited as `⟦1⟧`, `⟦2⟧`…
 * (numbered from 1, brackets no text uses), and turned back into placeholders on save.
 */
const OPEN = '⟦';
const CLOSE = '⟧';
const MARKER = /⟦(\d{1,4})⟧/g;

/** The text with each placeholder of a known tag written as its marker. */
export function markTags(text: string, tags: readonly InlineTag[] | undefined): string {
	if (!tags?.length) return text;
	let out = '';
	for (const ch of text) {
		const i = ch.charCodeAt(0) - TAG_BASE;
		out += i >= 0 && i < tags.length ? `${OPEN}${i + 1}${CLOSE}` : ch;
	}
	return out;
}

/** The inverse: a marker of a known tag becomes its placeholder; any other stays text. */
export function unmarkTags(text: string, tags: readonly InlineTag[] | undefined): string {
	if (!tags?.length) return text;
	return text.replace(MARKER, (m, n: string) => {
		const i = Number(n) - 1;
		return i >= 0 && i < tags.length ? String.fromCharCode(TAG_BASE + i) : m;
	});
}

/** The text in pieces for display: plain runs and tags (number, kind and native code, for a tooltip). */
export type TagPiece = { text: string } | { tag: number; kind: string; content: string };

export function tagPieces(text: string, tags: readonly InlineTag[] | undefined): TagPiece[] {
	const out: TagPiece[] = [];
	let run = '';
	for (const ch of text) {
		const i = ch.charCodeAt(0) - TAG_BASE;
		const tag = tags && i >= 0 && i < tags.length ? tags[i] : undefined;
		if (!tag) {
			run += ch;
			continue;
		}
		if (run) out.push({ text: run });
		run = '';
		out.push({ tag: i + 1, kind: tag.kind, content: tag.content });
	}
	if (run) out.push({ text: run });
	return out;
}
