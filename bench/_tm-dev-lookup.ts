/**
 * Quick lookup profile for development: N corpus units added to a fresh workbench, the
 * bench's fuzzy queries looked up (top 5), CPU time per query and a profile.
 * Usage: node --import tsx bench/_tm-dev-lookup.ts N [queries]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TmUnit } from '../src/core/model.js';
import { createWorkbench } from '../src/core/workbench.server.js';
import { corpusGenerator, loadSeeds } from './_tm-corpus.js';
import { printSummary, profilePhase, summariseProfile } from './_tm-prof.js';
import { buildFuzzyQueries } from './tm.js';
import { rng } from './_util.js';

const N = Number(process.argv[2] ?? 10000);
const Q = Number(process.argv[3] ?? 300);
const seeds = loadSeeds();
const gen = corpusGenerator(seeds, 2008, 'open');
const units: TmUnit[] = Array.from({ length: N }, () => gen.next());
const dir = mkdtempSync(join(tmpdir(), 'atelier-tm-devlk-'));
const wb = createWorkbench({ dbPath: join(dir, 'tm.sqlite') });
for (let i = 0; i < N; i += 5000) wb.tm.add(units.slice(i, i + 5000));
wb.tm.refreshIndex();
const queries = buildFuzzyQueries((id) => units[id - 1]?.source ?? null, N, Q, seeds, rng(2008 + N));
const L = { sourceLang: 'fr-FR', targetLang: 'en-GB', threshold: 50, limit: 5 };
for (const q of queries.slice(0, 10)) wb.tm.lookup(q.text, L);
const cpu: number[] = [];
const cand: number[] = [];
for (const q of queries) {
	let c = process.cpuUsage();
	wb.tm.lookup(q.text, L);
	let d = process.cpuUsage(c);
	cpu.push((d.user + d.system) / 1000);
	c = process.cpuUsage();
	wb.tm.fuzzyCandidates(q.text, L);
	d = process.cpuUsage(c);
	cand.push((d.user + d.system) / 1000);
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(`lookup CPU ms p50 ${pct(cpu, 0.5).toFixed(2)} p95 ${pct(cpu, 0.95).toFixed(2)} mean ${mean(cpu).toFixed(2)}; fuzzyCandidates (all) p50 ${pct(cand, 0.5).toFixed(2)} p95 ${pct(cand, 0.95).toFixed(2)} mean ${mean(cand).toFixed(2)}`);
const p = await profilePhase(() => {
	for (const q of queries) wb.tm.lookup(q.text, L);
});
printSummary('lookups', summariseProfile(p.profile, 25), 20);
wb.close();
rmSync(dir, { recursive: true, force: true });
