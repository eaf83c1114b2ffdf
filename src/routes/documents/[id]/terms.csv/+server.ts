import { createT } from '$lib/i18n/index.js';
import { throwFor } from '$lib/server/errors.js';
import { getWorkbench } from '$lib/server/workbench.js';
import { describeReferences } from '../../../../core/checks/term-references.js';
import { csvLine } from '../../../../core/formats/csv/parse.js';
import { CHECK_SCOPES } from '../../../../core/terminology.server.js';
import type { RequestHandler } from './$types';

/** The terminology report as CSV (UTF-8 with BOM so spreadsheets read the accents, formulas defused). */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	const t = createT(locals.lang);
	const id = Number(params.id);
	const wb = await getWorkbench();
	try {
		wb.getDocument(id);
		const asked = url.searchParams.get('scope');
		const report = wb.terminology.checkDocument(id, { scope: CHECK_SCOPES.find((s) => s === asked) ?? 'document' });
		const lines = [csvLine([t('report.segment'), t('report.severity'), t('report.check'), t('report.finding'), t('report.suggestion'), t('report.acceptedColumn'), t('report.otherSide')], ',')];
		for (const i of report.issues)
			lines.push(
				csvLine(
					[
						i.segments.map((s) => s + 1).join(' '),
						t(`checks.severity.${i.severity}`),
						i.check,
						t(i.message, i.params) as string,
						i.suggestions?.join(' / ') ?? '',
						i.ignored ?? '',
						describeReferences(i.references, t)
					],
					','
				)
			);
		return new Response('\uFEFF' + lines.join('\r\n') + '\r\n', {
			headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="terminology-report-${id}.csv"` }
		});
	} catch (e) {
		throwFor(t, e);
	}
};
