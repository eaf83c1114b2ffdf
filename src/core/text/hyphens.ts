/**
 * A hyphen at the end of an extracted line is either part of a compound (`euro-`/
 * `atlantique` → `euro-atlantique`, kept) or typesetting hyphenation (`gouver-`/`nement`
 * → `gouvernement`, removed). Only a lexicon can tell them apart, so we ask, in order:
 * the document itself (the same word elsewhere, on one line), then the language's word
 * list, then whether both halves are words of their own. When nothing knows, the hyphen
 * is kept: a wrong hyphen is visible and harmless, a wrongly joined compound is neither.
 */
export interface HyphenContext {
	/** lower-cased words of the document as written on single lines, with their hyphens */
	documentWords: Set<string>;
	isWord?: (word: string) => boolean;
}

export type HyphenDecision = 'keep' | 'join';

export function decideHyphen(left: string, right: string, ctx: HyphenContext): HyphenDecision {
	const l = left.toLowerCase();
	const r = right.toLowerCase();
	const hyphenated = `${l}-${r}`;
	const joined = l + r;
	if (ctx.documentWords.has(hyphenated)) return 'keep';
	if (ctx.documentWords.has(joined)) return 'join';
	if (/^\p{Lu}/u.test(right)) return 'keep'; // Bosnie-Herzégovine, ex-République
	if (ctx.isWord) {
		if (ctx.isWord(hyphenated)) return 'keep';
		if (ctx.isWord(joined)) return 'join';
		if (ctx.isWord(l) && ctx.isWord(r)) return 'keep';
	}
	return 'keep';
}

/** Words of a text as the hyphen check needs them: lower-cased, inner hyphens kept. */
export function collectWords(text: string): Set<string> {
	const out = new Set<string>();
	for (const m of text.matchAll(/\p{L}+(?:-\p{L}+)*/gu)) out.add(m[0].toLowerCase());
	return out;
}
