import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open.server.js';
import { createTmRangeReader } from '../db/tm.repo.server.js';
import { AtelierError } from '../errors.js';
import { tuRun } from '../formats/tmx/write.js';
import type { TmUnit } from '../model.js';
import { unitOf, type TmxExportJob, type TmxExportMessage, type TmxExportTask } from './tmx-export.server.js';

// Reads id ranges of the TM on a read-only connection of its own and renders them as TMX,
// while the exporting thread writes the ranges before: see tmx-export.server.ts.
const job = (workerData as { data: TmxExportJob }).data;
const port = parentPort!;
const utf8 = new TextEncoder();

function fail(e: unknown): void {
	port.postMessage(
		(e instanceof AtelierError
			? { type: 'error', code: e.code, params: e.params, location: e.location }
			: { type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) }) satisfies TmxExportMessage
	);
	port.close();
}

try {
	const db = openDatabase(job.path, { readonly: true });
	const reader = createTmRangeReader(db, job.filter);
	port.on('message', (t: TmxExportTask) => {
		try {
			const rows = reader.range(t.from, t.to);
			const units: TmUnit[] = new Array(rows.length);
			for (let i = 0; i < rows.length; i++) units[i] = unitOf(rows[i], job.path);
			let xml = '';
			const { first, last } = tuRun(units, job.srcLang, (tu) => (xml += tu));
			// UTF-8 here, not in the exporting thread; the bytes go there transferred, not copied
			const body = utf8.encode(xml);
			const m: TmxExportMessage = { type: 'range', seq: t.seq, units: rows.length, first, body, last };
			port.postMessage(m, [body.buffer]);
		} catch (e) {
			fail(e);
		}
	});
} catch (e) {
	fail(e);
}
