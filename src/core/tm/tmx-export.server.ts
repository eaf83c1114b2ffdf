import { availableParallelism, loadavg } from 'node:os';
import { AtelierError, type ErrorCode, type Location } from '../errors.js';
import type { TmFilter, TmRawUnit, TmRepo, TmxLeanRow } from '../db/tm.repo.server.js';
import { TMX_FOOT, tmxHead, tuXml, sameTu, writeTmx, type TmxUnit, type TmxWriteHeader } from '../formats/tmx/write.js';
import type { TmProp, TmUnit } from '../model.js';
import type { Worker } from 'node:worker_threads';
import { startBundledWorker } from '../bundled-worker.server.js';
import { fromRaw } from '../translation-memory.server.js';

export interface TmxExportOptions {
	filter?: TmFilter;
	header: TmxWriteHeader;
	/**
	 * Worker threads rendering id ranges: 'auto' (default) uses two for a database file with
	 * PARALLEL_FROM matching units or more when a core is free (see coreToSpare), none
	 * otherwise; 0 renders everything in this thread, as writeTmx does.
	 */
	threads?: number | 'auto';
	/** ids per task given to a worker (tests set small ones to get many ranges) */
	rangeIds?: number;
	/** called with the number of units written so far, after each piece */
	onUnits?: (units: number) => void;
}

/** What each worker is given. */
export interface TmxExportJob {
	path: string;
	filter: TmFilter;
	srcLang: string;
}

/** One range of ids to render. */
export interface TmxExportTask {
	seq: number;
	from: number;
	to: number;
}

export type TmxExportMessage =
	| { type: 'range'; seq: number; units: number; first: TmxUnit[]; body: Uint8Array; last: TmxUnit[] | null }
	| { type: 'error'; code: ErrorCode; params: Record<string, string | number>; location: Location }
	| { type: 'error'; message: string; code?: undefined };

// Measured at 1M units on 2 cores: a range of 2k ids is ~1.5 MB of TMX; from 4k ids on, a
// range's rows and units outlive V8's young generation and GC nearly doubled the CPU time.
const RANGE_IDS = 2048;
/** Ranges given to one worker and not yet written: one rendering, one waiting, so it never idles. */
const PER_WORKER = 2;
// No resourceLimits for the workers: measured at 1M, a 64 MB heap with a 16 MB young generation
// made V8's GC threads spend ~5.6 s of CPU (1.7 s without) and the workers 20 s instead of 16.

/**
 * Below this many matching units the export stays in this thread. Measured on 2 cores: the
 * first range comes back ~0.3–0.5 s after the start (bundling the worker's modules once per
 * process, starting the thread, its first range compiled cold), what this thread renders
 * ~25k units in, while two workers save at best half the time per unit; through tsx (no
 * bundle) a worker alone took ~0.6 s of CPU to start.
 */
export const PARALLEL_FROM = 50_000;

/**
 * Whether a second core is free for the workers. On a machine already busier than its cores
 * (1-minute load average ≥ cores − 1), the workers only take turns with this thread and the
 * other processes: measured at a load of 4–5 on 2 cores, two workers took 26–31 s for 1M
 * units where this thread alone took 20–24 s (and 5.7 s against 2.7 s for 100k).
 */
function coreToSpare(): boolean {
	const cores = availableParallelism();
	return cores >= 2 && loadavg()[0] < cores - 1;
}

const parsedProps = new Map<string, TmProp[]>();
/**
 * A props column, parsed once per distinct value: a TM's units mostly repeat the same few
 * (client, project, domain), and an export only reads them, so units may share the array.
 */
function propsOf(json: string): TmProp[] {
	let p = parsedProps.get(json);
	if (p === undefined) {
		p = JSON.parse(json) as TmProp[];
		if (parsedProps.size >= 10_000) parsedProps.clear();
		parsedProps.set(json, p);
	}
	return p;
}

/**
 * A stored unit as TmUnit, or a located error naming the unit and the column that cannot be
 * read: the same error whichever thread reads it. For rendering only (see propsOf).
 */
export function unitOf(r: TmRawUnit, dbPath: string): TmUnit & { id: number } {
	try {
		return fromRaw(r, propsOf);
	} catch (e) {
		const cols: [number, string][] = [[5, 'source_tags'], [6, 'target_tags'], [14, 'props'], [15, 'notes']];
		let column = '?';
		for (const [i, name] of cols) {
			try {
				if (r[i]) JSON.parse(r[i] as string);
			} catch {
				column = name;
				break;
			}
		}
		throw unreadable(r[0], column, e, dbPath, r[9]);
	}
}

function unreadable(id: number, column: string, e: unknown, dbPath: string, document: number | null): AtelierError {
	const location: Location = { file: dbPath };
	if (document != null) location.document = document;
	return new AtelierError('tm_unit_invalid', { id, column, reason: e instanceof Error ? e.message : String(e) }, location);
}

/**
 * The units of a range as the worker reads it (createTmRangeReader): a unit with none of the rarely
 * filled columns straight from its lean row, with what unitOf would give the writer (TmxUnit);
 * the others through unitOf. The props column is the only one a lean row parses: a broken one
 * gives unitOf's error.
 */
