import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { checked, placeOf, tFor } from '$lib/editor/server.js';
import { throwFor } from '$lib/server/errors.js';
import { signedBy } from '$lib/server/user.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { RequestHandler } from './$types';

const Preview = z.object({
	find: z.string().min(1).max(2000),
	replace: z.string().max(2000),
	regex: z.boolean().default(false),
	caseSensitive: z.boolean().default(false)
});
const Apply = z.object({
	apply: z.array(z.object({ ord: z.number().int().min(0), version: z.number().int().min(0), after: z.string().max(1_000_000) })).max(100_000),
	by: signedBy
});

/**
 * Replace in targets, in two steps: `{find, replace, …}` answers the preview (the list of
 * changes, each with the version it saw); `{apply: changes}` writes them in one transaction,
 * or answers 409 with the segments that changed since, writing nothing.
 */
export const POST: RequestHandler = async ({ params, request, locals }) => {
	const t = tFor(locals.lang);
	const { id } = placeOf(params, t);
	const raw = await request.json().catch(() => null);
	const wb = await getWorkbench();
	try {
		if (raw && typeof raw === 'object' && 'apply' in raw) {
			const b = checked(raw, Apply, t);
			const r = wb.editing.applyReplace(id, b.apply, b.by ?? locals.user);
			return json(r, { status: r.ok ? 200 : 409 });
		}
		const q = checked(raw, Preview, t);
		return json({ changes: wb.editing.previewReplace(id, q) });
	} catch (e) {
		throwFor(t, e);
	}
};
