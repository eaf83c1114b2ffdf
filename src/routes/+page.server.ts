import { DELETED_COOKIE } from '$lib/server/flash.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ cookies }) => {
	const deleted = cookies.get(DELETED_COOKIE) ?? null;
	if (deleted != null) cookies.delete(DELETED_COOKIE, { path: '/' });
	return { documents: (await getWorkbench()).listDocuments(), deleted };
};
