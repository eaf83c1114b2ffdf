import { error } from '@sveltejs/kit';
import { writeTmx } from '../../../core/formats/tmx/write.js';
import type { TmOrigin } from '../../../core/model.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { RequestHandler } from './$types';

/** Streams the TM (or a filtered part) as TMX 1.4b. */
export const GET: RequestHandler = async ({ url }) => {
	const p = url.searchParams;
	const origin = p.get('origin') || undefined;
	if (origin && !['alignment', 'translation', 'import'].includes(origin)) error(400, { message: origin });
	const doc = p.get('doc');
	const wb = await getWorkbench();
	const units = wb.tm.iterate({ origin: origin as TmOrigin | undefined, documentId: doc ? Number(doc) : undefined, from: p.get('from') || undefined, to: p.get('to') || undefined });
	const chunks = writeTmx(units, { srcLang: 'fr-FR', creationTool: 'Atelier', creationToolVersion: '0.1.0' });
	const enc = new TextEncoder();
	const stream = new ReadableStream<Uint8Array>({
		pull(controller) {
			const next = chunks.next();
			if (next.done) controller.close();
			else controller.enqueue(enc.encode(next.value));
		}
	});
	return new Response(stream, {
		headers: { 'content-type': 'application/x-tmx+xml; charset=utf-8', 'content-disposition': 'attachment; filename="atelier-tm.tmx"' }
	});
};
