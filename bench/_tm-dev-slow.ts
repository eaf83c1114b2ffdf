/**
 * Which fuzzy queries are slow, and why (development): N cached corpus sources (see
 * _tm-dev.ts), the bench's queries, top-k search; prints the slowest queries' work counters.
 * Usage: node --import tsx bench/_tm-dev-slow.ts N [queries] [k]
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuzzyIndex, type SearchStats } from '../src/core/tm/fuzzy-index.js';
import { tokenizeForTm } from '../src/core/tm/normalize.js';
import { loadSeeds } from './_tm-corpus.js';
import { buildFuzzyQueries } from './tm.js';
import { rng } from './_util.js';

const N = Number(process.argv[2] ?? 100000);
const Q = Number(process.argv[3] ?? 1000);
const K = Number(process.argv[4] ?? 20);
const REPS = Number(process.env.REPS ?? 3);
const cache = join(tmpdir(), `atelier-tm-dev-${N}.json`);
if (!existsSync(cache)) throw new Error('run _tm-dev.ts first');
const sources: string[] = JSON.parse(readFileSync(cache, 'utf8'));
const ix = new FuzzyIndex(process.env.PREFIX_HITS ? { prefixHits: Number(process.env.PREFIX_HITS) } : {});
sources.forEach((s, i) => ix.add(i + 1, tokenizeForTm(s).tokens));
ix.ensureRanked();
const seeds = loadSeeds();
const queries = buildFuzzyQueries((id) => sources[id - 1] ?? null, N, Q, seeds, rng(2008 + N));
const toks = queries.map((q) => tokenizeForTm(q.text).tokens);
for (let i = 0; i < 20; i++) ix.search(toks[i], 0.5, K);
const rows: { i: number; ms: number; st: SearchStats; found: number }[] = [];
for (let i = 0; i < toks.length; i++) {
	const st: SearchStats = { queryTokens: 0, prefixLookedUp: 0, postingsRead: 0, unitsReached: 0, lengthWindowPass: 0, positionPass: 0, overlapPass: 0, distanceCalls: 0, finalThreshold: 0 };
	// the median of REPS runs: the machine is shared, one run catches the neighbours' bursts
	const times: number[] = [];
	let r: unknown[] = [];
	for (let k = 0; k < REPS; k++) {
		const c = process.cpuUsage();
		r = ix.search(toks[i], 0.5, K, k === 0 ? st : undefined);
		const d = process.cpuUsage(c);
		times.push((d.user + d.system) / 1000);
	}
	rows.push({ i, ms: times.sort((a, b) => a - b)[REPS >> 1], st, found: r.length });
}
rows.sort((a, b) => b.ms - a.ms);
for (const l of (process.env.QUERY_HITS ?? '').split(',').filter(Boolean).map(Number)) {
	ix.queryPrefixHits = l;
	const ts: number[] = [];
	for (let i = 0; i < toks.length; i++) {
		const times: number[] = [];
		for (let k = 0; k < REPS; k++) {
			const c = process.cpuUsage();
			ix.search(toks[i], 0.5, K);
			const d = process.cpuUsage(c);
			times.push((d.user + d.system) / 1000);
		}
		ts.push(times.sort((a, b) => a - b)[REPS >> 1]);
	}
	ts.sort((a, b) => a - b);
	console.log(`query ℓ ${l}: CPU p50 ${ts[Math.ceil(ts.length / 2) - 1].toFixed(2)} p95 ${ts[Math.ceil(0.95 * ts.length) - 1].toFixed(2)} ms; load ${loadavg()[0].toFixed(2)}`);
}
ix.queryPrefixHits = null;
const pct = (p: number) => [...rows].sort((a, b) => a.ms - b.ms)[Math.ceil(p * rows.length) - 1].ms;
console.log(`CPU (median of ${REPS}) p50 ${pct(0.5).toFixed(2)} p95 ${pct(0.95).toFixed(2)} ms; load ${loadavg()[0].toFixed(2)}`);
for (const r of rows.slice(0, 25)) {
	const s = r.st;
	console.log(`#${r.i} ${r.ms.toFixed(1)} ms ${queries[r.i].band} n=${s.queryTokens} found=${r.found} θ=${s.finalThreshold.toFixed(2)} prefix=${s.prefixLookedUp} post=${s.postingsRead} win=${s.lengthWindowPass} pos=${s.positionPass} reached=${s.unitsReached} overlap=${s.overlapPass}`);
}
if (process.env.REPEAT) {
	for (const r of rows.slice(0, 3)) {
		const ts: number[] = [];
		for (let k = 0; k < 10; k++) {
			const c = process.cpuUsage();
			ix.search(toks[r.i], 0.5, K);
			const d = process.cpuUsage(c);
			ts.push((d.user + d.system) / 1000);
		}
		console.log(`repeat ${r.i}: ${ts.map((x) => x.toFixed(1)).join(' ')}`);
	}
}
if (process.env.ONLY) {
	const i = Number(process.env.ONLY);
	const st: SearchStats = { queryTokens: 0, prefixLookedUp: 0, postingsRead: 0, unitsReached: 0, lengthWindowPass: 0, positionPass: 0, overlapPass: 0, distanceCalls: 0, finalThreshold: 0 };
	ix.search(toks[i], 0.5, K, st);
	console.log(queries[i], st);
	const c = process.cpuUsage();
	for (let k = 0; k < 200; k++) ix.search(toks[i], 0.5, K);
	const d = process.cpuUsage(c);
	console.log(`only ${i}: ${((d.user + d.system) / 1000 / 200).toFixed(2)} ms`);
}
