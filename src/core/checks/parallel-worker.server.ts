// A worker thread of `createDocumentChecker`: builds the glossary's indexes once, then checks
// the documents it claims from each batch.
import { parentPort, workerData } from 'node:worker_threads';
import { type BatchMessage, type DocumentJob, unpackJobs, type WorkerInit, type WorkerMessage } from './parallel.server.js';
import { boundedMemo, createAnalysisMemo, createCheckContext, createRecentTexts, runTermChecks } from './run.js';

const port = parentPort!;
const post = (m: WorkerMessage) => port.postMessage(m);
try {
	const { concepts, sourceLang, targetLang, recentTexts } = (workerData as { data: WorkerInit }).data;
	const ctx = createCheckContext(concepts, sourceLang, targetLang);
	let batch = 0;
	let size = 0;
	let counters: Int32Array | null = null;
	/** the documents received for the current batch, by their number in it */
	let jobs: DocumentJob[] = [];
	let waiting: (() => void) | null = null;
	// reference pairs' hits, for the worker's lifetime (see `createDocumentChecker`)
	const referenceMemo = createAnalysisMemo();
	// texts of the documents this worker checked before (see `RecentTexts`)
	const recent = recentTexts === 0 ? undefined : createRecentTexts(recentTexts);
	const arrived = () => {
		const w = waiting;
		waiting = null;
		w?.();
	};
	async function work(b: number, c: Int32Array): Promise<void> {
		while (Atomics.add(c, 0, 1) < size) {
			const k = size - 1 - Atomics.add(c, 1, 1);
			while (!jobs[k] && b === batch) await new Promise<void>((r) => (waiting = r));
			if (b !== batch) return;
			const j = jobs[k];
			post({ batch: b, doc: k, report: runTermChecks(j.pairs, ctx, { ignores: j.ignores, reference: j.reference, referenceMemo: boundedMemo(referenceMemo), recent }) });
			jobs[k] = undefined!;
			// lets the next chunk in
			await new Promise<void>((r) => setImmediate(r));
		}
		post({ batch: b, done: true });
	}
	port.on('message', (m: BatchMessage) => {
		try {
			if ('counters' in m) {
				batch = m.batch;
				size = m.size;
				counters = m.counters;
				jobs = [];
				work(batch, counters).catch((e) => post({ error: String((e as Error)?.stack ?? e) }));
			} else if (m.batch === batch) {
				unpackJobs(m.jobs).forEach((j, q) => (jobs[m.from + q] = j));
				arrived();
			}
		} catch (e) {
			post({ error: String((e as Error)?.stack ?? e) });
		}
	});
	post({ ready: true });
} catch (e) {
	post({ error: String((e as Error)?.stack ?? e) });
}
