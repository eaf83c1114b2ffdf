import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTmx } from '../src/core/formats/tmx/write.js';
import type { TmUnit } from '../src/core/model.js';
import { tokenizeForTm } from '../src/core/tm/normalize.js';
import { scoreMatch } from '../src/core/tm/score.js';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { UNIT_COLUMN_ORDER } from '../src/core/db/tm.repo.server.js';
import { corpusGenerator, loadSeeds, type CorpusStats, type Seeds, type VocabMode } from './_tm-corpus.js';
import { buildIndex, searchWork, type SearchWork } from './_tm-diag.js';
import { printSummary, profilePhase, readProfile, summariseProfile, type ProfileSummary } from './_tm-prof.js';
import { median, rng, writeResult } from './_util.js';

/**
 * The translation memory at 10k, 100k and 1M units (or the sizes given: `npm run bench -- tm
 * 10000 100000`). For each size, in one run:
 *
 *  1. corpus: a seeded French→English memory from the seeds' sentences and nato.tbx terms
 *     (bench/_tm-corpus.ts: recombined clauses, swapped terms, numbers and dates,
 *     near-duplicates and variants), written to TMX with writeTmx (the writer's throughput);
 *  2. TMX import in a child process (readTmx on a file stream → wb.tm.importUnits), so the
 *     peak RSS is the import's alone: units/s, peak RSS sampled every 50 ms, DB size vs TMX;
 *  3. TMX export from the database, right after the import: wb.tm.exportTmx (worker threads)
 *     and, as the baseline in the same run, the single-thread writeTmx(wb.tm.iterate()), each in
 *     a child process (bench/_tm-export.ts: units/s, CPU, peak RSS), and the SQLite read floor;
 *  4. exact lookups of 1,000 existing sources;
 *  5. fuzzy top-5 lookups (threshold 50) of 1,000 queries made by editing units into each
 *     score band (100, 95–99, 85–94, 75–84, 50–74; 200 each), the band checked afterwards;
 *  6. the exhaustive scan on a sample of those queries: time, speed ratio, and recall of the
 *     index (every unit the scan finds above the threshold must be in fuzzyCandidates);
 *  7. what one would otherwise reach for, on the same sample: @m31coding/fuzzy-search
 *     (n-gram index, top 50, rescored) and SQLite FTS5 (OR of the words, top 50 by rank,
 *     rescored), with their speed and recall against the scan;
 *  8. concordance (wb.tm.concordance) of 1,000 words and phrases.
 *
 * Options: sizes as numbers (10000, 1e6, 100k, 1M); --queries N (1000); --seed N;
 * --vocab open|seeds (see _tm-corpus.ts); --scan-sample N (default 3e6/size, within 10…1000:
 * the scan costs ~10–15 µs per unit and query, 10–15 s per query at 1M);
 * --budget S (seconds per timed loop before it stops early, at least 100 queries; 60);
 * --fuzzy-search-max N (largest size the fuzzy-search baseline is built for; 100000);
 * --diag-max N (largest size the index's work is counted at, on a second index; 100000);
 * --profile (CPU profiles of the import child, fuzzy lookups and export at every size; by
 * default only the fuzzy lookups are profiled, on an extra untimed pass at sizes ≥ 1M;
 * --no-profile turns that off; .cpuprofile files go to $TMPDIR/atelier-tm-profiles);
 * --keep (keep the temporary directories); --out NAME (bench/results/NAME.json; default tm);
 * --only import,export (stop after the export: no index, lookups, baselines, concordance).
 */

const ROOT = join(import.meta.dirname, '..');
const LANGS = { sourceLang: 'fr-FR', targetLang: 'en-GB' } as const;
const THRESHOLD = 50;
const TOP_K_BASELINE = 50;
const MB = 1024 * 1024;

interface Options {
	sizes: number[];
	queries: number;
	seed: number;
	vocab: VocabMode;
	scanSample: number | null;
	budget: number;
	fuzzySearchMax: number;
	diagMax: number;
	profile: boolean;
	noProfile: boolean;
	keep: boolean;
	/** result name: bench/results/<out>.json */
	out: string;
	/** --only import,export: stop after the export (no index, lookups, baselines, concordance) */
	only: Set<string> | null;
}

function parseSize(s: string): number {
	const m = /^(\d+(?:\.\d+)?)(k|m)?$/i.exec(s.replace(/_/g, ''));
	if (m) return Math.round(Number(m[1]) * (m[2]?.toLowerCase() === 'k' ? 1e3 : m[2]?.toLowerCase() === 'm' ? 1e6 : 1));
	const n = Number(s);
	if (!Number.isFinite(n) || n <= 0) throw new Error(`not a size: ${s}`);
	return Math.round(n);
}

function parseArgs(args: string[]): Options {
	const o: Options = { sizes: [], queries: 1000, seed: 2008, vocab: 'open', scanSample: null, budget: 60, fuzzySearchMax: 100_000, diagMax: 100_000, profile: false, noProfile: false, keep: false, out: 'tm', only: null };
	for (let i = 0; i < args.length; i++) {
		const a = args[i];
		if (a === '--queries') o.queries = Number(args[++i]);
		else if (a === '--seed') o.seed = Number(args[++i]);
		else if (a === '--vocab') o.vocab = args[++i] === 'seeds' ? 'seeds' : 'open';
		else if (a === '--scan-sample') o.scanSample = Number(args[++i]);
		else if (a === '--budget') o.budget = Number(args[++i]);
		else if (a === '--fuzzy-search-max') o.fuzzySearchMax = parseSize(args[++i]);
		else if (a === '--diag-max') o.diagMax = parseSize(args[++i]);
		else if (a === '--profile') o.profile = true;
		else if (a === '--no-profile') o.noProfile = true;
		else if (a === '--keep') o.keep = true;
		else if (a === '--out') o.out = args[++i];
		else if (a === '--only') o.only = new Set(args[++i].split(','));
		else o.sizes.push(parseSize(a));
	}
	if (!o.sizes.length) o.sizes = [10_000, 100_000, 1_000_000];
	return o;
}

// ---------------------------------------------------------------------------------------
// small helpers

const now = () => performance.now();
const r1 = (x: number) => Number(x.toFixed(1));
const r2 = (x: number) => Number(x.toFixed(2));
const r3 = (x: number) => Number(x.toFixed(3));
const pct = (xs: number[], p: number) => {
	if (!xs.length) return NaN;
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
};
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const fmtN = (n: number) => Math.round(n).toLocaleString('en');
const fmtMs = (ms: number) => (ms < 1 ? ms.toFixed(3) : ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));
const sizeName = (n: number) => (n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : String(n));

let T0 = now();
function log(msg: string): void {
	console.log(`[${((now() - T0) / 1000).toFixed(0).padStart(4)} s] ${msg}`);
}

interface Timing {
	/** per query, ms */
	times: number[];
	/** per query, CPU ms of this process (user + system): what the wall times would be on an idle machine */
	cpu: number[];
	n: number;
	of: number;
	stoppedByBudget: boolean;
	p50: number;
	p95: number;
	mean: number;
	max: number;
}

/** Times fn on each item (after a short untimed warm-up), stopping early once `budget` seconds are spent (never before `min` items). */
function timeEach<T>(items: T[], fn: (x: T, i: number) => void, budget: number, min = 100, warmup = 10): Timing {
	for (let i = 0; i < Math.min(warmup, items.length); i++) fn(items[i], i);
	const times: number[] = [];
	const cpu: number[] = [];
	const start = now();
	let stopped = false;
	for (let i = 0; i < items.length; i++) {
		if (i >= min && (now() - start) / 1000 > budget) {
			stopped = true;
			break;
		}
		const c = process.cpuUsage();
		const t = now();
		fn(items[i], i);
		times.push(now() - t);
		const d = process.cpuUsage(c);
		cpu.push((d.user + d.system) / 1000);
	}
	return summarise(times, items.length, stopped, cpu);
}

function summarise(times: number[], of: number, stoppedByBudget = false, cpu: number[] = []): Timing {
	return { times, cpu, n: times.length, of, stoppedByBudget, p50: pct(times, 0.5), p95: pct(times, 0.95), mean: mean(times), max: Math.max(...times) };
}

