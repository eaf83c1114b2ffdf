import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { createT, errorMessage } from '$lib/i18n/index.js';
import { failWith, formError, throwFor } from '$lib/server/errors.js';
import { getWorkbench } from '$lib/server/workbench.js';
import { AtelierError, isAtelierError } from '../../../../core/errors.js';
import { markTags, tagPieces, unmarkTags } from '../../../../core/tm/tag-markers.js';
import { FLASH, flashAndRedirect, takeFlash } from '$lib/server/flash.js';
import type { Actions, PageServerLoad } from './$types';

function unitId(raw: string, t: ReturnType<typeof createT>): number {
	const id = Number(raw);
	if (!/^[1-9]\d{0,15}$/.test(raw)) error(404, { message: t('errors.tm_unit_not_found', { id: raw }) });
	return id;
}

export const load: PageServerLoad = async ({ params, locals, cookies, url, request }) => {
	const t = createT(locals.lang);
	const id = unitId(params.id, t);
	const wb = await getWorkbench();
	let unit = wb.tm.get(id);
	if (!unit) {
		// an edit gave the unit a new id (or merged it): an old link still finds it
		const current = wb.tm.resolve(id);
		// the page drawn after a refused action (a form without JavaScript): a redirect would
		// drop the text typed, so the page stays here, showing the unit as it is now beside it
		if (current != null && request.method === 'POST') unit = wb.tm.get(current);
		// the old id rides in the address, not in a one-time cookie: SvelteKit preloads a page on
		// hover, and a cookie set by a preload showed its notice on whatever unit was opened next
		else if (current != null) redirect(303, `/tm/units/${current}?from=${id}`);
		if (!unit) throwFor(t, new AtelierError('tm_unit_not_found', { id }));
	}
	const message = takeFlash(cookies, FLASH.tm);
	// said only while the old id still leads here (an id SQLite gave to a new unit no longer does)
	const from = url.searchParams.get('from');
	const moved = from && /^[1-9]\d{0,15}$/.test(from) && Number(from) !== unit.id && wb.tm.resolve(Number(from)) === unit.id ? t('tmMaintenance.unit.moved', { id: from, current: unit.id }) : null;
	// the document may have been deleted since (its units stay, document_id then NULL)
	const doc = unit.documentId != null ? (wb.listDocuments().find((d) => d.id === unit.documentId) ?? null) : null;
	return {
		unit,
		document: doc ? { id: doc.id, title: doc.title } : null,
		sourcePieces: tagPieces(unit.source, unit.sourceTags),
		targetPieces: tagPieces(unit.target, unit.targetTags),
		// what the form edits: tags as ⟦n⟧
		sourceText: markTags(unit.source, unit.sourceTags),
		targetText: markTags(unit.target, unit.targetTags),
		message,
		moved
	};
};

const Edit = z.object({
	source: z.string().max(20_000),
	target: z.string().max(20_000),
	changedAt: z.string().max(64)
});

// source/target: what the edit form held (sent by the page's script), given back if refused
const Delete = z.object({ changedAt: z.string().min(1).max(64), source: z.string().optional(), target: z.string().optional() });

/**
 * A save or a deletion refused because the unit is not the one the page showed (changed, moved
 * by an edit, merged, deleted): a form failure, not an error page, so the text typed stays in
 * the form, with the id the unit has now (if any) for a link to it.
 */
function refuse(t: ReturnType<typeof createT>, e: unknown, id: number, resolve: (id: number) => number | null, extra: Record<string, unknown> = {}) {
	if (isAtelierError(e) && (e.code === 'tm_unit_moved' || e.code === 'tm_unit_conflict' || e.code === 'tm_unit_not_found')) {
		return fail(e.code === 'tm_unit_not_found' ? 404 : 409, { ...extra, error: errorMessage(t, e), code: e.code, current: resolve(id) });
	}
	return failWith(t, e, extra);
}

export const actions: Actions = {
	save: async ({ params, request, locals, cookies, url }) => {
		const t = createT(locals.lang);
		const id = unitId(params.id, t);
		const parsed = Edit.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { error: formError(t, parsed.error.issues) });
		const { source, target, changedAt } = parsed.data;
		const wb = await getWorkbench();
		const unit = wb.tm.get(id);
		// a form opened before an edit moved the unit: refused, naming where it is now
		if (!unit) return refuse(t, wb.tm.missing(id), id, wb.tm.resolve, { source, target });
		let r;
		try {
			// textareas send CRLF line ends
			const norm = (s: string) => s.replace(/\r\n?/g, '\n');
			r = wb.tm.updateUnit(
				id,
				{ source: unmarkTags(norm(source), unit.sourceTags), target: unmarkTags(norm(target), unit.targetTags) },
				{ expectedChangedAt: changedAt, user: locals.user }
			);
		} catch (e) {
			// the text typed is given back, not lost
			return refuse(t, e, id, wb.tm.resolve, { source, target });
		}
		const message = r.merged
			? t('tmMaintenance.unit.merged', { id: r.unit.id })
			: r.idChanged
				? t('tmMaintenance.unit.savedNewId', { id: r.unit.id })
				: t('tmMaintenance.unit.saved');
		flashAndRedirect(cookies, url, FLASH.tm, message, `/tm/units/${r.unit.id}`);
	},
	delete: async ({ params, request, locals, cookies, url }) => {
		const t = createT(locals.lang);
		const id = unitId(params.id, t);
		const parsed = Delete.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { error: formError(t, parsed.error.issues) });
		const wb = await getWorkbench();
		try {
			// the version the page showed: a unit changed since, or another unit that took the
			// id since (SQLite reuses a deleted top row's id), is not deleted
			wb.tm.deleteUnit(id, { expectedChangedAt: parsed.data.changedAt });
		} catch (e) {
			const { source, target } = parsed.data;
			return refuse(t, e, id, wb.tm.resolve, source != null && target != null ? { source, target } : {});
		}
		flashAndRedirect(cookies, url, FLASH.tm, t('tmMaintenance.unit.deleted', { id }), '/tm');
	}
};
