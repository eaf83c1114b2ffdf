import { createT } from '$lib/i18n/index.js';
import { documentId, throwFor } from '$lib/server/errors.js';
import { getWorkbench } from '$lib/server/workbench.js';
import { csvLine } from '../../../../core/formats/csv/parse.js';
import { documentQa } from '../../../../core/document-qa.server.js';
import type { RequestHandler } from './$types';

/**
 * The QA report as CSV, for a reviewer to send back with the file (Xbench's export): UTF-8
 * with BOM so spreadsheets read the accents, formulas defused by `csvLine`, each finding with
 * its segments' source and target.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	const t = createT(locals.lang);
	const id = documentId(params.id, t);
	const wb = await getWorkbench();
	try {
		const { pairs, issues } = documentQa(wb, id);
		const byOrd = new Map(pairs.map((p) => [p.ord, p]));
		const lines = [csvLine([t('report.segment'), t('report.severity'), t('report.check'), t('report.finding'), t('qa.report.source'), t('qa.report.target'), t('report.suggestion')], ',')];
		for (const i of issues) {
			// a finding over several segments (consistency) names them all; its texts are in the message
			const one = i.segments.length === 1 ? byOrd.get(i.segments[0]) : undefined;
			lines.push(
				csvLine(
					[
						i.segments.map((s) => s + 1).join(' '),
						t(`checks.severity.${i.severity}`),
						t(`checks.names.${i.check}`),
						t(i.message, i.params) as string,
						one?.source ?? '',
						one?.target ?? '',
						i.span?.side === 'target' && i.suggestions?.length ? i.suggestions[0] : ''
					],
					','
				)
			);
		}
		return new Response('\uFEFF' + lines.join('\r\n') + '\r\n', {
			headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="qa-report-${id}.csv"` }
		});
	} catch (e) {
		throwFor(t, e);
	}
};
