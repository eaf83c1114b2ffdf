import { AtelierError } from './errors.js';

/** Canonical BCP-47 (`fr-fr` → `fr-FR`); a located error for anything else. */
export function canonicalLang(tag: string, field = 'lang'): string {
	const t = tag.trim();
	if (!/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(t)) throw new AtelierError('lang_invalid', { lang: tag, field });
	try {
		return Intl.getCanonicalLocales(t)[0];
	} catch {
		throw new AtelierError('lang_invalid', { lang: tag, field });
	}
}

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/**
 * Whether ICU has a name for this primary language (`fr`, `eng`): well-formed is not enough,
 * any two or three letters are (`xx`, `foo`), and a slip there would give a document or a
 * check nobody's glossary, segmentation rules or TM can serve, without a word.
 */
export function isKnownLanguage(primary: string): boolean {
	return /^[a-z]{2,3}$/i.test(primary) && LANGUAGE_NAMES.of(primary.toLowerCase()) !== undefined;
}

/** `canonicalLang`, for a language a person chose (a form, an option): it must also be one ICU knows. */
export function knownLang(tag: string, field = 'lang'): string {
	const canonical = canonicalLang(tag, field);
	if (!isKnownLanguage(primaryLang(canonical))) throw new AtelierError('lang_unknown', { lang: tag.trim(), field });
	return canonical;
}

/** The primary language subtag: `fr-FR` → `fr`. */
export function primaryLang(tag: string): string {
	return tag.split('-')[0].toLowerCase();
}
