/** Language tags offered in forms (any valid BCP-47 tag is accepted by the core). */
export const DOC_LANGS = ['fr-FR', 'fr-BE', 'fr-CA', 'fr-CH', 'en-GB', 'en-US', 'de-DE', 'es-ES', 'it-IT', 'nl-NL', 'pl-PL', 'pt-PT', 'ru-RU', 'uk-UA'];

export function langName(tag: string, uiLang: string): string {
	try {
		return `${new Intl.DisplayNames([uiLang], { type: 'language' }).of(tag)} (${tag})`;
	} catch {
		return tag;
	}
}
