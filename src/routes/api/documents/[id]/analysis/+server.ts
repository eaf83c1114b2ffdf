import { json } from '@sveltejs/kit';
import { placeOf, tFor } from '$lib/editor/server.js';
import { throwFor } from '$lib/server/errors.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { RequestHandler } from './$types';

/** Progress by status and the match analysis in the standard bands. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const t = tFor(locals.lang);
	const { id } = placeOf(params, t);
	const wb = await getWorkbench();
	try {
		return json({ progress: wb.editing.progress(id), analysis: wb.editing.analyse(id) });
	} catch (e) {
		throwFor(t, e);
	}
};
