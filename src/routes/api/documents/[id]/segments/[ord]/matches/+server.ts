import { error, json } from '@sveltejs/kit';
import { createT } from '$lib/i18n/index.js';
import { throwFor } from '$lib/server/errors.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { RequestHandler } from './$types';

/** TM matches for one segment of a document (exact, in-context, fuzzy; `?limit=&threshold=`). */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	const t = createT(locals.lang);
	const id = Number(params.id);
	const ord = Number(params.ord);
	if (!Number.isInteger(id) || id <= 0 || !Number.isInteger(ord) || ord < 0) error(404, { message: t('doc.notFound') });
	const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 5) || 5, 1), 50);
	const threshold = Math.min(Math.max(Number(url.searchParams.get('threshold') ?? 50) || 50, 1), 100);
	const wb = await getWorkbench();
	try {
		return json(wb.editing.matches(id, ord, { limit, threshold }));
	} catch (e) {
		throwFor(t, e);
	}
};
