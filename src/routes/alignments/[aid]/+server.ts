import { json } from '@sveltejs/kit';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { createT, errorMessage } from '$lib/i18n/index.js';
import { signedBy } from '$lib/server/user.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { EditRefusal } from '../../../core/alignment/service.server.js';
import { isAtelierError } from '../../../core/errors.js';
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
	z.object({ op: z.literal('splitSegment'), side: z.enum(['src', 'tgt']), ord: Ord, offset: z.number().int().min(0) }),
	z.object({ op: z.literal('joinSegment'), side: z.enum(['src', 'tgt']), ord: Ord })
]);
const Body = z.union([
	z.object({ action: z.literal('edit'), version: z.number().int(), edit: Edit }),
	z.object({ action: z.literal('confirm'), minConfidence: z.number().min(0).max(1), by: signedBy })
]);

const STATUS: Record<string, number> = { document_not_found: 404 };

/** A refused edit in the reader's language, naming the sentence when there is one. */
function refusalMessage(t: TFunction, r: EditRefusal): string {
	if (r.reason === 'conflict') return t('align.conflict');
	if (r.reason === 'split_edge') return t('align.refused.splitEdge', { n: r.ord + 1, side: t(r.side === 'src' ? 'align.sideSrc' : 'align.sideTgt') });
	const o = r.obstacle;
	if (o?.why === 'locked') return t('align.refused.locked', { n: o.ord + 1 });
	if (o?.why === 'no_neighbour') return t('align.refused.noNeighbour', { n: o.ord + 1 });
	if (o?.why === 'nothing_to_move') return t('align.refused.nothingToMove', { n: o.ord + 1, side: t(o.side === 'src' ? 'align.sideSrc' : 'align.sideTgt') });
	return t('align.cannot');
}

/**
 * One edit of an alignment (saved at once), or "confirm into TM". JSON in, the new view out.
 * Every answer that is not a success carries a translated `message`; only a refused edit
 * (409 on a conflict, 422 otherwise) carries a view, the current one.
 */
export const POST: RequestHandler = async ({ params, request, locals }) => {
	const t = createT(locals.lang);
	const parsed = Body.safeParse(await request.json().catch(() => null));
	if (!parsed.success) {
		// a body that matches no variant of the union names no field: say what the reader can do
		const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.')).filter(Boolean))].join(', ');
		return json({ ok: false, message: fields ? t('errors.form', { fields }) : t('align.badRequest') }, { status: 400 });
	}
	const wb = await getWorkbench();
	const id = Number(params.aid);
	try {
		if (parsed.data.action === 'confirm') {
			const n = wb.alignment.confirm(id, { minConfidence: parsed.data.minConfidence, by: parsed.data.by ?? locals.user });
			return json({ ok: true, confirmed: n, view: wb.alignment.view(id) });
		}
		const r = wb.alignment.edit(id, parsed.data.version, parsed.data.edit);
		if (r.ok) return json(r);
		return json({ ...r, message: refusalMessage(t, r) }, { status: r.reason === 'conflict' ? 409 : 422 });
	} catch (e) {
		if (!isAtelierError(e)) throw e;
		return json({ ok: false, code: e.code, message: errorMessage(t, e) }, { status: STATUS[e.code] ?? 400 });
	}
};