const timingOut = (t: Timing) => ({
	queries: t.n,
	of: t.of,
	stoppedByBudget: t.stoppedByBudget,
	p50Ms: r3(t.p50),
	p95Ms: r3(t.p95),
	meanMs: r3(t.mean),
	maxMs: r3(t.max),
	...(t.cpu.length ? { cpuP50Ms: r3(pct(t.cpu, 0.5)), cpuP95Ms: r3(pct(t.cpu, 0.95)), cpuMeanMs: r3(mean(t.cpu)) } : {})
});

/** Wall and CPU time of a phase (CPU: this process, user + system). */
async function phase<T>(fn: () => Promise<T> | T): Promise<{ result: T; wallMs: number; cpuMs: number }> {
	const c = process.cpuUsage();
	const t = now();
	const result = await fn();
	const wallMs = now() - t;
	const d = process.cpuUsage(c);
	return { result, wallMs, cpuMs: (d.user + d.system) / 1000 };
}

const load = () => loadavg().map((x) => r2(x));

function shuffle<T>(xs: T[], rand: () => number): T[] {
	for (let i = xs.length - 1; i > 0; i--) {
		const j = Math.floor(rand() * (i + 1));
		[xs[i], xs[j]] = [xs[j], xs[i]];
	}
	return xs;
}

/**
 * Word similarity as the scan computes it: 1 − word edit distance / longer length (the same
 * definition as FuzzyIndex.scan). A local copy of the edit distance rather than a call to
 * src's boundedTokenDistance: calling that one with string arrays here would make its
 * element accesses polymorphic and slow down the index and the scan being measured.
 */
function similarity(q: readonly string[], u: readonly string[]): number {
	const n = q.length;
	const m = u.length;
	const longest = Math.max(n, m);
	if (longest === 0) return 0;
	let prev = new Int32Array(m + 1);
	let cur = new Int32Array(m + 1);
	for (let j = 0; j <= m; j++) prev[j] = j;
	for (let i = 1; i <= n; i++) {
		cur[0] = i;
		for (let j = 1; j <= m; j++) cur[j] = Math.min(prev[j - 1] + (q[i - 1] === u[j - 1] ? 0 : 1), prev[j] + 1, cur[j - 1] + 1);
		const t = prev;
		prev = cur;
		cur = t;
	}
	return (longest - prev[m]) / longest;
}

// ---------------------------------------------------------------------------------------
// queries

interface Band {
	name: string;
	lo: number;
	hi: number;
}
const BANDS: Band[] = [
	{ name: '100', lo: 100, hi: 100 },
	{ name: '95–99', lo: 95, hi: 99 },
	{ name: '85–94', lo: 85, hi: 94 },
	{ name: '75–84', lo: 75, hi: 84 },
	{ name: '50–74', lo: 50, hi: 74 }
];
const bandOf = (score: number): string => BANDS.find((b) => score >= b.lo && score <= Math.max(b.hi, b.lo === 100 ? 101 : b.hi))?.name ?? (score > 0 ? '<50' : 'none');

interface FuzzyQuery {
	text: string;
	band: string;
	/** the unit it was made from */
	fromId: number;
	/** what was done to it */
	edit: string;
}

const WORD = /[\p{L}\p{N}]+(?:[.,][\p{N}]+)*/gu;
const STAT_WORD = /[\p{L}\p{N}]+(?:[.,][\p{N}]+)*/gu;
const TAGGED = /[\uE000-\uF8FF]/;

/**
 * Queries made by editing existing units by the right amount for each band: 100 = the
 * source itself; 95–99 = a case, number or punctuation change, or one word in 20+;
 * 85–94, 75–84, 50–74 = k words substituted or dropped, k chosen so the unit itself scores
 * in the band. Only the unit it was made from is checked here (scoreMatch); the best match
 * in the whole memory is checked later, by the lookups and by the scan.
 */
export function buildFuzzyQueries(sourceOf: (id: number) => string | null, maxId: number, n: number, seeds: Seeds, rand: () => number): FuzzyQuery[] {
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
	const per = Math.ceil(n / BANDS.length);
	const out: FuzzyQuery[] = [];
	for (const band of BANDS) {
		let made = 0;
		for (let attempt = 0; made < per && attempt < per * 200; attempt++) {
			const id = 1 + Math.floor(rand() * maxId);
			const src = sourceOf(id);
			if (!src || TAGGED.test(src)) continue;
			const words = [...src.matchAll(WORD)].map((m) => ({ at: m.index!, w: m[0] }));
			const n = words.length;
			if (n < 2) continue;
			let text: string;
			let edit: string;
			if (band.lo === 100) {
				text = src;
				edit = 'none';
			} else if (band.lo === 95) {
				const options: string[] = ['case', 'punctuation'];
				if (words.some((w) => /^\p{N}/u.test(w.w))) options.push('number');
				if (n >= 20) options.push('word', 'word');
				edit = pick(options);
				if (edit === 'case') {
					const cands = words.filter((w) => /^\p{L}{3,}/u.test(w.w));
					if (!cands.length) continue;
					const w = pick(cands);
					const flipped = /^\p{Lu}/u.test(w.w) ? w.w[0].toLowerCase() + w.w.slice(1) : w.w[0].toUpperCase() + w.w.slice(1);
					text = src.slice(0, w.at) + flipped + src.slice(w.at + w.w.length);
				} else if (edit === 'number') {
					const w = pick(words.filter((x) => /^\p{N}/u.test(x.w)));
					text = src.slice(0, w.at) + String(Number.parseInt(w.w, 10) + 1 + Math.floor(rand() * 9)) + src.slice(w.at + w.w.length);
				} else if (edit === 'punctuation') {
					text = /[.;:!?]$/.test(src) ? src.slice(0, -1) : src + '.';
				} else {
					const w = pick(words);
					text = src.slice(0, w.at) + pick(seeds.frWords) + src.slice(w.at + w.w.length);
				}
			} else {
				// k edits with floor(100 (n − k) / n) in the band
				const ks: number[] = [];
				for (let k = 1; k < n; k++) {
					const s = Math.floor((100 * (n - k)) / n);
					if (s >= band.lo && s <= band.hi) ks.push(k);
				}
				if (!ks.length) continue;
				const k = pick(ks);
				const positions = shuffle(words.map((_, i) => i), rand).slice(0, k).sort((a, b) => b - a);
				text = src;
				let dropped = 0;
				for (const p of positions) {
					const w = words[p];
					if (rand() < 0.2 && n - dropped > 2) {
						// drop the word and one space beside it
						const end = w.at + w.w.length;
						text = text[end] === ' ' ? text.slice(0, w.at) + text.slice(end + 1) : text.slice(0, w.at).replace(/ $/, '') + text.slice(end);
						dropped++;
					} else {
						let by = pick(seeds.frWords);
						for (let g = 0; g < 5 && by === w.w.toLowerCase(); g++) by = pick(seeds.frWords);
						text = text.slice(0, w.at) + by + text.slice(w.at + w.w.length);
					}
				}
				edit = `${k} of ${n} words (${dropped} dropped)`;
			}
			const s = scoreMatch(text, src).score;
			if (s < band.lo || s > band.hi) continue;
			out.push({ text, band: band.name, fromId: id, edit });
			made++;
		}
	}
	return shuffle(out, rand).slice(0, n);
}

const FR_FUNCTION = new Set('les des une dans pour avec sans entre vers dont cette leur leurs notre tous toutes aussi ainsi comme mais donc lors afin été être avoir sont était sera même autres autre cela celle celui ceux après avant depuis selon'.split(' '));

function buildConcordanceQueries(rowOf: (id: number) => { source: string; target: string } | null, maxId: number, n: number, seeds: Seeds, rand: () => number): { text: string; kind: string }[] {
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
	const out: { text: string; kind: string }[] = [];
	const multiword = seeds.terms.filter((t) => /\s/.test(t.fr));
	for (let attempt = 0; out.length < n && attempt < n * 50; attempt++) {
		const r = rand();
		if (r < 0.1) {
			out.push({ text: pick(multiword).fr, kind: 'glossary term' });
			continue;
		}
		const row = rowOf(1 + Math.floor(rand() * maxId));
		if (!row) continue;
		const side = r < 0.8 ? row.source : row.target;
		const words = [...side.replace(/[\uE000-\uF8FF]/g, ' ').matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m[0]);
		if (words.length < 3) continue;
		if (r < 0.55) {
			const content = words.filter((w) => w.length >= 5 && !FR_FUNCTION.has(w.toLowerCase()) && !/^\p{N}/u.test(w));
			if (!content.length) continue;
			out.push({ text: pick(content), kind: 'source word' });
		} else if (r < 0.8) {
			const len = rand() < 0.6 ? 2 : 3;
			const i = Math.floor(rand() * (words.length - len + 1));
			out.push({ text: words.slice(i, i + len).join(' '), kind: `source phrase (${len} words)` });
		} else {
			const content = words.filter((w) => w.length >= 5);
			if (!content.length) continue;
			if (rand() < 0.5) out.push({ text: pick(content), kind: 'target word' });
			else {
				const i = Math.floor(rand() * (words.length - 1));
				out.push({ text: words.slice(i, i + 2).join(' '), kind: 'target phrase (2 words)' });
			}
		}
	}
	return out;
}

