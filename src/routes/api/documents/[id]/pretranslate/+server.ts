import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { bodyOf, placeOf, tFor } from '$lib/editor/server.js';
import { throwFor } from '$lib/server/errors.js';
import { signedBy } from '$lib/server/user.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { RequestHandler } from './$types';

const Body = z.object({
	status: z.enum(['draft', 'translated']),
	minScore: z.union([z.literal(100), z.literal(101)]).default(100),
	by: signedBy
});

/** Fills empty targets from exact / in-context TM matches; answers with the report. */
export const POST: RequestHandler = async ({ params, request, locals }) => {
	const t = tFor(locals.lang);
	const { id } = placeOf(params, t);
	const b = await bodyOf(request, Body, t);
	const wb = await getWorkbench();
	try {
		return json(wb.editing.pretranslate(id, { ...b, by: b.by ?? locals.user }));
	} catch (e) {
		throwFor(t, e);
	}
};
