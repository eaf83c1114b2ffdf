import { createT } from '$lib/i18n/index.js';
import { documentId, throwFor } from '$lib/server/errors.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const t = createT(locals.lang);
	const id = documentId(params.id, t);
	const wb = await getWorkbench();
	try {
		const d = wb.getDocument(id);
		return { doc: { id, title: d.title, sourceLang: d.sourceLang, targetLang: d.targetLang }, progress: wb.editing.progress(id), analysis: wb.editing.analyse(id) };
	} catch (e) {
		throwFor(t, e);
	}
};
