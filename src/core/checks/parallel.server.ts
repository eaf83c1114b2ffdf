import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../ts-worker.server.js';
import type { Concept } from '../model.js';
import { boundedMemo, type CheckReport, createAnalysisMemo, createCheckContext, createRecentTexts, type IgnoreEntry, runTermChecks } from './run.js';
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
 * gives, document by document.
 *
 * The hits of a document's texts are kept while that document is checked (it repeats its
 * headings and boilerplate); those of reference pairs, for as long as the checker lives, in
 * each thread (see `boundedMemo`): a project or TM scope gives every document the same
 * reference; and those of the last few thousand texts of earlier documents, which documents
 * repeat (see `RecentTexts`). One memo for a whole batch was tried first: on the bench's 100,000 pairs it
 * kept ~200,000 texts' hits alive to the end, which the garbage collector then copied and
 * marked over and over, and the batch took more CPU than checking document by document.
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
	/** see `createDocumentChecker` */
	recentTexts?: number;
}

/**
 * Messages to a worker: the start of a batch of `size` documents, with the counters they are
 * claimed with (see `check`), then the documents the workers may claim, a chunk at a time
 * (packed, see `packJobs`), the first of them `from`.
 */
type BatchMessage = { batch: number; size: number; counters: Int32Array } | { batch: number; from: number; jobs: PackedJobs };

/** Documents sent to the workers at a time: small, so that the first reaches them at once. */
const CHUNK = 4;

/**
 * Pairs as a worker receives them: every text in one string, and numbers in typed arrays.
 * Cloning 100,000 pair objects for a worker took most of a second on the sending thread; one
 * long string and a few arrays are copied in a few milliseconds.
 */
interface PackedJobs {
	text: string;
	/** per pair: source length, target length (-1 for none) */
	lengths: Int32Array;
	ords: Int32Array;
	/** per pair: document (NaN for none), TM unit (NaN for none) */
	documents: Float64Array;
	tmUnits: Float64Array;
	/** per job: number of pairs, number of reference pairs */
	counts: Int32Array;
	ignores: (IgnoreEntry[] | undefined)[];
}

export function packJobs(jobs: readonly DocumentJob[]): PackedJobs {
	let n = 0;
	for (const j of jobs) n += j.pairs.length + (j.reference?.length ?? 0);
	const texts: string[] = new Array(2 * n);
	const lengths = new Int32Array(2 * n);
	const ords = new Int32Array(n);
	const documents = new Float64Array(n);
	const tmUnits = new Float64Array(n);
	const counts = new Int32Array(2 * jobs.length);
	let k = 0;
	const add = (p: SegmentPair) => {
		texts[2 * k] = p.source;
		texts[2 * k + 1] = p.target ?? '';
		lengths[2 * k] = p.source.length;
		lengths[2 * k + 1] = p.target == null ? -1 : p.target.length;
		ords[k] = p.ord;
		documents[k] = p.document ?? NaN;
		tmUnits[k] = p.tmUnit ?? NaN;
		k++;
	};
	jobs.forEach((j, q) => {
		for (const p of j.pairs) add(p);
		for (const p of j.reference ?? []) add(p);
		counts[2 * q] = j.pairs.length;
		counts[2 * q + 1] = j.reference?.length ?? 0;
	});
	return { text: texts.join(''), lengths, ords, documents, tmUnits, counts, ignores: jobs.map((j) => j.ignores) };
}

/** The jobs again, as `packJobs` was given them (a pair's fields that are absent stay absent). */
export function unpackJobs(packed: PackedJobs): DocumentJob[] {
	const { text, lengths, ords, documents, tmUnits, counts, ignores } = packed;
	let at = 0;
	let k = 0;
	const pair = (): SegmentPair => {
		const sl = lengths[2 * k];
		const tl = lengths[2 * k + 1];
		const source = text.slice(at, (at += sl));
		const target = tl < 0 ? null : text.slice(at, (at += tl));
		const p: SegmentPair = { ord: ords[k], source, target };
		if (!Number.isNaN(documents[k])) p.document = documents[k];
		if (!Number.isNaN(tmUnits[k])) p.tmUnit = tmUnits[k];
		k++;
		return p;
	};
	const out: DocumentJob[] = [];
	for (let q = 0; q < counts.length / 2; q++) {
		const pairs = Array.from({ length: counts[2 * q] }, pair);
		const job: DocumentJob = { pairs };
		if (counts[2 * q + 1] > 0) job.reference = Array.from({ length: counts[2 * q + 1] }, pair);
		if (ignores[q]) job.ignores = ignores[q];
		out.push(job);
	}
	return out;
}

