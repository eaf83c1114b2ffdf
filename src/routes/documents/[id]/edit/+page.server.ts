import { createT } from '$lib/i18n/index.js';
import { documentId, throwFor } from '$lib/server/errors.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { PageServerLoad } from './$types';

/**
 * Only the rows around the segment to open come with the page, so a 10,000-segment document
 * opens as fast as a short one; the editor fetches the rest from the JSON API at once.
 */
export const load: PageServerLoad = async ({ params, url, locals }) => {
	const t = createT(locals.lang);
	const id = documentId(params.id, t);
	const wb = await getWorkbench();
	try {
		const seg = Number(url.searchParams.get('seg'));
		const open = wb.editing.opening(id, { at: Number.isInteger(seg) && seg >= 1 ? seg - 1 : null });
		const d = wb.listDocuments().find((x) => x.id === id)!;
		return { doc: { id, title: d.title, sourceLang: d.sourceLang, targetLang: d.targetLang }, ...open };
	} catch (e) {
		throwFor(t, e);
	}
};
