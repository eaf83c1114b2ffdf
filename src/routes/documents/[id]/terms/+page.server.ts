import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { createT } from '$lib/i18n/index.js';
import { documentId, failWith, formError, throwFor } from '$lib/server/errors.js';
import { getWorkbench } from '$lib/server/workbench.js';
import { CHECK_SCOPES, type CheckScope } from '../../../../core/terminology.server.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const t = createT(locals.lang);
	const id = documentId(params.id, t);
	const wb = await getWorkbench();
	try {
		const doc = wb.getDocument(id);
		const asked = url.searchParams.get('scope');
		const scope: CheckScope = CHECK_SCOPES.find((s) => s === asked) ?? 'document';
		const report = wb.terminology.checkDocument(id, { scope });
		const found = new Map<string, { concept: string; surface: Set<string>; count: number; equivalents: string[]; segments: number[] }>();
		for (const [ord, hits] of wb.terminology.documentHits(id))
			for (const h of hits) {
				const f = found.get(h.conceptKey) ?? { concept: h.conceptKey, surface: new Set<string>(), count: 0, equivalents: h.equivalents, segments: [] };
				f.surface.add(h.text);
				f.count++;
				if (!f.segments.includes(ord)) f.segments.push(ord);
				found.set(h.conceptKey, f);
			}
		const sources = new Map(doc.paragraphsList.flatMap((p) => p.segments.map((s) => [s.ord, s.source] as const)));
		const targets = new Map(doc.paragraphsList.flatMap((p) => p.segments.map((s) => [s.ord, s.target ?? ''] as const)));
		const findingOrds = report.issues.flatMap((i) => i.segments);
		return {
			doc: { id: doc.id, title: doc.title, sourceLang: doc.sourceLang, targetLang: doc.targetLang },
			scope,
			report,
			translated: doc.paragraphsList.some((p) => p.segments.some((s) => s.target)),
			sources: Object.fromEntries(findingOrds.map((s) => [s, sources.get(s) ?? ''])),
			targets: Object.fromEntries(findingOrds.map((s) => [s, targets.get(s) ?? ''])),
			found: [...found.values()].sort((a, b) => b.count - a.count).map((f) => ({ ...f, surface: [...f.surface] }))
		};
	} catch (e) {
		throwFor(t, e);
	}
};

const Accept = z.object({ ord: z.coerce.number().int().min(0), check: z.string().min(1), fingerprint: z.array(z.string().min(1)).min(1), reason: z.string().trim().min(1).max(500) });

/** The form's fields, `fingerprint` as a list: identical findings of a segment are accepted together. */
function fields(form: FormData) {
	return { ...Object.fromEntries(form), fingerprint: form.getAll('fingerprint') };
}

export const actions: Actions = {
	accept: async ({ params, request, locals }) => {
		const t = createT(locals.lang);
		const parsed = Accept.safeParse(fields(await request.formData()));
		if (!parsed.success) return fail(400, { error: formError(t, parsed.error.issues) });
		try {
			const { ord, check, fingerprint, reason } = parsed.data;
			const wb = await getWorkbench();
			for (const f of fingerprint) wb.terminology.ignore(Number(params.id), ord, check, f, reason, locals.user);
			return { ok: true };
		} catch (e) {
			return failWith(t, e);
		}
	},
	unaccept: async ({ params, request, locals }) => {
		const t = createT(locals.lang);
		const parsed = Accept.omit({ reason: true }).safeParse(fields(await request.formData()));
		if (!parsed.success) return fail(400, { error: formError(t, parsed.error.issues) });
		const { ord, check, fingerprint } = parsed.data;
		const wb = await getWorkbench();
		for (const f of fingerprint) wb.terminology.unignore(Number(params.id), ord, check, f);
		return { ok: true };
	}
};
