import { createT } from '$lib/i18n/index.js';
import { documentId, throwFor } from '$lib/server/errors.js';
import { getWorkbench } from '$lib/server/workbench.js';
import { documentQa } from '../../../../core/document-qa.server.js';
import { QA_CHECKS, countIssues } from '../../../../core/qa/index.js';
import type { PageServerLoad } from './$types';

/** The document's QA report: what `atelier qa DOC` prints, grouped by check, each finding linked to its segment. */
export const load: PageServerLoad = async ({ params, locals }) => {
	const t = createT(locals.lang);
	const id = documentId(params.id, t);
	const wb = await getWorkbench();
	try {
		const { doc, pairs, issues } = documentQa(wb, id);
		const ords = new Set(issues.filter((i) => i.segments.length === 1).map((i) => i.segments[0]));
		const byOrd = new Map(pairs.map((p) => [p.ord, p]));
		return {
			doc: { id: doc.id, title: doc.title, sourceLang: doc.sourceLang, targetLang: doc.targetLang },
			translated: pairs.filter((p) => p.target?.trim()).length,
			segments: pairs.length,
			counts: countIssues(issues),
			groups: QA_CHECKS.map((check) => ({ check, issues: issues.filter((i) => i.check === check) })).filter((g) => g.issues.length),
			// the source and target shown under a finding of one segment
			texts: Object.fromEntries([...ords].map((o) => [o, { source: byOrd.get(o)?.source ?? '', target: byOrd.get(o)?.target ?? '' }]))
		};
	} catch (e) {
		throwFor(t, e);
	}
};
