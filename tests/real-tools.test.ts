import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBilingual } from '../src/core/export/build.js';
import { createExports } from '../src/core/export/service.server.js';
import { confirmedUnits } from '../src/core/export/tmx.js';
import { readTmx } from '../src/core/formats/tmx/read.js';
import { writeTmx } from '../src/core/formats/tmx/write.js';
import type { TmUnit } from '../src/core/model.js';
import { countWords } from '../src/core/text/words.js';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { tempDir } from './helpers/db.js';
import { exportFixture, tEn } from './helpers/export-workbench.js';

/**
 * The files we write, checked by the real tools that read them: xmllint against the TMX DTD
 * and the XLIFF 1.2 strict schema, translate-toolkit (pocount, build_tmdb) and OmegaT.
 * Each test fails when the tool disagrees with us.
 */
const root = join(import.meta.dirname, '..');
const STANDARDS = join(root, '..', 'shared', 'standards');
const tmp = tempDir('atelier-real-tools-');
let wb: Workbench;
let docId: number;
let tmxFile: string;
let units: TmUnit[];

beforeAll(async () => {
	wb = createWorkbench({ dbPath: join(tmp.dir, 'db.sqlite') });
	await wb.seed(join(root, 'segments'), join(root, 'glossary'));
	docId = wb.listDocuments().find((d) => d.role === 'original' && d.originFile?.startsWith('bucharest-summit-2008/'))!.id;
	// the seed's alignment, confirmed as a reviewer would: its pairs are the document's confirmed pairs
	wb.alignment.confirm(wb.alignment.alignmentsOf(docId)[0]);
	const out = await createExports(wb).export(docId, 'tmx', { t: tEn, uiLang: 'en' });
	// the title has commas, which pocount's CSV does not quote: the tools get a plain name
	expect(out.filename.endsWith('.fr-en.tmx')).toBe(true);
	tmxFile = join(tmp.dir, 'document.tmx');
	writeFileSync(tmxFile, out.bytes);
	units = confirmedUnits(buildBilingual(wb, docId, { issues: false }));
}, 120_000);
afterAll(() => {
	wb?.close();
	tmp.remove();
});

function tool(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; timeout?: number } = {}): string {
	const r = spawnSync(cmd, args, { encoding: 'utf8', env: opts.env ?? process.env, timeout: opts.timeout ?? 120_000 });
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}\n${r.stdout}`);
	return r.stdout + r.stderr;
}

describe('xmllint', () => {
	it('accepts the TMX of a document and of the whole TM against tmx14.dtd', () => {
		expect(units.length).toBeGreaterThan(50);
		tool('xmllint', ['--noout', '--dtdvalid', join(STANDARDS, 'tmx14.dtd'), tmxFile]);
		const all = join(tmp.dir, 'tm.tmx');
		writeFileSync(all, [...writeTmx(wb.tm.iterate(), { srcLang: 'fr-FR' })].join(''));
		tool('xmllint', ['--noout', '--dtdvalid', join(STANDARDS, 'tmx14.dtd'), all]);
	});
	it('accepts every XLIFF 1.2 we write against the strict schema (seed document, alignment and a translated document)', async () => {
		const fx = await exportFixture();
		try {
			for (const [w, id] of [
				[wb, docId],
				[fx.wb, fx.docId]
			] as const) {
				const out = await createExports(w).export(id, 'xliff12', { t: tEn, uiLang: 'en' });
				const f = join(tmp.dir, `${id}-${Math.random().toString(36).slice(2)}.xlf`);
				writeFileSync(f, out.bytes);
				expect(tool('xmllint', ['--noout', '--schema', join(STANDARDS, 'xliff-core-1.2-strict.xsd'), f])).toContain('validates');
			}
		} finally {
			fx.close();
		}
	});
	it('rejects a broken TMX (the check can fail)', () => {
		const bad = join(tmp.dir, 'bad.tmx');
		writeFileSync(bad, readFileSync(tmxFile, 'utf8').replace('<tuv xml:lang="fr-FR">', '<tuv>'));
		expect(() => tool('xmllint', ['--noout', '--dtdvalid', join(STANDARDS, 'tmx14.dtd'), bad])).toThrow(/failed/);
	});
});

describe('translate-toolkit', () => {
	it('pocount counts our units and source words as we do', () => {
		const r = spawnSync('pocount', ['--csv', tmxFile], { encoding: 'utf8' });
		expect(r.status, r.stderr).toBe(0);
		const line = r.stdout.split('\n').find((l) => l.startsWith(tmxFile))!;
		const cols = line.split(',').map((s) => s.trim());
		const [translatedUnits, sourceWords] = [Number(cols[1]), Number(cols[2])];
		expect(translatedUnits).toBe(units.length);
		// pocount (translate-toolkit's Common.words) also counts a dash standing between spaces as a word; we do not
		const freeDashes = units.reduce((n, u) => n + (u.source.match(/(?<=\s)[–—-](?=\s)/g) ?? []).length, 0);
		expect(sourceWords).toBe(units.reduce((n, u) => n + countWords(u.source), 0) + freeDashes);
	});
	it('build_tmdb loads every pair', () => {
		const db = join(tmp.dir, 'tmdb.sqlite');
		expect(tool('build_tmdb', ['-d', db, '-s', 'fr', '-t', 'en', tmxFile])).toContain('File added');
		const conn = new Database(db, { readonly: true });
		try {
			const rows = conn.prepare('SELECT s.text AS source, t.text AS target FROM sources s JOIN targets t ON t.sid = s.sid').all() as { source: string; target: string }[];
			const ours = new Set(units.map((u) => `${u.source}\u0000${u.target}`));
			expect(rows.length).toBe(ours.size);
			for (const r of rows) expect(ours.has(`${r.source}\u0000${r.target}`), r.source).toBe(true);
		} finally {
			conn.close();
		}
	});
});

describe('OmegaT', () => {
	it('translates the French seed from our TMX in tm/auto, and its level-2 TMX comes back unchanged', async () => {
		const project = join(tmp.dir, 'omegat-project');
		for (const d of ['source', 'target', 'tm/auto', 'glossary', 'omegat', 'dictionary']) mkdirSync(join(project, d), { recursive: true });
		writeFileSync(
			join(project, 'omegat.project'),
			`<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes/>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>fr-FR</source_lang>
    <target_lang>en-GB</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneFrenchTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>true</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
