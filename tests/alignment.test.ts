import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBeads, scoreBeads } from '../src/core/align/score.js';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { tempDir } from './helpers/db.js';

const root = join(import.meta.dirname, '..');
let wb: Workbench;
let dir: ReturnType<typeof tempDir>;

beforeAll(async () => {
	dir = tempDir();
	wb = createWorkbench({ dbPath: join(dir.dir, 'a.sqlite') });
	await wb.seed();
});
afterAll(() => {
	wb.close();
	dir.remove();
});

const ranges = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('the seeded bitexts, aligned at first start', () => {
	it.each([
		[1, 'bucharest-summit-2008'],
		[3, 'nrc-chairman-statement-2008']
	])('document %i (%s) matches the hand-made gold alignment', (docId, key) => {
		const view = wb.alignment.view(wb.alignment.alignmentsOf(docId)[0]);
		const gold = parseBeads(readFileSync(join(root, 'segments', key, 'gold.fr-en.beads'), 'utf8'));
		const test = view.beads.map((b) => ({ src: ranges(b.srcFrom, b.srcTo), tgt: ranges(b.tgtFrom, b.tgtTo) }));
		const score = scoreBeads(gold, test);
		expect(score.f1.lax).toBe(1);
		expect(score.f1.strict).toBeGreaterThanOrEqual(0.9);
		// what the evidence says is data the UI words in either language
		expect(view.beads.every((b) => b.confidence >= 0 && b.confidence <= 1 && Array.isArray(b.evidence))).toBe(true);
	});

	it('confirming beads puts them in the TM with their provenance, and a re-confirm does not duplicate', () => {
		const id = wb.alignment.alignmentsOf(3)[0];
		const n = wb.alignment.confirm(id, { minConfidence: 0 });
		expect(n).toBeGreaterThan(25);
		const before = wb.tm.stats().total;
		wb.alignment.confirm(id, { minConfidence: 0 });
		expect(wb.tm.stats().total).toBe(before);
		const pairs = wb.segmentPairs(3);
		const m = wb.tm.lookup(pairs[2].source, { sourceLang: 'fr-FR', targetLang: 'en-GB', prev: pairs[1].source, next: pairs[3].source })[0];
		expect(m.score).toBe(101);
		expect(m.unit).toMatchObject({ origin: 'alignment', documentId: 3, segmentOrd: 2 });
		expect(m.unit.confidence).toBeGreaterThan(0);
	});
});

describe('atelier align', () => {
	const run = (args: string[]) =>
		spawnSync(process.execPath, [join(root, 'bin', 'atelier.js'), 'align', ...args], {
			encoding: 'utf8',
			env: { ...process.env, ATELIER_DB: join(dir.dir, 'cli.sqlite'), ATELIER_LANG: 'en' }
		});

	it('aligns two files into beads, TSV, TMX or JSON; nothing stored', () => {
		const fr = join(root, 'segments/nrc-chairman-statement-2008/fr.txt');
		const en = join(root, 'segments/nrc-chairman-statement-2008/en.txt');
		const beads = run([fr, en]);
		expect(beads.status).toBe(0);
		const lines = beads.stdout.trim().split('\n');
		expect(lines.every((l) => /^\[[\d, ]*\]:\[[\d, ]*\]$/.test(l))).toBe(true);
		const gold = parseBeads(readFileSync(join(root, 'segments/nrc-chairman-statement-2008/gold.fr-en.beads'), 'utf8'));
		expect(scoreBeads(gold, parseBeads(beads.stdout)).f1.lax).toBe(1);
		expect(run([fr, en, '--format', 'tsv']).stdout.split('\n')[0]).toBe('confidence\tsource\ttarget');
		expect(run([fr, en, '--format', 'tmx']).stdout).toContain('<tmx version="1.4">');
		expect(JSON.parse(run([fr, en, '--format', 'json']).stdout).beads.length).toBe(lines.length);
	});

	it('says when the translation covers only part of the original', () => {
		const en = readFileSync(join(root, 'segments/bucharest-summit-2008/en.txt'), 'utf8').split('\n\n');
		const partial = join(dir.dir, 'partial.txt');
		writeFileSync(partial, en.slice(0, Math.floor(en.length * 0.4)).join('\n\n'));
		const r = run([join(root, 'segments/bucharest-summit-2008/fr.txt'), partial]);
		expect(r.status).toBe(0);
		expect(r.stderr).toMatch(/only partly covered: about \d+%/);
	});

	it('presegmented input (the German–French development set) and bad arguments', () => {
		const shared = join(root, '..', 'shared', 'data', 'align-dev');
		const r = run([join(shared, 'dev.de'), join(shared, 'dev.fr'), '--presegmented', '--source-lang', 'de', '--target-lang', 'fr']);
		expect(r.status).toBe(0);
		const gold = parseBeads(readFileSync(join(shared, 'dev.defr'), 'utf8'));
		expect(scoreBeads(gold, parseBeads(r.stdout)).f1.strict).toBeGreaterThan(0.7);
		expect(run(['only-one']).status).toBe(1);
		expect(run(['a', 'b', '--format', 'xml']).status).toBe(1);
	});
});
