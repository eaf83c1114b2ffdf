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
const PARTICLES = new Set(['de', 'du', 'des', 'la', 'le', "d'", 'van', 'von', 'der', 'den', 'da', 'di', 'dos', 'bin', 'ben', 'al', 'el', 'y', 'of', 'and', 'et', '&']);

// capitalised at the start of a heading, these are ordinary words, not a name (`Après Bucarest`, `After Bucharest`)
const FUNCTION_WORDS = new Set(
	(
		'a an the and or of in on at to for from by with after before about against between during under over into through ' +
		'our their its his her my your this that these those new why how what when where who ' +
		'le la les un une des du de au aux et ou pour par avec sans sur sous dans entre après avant vers chez contre depuis ' +
		'notre nos votre vos leur leurs son sa ses ce cette ces nouveau nouvelle nouveaux nouvelles pourquoi comment quand où qui ' +
		// words of document titles, capitalised in English headings
		'summary report statement declaration communiqué meeting summit council committee annex appendix chapter section table contents overview background agenda press release executive final joint ' +
		'résumé rapport déclaration réunion sommet conseil comité annexe chapitre tableau sommaire communiqué presse ordre jour'
	).split(' ')
);

// endings of common nouns and verb forms, which a name seldom has: `Statement`, `Déclaration`, `Helping`, `Sécurité`
const COMMON_ENDING = /(?:tion|sion|ment|ments|ing|ity|ities|ness|ship|ism|isme|ance|ence|ité|ités|ure|age|ique|iques|eur|eurs|ised|ized|ée|ées)$/u;

/**
 * Text that stays the same in every language: numbers, codes, URLs, acronyms (NATO, KFOR),
 * a name (Jaap de Hoop Scheffer, Bucarest: capitalised words that are neither function words
 * nor shaped like common nouns), or a single capitalised word (a cognate heading:
 * `Introduction`). Anything with an ordinary lower-case word needs translating.
 */
export function isInvariant(text: string): boolean {
	const words = text
		.replace(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+/gu, ' ')
		.replace(/\b(?:https?:\/\/|www\.)\S+/g, ' ')
		.split(/[^\p{L}\p{N}'’&-]+/u)
		.map((w) => w.replace(/^['’-]+|['’-]+$/g, '').replace(/['’]s$/u, ''))
		.filter((w) => /\p{L}/u.test(w));
	if (words.length === 0) return true;
	const acronym = (w: string) => /^[\p{Lu}\p{N}&-]+s?$/u.test(w) && /\p{Lu}.*\p{Lu}|\p{Lu}.*\p{N}|\p{N}.*\p{Lu}/u.test(w);
	if (words.every((w) => acronym(w) || /\d/.test(w))) return true;
	if (words.length === 1) return /^\p{Lu}/u.test(words[0]);
	// a list of names (`Nanga Parbat, Cho Oyu, Gasherbrum`) is judged name by name
	const chunks = text.split(/[,;/]|\s(?:et|and|&)\s/u).filter((c) => /\p{L}/u.test(c));
	return chunks.every((c) => isName(c, acronym));
}

function isName(text: string, acronym: (w: string) => boolean): boolean {
	const words = text
		.split(/[^\p{L}\p{N}'’&-]+/u)
		.map((w) => w.replace(/^['’-]+|['’-]+$/g, '').replace(/['’]s$/u, ''))
		.filter((w) => /\p{L}/u.test(w));
	const content = words.filter((w, i) => !(i > 0 && PARTICLES.has(w.toLowerCase()) && /^\p{Ll}/u.test(w)));
	if (content.length > 4) return false;
	return content.every((w) => acronym(w) || /\d/.test(w) || (/^\p{Lu}/u.test(w) && !FUNCTION_WORDS.has(w.toLowerCase()) && !COMMON_ENDING.test(w.toLowerCase())));
}

/** The target is the source unchanged, and the source is prose that needed translating. */
export const copied: QaCheck = {
	id: 'qa.copied',
	run(ctx) {
		const s = ctx.source.text;
		const t = ctx.target.text;
		if (!t.trim() || ctx.sourceLang === ctx.targetLang) return [];
		// a copy differs at most by its spaces: most targets are told apart by length alone
		if (Math.abs(s.length - t.length) > 8 + 0.1 * s.length) return [];
		if (normalizeForCompare(s) !== normalizeForCompare(t)) return [];
		if (isInvariant(s)) return [];
		return [issue(ctx, 'qa.copied', 'warning', 'copied', {}, 'same')];
	}
};
