import { building } from '$app/environment';
import type { Handle, ServerInit } from '@sveltejs/kit';
import { createT, LANG_COOKIE, pickLang, type UiLang } from '$lib/i18n/index.js';
import { readUser } from '$lib/server/user.js';
import { getWorkbench } from '$lib/server/workbench.js';

export const init: ServerInit = async () => {
	if (!building) await getWorkbench();
};

/**
 * Responses that SvelteKit did not give a policy (API JSON, exports, files) get the strictest
 * one: nothing loads, nothing runs, not even when an exported HTML file is opened from here.
 */
const STRICT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox";

/** How long a write waits for a running TM import before it is answered 503 (and retried by the editor). */
const IMPORT_WAIT_MS = 30_000;

/**
 * A TM import holds the database's write lock until it commits. A write arriving meanwhile
 * waits for it here, without blocking the server; past the wait it gets a translated 503
 * rather than an SQLITE_BUSY failure, and the editor keeps the text and sends it again.
 */
async function writableOr503(method: string, lang: UiLang): Promise<Response | null> {
	if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return null;
	const importing = (await getWorkbench()).tm.importing();
	if (!importing) return null;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const waited = await Promise.race([importing.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), IMPORT_WAIT_MS)))]);
	clearTimeout(timer);
	if (waited) return null;
	return new Response(JSON.stringify({ message: createT(lang)('errors.tm_import_busy') }), {
		status: 503,
		headers: { 'content-type': 'application/json', 'retry-after': '10' }
	});
}

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.lang = pickLang(event.cookies.get(LANG_COOKIE), event.request.headers.get('accept-language'));
	// who signs this request's writes when its body names nobody (set on /settings)
	event.locals.user = readUser(event.cookies);
	const busy = await writableOr503(event.request.method, event.locals.lang);
	if (busy) return busy;
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
