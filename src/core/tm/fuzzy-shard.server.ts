import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { startTsWorker } from '../ts-worker.server.js';

/**
 * Half of a large TM's fuzzy index, held and searched by a worker thread.
 *
 * Why: at a million units the index search is most of a lookup (tens of milliseconds for a
 * long sentence with few matches, bound by the postings it must read, not by one slow step).
 * Split by unit id parity, this thread searches the even units while the worker searches the
 * odd ones, so on two free cores a lookup takes about half as long. The lookup itself stays
 * synchronous (routes, the CLI and the editor call it so): the question goes to the worker
 * as a message, and the answer is awaited with Atomics.wait and taken with
 * receiveMessageOnPort, with no event loop turn in between.
 *
 * The worker reads the units from the database file itself (its own read-only connection),
 * up to the id this thread has indexed, so both halves always cover the same units.
 */
export interface ShardQuestion {
	/** search: the caller's top `limit`; all: every unit ≥ threshold; scan: the same by scoring every unit; refresh: index only */
	op: 'search' | 'all' | 'scan' | 'refresh';
	pair: string;
	tokens: string[];
	/** lowest word similarity (0–1) */
	threshold: number;
	/** for 'search': how many best matches the caller needs, and the most a match loses to penalties (points) */
	limit: number;
	maxPenalty: number;
	/** the highest unit id this thread has indexed: the worker indexes its units up to it first */
	upTo: number;
	/** units deleted since the last question, to drop from the worker's half first */
	forget?: number[];
	/** the highest units were deleted: ids above this one are read again (SQLite reuses them) */
	reread?: number;
}

export interface ShardAnswer {
	ids: Float64Array;
	distances: Int32Array;
	similarities: Float64Array;
}

export interface ShardJob {
	dbPath: string;
	ctrl: SharedArrayBuffer;
	port: MessagePort;
	shards: number;
	shard: number;
}

/**
 * The shared control words: answers posted by the worker, then each side's current threshold
 * for the question under way, so that each raises its own to the other's (a threshold either
 * side may use holds for the whole index: see the lookup and the worker). A threshold is
 * stored with the question's number, `seq << 8 | percent`, so that one from an abandoned
 * question is never taken for the current one's.
 */
export const CTRL_ANSWERS = 0;
export const CTRL_MAIN_FLOOR = 1;
export const CTRL_WORKER_FLOOR = 2;
const CTRL_WORDS = 3;
const SEQ_MASK = 0x7fffff;

/** Publishes a threshold (0–1) for question `seq`, if above the one already there; rounded down, as is always safe. */
export function publishFloor(ctrl: Int32Array, slot: number, seq: number, threshold: number): void {
	const pct = Math.max(0, Math.min(255, Math.floor(100 * threshold + 1e-9)));
	const v = ((seq & SEQ_MASK) << 8) | pct;
	const old = Atomics.load(ctrl, slot);
	if (old >>> 8 === (seq & SEQ_MASK) && (old & 255) >= pct) return;
	Atomics.store(ctrl, slot, v);
}

/** The threshold published for question `seq` (0 if none). */
export function readFloor(ctrl: Int32Array, slot: number, seq: number): number {
	const v = Atomics.load(ctrl, slot);
	return v >>> 8 === (seq & SEQ_MASK) ? (v & 255) / 100 : 0;
}

type Reply = { seq: number; ok: true; answer: ShardAnswer } | { seq: number; ok: false; message: string };

/** The first answer may include building the worker's half of the index (about 15 s at 1M units). */
const FIRST_ANSWER_MS = 180_000;
const ANSWER_MS = 30_000;

export class FuzzyShard {
	private readonly worker: Worker;
	private readonly port: MessagePort;
	/** [0]: answers posted by the worker */
	private readonly ctrl: Int32Array;
	private asked = 0;
	private answered = 0;
	private broken = false;

	constructor(dbPath: string) {
		const { port1, port2 } = new MessageChannel();
		const sab = new SharedArrayBuffer(4 * CTRL_WORDS);
		this.ctrl = new Int32Array(sab);
		this.port = port1;
		const job: ShardJob = { dbPath, ctrl: sab, port: port2, shards: 2, shard: 1 };
		this.worker = startTsWorker('src/core/tm/fuzzy-shard.worker.ts', job, undefined, [port2]);
		this.worker.on('error', () => (this.broken = true));
		this.worker.on('exit', () => (this.broken = true));
		// neither may keep a CLI process alive
		this.worker.unref();
		this.port.unref();
	}

	/** Sends a question; `answer` then waits for the reply. */
	ask(q: ShardQuestion): void {
		this.port.postMessage({ seq: ++this.asked, ...q });
	}

	/** This thread's threshold for the question under way, for the worker to rise to. */
	publish(threshold: number): void {
		publishFloor(this.ctrl, CTRL_MAIN_FLOOR, this.asked, threshold);
	}

	/** The worker's threshold for the question under way (0 before it has one). */
	workerFloor(): number {
		return readFloor(this.ctrl, CTRL_WORKER_FLOOR, this.asked);
	}

	/**
	 * The reply to the last question, waited for synchronously; null when the worker failed or
	 * took too long (the caller then searches the whole index itself).
	 */
	answer(): ShardAnswer | null {
		const deadline = Date.now() + (this.answered === 0 ? FIRST_ANSWER_MS : ANSWER_MS);
		for (;;) {
			const posted = Atomics.load(this.ctrl, CTRL_ANSWERS);
			if (posted >= this.asked) break;
			const left = deadline - Date.now();
			if (this.broken || left <= 0) return this.fail();
			Atomics.wait(this.ctrl, CTRL_ANSWERS, posted, Math.min(left, 1000));
		}
		// replies to questions whose answer was never taken (a lookup that threw) come first
		for (;;) {
			const m = receiveMessageOnPort(this.port)?.message as Reply | undefined;
			if (!m) return this.fail();
			if (m.seq !== this.asked) continue;
			this.answered++;
			return m.ok ? m.answer : this.fail();
		}
	}

	get failed(): boolean {
		return this.broken;
	}

	private fail(): null {
		this.broken = true;
		void this.worker.terminate();
		return null;
	}

	close(): void {
		this.broken = true;
		void this.worker.terminate();
		this.port.close();
	}
}
