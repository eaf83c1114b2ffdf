import { building } from '$app/environment';
import type { Handle, ServerInit } from '@sveltejs/kit';
import { LANG_COOKIE, pickLang } from '$lib/i18n/index.js';
import { getWorkbench } from '$lib/server/workbench.js';

export const init: ServerInit = async () => {
	if (!building) await getWorkbench();
};

/**
 * Responses that SvelteKit did not give a policy (API JSON, exports, files) get the strictest
 * one: nothing loads, nothing runs, not even when an exported HTML file is opened from here.
 */
const STRICT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox";

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.lang = pickLang(event.cookies.get(LANG_COOKIE), event.request.headers.get('accept-language'));
	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang)
	});
	const h = response.headers;
	h.set('Content-Language', event.locals.lang);
	h.set('X-Content-Type-Options', 'nosniff');
	h.set('Referrer-Policy', 'same-origin');
	h.set('X-Frame-Options', 'DENY');
	h.set('Cross-Origin-Opener-Policy', 'same-origin');
	if (!h.has('Content-Security-Policy')) h.set('Content-Security-Policy', STRICT_CSP);
	return response;
};
