import { getWorkbench } from '$lib/server/workbench.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => ({ documents: (await getWorkbench()).listDocuments(), deleted: url.searchParams.get('deleted') });
