import { primaryLang } from '../lang.js';

/** Letters without their diacritics: `État` → `Etat`. */
export function foldAccents(s: string): string {
	return s.normalize('NFD').replace(/\p{M}+/gu, '');
}

/** All capitals (and digits), at least two letters: an acronym that only matches in capitals. */
export function isAllCaps(token: string): boolean {
	return /^[\p{Lu}\p{N}]+$/u.test(token) && (token.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
}

/**
 * A light inflection stem, the same for the glossary and the text: French and English
 * plural and feminine endings are removed so `partenariat/partenariats`, `allié/alliés/
 * alliée`, `internationale/internationaux` and `ally/allies` meet. It is not a linguistic
 * stemmer; it only has to map the forms a term takes to one key without merging terms.
 */
export function stem(word: string, lang: string, pluralOnly = false): string {
	let w = word;
	const l = primaryLang(lang);
	if (l === 'fr') {
		if (w.length > 4 && w.endsWith('aux')) w = w.slice(0, -3) + 'al';
		if (w.length > 3 && (w.endsWith('s') || w.endsWith('x'))) w = w.slice(0, -1);
		if (!pluralOnly && w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
		return w;
	}
	if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
	if (w.length > 4 && /(?:ch|sh|x|ss|z)es$/.test(w)) w = w.slice(0, -2);
	else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
	if (!pluralOnly && l === 'en' && w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
	return w;
}

/**
 * The matching key of a token: case folded, inflection removed, then accents folded —
 * in that order, so the feminine `-e` of `alliée` is told apart from the `-é` of `allié`.
 */
export function tokenKey(token: string, lang: string): string {
	return foldAccents(stem(token.toLowerCase(), lang));
}

/**
 * The key of a capitalised glossary word (a name: `France`, `Géorgie`, `Alliés`): only the
 * plural comes off, so `France` does not meet the adjective `franc`.
 */
export function properKey(token: string, lang: string): string {
	return foldAccents(stem(token.toLowerCase(), lang, true));
}

/**
 * Accents may only differ on capitals written in the text (`Etat` for `État`, `DEFENSE`
 * for `défense`: PDF text and older typing drop them); a lower-case `etat` is a different
 * word from `état` and does not match — nor from `État` (`etats-unis` is not `États-Unis`).
 */
export function accentsCompatible(termToken: string, textToken: string): boolean {
	if (termToken === textToken) return true;
	const n = Math.min(termToken.length, textToken.length);
	for (let i = 0; i < n; i++) {
		const a = termToken[i];
		const b = textToken[i];
		if (a === b) continue;
		const la = a.toLowerCase();
		const lb = b.toLowerCase();
		if (la === lb) continue;
		if (foldAccents(la) !== foldAccents(lb)) return true; // beyond here the words differ by inflection only
		if (b === lb) return false; // the accent differs on a lower-case letter of the text
	}
	return true;
}
