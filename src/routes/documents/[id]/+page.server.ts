import { createT } from '$lib/i18n/index.js';
import { documentId, throwFor } from '$lib/server/errors.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { PageServerLoad } from './$types';
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
		return { doc, hits, report: wb.importReport(id) ?? [], justImported: url.searchParams.has('imported'), exportFormats: EXPORT_FORMAT_IDS, unfinished };
	} catch (e) {
		throwFor(t, e);
	}
};
