/**
 * The lookup's fuzzy top 5 without a database (development): N cached corpus sources (see
 * _tm-dev.ts), the bench's fuzzy queries; the penalty-aware top 5 (top-matches.ts) against
 * the previous way (top-20 by similarity, then rescored) and, on a sample, against the
 * exhaustive scan scored in full. CPU and wall times per query.
 * Usage: node --expose-gc --import tsx bench/_tm-dev-top5.ts N [queries] [scanSample]
 * BASELINE=path/to/fuzzy-index.ts measures another version of the index (an older one has no
 * searchWith: then only the previous lookup is timed).
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuzzyIndex as CurrentIndex } from '../src/core/tm/fuzzy-index.js';
import { tokenizeForTm } from '../src/core/tm/normalize.js';
import { scoreMatch } from '../src/core/tm/score.js';
import { penaltyBound, topFuzzy } from '../src/core/tm/top-matches.js';
import { loadSeeds } from './_tm-corpus.js';
import { buildFuzzyQueries } from './tm.js';
import { rng } from './_util.js';

const N = Number(process.argv[2] ?? 100000);
const Q = Number(process.argv[3] ?? 1000);
const S = Number(process.argv[4] ?? 20);
const cache = join(tmpdir(), `atelier-tm-dev-${N}.json`);
if (!existsSync(cache)) throw new Error('run _tm-dev.ts N first (it caches the corpus)');
const sources: string[] = JSON.parse(readFileSync(cache, 'utf8'));
global.gc?.();
const heap0 = process.memoryUsage();
let t0 = performance.now();
const FuzzyIndex: typeof CurrentIndex = process.env.BASELINE ? (await import(process.env.BASELINE)).FuzzyIndex : CurrentIndex;
const ix = new FuzzyIndex(process.env.PREFIX_HITS ? { prefixHits: Number(process.env.PREFIX_HITS) } : {});
const hasSearchWith = typeof ix.searchWith === 'function';
sources.forEach((s, i) => ix.add(i + 1, tokenizeForTm(s).tokens));
ix.ensureRanked();
global.gc?.();
const heap1 = process.memoryUsage();
const mb = (x: number) => (x / 2 ** 20).toFixed(0);
// typed arrays live outside the JS heap (arrayBuffers); run with --expose-gc for exact figures
const mem = (ix as Partial<CurrentIndex>).memoryBytes?.();
if (mem) console.log(`index memory: postings ${mb(mem.postings)} MB, unit arrays ${mb(mem.arrays)} MB, vocabulary ≈ ${mb(mem.vocab)} MB`);
console.log(`index ${((performance.now() - t0) / 1000).toFixed(1)} s; process ≈ ${mb(heap1.heapUsed + heap1.arrayBuffers - heap0.heapUsed - heap0.arrayBuffers)} MB (heap ${mb(heap1.heapUsed - heap0.heapUsed)} + typed arrays ${mb(heap1.arrayBuffers - heap0.arrayBuffers)}), rss ${mb(heap1.rss)} MB`);
const seeds = loadSeeds();
const queries = buildFuzzyQueries((id) => sources[id - 1] ?? null, N, Q, seeds, rng(2008 + N));
// a date per unit, with many ties (the lookup's second key)
const changedAt = (id: number) => `2020-0${1 + ((id * 2654435761) % 5)}`;
type M = { id: number; score: number; sim: number; changedAt: string };
const LIMIT = 5;
const TH = 50;
const finish = (xs: M[]) => [...xs].sort((a, b) => b.score - a.score || b.changedAt.localeCompare(a.changedAt)).slice(0, LIMIT);
const key = (xs: M[]) => xs.map((m) => `${m.id}:${m.score}`).join(',');

function lookupNew(text: string): M[] {
	const q = tokenizeForTm(text);
	return finish(
		topFuzzy<M>({
			search: (from, accept) => ix.searchWith(q.tokens, from, accept),
			threshold: TH,
			limit: LIMIT,
			maxPenalty: penaltyBound(q.tokens),
			taken: [],
			skip: () => false,
			score: (id, sim) => ({ id, sim, score: scoreMatch(text, sources[id - 1], q).score, changedAt: changedAt(id) })
		})
	);
}
function lookupOld(text: string): M[] {
	const q = tokenizeForTm(text);
	const out: M[] = [];
	const scores: number[] = [];
	for (const c of ix.search(q.tokens, TH / 100, Math.max(LIMIT * 4, 20))) {
		if (scores.length >= LIMIT && Math.floor(100 * c.similarity + 1e-9) < scores.sort((a, b) => b - a)[LIMIT - 1]) break;
		const s = scoreMatch(text, sources[c.id - 1], q);
		if (s.score < TH) continue;
		out.push({ id: c.id, score: s.score, sim: c.similarity, changedAt: changedAt(c.id) });
		scores.push(s.score);
	}
	return finish(out);
}
function lookupScan(text: string): M[] {
	const q = tokenizeForTm(text);
	const all = ix.scan(q.tokens, TH / 100).map((c) => ({ id: c.id, sim: c.similarity, score: scoreMatch(text, sources[c.id - 1], q).score, changedAt: changedAt(c.id) }));
	return finish(all.filter((m) => m.score >= TH).sort((a, b) => b.sim - a.sim || a.id - b.id));
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)];
const variants = [['old (top-20, rescored)', lookupOld], ['new (penalty-aware top-5)', lookupNew]] as const;
for (const [label, f] of hasSearchWith ? variants : variants.slice(0, 1)) {
	for (let i = 0; i < 20; i++) f(queries[i].text);
	const cpu: number[] = [];
	const wall: number[] = [];
	const byBand: Record<string, number[]> = {};
	const load = loadavg()[0];
	for (const q of queries) {
		const c = process.cpuUsage();
		const w = performance.now();
		f(q.text);
		wall.push(performance.now() - w);
		const d = process.cpuUsage(c);
		const ms = (d.user + d.system) / 1000;
		cpu.push(ms);
		(byBand[q.band] ??= []).push(ms);
	}
	console.log(
		`${label}: CPU p50 ${pct(cpu, 0.5).toFixed(2)} p95 ${pct(cpu, 0.95).toFixed(2)} max ${Math.max(...cpu).toFixed(1)} ms; wall p50 ${pct(wall, 0.5).toFixed(2)} p95 ${pct(wall, 0.95).toFixed(2)} ms; load ${load.toFixed(2)} | CPU p95 by band: ` +
			Object.entries(byBand)
				.map(([b, x]) => `${b} ${pct(x, 0.95).toFixed(1)}`)
				.join(', ')
	);
}
if (!hasSearchWith) process.exit(0);
let diffOld = 0;
for (const q of queries) if (key(lookupOld(q.text)) !== key(lookupNew(q.text))) diffOld++;
console.log(`new vs old top 5 (ids and scores): ${diffOld} of ${queries.length} differ`);
let wrongNew = 0;
let wrongOld = 0;
t0 = performance.now();
for (let i = 0; i < S; i++) {
	const want = key(lookupScan(queries[i].text));
	if (key(lookupNew(queries[i].text)) !== want) (wrongNew++, console.log('NEW ≠ SCAN', i, key(lookupNew(queries[i].text)), want));
	if (key(lookupOld(queries[i].text)) !== want) wrongOld++;
}
console.log(`against the scan (${S} queries, ${((performance.now() - t0) / 1000).toFixed(0)} s): new differs on ${wrongNew}, old on ${wrongOld}`);
if (process.env.CHECK_DIFF) {
	let n = 0;
	let newOk = 0;
	let oldOk = 0;
	for (const q of queries) {
		const a = key(lookupOld(q.text));
		const b = key(lookupNew(q.text));
		if (a === b) continue;
		const want = key(lookupScan(q.text));
		if (b === want) newOk++;
		if (a === want) oldOk++;
		if (n < 3) console.log(`old ${a}\nnew ${b}\nscan ${want}`);
		if (++n >= Number(process.env.CHECK_DIFF)) break;
	}
	console.log(`differing queries checked against the scan: ${n}; new right on ${newOk}, old right on ${oldOk}`);
}
