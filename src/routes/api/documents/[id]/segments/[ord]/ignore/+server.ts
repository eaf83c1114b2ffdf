import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { bodyOf, placeOf, tFor } from '$lib/editor/server.js';
import { throwFor } from '$lib/server/errors.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { RequestHandler } from './$types';

const Body = z.object({
	check: z.string().min(1).max(100),
	fingerprint: z.string().min(1).max(500),
	reason: z.string().max(1000).default(''),
	undo: z.boolean().optional()
});

/** Accepts a warning on a segment (the terminology ignore-list), or takes it back with `undo`. */
export const POST: RequestHandler = async ({ params, request, locals }) => {
	const t = tFor(locals.lang);
	const { id, ord } = placeOf(params, t);
	const b = await bodyOf(request, Body, t);
	const wb = await getWorkbench();
	try {
		if (b.undo) wb.terminology.unignore(id, ord, b.check, b.fingerprint);
		else wb.terminology.ignore(id, ord, b.check, b.fingerprint, b.reason || 'editor', locals.user);
		return json({ issues: wb.editing.checkTerms(id, ord) });
	} catch (e) {
		throwFor(t, e);
	}
};
