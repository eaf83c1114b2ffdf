// A worker thread of `createDocumentChecker`: builds the glossary's indexes once, then checks
// the documents it claims from each batch.
import { parentPort, workerData } from 'node:worker_threads';
import type { BatchMessage, WorkerInit, WorkerMessage } from './parallel.server.js';
import { createAnalysisMemo, createCheckContext, runTermChecks } from './run.js';

const port = parentPort!;
const post = (m: WorkerMessage) => port.postMessage(m);
try {
	const { concepts, sourceLang, targetLang } = workerData as WorkerInit;
	const ctx = createCheckContext(concepts, sourceLang, targetLang);
	port.on('message', ({ batch, jobs, next }: BatchMessage) => {
		try {
			const memo = createAnalysisMemo();
			for (let k = Atomics.add(next, 0, 1); k < jobs.length; k = Atomics.add(next, 0, 1)) {
				const j = jobs[k];
				post({ batch, doc: k, report: runTermChecks(j.pairs, ctx, { ignores: j.ignores, reference: j.reference, memo }) });
			}
			post({ batch, done: true });
		} catch (e) {
			post({ error: String((e as Error)?.stack ?? e) });
		}
	});
	post({ ready: true });
} catch (e) {
	post({ error: String((e as Error)?.stack ?? e) });
}
