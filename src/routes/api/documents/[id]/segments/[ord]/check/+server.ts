import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { bodyOf, placeOf, tFor } from '$lib/editor/server.js';
import { throwFor } from '$lib/server/errors.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { RequestHandler } from './$types';

const Body = z.object({ target: z.string().max(1_000_000) });

/** Term checks of a target being typed (nothing is stored). */
export const POST: RequestHandler = async ({ params, request, locals }) => {
	const t = tFor(locals.lang);
	const { id, ord } = placeOf(params, t);
	const { target } = await bodyOf(request, Body, t);
	const wb = await getWorkbench();
	try {
		return json({ issues: wb.editing.checkTerms(id, ord, target) });
	} catch (e) {
		throwFor(t, e);
	}
};
