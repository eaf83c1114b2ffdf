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

/** What is wrong with a unit's text after an edit, tag-wise (see `tagProblem`). */
export type TagProblem = { problem: 'unknown' | 'twice'; marker: string } | { problem: 'unpaired'; marker: string; other: string };

const marker = (i: number) => `${OPEN}${i + 1}${CLOSE}`;

/**
 * A text edited by a person (markers already turned back by `unmarkTags`) checked against
 * its side's tags: a marker that names no tag stays as text and would be exported as such;
 * a tag written twice, or half of a bpt/ept pair without the other half or after it, makes
 * a TMX that passes the DTD but that CAT tools refuse or mangle. Deleting a whole pair, or
 * a standalone tag, is allowed: that is a translator's choice.
 */
export function tagProblem(text: string, tags: readonly InlineTag[] | undefined): TagProblem | null {
	const unknown = new RegExp(MARKER.source).exec(text);
	if (unknown) return { problem: 'unknown', marker: unknown[0] };
	if (!tags?.length) return null;
	const at = new Map<number, number>();
	let k = 0;
	for (const ch of text) {
		const i = ch.charCodeAt(0) - TAG_BASE;
		if (i >= 0 && i < tags.length) {
			if (at.has(i)) return { problem: 'twice', marker: marker(i) };
			at.set(i, k);
		}
		k++;
	}
	for (const [i, pos] of at) {
		const t = tags[i];
		if (t.kind !== 'bpt' && t.kind !== 'ept') continue;
		const mate = tags.findIndex((u) => u.kind === (t.kind === 'bpt' ? 'ept' : 'bpt') && u.attrs.i === t.attrs.i);
		if (mate < 0) continue;
		const open = t.kind === 'bpt' ? i : mate;
		const close = t.kind === 'bpt' ? mate : i;
		const other = at.get(mate);
		if (other === undefined || (t.kind === 'bpt' ? other < pos : other > pos)) return { problem: 'unpaired', marker: marker(open), other: marker(close) };
	}
	return null;
}
