import type { UiLang } from '$lib/i18n/index.js';

declare global {
	namespace App {
		interface Locals {
			lang: UiLang;
			/** the name this browser signs its changes with (cookie atelier_user), or null */
			user: string | null;
		}
		interface Error {
			message: string;
			code?: string;
		}
	}
}

export {};
