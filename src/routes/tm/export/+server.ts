import { error } from '@sveltejs/kit';
import { createT } from '$lib/i18n/index.js';
import { throwFor } from '$lib/server/errors.js';
import type { TmOrigin } from '../../../core/model.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { RequestHandler } from './$types';

const ORIGINS = ['alignment', 'translation', 'import'];
const THREADS = ['auto', '0', '1', '2'];

/** YYYY-MM-DD or an ISO 8601 time of a real calendar day, as `atelier tm export --from/--to`. */
function isDateBound(v: string): boolean {
	const m = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(v);
	return m != null && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).toISOString().startsWith(`${m[1]}-${m[2]}-${m[3]}`) && !Number.isNaN(Date.parse(v));
}

/**
 * Streams the TM (or a filtered part) as TMX 1.4b, rendered by worker threads when large (see core/tm/tmx-export.server.ts).
 * A filter that cannot be applied is refused (400, translated): ignored, it would download
 * the whole TM, or an empty one, as if the filter had worked.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const t = createT(locals.lang);
	const p = url.searchParams;
	const origin = p.get('origin') || undefined;
	if (origin && !ORIGINS.includes(origin)) error(400, { message: t('tm.exportErrors.origin', { value: origin }) });
	const doc = p.get('doc') || undefined;
	if (doc != null && !/^[1-9]\d*$/.test(doc)) error(400, { message: t('tm.exportErrors.doc', { value: doc }) });
	for (const name of ['from', 'to']) {
		const v = p.get(name);
		if (v && !isDateBound(v)) error(400, { message: t('tm.exportErrors.date', { value: v, name }) });
	}
	// worker threads: auto (default) or a number, as `atelier tm export --threads`
	const th = p.get('threads') || 'auto';
	if (!THREADS.includes(th)) error(400, { message: t('tm.exportErrors.threads', { value: th }) });
	const threads = th === 'auto' ? 'auto' : Number(th);
	const wb = await getWorkbench();
	// an unknown document: its 404, not an empty TMX
	if (doc != null)
		try {
			wb.getDocument(Number(doc));
		} catch (e) {
			throwFor(t, e);
		}
	const filter = {
		origin: origin as TmOrigin | undefined,
		documentId: doc != null ? Number(doc) : undefined,
		from: p.get('from') || undefined,
		to: p.get('to') || undefined,
		sourceLang: p.get('source-lang') || undefined,
		targetLang: p.get('target-lang') || undefined
	};
	const pieces = wb.tm.exportTmx({
		filter,
		// the units' one source language, else *all* (TMX 1.4: each tu then names its own)
		header: { srcLang: filter.sourceLang ?? wb.tm.singleSourceLang(filter) ?? '*all*', creationTool: 'Atelier', creationToolVersion: '0.1.0' },
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
