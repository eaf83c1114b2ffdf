import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { error, json } from '@sveltejs/kit';
import { isAtelierError } from '../../../core/errors.js';
import { tmxRows } from '../../../core/tm/tmx-rows.server.js';
import { createT, errorMessage } from '$lib/i18n/index.js';
import { createJob } from '$lib/server/jobs.js';
import { getWorkbench } from '$lib/server/workbench.js';
import type { RequestHandler } from './$types';

/**
 * The TMX arrives as the raw request body (not multipart), so it streams to a temporary
 * file without being held in memory; the import then runs in the background and the page
 * polls /tm/import/<job> for its progress.
 */
export const POST: RequestHandler = async ({ request, url, locals }) => {
	const t = createT(locals.lang);
	const name = (url.searchParams.get('name') ?? 'upload.tmx').replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 200);
	if (!request.body) error(400, { message: t('import.needInput') });
	const dir = mkdtempSync(join(tmpdir(), 'atelier-tmx-'));
	const path = join(dir, 'upload.tmx');
	await pipeline(Readable.fromWeb(request.body as import('node:stream/web').ReadableStream), createWriteStream(path));
	const size = (await import('node:fs')).statSync(path).size;
	const job = createJob(name, size);
	const wb = await getWorkbench();
	void wb.tm
		.importRows(tmxRows(path, { file: name, onProgress: (b) => (job.bytesRead = b) }), { onUnits: (n) => (job.units = n) })
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
