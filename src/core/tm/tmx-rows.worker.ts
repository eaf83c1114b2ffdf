import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { AtelierError } from '../errors.js';
import { readTmxFast } from '../formats/tmx/fast-read.js';
import { toRowValues } from '../translation-memory.server.js';
import { IN_FLIGHT, type TmxRowsJob, type TmxRowsMessage } from './tmx-rows.server.js';

// Reads and parses the TMX and turns units into rows here, while the importing thread writes
// the rows before: see tmx-rows.server.ts.
const job = (workerData as { data: TmxRowsJob }).data;
const port = parentPort!;
let credits = IN_FLIGHT;
let wake: (() => void) | null = null;
port.on('message', (m) => {
	if (m !== 'ack') return;
	credits++;
	wake?.();
	wake = null;
});
const post = (m: TmxRowsMessage) => port.postMessage(m);

async function run(): Promise<void> {
	let lastProgress = 0;
	// re-openable: when the fast reader gives up, readTmx reads again from the start
	const units = readTmxFast({ open: () => createReadStream(job.path) }, {
		file: job.file,
		sourceLang: job.sourceLang,
		targetLang: job.targetLang,
		batchSize: job.batchSize,
		onHeader: (header) => post({ type: 'header', header }),
		onWarning: (warning) => post({ type: 'warning', warning }),
		onProgress: (bytes) => {
			// one message per MB read is enough for a progress bar
			if (bytes - lastProgress < 1 << 20) return;
			lastProgress = bytes;
			post({ type: 'progress', bytes });
		}
	});
	for (;;) {
		const r = await units.next();
		if (r.done) {
			post({ type: 'done', summary: r.value });
			return;
		}
		const stamp = new Date().toISOString();
		const rows = r.value.map((u) => toRowValues(u, stamp));
		// a bounded number of batches on their way: the importing thread sets the pace, memory stays flat
		while (credits === 0) await new Promise<void>((res) => (wake = res));
		credits--;
		post({ type: 'rows', rows });
	}
}

run().then(
	() => port.close(),
	(e: unknown) => {
		post(e instanceof AtelierError ? { type: 'error', code: e.code, params: e.params, location: e.location } : { type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
		port.close();
	}
);
