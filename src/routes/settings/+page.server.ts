import { fail } from '@sveltejs/kit';
import { createT } from '$lib/i18n/index.js';
import { FLASH, flashAndRedirect, takeFlash } from '$lib/server/flash.js';
import { cleanUserName, forgetUser, rememberUser, USER_NAME_MAX, userNameProblem } from '$lib/server/user.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, cookies }) => ({ user: locals.user, max: USER_NAME_MAX, message: takeFlash(cookies, FLASH.settings) });

export const actions: Actions = {
	/** Remembers the name this browser signs with; an empty name signs nothing, as "clear" does. */
	save: async ({ request, cookies, url, locals }) => {
		const t = createT(locals.lang);
		const raw = String((await request.formData()).get('name') ?? '');
		const problem = userNameProblem(raw);
		if (problem) return fail(400, { error: t(`signature.settings.${problem}`, { max: USER_NAME_MAX }), name: raw });
		const name = cleanUserName(raw);
		if (!name) {
			forgetUser(cookies, url);
			flashAndRedirect(cookies, url, FLASH.settings, t('signature.settings.cleared'), '/settings');
		}
		rememberUser(cookies, url, name);
		flashAndRedirect(cookies, url, FLASH.settings, t('signature.settings.saved', { name }), '/settings');
	},
	clear: async ({ cookies, url, locals }) => {
		forgetUser(cookies, url);
		flashAndRedirect(cookies, url, FLASH.settings, createT(locals.lang)('signature.settings.cleared'), '/settings');
	}
};
