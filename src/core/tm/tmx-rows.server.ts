import { createReadStream, statSync } from 'node:fs';
import { AtelierError, type ErrorCode, type Location } from '../errors.js';
import type { TmRowValues } from '../db/tm.repo.server.js';
import type { TmxHeader, TmxReadSummary, TmxWarning } from '../formats/tmx/read.js';
import { readTmxFast } from '../formats/tmx/fast-read.js';
import { startTsWorker } from '../ts-worker.server.js';
import { toRowValues } from '../translation-memory.server.js';

export interface TmxRowsOptions {
	/** the name errors and provenance give (the upload's name, not the temporary file) */
	file: string;
	sourceLang?: string;
	targetLang?: string;
	onProgress?: (bytes: number) => void;
	onHeader?: (header: TmxHeader) => void;
	onWarning?: (warning: TmxWarning) => void;
	/** 'auto' (default): a worker thread for files of 16 MB and more */
	thread?: 'auto' | 'worker' | 'this';
}

/** What the worker is given. */
export interface TmxRowsJob {
	path: string;
	file: string;
	sourceLang?: string;
	targetLang?: string;
	batchSize: number;
}

export type TmxRowsMessage =
	| { type: 'rows'; rows: TmRowValues[] }
	| { type: 'progress'; bytes: number }
	| { type: 'header'; header: TmxHeader }
	| { type: 'warning'; warning: TmxWarning }
	| { type: 'done'; summary: TmxReadSummary }
	| { type: 'error'; code: ErrorCode; params: Record<string, string | number>; location: Location }
	| { type: 'error'; message: string; code?: undefined };

/** Batches the worker may have sent and the importing thread not yet taken: enough to keep both busy, few enough for flat memory. */
export const IN_FLIGHT = 3;
const BATCH = 1000;
// starting a worker (tsx compiling the reader's modules) costs about what reading ~20k units does
const WORKER_FROM_BYTES = 16 * 1024 * 1024;

/**
 * A TMX file as batches of TM rows (units with their normalised forms, keys and tokens),
 * ready for TranslationMemory.importRows. From 16 MB on, reading, parsing and toRow run in a
 * worker thread while this thread writes the previous batches to SQLite: on two cores an
 * import then takes about as long as the longer of the two halves instead of their sum. A
 * fault in the file reaches the caller as the same located AtelierError either way.
 */
export function tmxRows(path: string, o: TmxRowsOptions): AsyncGenerator<TmRowValues[], TmxReadSummary> {
	const thread = o.thread ?? 'auto';
	const useWorker = thread === 'worker' || (thread === 'auto' && sizeOf(path) >= WORKER_FROM_BYTES);
	return useWorker ? viaWorker(path, o) : here(path, o);
}

function sizeOf(path: string): number {
	try {
		return statSync(path).size;
	} catch {
		// the reader reports it, located
		return 0;
	}
}

async function* here(path: string, o: TmxRowsOptions): AsyncGenerator<TmRowValues[], TmxReadSummary> {
	const units = readTmxFast({ open: () => createReadStream(path) }, { file: o.file, sourceLang: o.sourceLang, targetLang: o.targetLang, batchSize: BATCH, onProgress: o.onProgress, onHeader: o.onHeader, onWarning: o.onWarning });
	for (;;) {
		const r = await units.next();
		if (r.done) return r.value;
		const stamp = new Date().toISOString();
		yield r.value.map((u) => toRowValues(u, stamp));
	}
}

async function* viaWorker(path: string, o: TmxRowsOptions): AsyncGenerator<TmRowValues[], TmxReadSummary> {
	const job: TmxRowsJob = { path, file: o.file, sourceLang: o.sourceLang, targetLang: o.targetLang, batchSize: BATCH };
	// the worker holds a few batches and one tu at a time: a small heap keeps the import's memory flat
	const w = startTsWorker('src/core/tm/tmx-rows.worker.ts', job, { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 });
	const queue: TmxRowsMessage[] = [];
	let notify: (() => void) | null = null;
	let failure: Error | null = null;
	let exited = false;
	const wakeUp = () => {
		notify?.();
		notify = null;
	};
	w.on('message', (m: TmxRowsMessage) => {
		queue.push(m);
		wakeUp();
	});
	w.on('error', (e) => {
		failure = e;
		wakeUp();
	});
	w.on('exit', () => {
		exited = true;
		wakeUp();
	});
	try {
		for (;;) {
			while (queue.length === 0) {
				if (failure) throw failure;
				if (exited) throw new Error('the TMX reader thread stopped before the end of the file');
				await new Promise<void>((res) => (notify = res));
			}
			const m = queue.shift()!;
			if (m.type === 'rows') {
				yield m.rows;
				w.postMessage('ack');
			} else if (m.type === 'progress') o.onProgress?.(m.bytes);
			else if (m.type === 'header') o.onHeader?.(m.header);
			else if (m.type === 'warning') o.onWarning?.(m.warning);
			else if (m.type === 'done') {
				o.onProgress?.(sizeOf(path));
				return m.summary;
			} else if (m.code) throw new AtelierError(m.code, m.params, m.location);
			else throw new Error(m.message);
		}
	} finally {
		await w.terminate();
	}
}
