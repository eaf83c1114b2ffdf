import type { UiLang } from '$lib/i18n/index.js';

declare global {
	namespace App {
		interface Locals {
			lang: UiLang;
		}
		interface Error {
			message: string;
			code?: string;
		}
	}
}

export {};
