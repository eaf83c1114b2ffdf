import { error } from '@sveltejs/kit';
import { getWorkbench } from '$lib/server/workbench.js';
import type { RequestHandler } from './$types';

const TYPES = {
	tbx: { type: 'application/x-tbx+xml; charset=utf-8', ext: 'tbx' },
	csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
	tsv: { type: 'text/tab-separated-values; charset=utf-8', ext: 'tsv' }
} as const;

export const GET: RequestHandler = async ({ url }) => {
	const format = (url.searchParams.get('format') ?? 'tbx') as keyof typeof TYPES;
	if (!(format in TYPES)) error(400, { message: format });
	const wb = await getWorkbench();
	const body = format === 'tbx' ? wb.terminology.exportTbx() : '\uFEFF' + wb.terminology.exportCsv(['fr-FR', 'en-GB'], format === 'tsv' ? '\t' : ',');
	return new Response(body, {
		headers: {
			'content-type': TYPES[format].type,
			'content-disposition': `attachment; filename="atelier-glossary.${TYPES[format].ext}"`
		}
	});
};