`
		);
		// the French as Atelier imported it; OmegaT's text filter takes a blank line as the end of a paragraph
		const doc = wb.getDocument(docId);
		writeFileSync(join(project, 'source', 'declaration.txt'), doc.paragraphsList.map((p) => p.text).join('\n\n') + '\n');
		writeFileSync(join(project, 'tm', 'auto', 'atelier.tmx'), readFileSync(tmxFile));
		const home = join(tmp.dir, 'home');
		mkdirSync(join(home, 'config'), { recursive: true });
		tool('omegat', [`--config-dir=${join(home, 'config')}`, '--disable-project-locking', '--mode=console-translate', project], {
			env: { ...process.env, HOME: home, JAVA_TOOL_OPTIONS: '-Djava.awt.headless=true' },
			timeout: 300_000
		});
		const english = readFileSync(join(project, 'target', 'declaration.txt'), 'utf8');
		// every pair whose source OmegaT segments the way we do is applied as an exact match
		const single = units.filter((u) => doc.paragraphsList.some((p) => p.segments.some((s) => s.source === u.source)));
		const applied = single.filter((u) => english.includes(u.target));
		expect(single.length).toBeGreaterThan(40);
		expect(single.filter((u) => !english.includes(u.target)).map((u) => u.source)).toEqual([]);
		expect(english).toContain(units[0].target);
		expect(english).not.toContain(units[0].source);

		// OmegaT's project memory (level 2) reads back into Atelier with the same pairs
		const level2 = readFileSync(join(project, 'omegat-project-level2.tmx'));
		const back: TmUnit[] = [];
		for await (const b of readTmx(level2, { file: 'omegat-project-level2.tmx', targetLang: 'en-GB' })) back.push(...b);
		expect(back.length).toBeGreaterThanOrEqual(applied.length);
		const ours = new Map(units.map((u) => [u.source, u.target]));
		for (const u of back) expect(ours.get(u.source), u.source).toBe(u.target);
		const before = wb.tm.stats().total;
		const res = await wb.tm.importUnits((async function* () {
			yield back;
		})());
		expect(res.units).toBe(back.length);
		expect(wb.tm.stats().total).toBeGreaterThanOrEqual(before);
	}, 400_000);
});

// keep execFileSync referenced for ad-hoc debugging of a tool's output
void execFileSync;