export function unitsOfRange(range: { rows: TmxLeanRow[]; rare: TmRawUnit[] }, dbPath: string): TmxUnit[] {
	const { rows, rare } = range;
	const units: TmxUnit[] = new Array(rows.length);
	let k = 0;
	for (let i = 0; i < rows.length; i++) {
		const r = rows[i];
		if (r[14] === 1) {
			while (rare[k][0] !== r[0]) k++;
			units[i] = unitOf(rare[k], dbPath);
			continue;
		}
		let props: TmProp[] | undefined;
		if (r[6]) {
			try {
				props = propsOf(r[6]);
			} catch (e) {
				throw unreadable(r[0], 'props', e, dbPath, r[13]);
			}
		}
		units[i] = {
			sourceLang: r[1],
			targetLang: r[2],
			source: r[3],
			target: r[4],
			tuid: r[5] ?? undefined,
			props,
			createdAt: r[7],
			createdBy: r[8],
			changedAt: r[9],
			changedBy: r[10],
			usageCount: r[11] ?? undefined,
			lastUsedAt: r[12] ?? undefined
		};
	}
	return units;
}

/**
 * The TM (or the units a filter keeps) as TMX 1.4, streamed as UTF-8 pieces: the header, the
 * units in id order, the footer; byte for byte what writeTmx gives for the same units.
 *
 * Units are those with an id up to the largest at the start: one added during the export is
 * left for the next one, and one updated keeps its id, so it is written once (as one of its
 * versions). On a large database file, id ranges are read and rendered by worker threads,
 * each on a read-only connection of its own, while this thread only joins their output in
 * order: a `tu` that spans two ranges (units read from one multilingual `tu`, see writeTmx)
 * comes back unrendered at the range's edge and is rendered here once whole. At most
 * PER_WORKER ranges per worker are on their way, so memory stays flat whatever the size.
 */
export async function* exportTmx(repo: TmRepo, o: TmxExportOptions): AsyncGenerator<Uint8Array, number> {
	const filter = o.filter ?? {};
	const { path, memory } = repo.location();
	const maxId = repo.maxId();
	let threads = o.threads ?? 'auto';
	if (threads === 'auto') threads = memory || !coreToSpare() || repo.countUpTo(filter, maxId, PARALLEL_FROM) < PARALLEL_FROM ? 0 : 2;
	if (memory) threads = 0;
	return threads > 0 ? yield* inWorkers(repo, o, filter, path, maxId, threads) : yield* here(repo, o, filter, path, maxId);
}

function* here(repo: TmRepo, o: TmxExportOptions, filter: TmFilter, path: string, maxId: number): Generator<Uint8Array, number> {
	let n = 0;
	const units = (function* () {
		for (const r of repo.iterate(filter)) {
			if (r[0] > maxId) return;
			n++;
			yield unitOf(r, path);
		}
	})();
	for (const s of writeTmx(units, o.header)) {
		yield Buffer.from(s, 'utf8');
		o.onUnits?.(n);
	}
	return n;
}

async function* inWorkers(repo: TmRepo, o: TmxExportOptions, filter: TmFilter, path: string, maxId: number, threads: number): AsyncGenerator<Uint8Array, number> {
	const srcLang = o.header.srcLang;
	const step = Math.max(1, o.rangeIds ?? RANGE_IDS);
	const ranges = Math.ceil(maxId / step);
	const job: TmxExportJob = { path, filter, srcLang };
	const done = new Map<number, Extract<TmxExportMessage, { type: 'range' }>>();
	let failure: Error | null = null;
	let notify: (() => void) | null = null;
	const wakeUp = () => {
		notify?.();
		notify = null;
	};
	// started now, waited for after the header is out
	const starting = Promise.all(Array.from({ length: threads }, () => startBundledWorker('src/core/tm/tmx-export.worker.ts', job)));
	let workers: { thread: Worker; given: number }[] = [];
	const wire = (thread: Worker) => {
		const w = { thread, given: 0 };
		thread.on('message', (m: TmxExportMessage) => {
			if (m.type === 'range') {
				w.given--;
				done.set(m.seq, m);
			} else failure ??= m.code ? new AtelierError(m.code, m.params, m.location) : new Error(m.message);
			wakeUp();
		});
		thread.on('error', (e) => {
			failure ??= e;
			wakeUp();
		});
		thread.on('exit', () => {
			failure ??= new Error('a TMX export thread stopped before its ranges were rendered');
			wakeUp();
		});
		return w;
	};
	let next = 0;
	let writing = 0;
	const give = () => {
		for (const w of workers)
			while (w.given < PER_WORKER && next < ranges && next < writing + threads * PER_WORKER) {
				const task: TmxExportTask = { seq: next, from: next * step + 1, to: Math.min(maxId, (next + 1) * step) };
				w.thread.postMessage(task);
				w.given++;
				next++;
			}
	};
	let n = 0;
	try {
		yield Buffer.from(tmxHead(o.header), 'utf8');
		workers = (await starting).map(wire);
		// the group of units the last range ended with, which the next range may continue
		let open: TmxUnit[] | null = null;
		give();
		while (writing < ranges) {
			let r = done.get(writing);
			while (!r) {
				if (failure) throw failure;
				await new Promise<void>((res) => (notify = res));
				r = done.get(writing);
			}
			done.delete(writing);
			writing++;
			give();
			if (r.units === 0) continue;
			n += r.units;
			if (open && sameTu(open[0], r.first[0])) for (const u of r.first) open.push(u);
			else {
				if (open) yield Buffer.from(tuXml(open, srcLang), 'utf8');
				open = r.first;
			}
			if (r.last) {
				yield Buffer.from(tuXml(open, srcLang), 'utf8');
				if (r.body.length) yield r.body;
				open = r.last;
			}
			o.onUnits?.(n);
		}
		if (open) yield Buffer.from(tuXml(open, srcLang), 'utf8');
		yield Buffer.from(TMX_FOOT, 'utf8');
		o.onUnits?.(n);
		return n;
	} finally {
		// also when the caller stopped reading before the workers were even waited for
		const threadsStarted = await starting.catch(() => [] as Worker[]);
		for (const t of threadsStarted) t.removeAllListeners('exit');
		await Promise.all(threadsStarted.map((t) => t.terminate()));
	}
}
