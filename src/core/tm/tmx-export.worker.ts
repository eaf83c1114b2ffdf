import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open.server.js';
import { createTmRangeReader } from '../db/tm.repo.server.js';
import { AtelierError } from '../errors.js';
import { tuRun } from '../formats/tmx/write.js';
import { unitsOfRange, type TmxExportJob, type TmxExportMessage, type TmxExportTask } from './tmx-export.server.js';

// Reads id ranges of the TM on a read-only connection of its own and renders them as TMX,
// while the exporting thread writes the ranges before: see tmx-export.server.ts.
const job = (workerData as { data: TmxExportJob }).data;
const port = parentPort!;
const utf8 = new TextEncoder();
/**
 * Where a range's `tu` elements are encoded one by one as they are rendered, then copied out
 * once. Why not `+=` and one encode at the end: the joined string is a rope V8 must flatten
 * (a copy), and encoding 1.5 MB of two-byte text (French accents) that way cost ~4 µs a unit,
 * a quarter of a worker's time at 1M units; encodeInto a short string at a time, ~1.5 µs.
 * Grown when a range needs more (3 bytes per UTF-16 unit at most).
 */
let scratch = new Uint8Array(4 << 20);
let used = 0;
function put(tu: string): void {
	if (used + 3 * tu.length > scratch.length) {
		const bigger = new Uint8Array(Math.max(2 * scratch.length, used + 3 * tu.length));
		bigger.set(scratch.subarray(0, used));
		scratch = bigger;
	}
	used += utf8.encodeInto(tu, scratch.subarray(used)).written;
}

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
			const range = reader.range(t.from, t.to);
			const units = unitsOfRange(range, job.path);
			used = 0;
			const { first, last } = tuRun(units, job.srcLang, put);
			// UTF-8 here, not in the exporting thread; the bytes go there transferred, not copied
			const body = scratch.slice(0, used);
			const m: TmxExportMessage = { type: 'range', seq: t.seq, units: units.length, first, body, last };
			port.postMessage(m, [body.buffer]);
		} catch (e) {
			fail(e);
		}
	});
} catch (e) {
	fail(e);
}
