import { json } from '@sveltejs/kit';
import { placeOf, tFor } from '$lib/editor/server.js';
import { throwFor } from '$lib/server/errors.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { RequestHandler } from './$types';

/** What the panels need for the active segment: its state, TM matches, glossary terms and term warnings. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const t = tFor(locals.lang);
	const { id, ord } = placeOf(params, t);
	const wb = await getWorkbench();
	try {
		return json({
			segment: wb.editing.get(id, ord),
			matches: wb.editing.matches(id, ord, { limit: 5 }),
			terms: wb.editing.terms(id, ord),
			issues: wb.editing.checkTerms(id, ord)
		});
	} catch (e) {
		throwFor(t, e);
	}
};
