import { json } from '@sveltejs/kit';
import { placeOf, tFor } from '$lib/editor/server.js';
import { throwFor } from '$lib/server/errors.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { RequestHandler } from './$types';

/** Every segment of a document as the editor grid draws it. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const t = tFor(locals.lang);
	const { id } = placeOf(params, t);
	const wb = await getWorkbench();
	try {
		return json({ segments: wb.editing.rows(id) });
	} catch (e) {
		throwFor(t, e);
	}
};
