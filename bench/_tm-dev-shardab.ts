/**
 * The fuzzy lookup with the index split with a worker thread against the whole index in this
 * thread, on the kept database of _tm-dev-realfuzzy.ts, query by query alternately (the same
 * machine noise for both); wall and CPU p50/p95 of each and whether the results agree.
 * Usage: node --import tsx bench/_tm-dev-shardab.ts N [queries]
 */
import { readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkbench } from '../src/core/workbench.server.js';
import { loadSeeds } from './_tm-corpus.js';
import { buildFuzzyQueries } from './tm.js';
import { rng } from './_util.js';

const N = Number(process.argv[2] ?? 100000);
const Q = Number(process.argv[3] ?? 1000);
const dbPath = join(tmpdir(), `atelier-tm-dev-${N}.sqlite`);
const whole = createWorkbench({ dbPath, fuzzyShardFrom: Infinity });
const split = createWorkbench({ dbPath });
let t = performance.now();
whole.tm.refreshIndex();
console.log(`whole index ${((performance.now() - t) / 1000).toFixed(1)} s`);
t = performance.now();
split.tm.refreshIndex();
console.log(`split index ${((performance.now() - t) / 1000).toFixed(1)} s (sharded: ${split.tm.sharded()})`);
const sources: string[] = JSON.parse(readFileSync(join(tmpdir(), `atelier-tm-dev-${N}.json`), 'utf8'));
const queries = buildFuzzyQueries((id) => sources[id - 1] ?? null, N, Q, loadSeeds(), rng(2008 + N));
const L = { sourceLang: 'fr-FR', targetLang: 'en-GB', threshold: 50, limit: 5 };
for (const q of queries.slice(0, 20)) (whole.tm.lookup(q.text, L), split.tm.lookup(q.text, L));
const res = { whole: { wall: [] as number[], cpu: [] as number[] }, split: { wall: [] as number[], cpu: [] as number[] } };
let differ = 0;
const load0 = loadavg()[0];
for (const q of queries) {
	const keys: string[] = [];
	for (const [name, wb] of [['whole', whole], ['split', split]] as const) {
		const c = process.cpuUsage();
		t = performance.now();
		const r = wb.tm.lookup(q.text, L);
		res[name].wall.push(performance.now() - t);
		const d = process.cpuUsage(c);
		res[name].cpu.push((d.user + d.system) / 1000);
		keys.push(r.map((m) => `${m.unit.id}:${m.score}`).join());
	}
	if (keys[0] !== keys[1]) differ++;
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)];
for (const [name, r] of Object.entries(res)) console.log(`${name}: wall p50 ${pct(r.wall, 0.5).toFixed(2)} p95 ${pct(r.wall, 0.95).toFixed(2)} ms; CPU (both threads) p50 ${pct(r.cpu, 0.5).toFixed(2)} p95 ${pct(r.cpu, 0.95).toFixed(2)} ms`);
console.log(`load ${load0.toFixed(2)}→${loadavg()[0].toFixed(2)}; results differ on ${differ} of ${queries.length}`);
split.close();
whole.close();
