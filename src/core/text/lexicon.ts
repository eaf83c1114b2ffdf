import { createRequire } from 'node:module';
import { primaryLang } from '../lang.js';

const require = createRequire(import.meta.url);

/** Word lists shipped as npm data packages (MIT), used only for line-end hyphen decisions. */
const PACKAGES: Record<string, string> = {
	fr: 'an-array-of-french-words',
	en: 'an-array-of-english-words'
};

/**
 * A lazily loaded `isWord` for a language (undefined when we have no list). The list is read
 * on the first question, which only a line-end hyphen asks, so imports without one never
 * pay for it.
 */
export function lexiconFor(lang: string): ((word: string) => boolean) | undefined {
	const pkg = PACKAGES[primaryLang(lang)];
	if (!pkg) return undefined;
	let words: Set<string> | null = null;
	return (word: string) => {
		if (!words) {
			const list = require(pkg) as string[];
			words = new Set(list.map((w) => w.toLowerCase()));
		}
		return words.has(word.toLowerCase());
	};
}
