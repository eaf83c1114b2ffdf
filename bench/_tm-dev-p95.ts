/**
 * Where the fuzzy top-5's p95 goes (development): N cached corpus sources (see _tm-dev.ts), the
 * bench's queries; per query the CPU of the index search alone (top-5 by similarity), of the
 * lookup's penalty-aware top 5 with scoring, and the search's work counters for the slowest.
 * Usage: node --import tsx bench/_tm-dev-p95.ts N [queries]
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuzzyIndex, type SearchStats } from '../src/core/tm/fuzzy-index.js';
import { tokenizeForTm } from '../src/core/tm/normalize.js';
import { scoreMatch } from '../src/core/tm/score.js';
import { penaltyBound, topFuzzy } from '../src/core/tm/top-matches.js';
import { loadSeeds } from './_tm-corpus.js';
import { buildFuzzyQueries } from './tm.js';
import { rng } from './_util.js';

const N = Number(process.argv[2] ?? 100000);
const Q = Number(process.argv[3] ?? 1000);
const cache = join(tmpdir(), `atelier-tm-dev-${N}.json`);
if (!existsSync(cache)) throw new Error('run _tm-dev.ts N first');
const sources: string[] = JSON.parse(readFileSync(cache, 'utf8'));
let t0 = performance.now();
const ix = new FuzzyIndex();
sources.forEach((s, i) => ix.add(i + 1, tokenizeForTm(s).tokens));
ix.ensureRanked();
console.log(`index ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const queries = buildFuzzyQueries((id) => sources[id - 1] ?? null, N, Q, loadSeeds(), rng(2008 + N));
const cpuMs = (f: () => void) => {
	const c = process.cpuUsage();
	f();
	const d = process.cpuUsage(c);
	return (d.user + d.system) / 1000;
};
let scoreMs = 0;
let scored = 0;
function lookup(text: string, stats?: SearchStats) {
	const q = tokenizeForTm(text);
	return topFuzzy({
		search: (from, accept) => ix.searchWith(q.tokens, from, accept, stats),
		threshold: 50,
		limit: 5,
		maxPenalty: penaltyBound(q.tokens),
		taken: [],
		skip: () => false,
		score: (id) => {
			const c = performance.now();
			const s = scoreMatch(text, sources[id - 1], q);
			scoreMs += performance.now() - c;
			scored++;
			return { id, score: s.score };
		}
	});
}
for (let i = 0; i < 20; i++) lookup(queries[i].text);
const rows: { i: number; full: number; search: number; score: number; scored: number; n: number; st: SearchStats }[] = [];
const load = loadavg()[0];
for (let i = 0; i < queries.length; i++) {
	const toks = tokenizeForTm(queries[i].text).tokens;
	const search = Math.min(cpuMs(() => ix.search(toks, 0.5, 5)), cpuMs(() => ix.search(toks, 0.5, 5)));
	const st = { queryTokens: 0, prefixLookedUp: 0, postingsRead: 0, unitsReached: 0, lengthWindowPass: 0, positionPass: 0, overlapPass: 0, distanceCalls: 0, finalThreshold: 0 } as SearchStats;
	lookup(queries[i].text, st);
	scoreMs = 0;
	scored = 0;
	const full = Math.min(cpuMs(() => lookup(queries[i].text)), cpuMs(() => lookup(queries[i].text)));
	rows.push({ i, full, search, score: scoreMs / 2, scored: scored / 2, n: toks.length, st });
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)];
console.log(`load ${load.toFixed(2)}; full lookup CPU p50 ${pct(rows.map((r) => r.full), 0.5).toFixed(2)} p95 ${pct(rows.map((r) => r.full), 0.95).toFixed(2)} ms; search-only top-5 by similarity p50 ${pct(rows.map((r) => r.search), 0.5).toFixed(2)} p95 ${pct(rows.map((r) => r.search), 0.95).toFixed(2)}; scoring p95 ${pct(rows.map((r) => r.score), 0.95).toFixed(2)}`);
rows.sort((a, b) => b.full - a.full);
for (const r of rows.slice(0, Number(process.env.SHOW ?? 30)))
	console.log(`#${r.i} n=${r.n} full ${r.full.toFixed(1)} search ${r.search.toFixed(1)} score ${r.score.toFixed(1)} (${r.scored}) | prefix ${r.st.prefixLookedUp} postings ${r.st.postingsRead} lenPass ${r.st.lengthWindowPass} posPass ${r.st.positionPass} reached ${r.st.unitsReached} overlap ${r.st.overlapPass} dist ${r.st.distanceCalls} θ ${r.st.finalThreshold.toFixed(2)}`);
for (const i of (process.env.DETAIL ?? '').split(',').filter(Boolean).map(Number)) {
	const text = queries[i].text;
	const q = tokenizeForTm(text);
	const scores: Record<string, number> = {};
	const res = topFuzzy({
		search: (from, accept) => ix.searchWith(q.tokens, from, accept),
		threshold: 50,
		limit: 5,
		maxPenalty: penaltyBound(q.tokens),
		taken: [],
		skip: () => false,
		score: (id, sim) => {
			const s = scoreMatch(text, sources[id - 1], q);
			const k = `${Math.floor(100 * sim + 1e-9)}→${s.score}`;
			scores[k] = (scores[k] ?? 0) + 1;
			return { id, score: s.score };
		}
	});
	console.log(`#${i} ${JSON.stringify(text)} band ${queries[i].band}: top ${JSON.stringify(res.map((r) => [r.id, r.score, sources[r.id - 1]]))}\n  scored base→score: ${JSON.stringify(scores)}`);
}
