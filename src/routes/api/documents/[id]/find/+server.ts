import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { bodyOf, placeOf, tFor } from '$lib/editor/server.js';
import { throwFor } from '$lib/server/errors.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { RequestHandler } from './$types';

const Body = z.object({
	find: z.string().min(1).max(2000),
	in: z.enum(['source', 'target']).default('target'),
	regex: z.boolean().default(false),
	caseSensitive: z.boolean().default(false)
});

/** Where a text or pattern occurs in the document's sources or targets. */
export const POST: RequestHandler = async ({ params, request, locals }) => {
	const t = tFor(locals.lang);
	const { id } = placeOf(params, t);
	const q = await bodyOf(request, Body, t);
	const wb = await getWorkbench();
	try {
		return json({ hits: wb.editing.find(id, q) });
	} catch (e) {
		throwFor(t, e);
	}
};
