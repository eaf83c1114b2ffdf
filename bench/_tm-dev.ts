/**
 * Quick fuzzy-index loop for development (no database): N corpus units → FuzzyIndex, the
 * bench's fuzzy queries, top-20 and all-matches search times, recall against the scan on a
 * sample. Usage: node --import tsx bench/_tm-dev.ts N [queries] [scanSample]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuzzyIndex } from '../src/core/tm/fuzzy-index.js';
import { tokenizeForTm } from '../src/core/tm/normalize.js';
import { corpusGenerator, loadSeeds } from './_tm-corpus.js';
import { buildFuzzyQueries } from './tm.js';
import { rng } from './_util.js';

const N = Number(process.argv[2] ?? 100000);
const Q = Number(process.argv[3] ?? 500);
const S = Number(process.argv[4] ?? 20);
const seeds = loadSeeds();
const cache = join(tmpdir(), `atelier-tm-dev-${N}.json`);
let sources: string[];
if (existsSync(cache)) sources = JSON.parse(readFileSync(cache, 'utf8'));
else {
	const gen = corpusGenerator(seeds, 2008, 'open');
	sources = Array.from({ length: N }, () => gen.next().source);
	writeFileSync(cache, JSON.stringify(sources));
}
let t = performance.now();
const ix = new FuzzyIndex();
sources.forEach((s, i) => ix.add(i + 1, tokenizeForTm(s).tokens));
ix.search(['x'], 0.5, 20);
console.log(`index ${((performance.now() - t) / 1000).toFixed(1)} s, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`);
const queries = buildFuzzyQueries((id) => sources[id - 1] ?? null, N, Q, seeds, rng(2008 + N));
const toks = queries.map((q) => tokenizeForTm(q.text).tokens);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)];
for (const [label, k] of [['top20', 20], ['all', Infinity]] as const) {
	for (let i = 0; i < 10; i++) ix.search(toks[i], 0.5, k);
	const times: number[] = [];
	const byBand: Record<string, number[]> = {};
	for (let i = 0; i < toks.length; i++) {
		t = performance.now();
		ix.search(toks[i], 0.5, k);
		const dt = performance.now() - t;
		times.push(dt);
		(byBand[queries[i].band] ??= []).push(dt);
	}
	console.log(`${label}: p50 ${pct(times, 0.5).toFixed(2)} ms p95 ${pct(times, 0.95).toFixed(2)} max ${Math.max(...times).toFixed(1)} | ` + Object.entries(byBand).map(([b, x]) => `${b} p95 ${pct(x, 0.95).toFixed(1)}`).join(', '));
}
let miss = 0;
let pairs = 0;
let scanMs = 0;
let lookMs = 0;
for (let i = 0; i < S; i++) {
	t = performance.now();
	const s = ix.scan(toks[i], 0.5);
	scanMs += performance.now() - t;
	t = performance.now();
	const top = ix.search(toks[i], 0.5, 20);
	lookMs += performance.now() - t;
	const got = new Set(ix.search(toks[i], 0.5).map((c) => c.id));
	pairs += s.length;
	for (const c of s) if (!got.has(c.id)) miss++;
	const want = s.slice(0, 20).map((c) => c.id).join(',');
	if (top.map((c) => c.id).join(',') !== want) console.log('TOP-20 MISMATCH', i, JSON.stringify(top.map((c) => [c.id, c.similarity.toFixed(3)]).slice(-4)), JSON.stringify(s.slice(16, 21).map((c) => [c.id, c.similarity.toFixed(3)])));
}
const W: Record<string, number[]> = {};
for (let i = 0; i < toks.length; i++) {
	const st = { queryTokens: 0, prefixLookedUp: 0, postingsRead: 0, unitsReached: 0, lengthWindowPass: 0, positionPass: 0, overlapPass: 0, distanceCalls: 0, finalThreshold: 0 };
	ix.search(toks[i], 0.5, 20, st);
	for (const [k, v] of Object.entries(st)) (W[k] ??= []).push(v);
}
console.log('top20 work mean/p95: ' + Object.entries(W).map(([k, v]) => `${k} ${(v.reduce((a, b) => a + b, 0) / v.length).toFixed(2)}/${pct(v, 0.95).toFixed(2)}`).join(', '));
console.log(`scan sample ${S}: ${pairs} matches, ${miss} missed; scan mean ${(scanMs / S).toFixed(0)} ms, top20 mean ${(lookMs / S).toFixed(2)} ms → ×${(scanMs / lookMs).toFixed(0)}`);
