import { error } from '@sveltejs/kit';
import type { TmOrigin } from '../../../core/model.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { RequestHandler } from './$types';

/** Streams the TM (or a filtered part) as TMX 1.4b, rendered by worker threads when large (see core/tm/tmx-export.server.ts). */
export const GET: RequestHandler = async ({ url }) => {
	const p = url.searchParams;
	const origin = p.get('origin') || undefined;
	if (origin && !['alignment', 'translation', 'import'].includes(origin)) error(400, { message: origin });
	const doc = p.get('doc');
	// worker threads: auto (default) or a number, as `atelier tm export --threads`
	const t = p.get('threads') || 'auto';
	const threads = t === 'auto' ? 'auto' : Number(t);
	if (threads !== 'auto' && !(Number.isInteger(threads) && threads >= 0 && threads <= 8)) error(400, { message: t });
	const wb = await getWorkbench();
	const pieces = wb.tm.exportTmx({
		filter: {
			origin: origin as TmOrigin | undefined,
			documentId: doc ? Number(doc) : undefined,
			from: p.get('from') || undefined,
			to: p.get('to') || undefined,
			sourceLang: p.get('source-lang') || undefined,
			targetLang: p.get('target-lang') || undefined
		},
		header: { srcLang: p.get('source-lang') || 'fr-FR', creationTool: 'Atelier', creationToolVersion: '0.1.0' },
		threads
	});
	const stream = new ReadableStream<Uint8Array>({
		// an error mid-way errors the stream: the client sees a broken download, never a TMX that looks complete
		async pull(controller) {
			const next = await pieces.next();
			if (next.done) controller.close();
			else controller.enqueue(next.value);
		},
		// the client went away: stop the worker threads
		async cancel() {
			await pieces.return(0);
		}
	});
	return new Response(stream, {
		headers: { 'content-type': 'application/x-tmx+xml; charset=utf-8', 'content-disposition': 'attachment; filename="atelier-tm.tmx"' }
	});
};