// ---------------------------------------------------------------------------------------
// recall against the scan

interface RecallAcc {
	queries: number;
	/** (query, unit) pairs the scan finds ≥ threshold */
	scanPairs: number;
	found: number;
	/** positions 1–5 of the scan's ranking (by similarity) matched by the method's own 1–5 */
	top5Slots: number;
	top5Hits: number;
	bestQueries: number;
	bestHits: number;
}

const newRecall = (): RecallAcc => ({ queries: 0, scanPairs: 0, found: 0, top5Slots: 0, top5Hits: 0, bestQueries: 0, bestHits: 0 });

function addRecall(acc: RecallAcc, scan: Map<number, number>, scanSorted: number[], found: Map<number, number>): void {
	acc.queries++;
	acc.scanPairs += scan.size;
	for (const id of scan.keys()) if (found.has(id)) acc.found++;
	const mine = [...found.values()].sort((a, b) => b - a);
	const k = Math.min(5, scanSorted.length);
	acc.top5Slots += k;
	for (let i = 0; i < k; i++) if ((mine[i] ?? -1) >= scanSorted[i] - 1e-9) acc.top5Hits++;
	if (scanSorted.length) {
		acc.bestQueries++;
		if ((mine[0] ?? -1) >= scanSorted[0] - 1e-9) acc.bestHits++;
	}
}

const recallOut = (a: RecallAcc) => ({
	queries: a.queries,
	scanMatches: a.scanPairs,
	found: a.found,
	recallAllMatches: a.scanPairs ? r3(a.found / a.scanPairs) : null,
	recallTop5: a.top5Slots ? r3(a.top5Hits / a.top5Slots) : null,
	bestMatchFound: a.bestQueries ? r3(a.bestHits / a.bestQueries) : null
});

// ---------------------------------------------------------------------------------------

