import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { bodyOf, placeOf, tFor } from '$lib/editor/server.js';
import { throwFor } from '$lib/server/errors.js';
import { signedBy } from '$lib/server/user.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { RequestHandler } from './$types';

const Body = z.object({
	/** the versions of this segment and the next that the editor holds */
	versions: z.tuple([z.number().int().min(0), z.number().int().min(0)]),
	by: signedBy,
	/** only undo the split that made the two segments (the editor's Undo), never an ordinary join: 400 `segment_undo_split` when something changed since */
	undo: z.boolean().optional()
});

/**
 * Joins segment `ord` with the next one. 200 with the rows from `ord` to the end (they all
 * moved or changed), 409 when either segment changed since the editor read it, 400 with the
 * located reason when the join is refused (other paragraph, locked alignment bead…).
 */
export const POST: RequestHandler = async ({ params, request, locals }) => {
	const t = tFor(locals.lang);
	const { id, ord } = placeOf(params, t);
	const b = await bodyOf(request, Body, t);
	const wb = await getWorkbench();
	try {
		return json({ ok: true, ...wb.editing.joinSegments(id, ord, { versions: b.versions, by: b.by ?? locals.user, undo: b.undo }) });
	} catch (e) {
		throwFor(t, e);
	}
};
