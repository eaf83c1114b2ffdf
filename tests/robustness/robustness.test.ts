/**
 * The robustness corpus (files/<format>/*.case.json): every hostile or broken file must give,
 * within 5 s and 512 MB, the expected typed error located and worded in English and French,
 * with the database byte-for-byte unchanged — or, for the files we accept, a correct import.
 * Cases run in child processes (one per format, and one per heavy case), so that a case's
 * memory is measured by the peak RSS of a process that ran nothing bigger.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseManifest, CaseResult } from './types.js';

const TIME_MS = 5_000;
/** wall-clock guard against a hang: generous, because other test files share the cores */
const WALL_MS = 30_000;
const MEMORY_MB = 512;
/** words of parser and reader messages that must never reach a French reader */
const ENGLISH_MARKERS = / not |\b(allowed|without|unclosed|unexpected|inside|invalid|expected|missing|could|never|cannot)\b/i;
const here = import.meta.dirname;
const root = join(here, '..', '..');
const slow = process.env.ROBUSTNESS_SLOW === '1';

interface Case {
	id: string;
	path: string;
	m: CaseManifest;
}
const cases: Case[] = readdirSync(join(here, 'files'))
	.sort()
	.flatMap((dir) =>
		readdirSync(join(here, 'files', dir))
			.filter((f) => f.endsWith('.case.json'))
			.sort()
			.map((f) => {
				const path = join(here, 'files', dir, f);
				const m = JSON.parse(readFileSync(path, 'utf8')) as CaseManifest;
				return { id: `${m.format}/${m.file}`, path, m };
			})
	);
const runnable = cases.filter((c) => !c.m.pending && (!c.m.slow || slow));

const results = new Map<string, CaseResult | { id: string; failure: string }>();

/** One worker process over some cases; a hang is cut after `limitMs` and blamed on the case it had started. */
function runWorker(group: Case[], limitMs: number): Promise<void> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'worker.ts'), ...group.map((c) => c.path)], {
			cwd: root,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		let err = '';
		let current: string | null = null;
		const byPath = new Map(group.map((c) => [c.path, c.id]));
		const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
		child.stdout.on('data', (d) => {
			out += d;
			let nl;
			while ((nl = out.indexOf('\n')) >= 0) {
				const line = out.slice(0, nl);
				out = out.slice(nl + 1);
				if (line.startsWith('start ')) current = byPath.get(line.slice(6)) ?? null;
				else if (line.startsWith('result ')) {
					const r = JSON.parse(line.slice(7)) as CaseResult;
					results.set(r.id, r);
					current = null;
				}
			}
		});
		child.stderr.on('data', (d) => (err += d));
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			for (const c of group)
				if (!results.has(c.id))
					results.set(c.id, {
						id: c.id,
						failure: c.id === current ? `worker ${signal ? `killed (${signal}) after ${limitMs} ms` : `exited ${code}`} during this case: ${err.slice(-2000)}` : `not run (worker exited ${code ?? signal}): ${err.slice(-500)}`
					});
			resolve();
		});
	});
}

beforeAll(async () => {
	const groups: Case[][] = [];
	const byFormat = new Map<string, Case[]>();
	for (const c of runnable) {
		if (c.m.isolate) groups.push([c]);
		else byFormat.set(c.m.format, [...(byFormat.get(c.m.format) ?? []), c]);
	}
	groups.push(...byFormat.values());
	// two at a time: the machine is shared, and timings must mean something
	const queue = [...groups];
	const next = async (): Promise<void> => {
		const g = queue.shift();
		if (!g) return;
		await runWorker(g, g.some((c) => c.m.slow) ? 30 * 60_000 : 120_000);
		return next();
	};
	await Promise.all([next(), next()]);
	const done = [...results.values()].filter((r): r is CaseResult => 'ms' in r);
	const top = (k: 'ms' | 'cpuMs' | 'maxRssMB') => done.reduce((a, r) => (r[k] > a[k] ? r : a), done[0]);
	if (done.length) {
		const t = top('cpuMs');
		const m = top('maxRssMB');
		console.log(`robustness: ${done.length} cases run, ${cases.length - runnable.length} pending or slow; slowest ${t.id} ${t.cpuMs} ms CPU (${t.ms} ms wall); peak RSS ${m.maxRssMB} MB (${m.id})`);
	}
}, 40 * 60_000);

describe('robustness corpus', () => {
	it('covers every format we read with at least 60 cases', () => {
		const formats = new Set(cases.map((c) => c.m.format));
		for (const f of ['txt', 'docx', 'tmx', 'tbx', 'csv', 'tsv', 'srx', 'xliff']) expect(formats, f).toContain(f);
		expect(cases.length).toBeGreaterThanOrEqual(60);
		expect(runnable.length).toBeGreaterThanOrEqual(60);
	});

	for (const c of cases) {
		const title = `${c.id}: ${c.m.description}`;
		if (c.m.pending) {
			it.skip(`${title} [pending: ${c.m.pending}]`, () => {});
			continue;
		}
		if (c.m.slow && !slow) {
			it.skip(`${title} [slow: ROBUSTNESS_SLOW=1]`, () => {});
			continue;
		}
		it(title, () => {
			const r = results.get(c.id);
			expect(r, 'no result').toBeDefined();
			if (!r || 'failure' in r) throw new Error(r?.failure ?? 'no result');
			// nothing but our typed errors may escape a reader
			if (r.outcome.kind === 'crash') throw new Error(`untyped ${r.outcome.name}: ${r.outcome.message}\n${r.outcome.stack ?? ''}`);
			if (!c.m.slow) {
				expect(r.cpuMs, 'CPU time (ms)').toBeLessThanOrEqual(TIME_MS);
				expect(r.ms, 'wall time (ms)').toBeLessThanOrEqual(WALL_MS);
			}
			expect(r.maxRssMB, 'peak RSS (MB)').toBeLessThanOrEqual(MEMORY_MB);
			expect(r.integrity).toBe('ok');
			const e = c.m.expect;
			if ('error' in e) {
				expect(r.outcome.kind, JSON.stringify(r.outcome)).toBe('error');
				if (r.outcome.kind !== 'error') return;
				expect(r.outcome.code).toBe(e.error);
				expect(r.outcome.en).toContain(e.en);
				expect(r.outcome.fr).toContain(e.fr);
				for (const m of [r.outcome.en, r.outcome.fr]) {
					expect(m).not.toMatch(/\{\{|\}\}|errors\./);
					// the user must see which file
					if (r.outcome.location.file) expect(m).toContain(basename(r.outcome.location.file));
				}
				// no English reason inside the French message (file names aside)
				const frText = r.outcome.location.file ? r.outcome.fr.split(r.outcome.location.file).join(' ').split(basename(r.outcome.location.file)).join(' ') : r.outcome.fr;
				expect(frText, 'English words in the French message').not.toMatch(ENGLISH_MARKERS);
				if (e.location) expect(r.outcome.location).toMatchObject(e.location);
				// located: at least the file, and a position when the fault has one
				expect(r.outcome.location.file ?? (e.error === 'srx_no_rules' ? 'n/a' : undefined)).toBeDefined();
				expect(r.dbUnchanged, 'database changed by a refused import').toBe(true);
			} else {
				expect(r.outcome.kind, JSON.stringify(r.outcome)).toBe('ok');
				if (r.outcome.kind !== 'ok') return;
				if (e.units != null) expect(r.outcome.units).toBe(e.units);
				if (e.contains) expect(r.outcome.contains, `stored text contains ${e.contains}`).toBe(true);
			}
		});
	}
});