function runChild(script: string, args: string[], nodeFlags: string[]): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', join(ROOT, 'bench', script), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.on('error', reject);
		child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${script} exited with ${code}`))));
	});
}

/** Where the database's bytes are: free pages always; per table and index (dbstat, a full read) when `detail`. */
function dbSpace(path: string, detail: boolean): Record<string, number> {
	const db = new Database(path, { readonly: true });
	try {
		const pageSize = db.pragma('page_size', { simple: true }) as number;
		const out: Record<string, number> = { 'free pages': r1(((db.pragma('freelist_count', { simple: true }) as number) * pageSize) / MB) };
		if (detail) {
			const groups: Record<string, number> = {};
			for (const r of db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').all() as { name: string; bytes: number }[]) {
				const g = r.name === 'tm_units' ? 'tm_units table' : r.name.startsWith('tm_fts') ? 'FTS5 index' : r.name.startsWith('tm_units') || r.name.startsWith('sqlite_autoindex_tm_units') ? 'tm_units indexes' : 'other';
				groups[g] = (groups[g] ?? 0) + r.bytes;
			}
			for (const [k, v] of Object.entries(groups)) out[k] = r1(v / MB);
		}
		return out;
	} finally {
		db.close();
	}
}

function fileSize(p: string): number {
	return existsSync(p) ? statSync(p).size : 0;
}

interface ExportRun {
	mode: 'parallel' | 'single';
	units: number;
	seconds: number;
	cpuSeconds: number;
	rssBeforeMB: number;
	peakRssSampledMB: number;
	vmHwmMB: number;
	bytes: number;
	cpuSecondsByThread: Record<string, number>;
}

interface SizeResult {
	size: number;
	[k: string]: unknown;
}

async function benchSize(N: number, o: Options, seeds: Seeds): Promise<{ result: SizeResult; row: Record<string, string>; aims: Record<string, number> }> {
	const dir = mkdtempSync(join(tmpdir(), `atelier-tm-bench-${sizeName(N)}-`));
	const tmxPath = join(dir, 'corpus.tmx');
	const dbPath = join(dir, 'tm.sqlite');
	const profDir = join(tmpdir(), 'atelier-tm-profiles');
	const profiles: Record<string, ProfileSummary> = {};
	log(`── ${fmtN(N)} units  (${dir})`);

	// 1–2a. corpus → TMX. Units are generated in batches (timed apart) and handed to writeTmx
	const gen = corpusGenerator(seeds, o.seed, o.vocab);
	let genMs = 0;
	let genCpuMs = 0;
	const load0 = load();
	const vocab = new Set<string>();
	let tokenCount = 0;
	const lengths: number[] = [];
	const BATCH = 10_000;
	function* units(): Generator<TmUnit> {
		for (let done = 0; done < N; ) {
			const c = process.cpuUsage();
			const t = now();
			const k = Math.min(BATCH, N - done);
			const batch: TmUnit[] = new Array(k);
			for (let i = 0; i < k; i++) {
				const u = gen.next();
				batch[i] = u;
				// corpus statistics, on (nearly) the fuzzy index's tokens: lower-case words, numbers as one token
				const toks = u.source.toLowerCase().match(STAT_WORD) ?? [];
				tokenCount += toks.length;
				if ((done + i) % 10 === 0) lengths.push(toks.length);
				for (const x of toks) vocab.add(x.charCodeAt(0) <= 57 && x.charCodeAt(0) >= 48 ? '#' : x);
			}
			genMs += now() - t;
			const d = process.cpuUsage(c);
			genCpuMs += (d.user + d.system) / 1000;
			done += k;
			if (done % 200_000 === 0 && done < N) log(`  corpus: ${fmtN(done)} units`);
			yield* batch;
		}
	}
	const fd = openSync(tmxPath, 'w');
	const w = await phase(() => {
		for (const chunk of writeTmx(units(), { srcLang: 'fr-FR', creationTool: 'Atelier bench', creationToolVersion: '1' })) writeSync(fd, chunk);
	});
	closeSync(fd);
	const writerMs = w.wallMs - genMs;
	const writerCpuMs = w.cpuMs - genCpuMs;
	const cs: CorpusStats = gen.stats;
	const tmxBytes = fileSize(tmxPath);
	const corpus = {
		units: N,
		generationSeconds: r2(genMs / 1000),
		vocab: o.vocab,
		distinctTokens: vocab.size,
		tokensPerUnit: r1(tokenCount / N),
		tokensPerUnitP10P50P90: [pct(lengths, 0.1), pct(lengths, 0.5), pct(lengths, 0.9)],
		sourceChars: cs.sourceChars,
		fresh: cs.fresh,
		variants: cs.variants,
		variantShare: r3(Object.values(cs.variants).reduce((a, b) => a + b, 0) / N),
		withInlineTags: cs.withTags,
		projects: cs.projects,
		projectWordsUsed: cs.projectWordsUsed,
		duplicatePairsRegenerated: cs.duplicatesAvoided
	};
	vocab.clear();
	const writer = {
		seconds: r2(writerMs / 1000),
		unitsPerSecond: Math.round(N / (writerMs / 1000)),
		cpuSeconds: r2(writerCpuMs / 1000),
		unitsPerCpuSecond: Math.round(N / (writerCpuMs / 1000)),
		tmxMB: r1(tmxBytes / MB)
	};
	log(
		`  corpus: ${fmtN(N)} units in ${(genMs / 1000).toFixed(1)} s; ${fmtN(corpus.distinctTokens)} distinct tokens, ${corpus.tokensPerUnit} tokens/unit; ` +
			`${(corpus.variantShare * 100).toFixed(0)} % near-duplicates/variants`
	);
	log(`  writeTmx (corpus → file): ${writer.seconds} s, ${fmtN(writer.unitsPerSecond)} units/s (${fmtN(writer.unitsPerCpuSecond)} per CPU second), ${writer.tmxMB} MB`);

	// 2b. import, in a child process
	log('  importing (child process)…');
	const childFlags = o.profile ? ['--cpu-prof', '--cpu-prof-dir', join(profDir, `import-${sizeName(N)}`)] : [];
	if (o.profile) rmSync(join(profDir, `import-${sizeName(N)}`), { recursive: true, force: true });
	const out = await runChild('_tm-import.ts', [tmxPath, dbPath], childFlags);
	const imp = JSON.parse(out.trim().split('\n').pop()!) as {
		units: number;
		written: number;
		seconds: number;
		cpuSeconds: number;
		stageSeconds: number;
		commitSeconds: number;
		readSeconds: number;
		toRowSecondsEstimated: number;
		rssBeforeMB: number;
		peakRssSampledMB: number;
		rssSamples: number;
		vmHwmMB: number;
		floors: { saxesOnlySeconds: number; saxesOnlyCpuSeconds: number; sqliteBareInsertSeconds: number; sqliteBareInsertCpuSeconds: number; sqliteSchemaInsertSeconds: number; sqliteSchemaInsertCpuSeconds: number };
		readers: Record<string, { seconds: number; cpuSeconds: number; units: number }>;
	};
	const dbBytes = fileSize(dbPath) + fileSize(dbPath + '-wal');
	const dbBreakdown = dbSpace(dbPath, N <= o.diagMax);
	const importRes = {
		units: imp.units,
		written: imp.written,
		seconds: r2(imp.seconds),
		unitsPerSecond: Math.round(imp.units / imp.seconds),
		cpuSeconds: r2(imp.cpuSeconds),
		unitsPerCpuSecond: Math.round(imp.units / imp.cpuSeconds),
		stageSeconds: r2(imp.stageSeconds),
		commitSeconds: r2(imp.commitSeconds),
		/** until the last batch: waiting for the reader thread (readTmx + toRow run there, in parallel with the inserts), toRow alone (measured apart on 20k units, scaled; part of the reader thread's work), the rest = inserts into tm_units here */
		stagingBreakdown: {
			readTmxSeconds: r2(imp.readSeconds),
			toRowSecondsEstimated: r2(imp.toRowSecondsEstimated),
			stagingInsertsSecondsRest: r2(imp.stageSeconds - imp.readSeconds)
		},
		peakRssMB: r1(imp.peakRssSampledMB),
		peakRssKernelVmHwmMB: r1(imp.vmHwmMB),
		rssBeforeImportMB: r1(imp.rssBeforeMB),
		rssSamples: imp.rssSamples,
		dbMB: r1(dbBytes / MB),
		tmxMB: r1(tmxBytes / MB),
		dbToTmx: r2(dbBytes / tmxBytes),
		dbSpaceMB: dbBreakdown,
		/** the TMX readers alone, whole file to units, in the same child: readTmx (saxes, the baseline) and readTmxFast (what the import reads with) */
		readers: Object.fromEntries(
			Object.entries(imp.readers).map(([k, v]) => [k, { seconds: r2(v.seconds), cpuSeconds: r2(v.cpuSeconds), unitsPerSecond: Math.round(v.units / v.seconds), units: v.units }])
		) as Record<string, { seconds: number; cpuSeconds: number; unitsPerSecond: number; units: number }>,
		/**
		 * What the same file costs at best with the same parts, measured in the same child after the
		 * import: saxes alone (decode + parse, no handler: what the saxes reader pays at least; the
		 * import now reads with readTmxFast, see `readers`), SQLite alone (the same rows, prepared
		 * beforehand, into a table with no index and no concordance index, one transaction), and
		 * SQLite with the TM's schema (the same rows through the import session). The import cannot
		 * be faster than any of them; units/s is units over that time.
		 */
		floors: {
			saxesOnly: { seconds: r2(imp.floors.saxesOnlySeconds), cpuSeconds: r2(imp.floors.saxesOnlyCpuSeconds), unitsPerSecond: Math.round(imp.units / imp.floors.saxesOnlySeconds), unitsPerCpuSecond: Math.round(imp.units / imp.floors.saxesOnlyCpuSeconds) },
			sqliteBareInsert: {
				seconds: r2(imp.floors.sqliteBareInsertSeconds),
				cpuSeconds: r2(imp.floors.sqliteBareInsertCpuSeconds),
				unitsPerSecond: Math.round(imp.units / imp.floors.sqliteBareInsertSeconds),
				unitsPerCpuSecond: Math.round(imp.units / imp.floors.sqliteBareInsertCpuSeconds)
			},
			/** the same rows written by the TM's own import session (unique key, origin index, concordance index): this thread's share of an import, with no reader to wait for */
			sqliteTmSchema: {
				seconds: r2(imp.floors.sqliteSchemaInsertSeconds),
				cpuSeconds: r2(imp.floors.sqliteSchemaInsertCpuSeconds),
				unitsPerSecond: Math.round(imp.units / imp.floors.sqliteSchemaInsertSeconds),
				unitsPerCpuSecond: Math.round(imp.units / imp.floors.sqliteSchemaInsertCpuSeconds)
			}
		}
	};
	log(
		`  import floors (same file, same child): saxes alone ${importRes.floors.saxesOnly.seconds} s (${fmtN(importRes.floors.saxesOnly.unitsPerSecond)} units/s); ` +
			`SQLite alone, bare table, rows prepared ${importRes.floors.sqliteBareInsert.seconds} s (${fmtN(importRes.floors.sqliteBareInsert.unitsPerSecond)} units/s, ${fmtN(importRes.floors.sqliteBareInsert.unitsPerCpuSecond)} per CPU second); ` +
			`SQLite alone, the TM's schema (keys, concordance), rows prepared ${importRes.floors.sqliteTmSchema.seconds} s (${fmtN(importRes.floors.sqliteTmSchema.unitsPerSecond)} units/s)`
	);
	{
		const rd = importRes.readers;
		log(`  TMX readers alone: readTmx (saxes) ${rd.saxesReadTmx.seconds} s, readTmxFast ${rd.fastReadTmx.seconds} s (×${r2(rd.saxesReadTmx.cpuSeconds / rd.fastReadTmx.cpuSeconds)} less CPU)`);
	}
	log(
		`  import: ${importRes.seconds} s (batches written ${importRes.stageSeconds} s + commit ${importRes.commitSeconds} s), ${fmtN(importRes.unitsPerSecond)} units/s (${fmtN(importRes.unitsPerCpuSecond)} per CPU second), ` +
			`peak RSS ${importRes.peakRssMB} MB (kernel VmHWM ${importRes.peakRssKernelVmHwmMB} MB); DB ${importRes.dbMB} MB vs TMX ${importRes.tmxMB} MB (×${importRes.dbToTmx})`
	);
	log(
		`    until the last batch: waiting for the reader thread ${importRes.stagingBreakdown.readTmxSeconds} s (toRow there ≈ ${importRes.stagingBreakdown.toRowSecondsEstimated} s), inserts into tm_units ≈ ${importRes.stagingBreakdown.stagingInsertsSecondsRest} s; ` +
			`DB space: ${Object.entries(dbBreakdown).map(([k, v]) => `${k} ${v} MB`).join(', ')}`
	);
	if (o.profile) {
		const d = join(profDir, `import-${sizeName(N)}`);
		const f = readdirSync(d).find((x) => x.endsWith('.cpuprofile'));
		if (f) {
			profiles.import = summariseProfile(readProfile(join(d, f)), 25);
			printSummary('import child', profiles.import);
		}
	}

	// the service, on the imported database
	const wb: Workbench = createWorkbench({ dbPath });
	// 3. export from the database: the export the CLI and the route run (wb.tm.exportTmx, here
	// with its two worker threads) against the single-thread export it replaced
	// (writeTmx(wb.tm.iterate())), each in a child process of its own (peak RSS = the export's;
	// CPU = the whole process, worker threads included), alternated twice, best of each kept;
	// then the floor, here.
	const exportOut = (r: ExportRun) => ({
		units: r.units,
		seconds: r2(r.seconds),
		unitsPerSecond: Math.round(r.units / r.seconds),
		cpuSeconds: r2(r.cpuSeconds),
		unitsPerCpuSecond: Math.round(r.units / r.cpuSeconds),
		peakRssMB: r1(r.vmHwmMB),
		rssBeforeExportMB: r1(r.rssBeforeMB),
		tmxMB: r1(r.bytes / MB),
		/** main thread; the two busiest other threads (the workers, in the parallel runs); all the others (V8's GC and compiler threads, libuv, tsx's loader) */
		cpuSecondsByThread: (() => {
			const others = Object.entries(r.cpuSecondsByThread).filter(([k]) => k !== 'main').map(([, v]) => v).sort((a, b) => b - a);
			return { main: r.cpuSecondsByThread.main, busiestTwoOthers: others.slice(0, 2), allOthers: r2(others.slice(2).reduce((a, b) => a + b, 0)) };
		})()
	});
	const exportRuns: ExportRun[] = [];
	for (const mode of ['parallel', 'single', 'parallel', 'single'] as const) {
		const flags = o.profile && mode === 'parallel' && !exportRuns.length ? ['--cpu-prof', '--cpu-prof-dir', join(profDir, `export-${sizeName(N)}`)] : [];
		// two workers, whatever the load (threads 'auto' leaves them out on a busy machine: see coreToSpare)
		const r = JSON.parse((await runChild('_tm-export.ts', [mode, dbPath, join(dir, `export-${mode}.tmx`), '2'], flags)).trim().split('\n').pop()!) as ExportRun;
		exportRuns.push(r);
		const th = exportOut(r).cpuSecondsByThread;
		log(
			`  export ${mode === 'parallel' ? '(wb.tm.exportTmx, 2 workers)' : '(single thread, writeTmx(iterate()))'}: ${r2(r.seconds)} s, ${fmtN(r.units / r.seconds)} units/s, CPU ${r2(r.cpuSeconds)} s ` +
				`(main ${th.main}, busiest others ${th.busiestTwoOthers.join(' + ')}, rest ${th.allOthers}), peak RSS ${r1(r.vmHwmMB)} MB (before ${r1(r.rssBeforeMB)} MB); load ${load()[0]}`
		);
	}
	const identical = spawnSync('cmp', ['-s', join(dir, 'export-parallel.tmx'), join(dir, 'export-single.tmx')]).status === 0;
	const best = (mode: string) => exportRuns.filter((r) => r.mode === mode).sort((x, y) => x.seconds - y.seconds)[0];
	const par = best('parallel');
	const single = best('single');
	// the floor: SQLite reading the same columns in the same pages, nothing rendered
	const floorStmt = wb.db.prepare(`SELECT ${UNIT_COLUMN_ORDER.join(', ')} FROM tm_units WHERE id > ? ORDER BY id LIMIT 2000`).raw();
	const fc0 = process.cpuUsage();
	const ft0 = now();
	let floorRows = 0;
	for (let after = -1; ; ) {
		const rows = floorStmt.all(after) as unknown[][];
		floorRows += rows.length;
		if (rows.length < 2000) break;
		after = rows[rows.length - 1][0] as number;
	}
	const fms = now() - ft0;
	const fc1 = process.cpuUsage(fc0);
	const exportFloor = {
		method: 'SELECT of the exported columns in pages of 2,000 (raw rows), nothing rendered or written, one thread',
		rows: floorRows,
		seconds: r2(fms / 1000),
		unitsPerSecond: Math.round(floorRows / (fms / 1000)),
		cpuSeconds: r2((fc1.user + fc1.system) / 1e6),
		unitsPerCpuSecond: Math.round(floorRows / ((fc1.user + fc1.system) / 1e6))
	};
	const exportRes = {
		method: 'wb.tm.exportTmx({ header, threads: 2 }), pieces written with writeSync, in a child process; best of 2 runs alternated with the baseline',
		...exportOut(par),
		singleThreadBaseline: { method: 'writeTmx(wb.tm.iterate()) written with writeSync (the export before worker threads), same conditions', ...exportOut(single) },
		speedRatioOverSingleThread: r2(single.seconds / par.seconds),
		cpuRatioOverSingleThread: r2(par.cpuSeconds / single.cpuSeconds),
		identicalOutput: identical,
		runs: exportRuns.map((r) => ({ mode: r.mode, ...exportOut(r) })),
		floorSqliteReadOnly: exportFloor
	};
	log(`  export floor (SQLite read alone, one thread): ${exportFloor.seconds} s, ${fmtN(exportFloor.unitsPerSecond)} units/s (${fmtN(exportFloor.unitsPerCpuSecond)} per CPU second)`);
	log(
		`  export (DB → TMX): ${exportRes.seconds} s, ${fmtN(exportRes.unitsPerSecond)} units/s (${fmtN(exportRes.unitsPerCpuSecond)} per CPU second), peak RSS ${exportRes.peakRssMB} MB, ${exportRes.tmxMB} MB; ` +
			`single thread ${exportRes.singleThreadBaseline.seconds} s, ${fmtN(exportRes.singleThreadBaseline.unitsPerSecond)} units/s → ×${exportRes.speedRatioOverSingleThread} (CPU ×${exportRes.cpuRatioOverSingleThread}); output ${identical ? 'byte-identical' : 'DIFFERENT'}`
	);
	if (o.only && !o.only.has('lookup')) {
		wb.close();
		if (!o.keep) rmSync(dir, { recursive: true, force: true });
		const result: SizeResult = { size: N, loadAverage: { atStart: load0, atEnd: load() }, corpus, tmxWrite: writer, import: importRes, export: exportRes };
		const row: Record<string, string> = {
			'units written': fmtN(importRes.written),
			'machine load (1-min avg) start → end': `${load0[0]} → ${load()[0]}`,
			'import units/s (per CPU s)': `${fmtN(importRes.unitsPerSecond)} (${fmtN(importRes.unitsPerCpuSecond)})`,
			'import peak RSS MB (sampled / VmHWM)': `${importRes.peakRssMB} / ${importRes.peakRssKernelVmHwmMB}`,
			'export (DB → TMX) units/s (per CPU s)': `${fmtN(exportRes.unitsPerSecond)} (${fmtN(exportRes.unitsPerCpuSecond)})`,
			'export single thread units/s (per CPU s)': `${fmtN(exportRes.singleThreadBaseline.unitsPerSecond)} (${fmtN(exportRes.singleThreadBaseline.unitsPerCpuSecond)})`,
			'export peak RSS MB (single thread)': `${exportRes.peakRssMB} (${exportRes.singleThreadBaseline.peakRssMB})`,
			'export floor (SQLite read) units/s': fmtN(exportFloor.unitsPerSecond)
		};
		return { result, row, aims: { importUnitsPerSecond: importRes.unitsPerSecond, importPeakRssMB: importRes.peakRssMB, exportUnitsPerSecond: exportRes.unitsPerSecond } };
	}

	const heapBefore = process.memoryUsage().heapUsed;
	const ixp = await phase(() => wb.tm.refreshIndex());
	const indexBuild = {
		seconds: r2(ixp.wallMs / 1000),
		cpuSeconds: r2(ixp.cpuMs / 1000),
		/** heapUsed after − before, without a forced GC: indicative only */
		heapDeltaMBIndicative: r1((process.memoryUsage().heapUsed - heapBefore) / MB)
	};
	log(`  fuzzy index built in ${indexBuild.seconds} s (heap used after − before, no forced GC: ${indexBuild.heapDeltaMBIndicative} MB)`);
	const maxId = (wb.db.prepare('SELECT max(id) AS n FROM tm_units').get() as { n: number }).n;
	const srcStmt = wb.db.prepare('SELECT source FROM tm_units WHERE id = ?').pluck();
	const rowStmt = wb.db.prepare('SELECT source, target FROM tm_units WHERE id = ?');
	const sourceOf = (id: number) => (srcStmt.get(id) as string | undefined) ?? null;
	const rand = rng(o.seed + N);

	// queries
	const tQ = now();
	const exactQueries: string[] = [];
	while (exactQueries.length < o.queries) {
		const s = sourceOf(1 + Math.floor(rand() * maxId));
		if (s) exactQueries.push(s);
	}
	const fuzzyQueries = buildFuzzyQueries(sourceOf, maxId, o.queries, seeds, rand);
	const concQueries = buildConcordanceQueries((id) => (rowStmt.get(id) as { source: string; target: string } | undefined) ?? null, maxId, o.queries, seeds, rand);
	log(`  queries: ${exactQueries.length} exact, ${fuzzyQueries.length} fuzzy (${BANDS.map((b) => `${b.name}: ${fuzzyQueries.filter((q) => q.band === b.name).length}`).join(', ')}), ${concQueries.length} concordance [${((now() - tQ) / 1000).toFixed(1)} s]`);

	// 4. exact lookups
	let exactMisses = 0;
	const exact = timeEach(
		exactQueries,
		(q) => {
			const r = wb.tm.lookup(q, { ...LANGS, threshold: 100, limit: 5 });
			if (!r.length || r[0].score < 100) exactMisses++;
		},
		o.budget
	);
	log(`  exact lookup (threshold 100): p50 ${fmtMs(exact.p50)} ms, p95 ${fmtMs(exact.p95)} ms over ${exact.n}${exactMisses ? `; ${exactMisses} without a 100 % match!` : ''}`);

	// 5. fuzzy top-5 lookups; the best score returned tells the band reached
	const bestScore = new Map<number, number>();
	const fuzzyRun = async () =>
		timeEach(
			fuzzyQueries,
			(q, i) => {
				const r = wb.tm.lookup(q.text, { ...LANGS, threshold: THRESHOLD, limit: 5 });
				bestScore.set(i, r.length ? r[0].score : 0);
			},
			o.budget
		);
	let fuzzy: Timing;
	if (o.profile) {
		const p = await profilePhase(fuzzyRun);
		fuzzy = p.result;
		mkdirSync(profDir, { recursive: true });
		writeFileSync(join(profDir, `lookup-${sizeName(N)}.cpuprofile`), JSON.stringify(p.profile));
		profiles.fuzzyLookup = summariseProfile(p.profile, 25);
	} else fuzzy = await fuzzyRun();
	const perBand: Record<string, ReturnType<typeof timingOut> & { reachedIntendedBand: number }> = {};
	const reached: Record<string, Record<string, number>> = {};
	for (const b of BANDS) {
		const idx = fuzzyQueries.map((q, i) => (q.band === b.name && i < fuzzy.n ? i : -1)).filter((i) => i >= 0);
		const t = summarise(idx.map((i) => fuzzy.times[i]), idx.length);
		const got: Record<string, number> = {};
		for (const i of idx) {
			const k = bandOf(bestScore.get(i) ?? 0);
			got[k] = (got[k] ?? 0) + 1;
		}
		reached[b.name] = got;
		perBand[b.name] = { ...timingOut(t), reachedIntendedBand: got[b.name] ?? 0 };
	}
	log(
		`  fuzzy lookup top-5 (threshold ${THRESHOLD}): p50 ${fmtMs(fuzzy.p50)} ms, p95 ${fmtMs(fuzzy.p95)} ms over ${fuzzy.n}${fuzzy.stoppedByBudget ? ` of ${fuzzy.of} (budget)` : ''}; ` +
			`by band p95: ${BANDS.map((b) => `${b.name} ${fmtMs(perBand[b.name].p95Ms)}`).join(', ')}`
	);
	log(`    best match in the intended band: ${BANDS.map((b) => `${b.name} ${perBand[b.name].reachedIntendedBand}/${perBand[b.name].queries}`).join(', ')}`);
	if (!o.profile && !o.noProfile && N >= 1_000_000) {
		// an extra, untimed pass over 30 queries under the profiler: where the lookup time goes
		const p = await profilePhase(() => {
			for (const q of fuzzyQueries.slice(0, 30)) wb.tm.lookup(q.text, { ...LANGS, threshold: THRESHOLD, limit: 5 });
		});
		mkdirSync(profDir, { recursive: true });
		writeFileSync(join(profDir, `lookup-${sizeName(N)}.cpuprofile`), JSON.stringify(p.profile));
		profiles.fuzzyLookup = summariseProfile(p.profile, 25);
	}
	if (profiles.fuzzyLookup) printSummary('fuzzy lookups', profiles.fuzzyLookup);

	// 6. the exhaustive scan on a sample (stratified by band), with fuzzyCandidates beside it
	const sampleSize = Math.min(fuzzyQueries.length, o.scanSample ?? Math.max(10, Math.min(1000, Math.round(3e6 / N))));
	const sampleIdx: number[] = [];
	for (const b of BANDS) {
		const of = fuzzyQueries.map((q, i) => (q.band === b.name ? i : -1)).filter((i) => i >= 0);
		sampleIdx.push(...of.slice(0, Math.round(sampleSize / BANDS.length)));
	}
	sampleIdx.sort((a, b) => a - b);
	log(`  scan on ${sampleIdx.length} queries${sampleIdx.length < fuzzyQueries.length ? ` (a sample: per-query time is extrapolated to all ${fuzzyQueries.length})` : ''}…`);
	const scanTimes: number[] = [];
	const candTimes: number[] = [];
	const lookupTimesOnSample: number[] = [];
	const scans: { q: FuzzyQuery; scan: Map<number, number>; sorted: number[] }[] = [];
	const ours = newRecall();
	let misses = 0;
	let extras = 0;
	const missList: { query: string; band: string; unitIds: number[] }[] = [];
	const scanBands: Record<string, Record<string, number>> = {};
	for (const i of sampleIdx) {
		const q = fuzzyQueries[i];
		let t = now();
		const s = wb.tm.scan(q.text, { ...LANGS, threshold: THRESHOLD });
		scanTimes.push(now() - t);
		t = now();
		const c = wb.tm.fuzzyCandidates(q.text, { ...LANGS, threshold: THRESHOLD });
		candTimes.push(now() - t);
		t = now();
		wb.tm.lookup(q.text, { ...LANGS, threshold: THRESHOLD, limit: 5 });
		lookupTimesOnSample.push(now() - t);
		const scan = new Map(s.map((x) => [x.id, x.similarity]));
		const cand = new Map(c.map((x) => [x.id, x.similarity]));
		const missed = s.filter((x) => !cand.has(x.id)).map((x) => x.id);
		if (missed.length) {
			misses += missed.length;
			missList.push({ query: q.text, band: q.band, unitIds: missed.slice(0, 50) });
			console.log(`  ✗ RECALL MISS (a bug): query ${JSON.stringify(q.text)} — units ${missed.slice(0, 50).join(', ')}`);
		}
		extras += c.filter((x) => !scan.has(x.id)).length;
		const sorted = s.map((x) => x.similarity);
		addRecall(ours, scan, sorted, cand);
		scans.push({ q, scan, sorted });
		// the band, from the scan: best final score (penalties included) over its matches
		let best = 0;
		for (const x of s) {
			if (Math.floor(100 * x.similarity + 1e-9) < best) break;
			const src = sourceOf(x.id);
			if (src != null) best = Math.max(best, scoreMatch(q.text, src).score);
		}
		const k = bandOf(best);
		(scanBands[q.band] ??= {})[k] = (scanBands[q.band][k] ?? 0) + 1;
	}
	// the index's work on the same queries, counted on a second index (sizes ≤ --diag-max)
	let work: Record<string, unknown> | null = null;
	if (N <= o.diagMax) {
		const ix = buildIndex(wb.db.prepare('SELECT id, tokens FROM tm_units ORDER BY id').iterate() as Iterable<{ id: number; tokens: string }>);
		const ws: SearchWork[] = scans.map((x) => searchWork(ix, tokenizeForTm(x.q.text).tokens, THRESHOLD / 100));
		const KEYS = ['queryTokens', 'prefixLookedUp', 'postingsRead', 'unitsReached', 'lengthWindowPass', 'positionPass', 'overlapPass', 'distanceCalls', 'finalThreshold'] as const;
		const stat = (get: (w: SearchWork) => number) => ({ mean: r2(mean(ws.map(get))), p95: r2(pct(ws.map(get), 0.95)) });
		work = {
			allMatches: Object.fromEntries(KEYS.map((k) => [k, stat((w) => w[k])])),
			top20: Object.fromEntries(KEYS.map((k) => [k, stat((w) => w.topK[k])]))
		};
		work.resultsMean = r1(mean(scans.map((x) => x.scan.size)));
		const line = (get: (k: (typeof KEYS)[number]) => number) =>
			`${get('prefixLookedUp')} of ${get('queryTokens')} tokens looked up, ${fmtN(get('postingsRead'))} posting entries read, ${fmtN(get('unitsReached'))} units reached, ` +
			`${fmtN(get('lengthWindowPass'))} in the length window, ${fmtN(get('positionPass'))} past the positional bound, ${fmtN(get('overlapPass'))} past the shared-token count, ${fmtN(get('distanceCalls'))} edit distances`;
		log(`  index work per query (mean), all matches: ${line((k) => r1(mean(ws.map((w) => w[k]))))}; ${work.resultsMean} results`);
		log(`  index work per query (mean), top 20 (as lookup): ${line((k) => r1(mean(ws.map((w) => w.topK[k]))))}; final threshold ${r2(mean(ws.map((w) => w.topK.finalThreshold)))}`);
	}
	const scanT = summarise(scanTimes, sampleIdx.length);
	const candT = summarise(candTimes, sampleIdx.length);
	const lookT = summarise(lookupTimesOnSample, sampleIdx.length);
	const scanRes = {
		...timingOut(scanT),
		sampled: sampleIdx.length < fuzzyQueries.length,
		extrapolatedSecondsForAllQueries: r1((scanT.mean * fuzzyQueries.length) / 1000),
		fuzzyCandidates: timingOut(candT),
		lookupOnSample: timingOut(lookT),
		speedRatioScanOverLookup: r1(scanT.mean / lookT.mean),
		speedRatioScanOverLookupP50: r1(scanT.p50 / lookT.p50),
		speedRatioScanOverFuzzyCandidates: r1(scanT.mean / candT.mean),
		recall: {
			scanMatches: ours.scanPairs,
			missedByIndex: misses,
			extraInIndex: extras,
			recall: ours.scanPairs ? r3((ours.scanPairs - misses) / ours.scanPairs) : 1,
			misses: missList
		},
		bandFromScan: scanBands,
		indexWork: work
	};
	log(
		`  scan: mean ${fmtMs(scanT.mean)} ms/query (p50 ${fmtMs(scanT.p50)}, p95 ${fmtMs(scanT.p95)}); lookup on the same queries mean ${fmtMs(lookT.mean)} ms → scan/lookup ×${scanRes.speedRatioScanOverLookup} ` +
			`(×${scanRes.speedRatioScanOverFuzzyCandidates} against fuzzyCandidates alone)`
	);
	log(
		`  recall of the index: ${ours.scanPairs - misses}/${ours.scanPairs} scan matches found (${misses} missed${extras ? `, ${extras} extra` : ''}); ` +
			`band from the scan: ${BANDS.map((b) => `${b.name}→${Object.entries(scanBands[b.name] ?? {}).map(([k, v]) => `${k}:${v}`).join('/')}`).join(', ')}`
	);

	// 7. baselines on the same sample
	const allTokens = scans.map((x) => tokenizeForTm(x.q.text).tokens);
	// (b) FTS5 rank + rescoring, on a read-only connection
	const ro = new Database(dbPath, { readonly: true });
	const fts = ro.prepare(`SELECT rowid AS id, source FROM tm_fts WHERE tm_fts MATCH ? ORDER BY rank LIMIT ${TOP_K_BASELINE}`);
	const ftsAcc = newRecall();
	const ftsFound: Map<number, number>[] = [];
	const ftsT = timeEach(
		scans,
		(x, i) => {
			const words = [...new Set([...x.q.text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m[0].toLowerCase()))];
			const rows = words.length ? (fts.all(`source : (${words.map((w) => `"${w}"`).join(' OR ')})`) as { id: number; source: string }[]) : [];
			const found = new Map<number, number>();
			for (const r of rows) {
				const s = similarity(allTokens[i], tokenizeForTm(r.source).tokens);
				if (s >= THRESHOLD / 100 - 1e-9) found.set(r.id, s);
			}
			ftsFound[i] = found;
		},
		o.budget,
		scans.length,
		0
	);
	for (let i = 0; i < ftsT.n; i++) addRecall(ftsAcc, scans[i].scan, scans[i].sorted, ftsFound[i]);
	ro.close();
	const ftsRes = { method: `tm_fts MATCH 'source : ("w1" OR "w2" …)' ORDER BY rank LIMIT ${TOP_K_BASELINE}, rescored with the scan's word similarity, kept ≥ ${THRESHOLD} %`, ...timingOut(ftsT), ...recallOut(ftsAcc) };
	log(
		`  baseline FTS5 rank→rescore: p50 ${fmtMs(ftsT.p50)} ms, p95 ${fmtMs(ftsT.p95)} ms over ${ftsT.n}; recall all matches ${ftsRes.recallAllMatches}, top-5 ${ftsRes.recallTop5}, best ${ftsRes.bestMatchFound}`
	);

	// (a) @m31coding/fuzzy-search: an n-gram index over the sources, top 50, rescored
	let fsRes: Record<string, unknown>;
	if (N <= o.fuzzySearchMax) {
		const fz = await import('@m31coding/fuzzy-search');
		const all = wb.db.prepare('SELECT id, source FROM tm_units ORDER BY id').all() as { id: number; source: string }[];
		const srcById = new Map<number, string>(all.map((r) => [r.id, r.source]));
		const config = fz.Config.createDefaultConfig();
		config.searcherTypes = [fz.SearcherType.Fuzzy]; // no substring/prefix suffix arrays: they do not rank whole segments
		config.maxQueryLength = 10_000; // default 150 would cut long segments
		const heap0 = process.memoryUsage().heapUsed;
		const tb = now();
		const searcher = fz.SearcherFactory.createSearcher<{ id: number; source: string }, number>(config);
		searcher.indexEntities(all, (e) => e.id, (e) => [e.source]);
		const buildS = (now() - tb) / 1000;
		const heapMB = (process.memoryUsage().heapUsed - heap0) / MB;
		log(`  baseline @m31coding/fuzzy-search: index built in ${buildS.toFixed(1)} s (heap +${heapMB.toFixed(0)} MB)`);
		const acc = newRecall();
		const found: Map<number, number>[] = [];
		const t = timeEach(
			scans,
			(x, i) => {
				const r = searcher.getMatches(new fz.Query(x.q.text, TOP_K_BASELINE, [new fz.FuzzySearcher(0.3)]));
				const f = new Map<number, number>();
				for (const m of r.matches) {
					const s = similarity(allTokens[i], tokenizeForTm(srcById.get(m.entity.id) ?? '').tokens);
					if (s >= THRESHOLD / 100 - 1e-9) f.set(m.entity.id, s);
				}
				found[i] = f;
			},
			o.budget,
			scans.length,
			0
		);
		for (let i = 0; i < t.n; i++) addRecall(acc, scans[i].scan, scans[i].sorted, found[i]);
		fsRes = {
			method: `SearcherFactory.createSearcher (fuzzy searcher only, maxQueryLength 10000), indexEntities(sources), getMatches(Query(q, ${TOP_K_BASELINE}, [FuzzySearcher(0.3)])), rescored with the scan's word similarity, kept ≥ ${THRESHOLD} %`,
			indexSeconds: r2(buildS),
			indexHeapMB: r1(heapMB),
			...timingOut(t),
			...recallOut(acc)
		};
		log(`  baseline fuzzy-search: p50 ${fmtMs(t.p50)} ms, p95 ${fmtMs(t.p95)} ms over ${t.n}; recall all matches ${fsRes.recallAllMatches}, top-5 ${fsRes.recallTop5}, best ${fsRes.bestMatchFound}`);
	} else {
		fsRes = { skipped: `not built above ${fmtN(o.fuzzySearchMax)} units (--fuzzy-search-max): its index build grows linearly (see the smaller sizes) and would take most of the run's time budget` };
		log(`  baseline fuzzy-search: skipped at this size (--fuzzy-search-max ${o.fuzzySearchMax})`);
	}

	// 8. concordance
	let concHits = 0;
	const conc = timeEach(
		concQueries,
		(q) => {
			concHits += wb.tm.concordance(q.text).length;
		},
		o.budget
	);
	log(`  concordance: p50 ${fmtMs(conc.p50)} ms, p95 ${fmtMs(conc.p95)} ms over ${conc.n}; ${(concHits / conc.n).toFixed(1)} hits/query (limit 50)`);

	wb.close();
	if (!o.keep) rmSync(dir, { recursive: true, force: true });

	const result: SizeResult = {
		size: N,
		loadAverage: { atStart: load0, atEnd: load() },
		corpus,
		tmxWrite: writer,
		import: importRes,
		indexBuild,
		export: exportRes,
		exactLookup: { method: 'wb.tm.lookup(source, { threshold: 100, limit: 5 }) of existing sources', ...timingOut(exact), withoutExactMatch: exactMisses },
		fuzzyLookup: {
			method: `wb.tm.lookup(q, { sourceLang: 'fr-FR', targetLang: 'en-GB', threshold: ${THRESHOLD}, limit: 5 })`,
			...timingOut(fuzzy),
			byBand: perBand,
			bestMatchBandReached: reached
		},
		scan: scanRes,
		baselines: { fuzzySearch: fsRes, fts5: ftsRes },
		concordance: { ...timingOut(conc), hitsPerQuery: r1(concHits / conc.n), kinds: Object.fromEntries([...new Set(concQueries.map((q) => q.kind))].map((k) => [k, concQueries.filter((q) => q.kind === k).length])) },
		...(o.profile ? { profiles } : {})
	};
	const bl = (x: Record<string, unknown>, k: string) => (x.skipped ? 'skipped' : String(x[k]));
	const row: Record<string, string> = {
		'units written': fmtN(importRes.written),
		'machine load (1-min avg) start → end': `${load0[0]} → ${load()[0]}`,
		'distinct tokens / tokens per unit': `${fmtN(corpus.distinctTokens)} / ${corpus.tokensPerUnit}`,
		'writeTmx (corpus) units/s (per CPU s)': `${fmtN(writer.unitsPerSecond)} (${fmtN(writer.unitsPerCpuSecond)})`,
		'import units/s (per CPU s)': `${fmtN(importRes.unitsPerSecond)} (${fmtN(importRes.unitsPerCpuSecond)})`,
		'import s (batches + commit)': `${importRes.seconds} (${importRes.stageSeconds} + ${importRes.commitSeconds})`,
		'import peak RSS MB (sampled / VmHWM)': `${importRes.peakRssMB} / ${importRes.peakRssKernelVmHwmMB}`,
		'DB MB / TMX MB': `${importRes.dbMB} / ${importRes.tmxMB} (×${importRes.dbToTmx})`,
		'export (DB → TMX) units/s (per CPU s)': `${fmtN(exportRes.unitsPerSecond)} (${fmtN(exportRes.unitsPerCpuSecond)})`,
		'export single thread units/s (per CPU s)': `${fmtN(exportRes.singleThreadBaseline.unitsPerSecond)} (${fmtN(exportRes.singleThreadBaseline.unitsPerCpuSecond)})`,
		'export peak RSS MB (single thread)': `${exportRes.peakRssMB} (${exportRes.singleThreadBaseline.peakRssMB})`,
		'index build s': String(indexBuild.seconds),
		'exact p50 / p95 ms': `${fmtMs(exact.p50)} / ${fmtMs(exact.p95)}`,
		'fuzzy top-5 p50 / p95 ms': `${fmtMs(fuzzy.p50)} / ${fmtMs(fuzzy.p95)}${fuzzy.stoppedByBudget ? ` (n=${fuzzy.n})` : ''}`,
		'fuzzy top-5 CPU p50 / p95 ms': `${fmtMs(pct(fuzzy.cpu, 0.5))} / ${fmtMs(pct(fuzzy.cpu, 0.95))}`,
		'scan mean ms/query (n)': `${fmtMs(scanT.mean)} (${scanT.n})`,
		'scan / lookup (mean)': `×${scanRes.speedRatioScanOverLookup}`,
		'index recall (misses)': `${scanRes.recall.recall} (${misses})`,
		'fuzzy-search p50/p95 ms': fsRes.skipped ? 'skipped' : `${fmtMs(fsRes.p50Ms as number)} / ${fmtMs(fsRes.p95Ms as number)}`,
		'fuzzy-search recall all / top-5 / best': fsRes.skipped ? 'skipped' : `${bl(fsRes, 'recallAllMatches')} / ${bl(fsRes, 'recallTop5')} / ${bl(fsRes, 'bestMatchFound')}`,
		'fuzzy-search index build s': fsRes.skipped ? 'skipped' : String(fsRes.indexSeconds),
		'FTS5 p50/p95 ms': `${fmtMs(ftsT.p50)} / ${fmtMs(ftsT.p95)}${ftsT.n < scans.length ? ` (n=${ftsT.n})` : ''}`,
		'FTS5 recall all / top-5 / best': `${ftsRes.recallAllMatches} / ${ftsRes.recallTop5} / ${ftsRes.bestMatchFound}`,
		'concordance p50 / p95 ms': `${fmtMs(conc.p50)} / ${fmtMs(conc.p95)}${conc.stoppedByBudget ? ` (n=${conc.n})` : ''}`
	};
	const aims = {
		fuzzyP95Ms: fuzzy.p95,
		scanOverLookup: scanRes.speedRatioScanOverLookup,
		importUnitsPerSecond: importRes.unitsPerSecond,
		importPeakRssMB: importRes.peakRssMB,
		exportUnitsPerSecond: exportRes.unitsPerSecond
	};
	return { result, row, aims };
}

