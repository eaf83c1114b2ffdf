/**
 * A/B of two versions of the fuzzy index on the same machine noise (development): both are
 * built from N cached corpus sources and each bench query is searched (top 5 by similarity)
 * alternately with A and B, REPS times; prints CPU p50/p95 of each, the paired ratio, and
 * checks that both return the same matches.
 * Usage: A=path/to/a.ts B=path/to/b.ts node --import tsx bench/_tm-dev-ab.ts N [queries]
 * (each file is bundled with esbuild, so it may import its siblings in src/core/tm)
 */
import { readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import type { FuzzyIndex } from '../src/core/tm/fuzzy-index.js';
import { tokenizeForTm } from '../src/core/tm/normalize.js';
import { loadSeeds } from './_tm-corpus.js';
import { buildFuzzyQueries } from './tm.js';
import { rng } from './_util.js';

const N = Number(process.argv[2] ?? 100000);
const Q = Number(process.argv[3] ?? 1000);
const REPS = Number(process.env.REPS ?? 3);
async function load(label: string, path: string): Promise<typeof FuzzyIndex> {
	const out = join(tmpdir(), `atelier-ab-${label}.mjs`);
	buildSync({ entryPoints: [resolve(path)], bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile: out });
	return (await import(out)).FuzzyIndex;
}
const A = await load('a', process.env.A!);
const B = await load('b', process.env.B!);
const sources: string[] = JSON.parse(readFileSync(join(tmpdir(), `atelier-tm-dev-${N}.json`), 'utf8'));
const toks = sources.map((s) => tokenizeForTm(s).tokens);
const a = new A();
const b = new B();
toks.forEach((t, i) => a.add(i + 1, t));
a.ensureRanked();
toks.forEach((t, i) => b.add(i + 1, t));
b.ensureRanked();
const queries = buildFuzzyQueries((id) => sources[id - 1] ?? null, N, Q, loadSeeds(), rng(2008 + N)).map((q) => tokenizeForTm(q.text).tokens);
const cpu = (f: () => unknown) => {
	const c = process.cpuUsage();
	f();
	const d = process.cpuUsage(c);
	return (d.user + d.system) / 1000;
};
const ta: number[] = [];
const tb: number[] = [];
let differ = 0;
const load0 = loadavg()[0];
for (const q of queries) {
	const ka = JSON.stringify(a.search(q, 0.5, 5));
	const kb = JSON.stringify(b.search(q, 0.5, 5));
	if (ka !== kb) differ++;
	const xa: number[] = [];
	const xb: number[] = [];
	for (let r = 0; r < REPS; r++) {
		xa.push(cpu(() => a.search(q, 0.5, 5)));
		xb.push(cpu(() => b.search(q, 0.5, 5)));
	}
	ta.push(Math.min(...xa));
	tb.push(Math.min(...xb));
}
const pct = (xs: number[], p: number) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)];
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
console.log(`load ${load0.toFixed(2)}→${loadavg()[0].toFixed(2)}; A p50 ${pct(ta, 0.5).toFixed(2)} p95 ${pct(ta, 0.95).toFixed(2)} total ${sum(ta).toFixed(0)} ms | B p50 ${pct(tb, 0.5).toFixed(2)} p95 ${pct(tb, 0.95).toFixed(2)} total ${sum(tb).toFixed(0)} ms | B/A total ${(sum(tb) / sum(ta)).toFixed(3)}; results differ on ${differ}`);
const slow = ta.map((x, i) => [x, i]).sort((x, y) => y[0] - x[0]).slice(0, 10);
console.log('slowest in A:', slow.map(([x, i]) => `#${i} n=${queries[i].length} A ${x.toFixed(1)} B ${tb[i].toFixed(1)}`).join('; '));
