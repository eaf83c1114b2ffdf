import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/db.js';

const bin = join(import.meta.dirname, '..', 'bin', 'atelier.js');
let dir: ReturnType<typeof tempDir>;

function atelier(args: string[], lang = 'en') {
	const r = spawnSync(process.execPath, [bin, 'edit', ...args], {
		cwd: dir.dir,
		encoding: 'utf8',
		env: { ...process.env, ATELIER_DB: join(dir.dir, 'cli.sqlite'), ATELIER_LANG: lang }
	});
	return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
	dir = tempDir();
});
afterAll(() => dir.remove());

describe('atelier edit', () => {
	it('sets a target with the version check: a stale version is refused and changes nothing', () => {
		const before = JSON.parse(atelier(['show', '3', '5', '--json']).out);
		expect(before.status).toBe('new');
		const ok = atelier(['set', '3', '5', '--target', 'The NRC was designed as a strategic element.', '--status', 'translated']);
		expect(ok.code).toBe(0);
		expect(ok.out).toMatch(/^5\ttranslated\tv2\ttm \d+/);
		const stale = atelier(['set', '3', '5', '--target', 'Overwrite?', '--version', String(before.version)], 'fr');
		expect(stale.code).toBe(1);
		expect(stale.err).toMatch(/Le segment 5 a changé depuis la version 1/);
		expect(JSON.parse(atelier(['show', '3', '5', '--json']).out).target).toBe('The NRC was designed as a strategic element.');
	});

	it('show lists one segment per line: tabs and line breaks inside a text are escaped', () => {
		const v = JSON.parse(atelier(['show', '3', '7', '--json']).out).version;
		expect(atelier(['set', '3', '7', '--target', 'Line one\nline\ttwo \\ end', '--status', 'draft', '--version', String(v)]).code).toBe(0);
		const lines = atelier(['show', '3']).out.trimEnd().split('\n');
		expect(lines.length).toBe(JSON.parse(atelier(['show', '3', '--json']).out).length);
		const row = lines.find((l) => l.startsWith('7\t'))!.split('\t');
		expect(row).toHaveLength(4);
		expect(row[3]).toBe('Line one\\nline\\ttwo \\\\ end');
		// left empty again for the tests after this one
		const now = JSON.parse(atelier(['show', '3', '7', '--json']).out).version;
		expect(atelier(['set', '3', '7', '--target', '', '--status', 'new', '--version', String(now)]).code).toBe(0);
	});

	it('progress and analysis tables, translated in both languages', () => {
		const p = atelier(['progress', '3']);
		expect(p.out).toMatch(/^Translated\t1\t\d+$/m);
		expect(atelier(['progress', '3'], 'fr').out).toMatch(/^Traduit\t1\t\d+$/m);
		const a = JSON.parse(atelier(['analyse', '3', '--json']).out);
		expect(a.bands.map((b: { band: string }) => b.band)).toEqual(['in-context', 'repetition', 'exact', '95-99', '85-94', '75-84', '50-74', 'none']);
		expect(a.total.segments).toBe(a.bands.reduce((n: number, b: { segments: number }) => n + b.segments, 0));
		expect(atelier(['analyse', '3'], 'fr').out).toMatch(/Aucune correspondance\t/);
	});

	it('replace previews, then applies; find lists hits in the source', () => {
		const preview = atelier(['replace', '3', 'NRC', 'NATO-Russia Council']);
		expect(preview.out).toBe('5\tThe NRC was designed as a strategic element.\t→\tThe NATO-Russia Council was designed as a strategic element.\n');
		expect(JSON.parse(atelier(['show', '3', '5', '--json']).out).target).toContain('NRC');
		expect(atelier(['replace', '3', 'NRC', 'NATO-Russia Council', '--apply']).out).toBe('1 segment changed.\n');
		expect(JSON.parse(atelier(['show', '3', '5', '--json']).out).target).toContain('NATO-Russia Council');
		const hits = atelier(['find', '3', 'OTAN-Russie', '--in', 'source']).out.trim().split('\n');
		expect(hits.length).toBeGreaterThan(2);
		expect(atelier(['find', '3', '(', '--regex']).code).toBe(1);
	});

	it('check reports the term and QA findings of a target and exits 3 on errors', () => {
		const r = atelier(['check', '3', '3', '--target', 'The heads of state met in Bucharest.']);
		expect(r.code).toBe(3);
		expect(r.out).toMatch(/term-missing.*NATO-Russia Council/);
		expect(r.out).toMatch(/qa\.numbers|27/);
	});

	it('pretranslate reports on every empty segment, and refuses a status it cannot set', () => {
		const r = atelier(['pretranslate', '3', '--status', 'draft', '--json']);
		expect(r.code).toBe(0);
		const report = JSON.parse(r.out);
		expect(report.empty).toBe(33);
		expect(report.filled).toBe(report.segments.length);
		expect(atelier(['pretranslate', '3', '--status', 'reviewed']).code).toBe(1);
	});
});
