import { getContext, setContext } from 'svelte';
import type { TFunction } from 'i18next';
import { createT, type UiLang } from './index.js';

const KEY = Symbol('i18n');

export interface I18n {
	lang: UiLang;
	t: TFunction;
}

/** Called once by the root layout with the language the server chose. */
export function provideI18n(lang: UiLang): I18n {
	const value = { lang, t: createT(lang) };
	setContext(KEY, value);
	return value;
}

export function useI18n(): I18n {
	return getContext<I18n>(KEY);
}
