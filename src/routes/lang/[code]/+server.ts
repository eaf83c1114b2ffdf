import { error, redirect } from '@sveltejs/kit';
import { createT, isUiLang, LANG_COOKIE } from '$lib/i18n/index.js';
import type { RequestHandler } from './$types';

/** Sets the interface language and goes back to the page the user was on (same site only). */
export const GET: RequestHandler = ({ params, url, cookies, locals }) => {
	if (!isUiLang(params.code)) error(404, { message: createT(locals.lang)('errors.unknownLang', { lang: params.code }) });
	cookies.set(LANG_COOKIE, params.code, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax', httpOnly: false });
	const to = url.searchParams.get('to') ?? '/';
	redirect(303, to.startsWith('/') && !to.startsWith('//') && !to.startsWith('/\\') ? to : '/');
};
