import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { error, json } from '@sveltejs/kit';
import { isAtelierError } from '../../../core/errors.js';
import { tmxRows } from '../../../core/tm/tmx-rows.server.js';
import { createT, errorMessage } from '$lib/i18n/index.js';
import { createJob, JOB_WARNINGS } from '$lib/server/jobs.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { RequestHandler } from './$types';

/**
 * The TMX arrives as the raw request body (not multipart), so it streams to a temporary
 * file without being held in memory; the import then runs in the background and the page
 * polls /tm/import/<job> for its progress.
 */
export const POST: RequestHandler = async ({ request, url, locals, platform }) => {
	const t = createT(locals.lang);
	const name = (url.searchParams.get('name') ?? 'upload.tmx').replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 200);
	const body = bodyOf(request, platform);
	if (!body) error(400, { message: t('tm.importNeedFile') });
	const dir = mkdtempSync(join(tmpdir(), 'atelier-tmx-'));
	const path = join(dir, 'upload.tmx');
	await pipeline(body, createWriteStream(path));
	const size = (await import('node:fs')).statSync(path).size;
	if (size === 0) {
		rmSync(dir, { recursive: true, force: true });
		error(400, { message: t('tm.importNeedFile') });
	}
	const job = createJob(name, size);
	const wb = await getWorkbench();
	void wb.tm
		.importRows(
			tmxRows(path, {
				file: name,
				onProgress: (b) => (job.bytesRead = b),
				// shown with the outcome, as `atelier tm import` prints them
				onWarning: (w) => {
					if (job.warningCount++ < JOB_WARNINGS) job.warnings.push({ kind: w.kind, line: w.line, column: w.column, detail: w.detail });
				}
			}),
			{ onUnits: (n) => (job.units = n) }
		)
		.then((r) => {
			job.state = 'done';
			job.units = r.units;
			job.written = r.written;
			job.bytesRead = size;
		})
		.catch((e) => {
			job.state = 'failed';
			job.error = isAtelierError(e) ? errorMessage(t, e) : t('errors.internal', { message: (e as Error).message });
		})
		.finally(() => rmSync(dir, { recursive: true, force: true }));
	return json({ job: job.id }, { status: 202 });
};

/**
 * The upload as a stream, whatever its Content-Type. Browsers send none for a `.tmx` (no MIME
 * type is registered for it), and SvelteKit's node adapter then hands the route no body at
 * all; the bytes are still unread on the node request that adapter-node passes as
 * `platform.req`, so they are taken from there.
 */
function bodyOf(request: Request, platform: unknown): Readable | null {
	if (request.body) return Readable.fromWeb(request.body as import('node:stream/web').ReadableStream);
	const req = (platform as { req?: IncomingMessage } | undefined)?.req;
	if (!req || req.readableEnded || req.headers['content-length'] === '0') return null;
	if (req.headers['content-length'] == null && req.headers['transfer-encoding'] == null) return null;
	return req;
}
