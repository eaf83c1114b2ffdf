import { TAG_BASE, type InlineTag } from '../../model.js';
import { escapeAttr, escapeText } from '../xml.js';

/**
 * Inline tags (U+E000+i placeholders, as TmUnit keeps them) ↔ XLIFF placeholders.
 *
 * Every tag is written as a standalone placeholder, whatever it was (TMX bpt/ept/ph/hi, XLIFF
 * g/x…): its kind and attributes go in one token (`bpt;i=1;x=1`, percent-encoded so it holds no
 * space or colon) — 1.2 `ctype="x-atelier-<token>"`, 2.0 `subType="atelier:<token>"` — and its
 * native code is the placeholder's text (1.2) or `originalData` (2.0). So every writer/reader
 * pair gives the tag back as it was, and both versions stay valid.
 */
export function tagToken(tag: InlineTag): string {
	let s = encodeURIComponent(tag.kind);
	for (const [k, v] of Object.entries(tag.attrs)) s += `;${encodeURIComponent(k)}=${encodeURIComponent(v)}`;
	return s;
}

export function tokenToTag(token: string, content: string): InlineTag {
	const [kind, ...pairs] = token.split(';');
	const attrs: Record<string, string> = {};
	for (const p of pairs) {
		const eq = p.indexOf('=');
		if (eq > 0) attrs[decodeURIComponent(p.slice(0, eq))] = decodeURIComponent(p.slice(eq + 1));
	}
	return { kind: decodeURIComponent(kind), attrs, content };
}

/** Text with its placeholders rendered by `tag(i)`; the rest escaped (`\r` kept as a reference). */
export function renderInline(text: string, tags: InlineTag[] | undefined, tag: (i: number, t: InlineTag) => string): string {
	let out = '';
	let plain = '';
	const flush = () => {
		out += escapeText(plain).replace(/\r/g, '&#13;');
		plain = '';
	};
	for (const ch of text) {
		const i = ch.charCodeAt(0) - TAG_BASE;
		if (tags && ch.length === 1 && i >= 0 && i < tags.length) {
			flush();
			out += tag(i, tags[i]);
		} else plain += ch;
	}
	flush();
	return out;
}

export const ph12 = (i: number, t: InlineTag) => `<ph id="${i + 1}" ctype="x-atelier-${escapeAttr(tagToken(t))}">${escapeText(t.content)}</ph>`;
export const ph20 = (side: 's' | 't') => (i: number, t: InlineTag) =>
	`<ph id="${side}${i + 1}" dataRef="d${side}${i + 1}" type="fmt" subType="atelier:${escapeAttr(tagToken(t))}"/>`;
