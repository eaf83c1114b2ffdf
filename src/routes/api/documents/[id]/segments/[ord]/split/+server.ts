import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { bodyOf, placeOf, tFor } from '$lib/editor/server.js';
import { throwFor } from '$lib/server/errors.js';
import { signedBy } from '$lib/server/user.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { RequestHandler } from './$types';

const Body = z.object({
	/** where the second part starts, in UTF-16 code units into the segment's source */
	offset: z.number().int().min(0).max(1_000_000),
	version: z.number().int().min(0),
	by: signedBy,
	/** only undo the join that made the segment (the editor's Undo), never an ordinary split: 400 `segment_undo_join` when something changed since */
	undo: z.boolean().optional()
});

/**
 * Splits segment `ord` in two at `offset`. 200 with the rows from `ord` to the end, 409 when
 * the segment changed since the editor read it, 400 with the reason for a cut that would
 * leave an empty part or fall inside a word (`segment_split_inside_word`, naming the nearest
 * cuts between words).
 */
export const POST: RequestHandler = async ({ params, request, locals }) => {
	const t = tFor(locals.lang);
	const { id, ord } = placeOf(params, t);
	const b = await bodyOf(request, Body, t);
	const wb = await getWorkbench();
	try {
		return json({ ok: true, ...wb.editing.splitSegment(id, ord, b.offset, { version: b.version, by: b.by ?? locals.user, undo: b.undo }) });
	} catch (e) {
		throwFor(t, e);
	}
};
