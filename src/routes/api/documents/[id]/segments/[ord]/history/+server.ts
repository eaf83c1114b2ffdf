import { error, json } from '@sveltejs/kit';
import { createT } from '$lib/i18n/index.js';
import { throwFor } from '$lib/server/errors.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { RequestHandler } from './$types';

/** The changes of one segment's target, newest first (`?limit=`, 1–500, default 50), and how many there are in all. */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	const t = createT(locals.lang);
	const id = Number(params.id);
	const ord = Number(params.ord);
	if (!Number.isInteger(id) || id <= 0 || !Number.isInteger(ord) || ord < 0) error(404, { message: t('doc.notFound') });
	const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 50) || 50, 1), 500);
	const wb = await getWorkbench();
	try {
		return json(wb.editing.history(id, ord, { limit }));
	} catch (e) {
		throwFor(t, e);
	}
};