export async function run(args: string[] = []): Promise<void> {
	const o = parseArgs(args);
	T0 = now();
	const seeds = loadSeeds();
	log(
		`TM benchmark: sizes ${o.sizes.map(sizeName).join(', ')}; ${o.queries} queries per kind; vocabulary '${o.vocab}'; seeds: ${seeds.sentences.length} sentence pairs, ` +
			`${seeds.clauses.length} clauses, ${seeds.terms.length} glossary term pairs`
	);
	const results: SizeResult[] = [];
	const rows: Record<string, Record<string, string>> = {};
	let aims: Record<string, number> | null = null;
	let aimsSize = 0;
	for (const N of o.sizes) {
		const r = await benchSize(N, o, seeds);
		results.push(r.result);
		rows[sizeName(N)] = r.row;
		if (N >= aimsSize) {
			aims = r.aims;
			aimsSize = N;
		}
	}

	// summary table
	const cols = Object.keys(rows);
	const keys = Object.keys(rows[cols[0]]);
	const w0 = Math.max(...keys.map((k) => k.length));
	const widths = cols.map((c) => Math.max(c.length, ...keys.map((k) => rows[c][k].length)));
	console.log('\n' + ''.padEnd(w0) + ' | ' + cols.map((c, i) => c.padStart(widths[i])).join(' | '));
	console.log('-'.repeat(w0) + '-+-' + widths.map((w) => '-'.repeat(w)).join('-+-'));
	for (const k of keys) console.log(k.padEnd(w0) + ' | ' + cols.map((c, i) => rows[c][k].padStart(widths[i])).join(' | '));

	const aimList = aims
		? [
				{ aim: 'fuzzy top-5 p95 ≤ 20 ms', value: aims.fuzzyP95Ms == null ? NaN : r3(aims.fuzzyP95Ms), met: aims.fuzzyP95Ms <= 20 },
				{ aim: '≥ 200× faster than the exhaustive scan', value: aims.scanOverLookup, met: aims.scanOverLookup >= 200 },
				{ aim: 'import ≥ 50k units/s', value: aims.importUnitsPerSecond, met: aims.importUnitsPerSecond >= 50_000 },
				{ aim: 'import peak RSS ≤ 256 MB', value: aims.importPeakRssMB, met: aims.importPeakRssMB <= 256 },
				{ aim: 'export ≥ 100k units/s', value: aims.exportUnitsPerSecond, met: aims.exportUnitsPerSecond >= 100_000 }
			]
		: [];
	// with --only, the aims of the phases not run are left out
	const measuredAims = aimList.filter((a) => a.value != null && !Number.isNaN(a.value));
	console.log(`\nAims (set for 1M units; measured at ${sizeName(aimsSize)}${aimsSize < 1e6 ? ' — NOT the 1M the aims are set for' : ''}):`);
	for (const a of measuredAims) console.log(`  ${a.met ? '✓' : '✗'} ${a.aim}: ${a.value}`);

	const path = writeResult(o.out, {
		options: o,
		threshold: THRESHOLD,
		notes: [
			'exact lookup = wb.tm.lookup with threshold 100 (the hash lookup plus the index restricted to same-length candidates)',
			'fuzzy queries: units edited into each band (200 per band at 1,000 queries); bestMatchBandReached / scan.bandFromScan say which band the best match actually fell in',
			'scan: wb.tm.scan on a band-stratified sample when the size makes 1,000 scans too long; extrapolatedSecondsForAllQueries = mean × queries',
			'speed ratio = mean scan time / mean lookup time on the same sample queries',
			'baselines: run on the scan sample; recallAllMatches = share of the scan’s (query, unit) matches ≥ threshold found; recallTop5 = share of the scan’s ranks 1–5 (by similarity) matched by the method’s own ranks 1–5; bestMatchFound = share of queries whose best match the method found',
			'timed loops stop early after --budget seconds (never before 100 queries); n is then given'
		],
		sizes: results,
		aims: { measuredAt: aimsSize, list: measuredAims }
	});
	console.log(`→ ${path}`);
}
