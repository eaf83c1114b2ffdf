import { FLASH, takeFlash } from '$lib/server/flash.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ cookies }) => {
	const deleted = takeFlash(cookies, FLASH.deleted);
	return { documents: (await getWorkbench()).listDocuments(), deleted };
};