/** From a worker: ready, one document's report, or the end of its share of a batch. */
type WorkerMessage = { ready: true } | { batch: number; doc: number; report: CheckReport } | { batch: number; done: true } | { error: string };

/** A worker runs the same module source as this thread, loaded from src/ (see ts-worker.server.ts: also from the built server). */
function startWorker(init: WorkerInit): Worker {
	return startTsWorker('src/core/checks/parallel-worker.server.ts', init);
}

/**
 * `threads` counts this thread: 1 checks everything here, without workers. The default is
 * the machine's parallelism. `ctx`: a context already built for these concepts and languages
 * (a server keeps one per language pair), used on this thread instead of building another.
 * `recentTexts`: how many texts of earlier documents each thread keeps the hits of, each side
 * and generation (see `RecentTexts`; 0 for none).
 */
export async function createDocumentChecker(
	concepts: readonly Concept[],
	sourceLang: string,
	targetLang: string,
	opts: { threads?: number; ctx?: CheckContext; recentTexts?: number } = {}
): Promise<DocumentChecker> {
	const threads = Math.max(1, Math.floor(opts.threads ?? availableParallelism()));
	const init: WorkerInit = { concepts, sourceLang, targetLang, recentTexts: opts.recentTexts };
	const workers = Array.from({ length: threads - 1 }, () => startWorker(init));
	// the workers build their indexes while this thread builds its own
	const ready = Promise.all(workers.map((w) => waitFor(w, (m) => 'ready' in m)));
	const given = opts.ctx && opts.ctx.sourceLang === sourceLang && opts.ctx.targetLang === targetLang ? opts.ctx : undefined;
	const ctx = given ?? createCheckContext(concepts, sourceLang, targetLang);
	await ready;
	let batches = 0;
	const referenceMemo = createAnalysisMemo();
	const recent = opts.recentTexts === 0 ? undefined : createRecentTexts(opts.recentTexts);
	const checkOne = (j: DocumentJob) => runTermChecks(j.pairs, ctx, { ignores: j.ignores, reference: j.reference, referenceMemo: boundedMemo(referenceMemo), recent });
	return {
		ctx,
		threads,
		async check(jobs) {
			const reports: CheckReport[] = new Array(jobs.length);
			if (!workers.length || jobs.length < 2) {
				jobs.forEach((j, k) => (reports[k] = checkOne(j)));
				return reports;
			}
			const batch = ++batches;
			const n = jobs.length;
			// Documents are claimed one at a time, so that a thread given less CPU (the machine is
			// shared) checks fewer of them: this thread takes them from the front, the workers from
			// the back. counters[0] counts the claims (n in all), counters[1] the workers' ones; the
			// two ends never take the same document. Only the back of the batch is sent to the
			// workers, a chunk ahead of their claims: copying documents costs the sending thread.
			const counters = new Int32Array(new SharedArrayBuffer(8));
			let front = 0;
			let posted = n;
			const postChunk = () => {
				if (posted <= front) return;
				const from = Math.max(front, posted - CHUNK);
				const packed = packJobs(jobs.slice(from, posted));
				for (const w of workers) w.postMessage({ batch, from, jobs: packed } satisfies BatchMessage);
				posted = from;
			};
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
						// a worker that ended (`close` during a batch) would otherwise leave the batch waiting
						const onExit = (code: number) => finish(new Error(`worker exited (${code}) during a batch`));
						const finish = (e?: Error) => {
							w.off('message', onMessage);
							w.off('error', onError);
							w.off('exit', onExit);
							if (e) reject(e);
							else resolve();
						};
						w.on('message', onMessage);
						w.on('error', onError);
						w.on('exit', onExit);
						w.postMessage({ batch, size: n, counters } satisfies BatchMessage);
					})
			);
			postChunk();
			postChunk();
			while (Atomics.add(counters, 0, 1) < n) {
				const k = front++;
				reports[k] = checkOne(jobs[k]);
				for (let c = 0; c < workers.length; c++) postChunk();
				// let the workers' reports in as they come, rather than all at the end
				await new Promise<void>((r) => setImmediate(r));
			}
			// whatever the workers may still claim lies between this thread's last document and the posted chunks
			while (posted > front) postChunk();
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

export type { WorkerInit, BatchMessage, WorkerMessage, PackedJobs };
