import { FLASH, flashAndRedirect } from '$lib/server/flash.js';
import { createT } from '$lib/i18n/index.js';
import { documentId, throwFor } from '$lib/server/errors.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { Actions, PageServerLoad } from './$types';
import { CONFIRMED } from '../../../core/export/build.js';
import { EXPORT_FORMAT_IDS } from '../../../core/export/registry.js';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const t = createT(locals.lang);
	const id = documentId(params.id, t);
	const wb = await getWorkbench();
	try {
		const doc = wb.getDocument(id);
		const hits: Record<number, { start: number; end: number; concept: string; status: string; equivalents: string[]; replacement?: string }[]> = {};
		for (const [ord, list] of wb.terminology.documentHits(id))
			hits[ord] = list.map((h) => ({ start: h.start, end: h.end, concept: h.conceptKey, status: h.term.status, equivalents: h.equivalents, replacement: h.term.replacement }));
		// what the translated TXT/DOCX would hold that is not a confirmed translation, said before the download
		const unfinished = { rows: 0, untranslated: 0, unconfirmed: 0 };
		for (const p of doc.paragraphsList)
			for (const s of p.segments) {
				unfinished.rows++;
				if (s.target == null || s.target.trim() === '') unfinished.untranslated++;
				else if (!CONFIRMED.has(s.status)) unfinished.unconfirmed++;
			}
		// documents imported before from the same file (the import allows it, and says so here)
		const sameFileAs = (url.searchParams.get('same') ?? '')
			.split(',')
			.filter((x) => /^\d+$/.test(x) && Number(x) !== id)
			.flatMap((x) => wb.listDocuments().filter((d) => d.id === Number(x)))
			.map((d) => ({ id: d.id, title: d.title }));
		return { doc, hits, report: wb.importReport(id) ?? [], justImported: url.searchParams.has('imported'), exportFormats: EXPORT_FORMAT_IDS, unfinished, sameFileAs };
	} catch (e) {
		throwFor(t, e);
	}
};

export const actions: Actions = {
	/** Deletes the document (its segments, translation, alignments and history go with it; TM units stay). */
	delete: async ({ params, locals, cookies, url }) => {
		const t = createT(locals.lang);
		const id = documentId(params.id, t);
		const wb = await getWorkbench();
		let title: string;
		try {
			title = wb.getDocument(id).title;
			wb.deleteDocument(id);
		} catch (e) {
			throwFor(t, e);
		}
		flashAndRedirect(cookies, url, FLASH.deleted, title, '/');
	}
};
