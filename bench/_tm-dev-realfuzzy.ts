/**
 * The bench's fuzzy lookups through wb.tm.lookup on a kept 1M-unit database (development):
 * imports /tmp/atelier-tm-dev-N.tmx once into /tmp/atelier-tm-dev-N.sqlite (as the bench does),
 * then times the bench's queries (CPU and wall p50/p95) and lists the slowest.
 * Usage: node --import tsx bench/_tm-dev-realfuzzy.ts N [queries]
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { tmxRows } from '../src/core/tm/tmx-rows.server.js';
import { createWorkbench } from '../src/core/workbench.server.js';
import { loadSeeds } from './_tm-corpus.js';
import { buildFuzzyQueries } from './tm.js';
import { rng } from './_util.js';

const N = Number(process.argv[2] ?? 100000);
const Q = Number(process.argv[3] ?? 1000);
const dbPath = join(tmpdir(), `atelier-tm-dev-${N}.sqlite`);
const fresh = !existsSync(dbPath);
const wb = createWorkbench({ dbPath });
if (fresh) {
	const file = join(tmpdir(), `atelier-tm-dev-${N}.tmx`);
	const t = performance.now();
	await wb.tm.importRows(tmxRows(file, { file, sourceLang: 'fr-FR', targetLang: 'en-GB' }));
	console.log(`imported in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}
let t = performance.now();
wb.tm.refreshIndex();
console.log(`index ${((performance.now() - t) / 1000).toFixed(1)} s`);
const sources: string[] = JSON.parse(readFileSync(join(tmpdir(), `atelier-tm-dev-${N}.json`), 'utf8'));
const queries = buildFuzzyQueries((id) => sources[id - 1] ?? null, N, Q, loadSeeds(), rng(2008 + N));
const L = { sourceLang: 'fr-FR', targetLang: 'en-GB', threshold: 50, limit: 5 };
for (const q of queries.slice(0, 20)) wb.tm.lookup(q.text, L);
const cpu: number[] = [];
const wall: number[] = [];
const load0 = loadavg()[0];
const digest: string[] = [];
for (const q of queries) {
	const c = process.cpuUsage();
	t = performance.now();
	const r = wb.tm.lookup(q.text, L);
	wall.push(performance.now() - t);
	const d = process.cpuUsage(c);
	cpu.push((d.user + d.system) / 1000);
	digest.push(r.map((m) => `${m.unit.id}:${m.score}:${m.base}:${m.penalties.length}:${m.ops.length}`).join(','));
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)];
const { createHash } = await import('node:crypto');
console.log(`load ${load0.toFixed(2)}→${loadavg()[0].toFixed(2)}; CPU p50 ${pct(cpu, 0.5).toFixed(2)} p95 ${pct(cpu, 0.95).toFixed(2)} ms; wall p50 ${pct(wall, 0.5).toFixed(2)} p95 ${pct(wall, 0.95).toFixed(2)} max ${Math.max(...wall).toFixed(0)} ms; results digest ${createHash('sha1').update(digest.join('\n')).digest('hex').slice(0, 16)}`);
const slow = cpu.map((x, i) => [x, i]).sort((a, b) => b[0] - a[0]).slice(0, 12);
console.log('slowest:', slow.map(([x, i]) => `#${i} ${x.toFixed(1)}`).join(' '));
if (process.env.PROFILE) {
	const { printSummary, profilePhase, summariseProfile } = await import('./_tm-prof.js');
	const p = await profilePhase(() => {
		for (const q of queries) wb.tm.lookup(q.text, L);
	});
	printSummary('lookups', summariseProfile(p.profile, 30), 25);
}
