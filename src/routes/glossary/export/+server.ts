import { error } from '@sveltejs/kit';
import { createT } from '$lib/i18n/index.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { RequestHandler } from './$types';

const TYPES = {
	tbx: { type: 'application/x-tbx+xml; charset=utf-8', ext: 'tbx' },
	csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
	tsv: { type: 'text/tab-separated-values; charset=utf-8', ext: 'tsv' }
} as const;

export const GET: RequestHandler = async ({ url, locals }) => {
	const format = (url.searchParams.get('format') ?? 'tbx').toLowerCase() as keyof typeof TYPES;
	if (!Object.hasOwn(TYPES, format)) error(400, { message: createT(locals.lang)('glossary.exportErrors.format', { format }) });
	const wb = await getWorkbench();
	// the BOM makes Excel read the CSV as UTF-8 (`atelier glossary export -o` writes the same)
	const body = format === 'tbx' ? wb.terminology.exportTbx() : '\uFEFF' + wb.terminology.exportCsv(['fr-FR', 'en-GB'], format === 'tsv' ? '\t' : ',');
	return new Response(body, {
		headers: {
			'content-type': TYPES[format].type,
			'content-disposition': `attachment; filename="atelier-glossary.${TYPES[format].ext}"`
		}
	});
};
