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

/** The primary language subtag: `fr-FR` → `fr`. */
export function primaryLang(tag: string): string {
	return tag.split('-')[0].toLowerCase();
}
