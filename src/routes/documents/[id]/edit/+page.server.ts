import { createT } from '$lib/i18n/index.js';
import { documentId, throwFor } from '$lib/server/errors.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const t = createT(locals.lang);
	const id = documentId(params.id, t);
	const wb = await getWorkbench();
	try {
		const segments = wb.editing.rows(id);
		const d = wb.listDocuments().find((x) => x.id === id)!;
		const seg = Number(url.searchParams.get('seg'));
		return {
			doc: { id, title: d.title, sourceLang: d.sourceLang, targetLang: d.targetLang },
			segments,
			start: Number.isInteger(seg) && seg >= 1 ? seg - 1 : null
		};
	} catch (e) {
		throwFor(t, e);
	}
};
