import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { createT } from '$lib/i18n/index.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { RequestHandler } from './$types';

const Bead = z.object({
	srcFrom: z.number().int(),
	srcTo: z.number().int(),
	tgtFrom: z.number().int(),
	tgtTo: z.number().int(),
	confidence: z.number(),
	evidence: z.array(z.any()),
	locked: z.boolean(),
	manual: z.boolean(),
	confirmed: z.boolean()
});
const Ord = z.number().int().min(0);
const Edit = z.discriminatedUnion('op', [
	z.object({ op: z.literal('merge'), ord: Ord }),
	z.object({ op: z.literal('split'), ord: Ord, srcAt: z.number().int(), tgtAt: z.number().int() }),
	z.object({ op: z.literal('moveUp'), ord: Ord, side: z.enum(['src', 'tgt']) }),
	z.object({ op: z.literal('moveDown'), ord: Ord, side: z.enum(['src', 'tgt']) }),
	z.object({ op: z.literal('detach'), ord: Ord }),
	z.object({ op: z.literal('lock'), ord: Ord, locked: z.boolean() }),
	z.object({ op: z.literal('set'), beads: z.array(Bead) }),
	z.object({ op: z.literal('realign') }),
	z.object({ op: z.literal('splitSegment'), side: z.enum(['src', 'tgt']), ord: Ord, offset: z.number().int().min(1) }),
	z.object({ op: z.literal('joinSegment'), side: z.enum(['src', 'tgt']), ord: Ord })
]);
const Body = z.union([
	z.object({ action: z.literal('edit'), version: z.number().int(), edit: Edit }),
	z.object({ action: z.literal('confirm'), minConfidence: z.number().min(0).max(1) })
]);

/** One edit of an alignment (saved at once), or "confirm into TM". JSON in, the new view out. */
export const POST: RequestHandler = async ({ params, request, locals }) => {
	const t = createT(locals.lang);
	const parsed = Body.safeParse(await request.json().catch(() => null));
	if (!parsed.success) error(400, { message: t('errors.form', { fields: parsed.error.issues.map((i) => i.path.join('.')).join(', ') }) });
	const wb = await getWorkbench();
	const id = Number(params.aid);
	if (parsed.data.action === 'confirm') {
		const n = wb.alignment.confirm(id, { minConfidence: parsed.data.minConfidence });
		return json({ ok: true, confirmed: n, view: wb.alignment.view(id) });
	}
	const r = wb.alignment.edit(id, parsed.data.version, parsed.data.edit);
	return json(r, { status: r.ok ? 200 : 409 });
};
