import { workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open.server.js';
import { createTmRepo } from '../db/tm.repo.server.js';
import { pairOf } from '../translation-memory.server.js';
import { FuzzyIndex } from './fuzzy-index.js';
import { CTRL_ANSWERS, CTRL_MAIN_FLOOR, CTRL_WORKER_FLOOR, publishFloor, readFloor, type ShardAnswer, type ShardJob, type ShardQuestion } from './fuzzy-shard.server.js';

// The worker's half of the fuzzy index: see fuzzy-shard.server.ts.
const job = (workerData as { data: ShardJob }).data;
const db = openDatabase(job.dbPath, { readonly: true });
const repo = createTmRepo(db);
const ctrl = new Int32Array(job.ctrl);
const indexes = new Map<string, FuzzyIndex>();
let indexedUpTo = 0;

function refresh(upTo: number, forget: readonly number[] | undefined, reread: number | undefined): void {
	if (forget) for (const id of forget) for (const ix of indexes.values()) ix.remove(id);
	if (reread != null && reread < indexedUpTo) indexedUpTo = reread;
	if (upTo <= indexedUpTo) return;
	const touched = new Set<FuzzyIndex>();
	for (const r of repo.tokensOfShard(indexedUpTo, upTo, job.shards, job.shard)) {
		const key = pairOf(r.source_lang, r.target_lang);
		let ix = indexes.get(key);
		if (!ix) indexes.set(key, (ix = new FuzzyIndex()));
		ix.add(r.id, r.tokens === '' ? [] : r.tokens.split(' '));
		touched.add(ix);
	}
	indexedUpTo = upTo;
	for (const ix of touched) ix.ensureRanked();
}

function answer(q: ShardQuestion & { seq: number }): ShardAnswer {
	refresh(q.upTo, q.forget, q.reread);
	const ix = indexes.get(q.pair);
	const ids: number[] = [];
	const distances: number[] = [];
	const sims: number[] = [];
	if (ix && q.tokens.length > 0 && q.op !== 'refresh') {
		if (q.op === 'scan') {
			for (const c of ix.scan(q.tokens, q.threshold)) (ids.push(c.id), distances.push(c.distance), sims.push(c.similarity));
		} else {
			// the k best similarities found here, ascending
			const best: number[] = [];
			const k = q.op === 'search' ? q.limit : 0;
			// the lookup's own threshold, from the units it has scored in its half: as good here
			const mainFloor = k ? () => readFloor(ctrl, CTRL_MAIN_FLOOR, q.seq) : undefined;
			ix.searchWith(q.tokens, q.threshold, (id, distance, sim) => {
				ids.push(id);
				distances.push(distance);
				sims.push(sim);
				if (!k) return q.threshold;
				// k units here score at least ⌊100·s⌋ − maxPenalty, s the k-th best similarity: a unit
				// below that cannot be among the caller's k best (top-matches.ts, its third bound; the
				// k-th best here is never above the k-th best over both halves)
				const own = () => (best.length === k ? Math.max(q.threshold, (Math.floor(100 * best[0] + 1e-9) - q.maxPenalty) / 100) : q.threshold);
				// a unit that would not enter the k best changes nothing; one deleted by another
				// process is still in this index and must not count (it is never returned), so
				// those that would are checked
				if ((best.length === k && sim <= best[0]) || !repo.exists(id)) return Math.max(own(), mainFloor!());
				let at = best.length;
				while (at > 0 && best[at - 1] > sim) at--;
				best.splice(at, 0, sim);
				if (best.length > k) best.shift();
				publishFloor(ctrl, CTRL_WORKER_FLOOR, q.seq, own());
				return Math.max(own(), mainFloor!());
			}, undefined, mainFloor);
		}
	}
	return { ids: Float64Array.from(ids), distances: Int32Array.from(distances), similarities: Float64Array.from(sims) };
}

job.port.on('message', (q: ShardQuestion & { seq: number }) => {
	try {
		const a = answer(q);
		job.port.postMessage({ seq: q.seq, ok: true, answer: a }, [a.ids.buffer as ArrayBuffer, a.distances.buffer as ArrayBuffer, a.similarities.buffer as ArrayBuffer]);
	} catch (e) {
		job.port.postMessage({ seq: q.seq, ok: false, message: e instanceof Error ? e.message : String(e) });
	}
	Atomics.add(ctrl, CTRL_ANSWERS, 1);
	Atomics.notify(ctrl, CTRL_ANSWERS);
});
