import { error } from '@sveltejs/kit';
import { createT } from '$lib/i18n/index.js';
import { throwFor } from '$lib/server/errors.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const t = createT(locals.lang);
	const id = Number(params.id);
	if (!Number.isInteger(id) || id <= 0) error(404, { message: t('doc.notFound') });
	const wb = await getWorkbench();
	try {
		return { doc: wb.getDocument(id), report: wb.importReport(id) ?? [], justImported: url.searchParams.has('imported') };
	} catch (e) {
		throwFor(t, e);
	}
};
