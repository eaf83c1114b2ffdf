import type { BilingualDocument, BilingualParagraph, BilingualRow } from '../../export/bilingual.js';
import { type InlineTag, TAG_BASE } from '../../model.js';
import { showInvisible } from '../invisible.js';

export interface TranslatedOptions {
	/**
	 * What an untranslated segment becomes. `source` (the default) keeps the original
	 * sentence so the document stays whole and readable, at the cost of mixing languages;
	 * `omit` drops it, for a target-only text where gaps are preferable to French.
	 */
	untranslated?: 'source' | 'omit';
}

// control characters have no place in a document (a stray form feed from a PDF)
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** The target text of one paragraph, segments joined as the original joined them (one space). */
export function paragraphTarget(p: BilingualParagraph, opts: TranslatedOptions = {}): string {
	// invisible characters (a bidi override, a zero-width space) are shown, never applied
	const text = p.rows
		.map((r) => targetOf(r, opts))
		.filter((s): s is string => s != null && s !== '')
		.join(' ');
	return showInvisible(text.replace(CONTROL, ''));
}

export function targetOf(r: BilingualRow, opts: TranslatedOptions = {}): string | null {
	if (r.target != null && r.target !== '') return withoutTags(r.target, r.targetTags);
	return (opts.untranslated ?? 'source') === 'source' ? withoutTags(r.source, r.sourceTags) : null;
}

/**
 * Inline tag placeholders (one private-use character per tag) have no meaning in a plain
 * translated document: they are dropped, and the spaces around them tidied.
 */
export function withoutTags(text: string, tags: InlineTag[] | undefined): string {
	if (!tags?.length) return text;
	const end = TAG_BASE + tags.length;
	let out = '';
	for (const ch of text) {
		const c = ch.charCodeAt(0);
		if (c < TAG_BASE || c >= end) out += ch;
	}
	return out.replace(/ {2,}/g, ' ').trim();
}

/**
 * The translated document as plain text, laid out the way the seeds' `en.txt` is: one
 * paragraph per line, a blank line between paragraphs, list items with their bullet and the
 * footnote with its mark, each where the original had it (the call mark stays in the text).
 */
export function writeTranslatedText(doc: BilingualDocument, opts: TranslatedOptions = {}): string {
	const out: string[] = [];
	for (const p of doc.paragraphs) {
		const text = paragraphTarget(p, opts);
		if (!text) continue;
		if (p.kind === 'footnote') out.push(`${p.marker ?? '*'} ${text}`);
		else if (p.kind === 'list_item') out.push(`${p.marker ?? '•'} ${text}`);
		else out.push(text);
	}
	return out.join('\n\n') + '\n';
}
