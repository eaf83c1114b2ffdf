import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Concept } from '../model.js';
import { type CheckReport, createAnalysisMemo, createCheckContext, type IgnoreEntry, runTermChecks } from './run.js';
import type { CheckContext, SegmentPair } from './types.js';

/** One document to check, as `runTermChecks` takes it. */
export interface DocumentJob {
	pairs: readonly SegmentPair[];
	ignores?: IgnoreEntry[];
	reference?: readonly SegmentPair[];
}

/**
 * Checks many documents on every core: each document's checks depend on that document (and
 * its reference pairs) only, so documents are shared out between this thread and worker
 * threads, each with its own copy of the glossary's indexes, built once when the checker is
 * created. Reports come back in the order of the documents and are the ones `runTermChecks`
 * gives, document by document; the hits of a text are worked out once per thread and batch.
 */
export interface DocumentChecker {
	/** this thread's context (also usable with `runTermChecks` directly) */
	ctx: CheckContext;
	threads: number;
	check(jobs: readonly DocumentJob[]): Promise<CheckReport[]>;
	close(): Promise<void>;
}

interface WorkerInit {
	concepts: readonly Concept[];
	sourceLang: string;
	targetLang: string;
}

/** Messages to a worker: a batch of documents (and the shared counter they are claimed with). */
interface BatchMessage {
	batch: number;
	jobs: readonly DocumentJob[];
	next: Int32Array;
}

/** From a worker: ready, one document's report, or the end of its share of a batch. */
type WorkerMessage = { ready: true } | { batch: number; doc: number; report: CheckReport } | { batch: number; done: true } | { error: string };

const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './parallel-worker.server.ts' : './parallel-worker.server.js', import.meta.url);

/**
 * A worker runs the same module source as this thread. Under tsx (the CLI, the benches, the
 * tests) it needs tsx's loader, which a worker does not inherit, and which Node 20 does not
 * apply to a worker's entry module given `--import tsx` in its `execArgv`: a small ES module
 * registers it first, then loads the worker's code.
 */
function startWorker(init: WorkerInit): Worker {
	if (!WORKER_URL.pathname.endsWith('.ts')) return new Worker(WORKER_URL, { workerData: init });
	const boot = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${JSON.stringify(WORKER_URL.href)});`;
	return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData: init });
}

/**
 * `threads` counts this thread: 1 checks everything here, without workers. The default is
 * the machine's parallelism.
 */
export async function createDocumentChecker(concepts: readonly Concept[], sourceLang: string, targetLang: string, opts: { threads?: number } = {}): Promise<DocumentChecker> {
	const threads = Math.max(1, Math.floor(opts.threads ?? availableParallelism()));
	const init: WorkerInit = { concepts, sourceLang, targetLang };
	const workers = Array.from({ length: threads - 1 }, () => startWorker(init));
	// the workers build their indexes while this thread builds its own
	const ready = Promise.all(workers.map((w) => waitFor(w, (m) => 'ready' in m)));
	const ctx = createCheckContext(concepts, sourceLang, targetLang);
	await ready;
	let batches = 0;
	return {
		ctx,
		threads,
		async check(jobs) {
			const reports: CheckReport[] = new Array(jobs.length);
			if (!workers.length || jobs.length < 2) {
				const memo = createAnalysisMemo();
				jobs.forEach((j, k) => (reports[k] = runTermChecks(j.pairs, ctx, { ignores: j.ignores, reference: j.reference, memo })));
				return reports;
			}
			const batch = ++batches;
			// documents are claimed one at a time from a shared counter, so a thread that is given
			// less CPU (the machine is shared) simply checks fewer of them
			const next = new Int32Array(new SharedArrayBuffer(4));
			const done = workers.map(
				(w) =>
					new Promise<void>((resolve, reject) => {
						const onMessage = (m: WorkerMessage) => {
							if ('error' in m) return finish(new Error(m.error));
							if (!('batch' in m) || m.batch !== batch) return;
							if ('report' in m) reports[m.doc] = m.report;
							else finish();
						};
						const onError = (e: Error) => finish(e);
						const finish = (e?: Error) => {
							w.off('message', onMessage);
							w.off('error', onError);
							if (e) reject(e);
							else resolve();
						};
						w.on('message', onMessage);
						w.on('error', onError);
						w.postMessage({ batch, jobs, next } satisfies BatchMessage);
					})
			);
			const memo = createAnalysisMemo();
			for (let k = Atomics.add(next, 0, 1); k < jobs.length; k = Atomics.add(next, 0, 1)) {
				const j = jobs[k];
				reports[k] = runTermChecks(j.pairs, ctx, { ignores: j.ignores, reference: j.reference, memo });
				// let the workers' reports in as they come, rather than all at the end
				await new Promise<void>((r) => setImmediate(r));
			}
			await Promise.all(done);
			return reports;
		},
		async close() {
			await Promise.all(workers.map((w) => w.terminate()));
		}
	};
}

function waitFor(w: Worker, test: (m: WorkerMessage) => boolean): Promise<void> {
	return new Promise((resolve, reject) => {
		const onMessage = (m: WorkerMessage) => {
			if ('error' in m) {
				cleanup();
				reject(new Error(m.error));
			} else if (test(m)) {
				cleanup();
				resolve();
			}
		};
		const onError = (e: Error) => {
			cleanup();
			reject(e);
		};
		const cleanup = () => {
			w.off('message', onMessage);
			w.off('error', onError);
		};
		w.on('message', onMessage);
		w.on('error', onError);
	});
}

export type { WorkerInit, BatchMessage, WorkerMessage };
