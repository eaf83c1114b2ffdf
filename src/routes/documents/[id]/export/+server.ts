import { error } from '@sveltejs/kit';
import { createT } from '$lib/i18n/index.js';
import { documentId, throwFor } from '$lib/server/errors.js';
import { getWorkbench } from '$lib/server/workbench.js';
import { contentDisposition, EXPORT_FORMAT_IDS } from '../../../../core/export/registry.js';
import { createExports } from '../../../../core/export/service.server.js';
import type { RequestHandler } from './$types';

/** `GET /documents/ID/export?format=xliff`: the file, with its content type and a safe name. */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	const t = createT(locals.lang);
	const id = documentId(params.id, t);
	const format = url.searchParams.get('format') ?? '';
	if (!EXPORT_FORMAT_IDS.includes(format)) error(400, { message: t('errors.export_format', { format, formats: EXPORT_FORMAT_IDS.join(', ') }) });
	const from = url.searchParams.get('from');
	const wb = await getWorkbench();
	try {
		const file = await createExports(wb).export(id, format, { t: t as never, uiLang: locals.lang }, { from: from === 'document' || from === 'alignment' ? from : 'auto' });
		return new Response(file.bytes as BodyInit, {
			headers: {
				'content-type': file.contentType,
				'content-disposition': contentDisposition(file.filename),
				'content-length': String(file.bytes.length),
				'x-content-type-options': 'nosniff',
				'cache-control': 'no-store'
			}
		});
	} catch (e) {
		throwFor(t, e);
	}
};
