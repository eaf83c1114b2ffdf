import { building } from '$app/environment';
import type { Handle, ServerInit } from '@sveltejs/kit';
import { LANG_COOKIE, pickLang } from '$lib/i18n/index.js';
import { getWorkbench } from '$lib/server/workbench.js';

export const init: ServerInit = async () => {
	if (!building) await getWorkbench();
};

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.lang = pickLang(event.cookies.get(LANG_COOKIE), event.request.headers.get('accept-language'));
	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang)
	});
	response.headers.set('Content-Language', event.locals.lang);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	return response;
};
