import type { QaCheck } from './types.js';
import { issue } from './types.js';

/** Spaces of every kind as one, apostrophes and quotes as one, case ignored: a copy with a retouched space is still a copy. */
export function normalizeForCompare(s: string): string {
	return s
		.normalize('NFC')
		.replace(/[’‘ʼ']/g, "'")
		.replace(/[«»“”„"]/g, '"')
		.replace(/[\s\u00A0\u202F\u2009]+/gu, ' ')
		.replace(/ ?([;:!?»)]) ?/g, '$1')
		.replace(/([«(]) /g, '$1')
		.trim()
		.toLocaleLowerCase();
}

// particles inside personal and place names (Jaap de Hoop Scheffer, Mohammed bin Salman)
const PARTICLES = new Set(['de', 'du', 'des', 'la', 'le', 'van', 'von', 'der', 'den', 'da', 'di', 'dos', 'bin', 'ben', 'al', 'el', 'y', 'of', 'and', '&']);

/**
 * Text that stays the same in every language: numbers, codes, URLs, acronyms (NATO, KFOR),
 * and a short run of capitalised words, a name (Jaap de Hoop Scheffer, Bucarest). Anything
 * with an ordinary lower-case word needs translating.
 */
export function isInvariant(text: string): boolean {
	const words = text
		.replace(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+/gu, ' ')
		.replace(/\b(?:https?:\/\/|www\.)\S+/g, ' ')
		.split(/[^\p{L}\p{N}'’&-]+/u)
		.map((w) => w.replace(/^['’-]+|['’-]+$/g, ''))
		.filter((w) => /\p{L}/u.test(w));
	if (words.length === 0) return true;
	const acronym = (w: string) => /^[\p{Lu}\p{N}&-]+s?$/u.test(w) && /\p{Lu}.*\p{Lu}|\p{Lu}.*\p{N}|\p{N}.*\p{Lu}/u.test(w);
	if (words.every((w) => acronym(w) || /\d/.test(w))) return true;
	const capitalised = (w: string) => /^\p{Lu}/u.test(w) || PARTICLES.has(w.toLowerCase()) || acronym(w);
	return words.length <= 4 && words.filter((w) => !PARTICLES.has(w.toLowerCase())).length <= 3 && words.every(capitalised) && /^\p{Lu}/u.test(words[0]);
}

/** The target is the source unchanged, and the source is prose that needed translating. */
export const copied: QaCheck = {
	id: 'qa.copied',
	run(ctx) {
		const s = ctx.source.text;
		const t = ctx.target.text;
		if (!t.trim() || ctx.sourceLang === ctx.targetLang) return [];
		if (normalizeForCompare(s) !== normalizeForCompare(t)) return [];
		if (isInvariant(s)) return [];
		return [issue(ctx, 'qa.copied', 'warning', 'copied', {}, 'same')];
	}
};
