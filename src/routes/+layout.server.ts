import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => ({ lang: locals.lang, user: locals.user, path: url.pathname + url.search });
