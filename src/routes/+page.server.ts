import { getWorkbench } from '$lib/server/workbench.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ documents: (await getWorkbench()).listDocuments() });
