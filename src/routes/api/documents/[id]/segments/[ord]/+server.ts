import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { badRequestMessage } from '$lib/editor/server.js';
import { createT } from '$lib/i18n/index.js';
import { throwFor } from '$lib/server/errors.js';
import { signedBy } from '$lib/server/user.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { RequestHandler } from './$types';

const Save = z.object({
	target: z.string().max(1_000_000),
	status: z.enum(['new', 'draft', 'translated', 'reviewed', 'rejected']),
	version: z.number().int().min(0),
	by: signedBy,
	/** `restore`: a version brought back from the segment's history (kept apart from the typing around it) */
	kind: z.enum(['edit', 'restore']).optional(),
	/** false: a confirmation leaves the document's empty repetitions of the source alone (default: fills them as drafts) */
	propagate: z.boolean().optional()
});

function place(params: { id: string; ord: string }, t: ReturnType<typeof createT>) {
	const id = Number(params.id);
	const ord = Number(params.ord);
	if (!Number.isInteger(id) || id <= 0 || !Number.isInteger(ord) || ord < 0) error(404, { message: t('doc.notFound') });
	return { id, ord };
}

/** One segment as the editor sees it (source, target, status, version, neighbours). */
export const GET: RequestHandler = async ({ params, locals }) => {
	const t = createT(locals.lang);
	const { id, ord } = place(params, t);
	const wb = await getWorkbench();
	try {
		return json(wb.editing.get(id, ord));
	} catch (e) {
		throwFor(t, e);
	}
};

/**
 * Saves a target against the version the editor opened: 200 with the new state, or 409
 * with the current state so the translator can choose — never a silent overwrite.
 */
export const PUT: RequestHandler = async ({ params, request, locals }) => {
	const t = createT(locals.lang);
	const { id, ord } = place(params, t);
	const parsed = Save.safeParse(await request.json().catch(() => null));
	if (!parsed.success) error(400, { message: badRequestMessage(t, parsed.error.issues) });
	const wb = await getWorkbench();
	try {
		// a body naming its author wins (scripts); else the browser's signature from /settings
		const r = wb.editing.save(id, ord, { ...parsed.data, by: parsed.data.by ?? locals.user });
		return json(r, { status: r.ok ? 200 : 409 });
	} catch (e) {
		throwFor(t, e);
	}
};
