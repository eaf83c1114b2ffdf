import type { BilingualDocument, BilingualParagraph, BilingualRow } from '../../export/bilingual.js';

export interface TranslatedOptions {
	/**
	 * What an untranslated segment becomes. `source` (the default) keeps the original
	 * sentence so the document stays whole and readable, at the cost of mixing languages;
	 * `omit` drops it, for a target-only text where gaps are preferable to French.
	 */
	untranslated?: 'source' | 'omit';
}

/** The target text of one paragraph, segments joined as the original joined them (one space). */
export function paragraphTarget(p: BilingualParagraph, opts: TranslatedOptions = {}): string {
	return p.rows
		.map((r) => targetOf(r, opts))
		.filter((s): s is string => s != null && s !== '')
		.join(' ');
}

export function targetOf(r: BilingualRow, opts: TranslatedOptions = {}): string | null {
	if (r.target != null && r.target !== '') return r.target;
	return (opts.untranslated ?? 'source') === 'source' ? r.source : null;
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
