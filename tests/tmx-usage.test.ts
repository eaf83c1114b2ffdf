import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTmx, type TmxWarning } from '../src/core/formats/tmx/read.js';
import { readTmxFast } from '../src/core/formats/tmx/fast-read.js';
import type { TmUnit } from '../src/core/model.js';
import { tmxRows } from '../src/core/tm/tmx-rows.server.js';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { tempDir } from './helpers/db.js';

// TMX usage statistics (usagecount, lastusagedate), as Trados and memoQ write them on the tu
// and some tools on a tuv, survive an import into the TM (a real SQLite file) and an export:
// same values, on the same element, whichever reader, and whether the export runs in worker
// threads or not. A duplicate pair keeps the higher count and the later date.
const DTD = join(import.meta.dirname, '..', '..', 'shared', 'standards', 'tmx14.dtd');
const root = join(import.meta.dirname, '..');
const tmp = tempDir('atelier-tmx-usage-');
afterAll(() => tmp.remove());

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="SDL Language Platform" creationtoolversion="8.1" segtype="sentence" o-tmf="SDL TM8 Format" adminlang="en-US" srclang="fr-FR" datatype="xml"/>
<body>
`;
const FOOT = '</body>\n</tmx>\n';

const TRADOS = `${HEAD}<tu tuid="u1" creationdate="20190101T100000Z" creationid="marie" changedate="20190301T100000Z" changeid="paul" lastusagedate="20190515T091232Z" usagecount="3">
<tuv xml:lang="fr-FR"><seg>Le Conseil de l’Atlantique Nord se réunit.</seg></tuv>
<tuv xml:lang="en-GB"><seg>The North Atlantic Council meets.</seg></tuv>
</tu>
<tu tuid="u2" usagecount="0">
<tuv xml:lang="fr-FR"><seg>La séance est ouverte.</seg></tuv>
<tuv xml:lang="en-GB"><seg>The meeting is open.</seg></tuv>
</tu>
<tu tuid="u3">
<tuv xml:lang="fr-FR" usagecount="2" lastusagedate="20200101T000000Z"><seg>Les Alliés « décident ».</seg></tuv>
<tuv xml:lang="en-GB" lastusagedate="20210202T030405Z" usagecount="7"><seg>The Allies “decide”.</seg></tuv>
</tu>
<tu tuid="u4">
<tuv xml:lang="fr-FR"><seg>Sans statistiques.</seg></tuv>
<tuv xml:lang="en-GB"><seg>No statistics.</seg></tuv>
</tu>
<tu tuid="u5" usagecount="12" lastusagedate="20220630T235959Z">
<tuv xml:lang="fr-FR"><seg>La défense collective.</seg></tuv>
<tuv xml:lang="en-GB"><seg>Collective defence.</seg></tuv>
<tuv xml:lang="de-DE"><seg>Die kollektive Verteidigung.</seg></tuv>
</tu>
${FOOT}`;

type Usage = Pick<TmUnit, 'tuid' | 'targetLang' | 'usageCount' | 'lastUsedAt' | 'sourceUsage' | 'targetUsage'>;
const usageOf = (u: TmUnit): Usage => ({
	tuid: u.tuid,
	targetLang: u.targetLang,
	usageCount: u.usageCount ?? undefined,
	lastUsedAt: u.lastUsedAt ?? undefined,
	sourceUsage: u.sourceUsage ?? undefined,
	targetUsage: u.targetUsage ?? undefined
});

const EXPECTED: Usage[] = [
	{ tuid: 'u1', targetLang: 'en-GB', usageCount: 3, lastUsedAt: '2019-05-15T09:12:32.000Z', sourceUsage: undefined, targetUsage: undefined },
	{ tuid: 'u2', targetLang: 'en-GB', usageCount: 0, lastUsedAt: undefined, sourceUsage: undefined, targetUsage: undefined },
	{ tuid: 'u3', targetLang: 'en-GB', usageCount: undefined, lastUsedAt: undefined, sourceUsage: { count: 2, lastUsedAt: '2020-01-01T00:00:00.000Z' }, targetUsage: { count: 7, lastUsedAt: '2021-02-02T03:04:05.000Z' } },
	{ tuid: 'u4', targetLang: 'en-GB', usageCount: undefined, lastUsedAt: undefined, sourceUsage: undefined, targetUsage: undefined },
	{ tuid: 'u5', targetLang: 'en-GB', usageCount: 12, lastUsedAt: '2022-06-30T23:59:59.000Z', sourceUsage: undefined, targetUsage: undefined },
	{ tuid: 'u5', targetLang: 'de-DE', usageCount: 12, lastUsedAt: '2022-06-30T23:59:59.000Z', sourceUsage: undefined, targetUsage: undefined }
];

/** Units, warnings and whether the fast reader had to hand over to readTmx. */
async function read(text: string, fast: boolean) {
	const units: TmUnit[] = [];
	const warnings: TmxWarning[] = [];
	let fellBack: string | null = null;
	const bytes = new TextEncoder().encode(text);
	const opts = { file: 'in.tmx', onWarning: (w: TmxWarning) => warnings.push(w), onFallback: (why: string) => (fellBack = why) };
	for await (const b of fast ? readTmxFast(bytes, opts) : readTmx(bytes, opts)) units.push(...b);
	return { units, warnings, fellBack };
}

function xmllint(file: string): void {
	try {
		execFileSync('xmllint', ['--noout', '--dtdvalid', DTD, file], { stdio: ['ignore', 'pipe', 'pipe'] });
	} catch (e) {
		throw new Error(`xmllint rejected ${file}: ${(e as { stderr?: Buffer }).stderr}`);
	}
}

async function exportText(wb: Workbench, threads: number): Promise<string> {
	const parts: Uint8Array[] = [];
	const gen = wb.tm.exportTmx({ filter: { origin: 'import' }, header: { srcLang: 'fr-FR', creationDate: '2026-11-24T00:00:00.000Z' }, threads, rangeIds: 2 });
	for await (const p of gen) parts.push(p);
	return Buffer.concat(parts).toString('utf8');
}

/** The opening tag of the element whose seg (or first tuv's seg) holds `text`. */
const tuOpening = (xml: string, tuid: string) => new RegExp(`<tu tuid="${tuid}"[^>]*>`).exec(xml)?.[0];
const tuvOpening = (xml: string, segText: string) => new RegExp(`<tuv [^>]*>(?=\\s*<seg>${segText.replace(/[.()]/g, '\\$&')}</seg>)`).exec(xml)?.[0];

async function importFile(wb: Workbench, name: string, text: string, thread: 'this' | 'worker' = 'this') {
	const path = join(tmp.dir, name);
	writeFileSync(path, text);
	return wb.tm.importRows(tmxRows(path, { file: name, thread }));
}

const usageRow = (wb: Workbench, source: string) =>
	wb.db
		.prepare('SELECT usage_count, last_used_at, source_usage_count, source_last_used_at, target_usage_count, target_last_used_at FROM tm_units WHERE source = ? ORDER BY id')
		.all(source);

describe('TMX usagecount and lastusagedate', { timeout: 120_000 }, () => {
	it('both readers read them on the tu and on each tuv, the fast one without handing over', async () => {
		const slow = await read(TRADOS, false);
		const fast = await read(TRADOS, true);
		expect(slow.units.map(usageOf)).toEqual(EXPECTED);
		expect(fast.units).toEqual(slow.units);
		expect(fast.warnings).toEqual([]);
		expect(slow.warnings).toEqual([]);
		expect(fast.fellBack).toBeNull();
	});

	it('survive an import into a TM file and an export, on the element they came from, valid against the DTD', async () => {
		const dbPath = join(tmp.dir, 'roundtrip.sqlite');
		const wb = createWorkbench({ dbPath });
		try {
			// the worker-thread reader, as a large upload takes it
			const r = await importFile(wb, 'trados.tmx', TRADOS, 'worker');
			expect(r.units).toBe(6);
			const stored = [...wb.tm.iterate({ origin: 'import' })];
			expect(stored.map(usageOf)).toEqual(EXPECTED);
			expect(usageRow(wb, 'Le Conseil de l’Atlantique Nord se réunit.')).toEqual([
				{ usage_count: 3, last_used_at: '2019-05-15T09:12:32.000Z', source_usage_count: null, source_last_used_at: null, target_usage_count: null, target_last_used_at: null }
			]);

			const xml = await exportText(wb, 0);
			expect(tuOpening(xml, 'u1')).toBe('<tu tuid="u1" creationdate="20190101T100000Z" creationid="marie" changedate="20190301T100000Z" changeid="paul" usagecount="3" lastusagedate="20190515T091232Z">');
			expect(tuOpening(xml, 'u2')).toMatch(/ usagecount="0">$/);
			expect(tuOpening(xml, 'u2')).not.toContain('lastusagedate');
			// tuv-level values go back on their tuv, none on the tu
			expect(tuOpening(xml, 'u3')).not.toContain('usage');
			expect(tuvOpening(xml, 'Les Alliés « décident ».')).toBe('<tuv xml:lang="fr-FR" usagecount="2" lastusagedate="20200101T000000Z">');
			expect(tuvOpening(xml, 'The Allies “decide”.')).toBe('<tuv xml:lang="en-GB" usagecount="7" lastusagedate="20210202T030405Z">');
			expect(tuOpening(xml, 'u4')).not.toContain('usage');
			expect(tuvOpening(xml, 'No statistics.')).toBe('<tuv xml:lang="en-GB">');
			// the multilingual tu comes back as one tu, its usage on it once
			expect(xml.match(/<tu tuid="u5"/g)).toHaveLength(1);
			expect(tuOpening(xml, 'u5')).toBe('<tu tuid="u5" usagecount="12" lastusagedate="20220630T235959Z">');
			expect(xml.match(/usagecount=/g)).toHaveLength(5);

			const out = join(tmp.dir, 'roundtrip.tmx');
			writeFileSync(out, xml);
			xmllint(out);
			// read back, by both readers: the same statistics as the file imported
			const again = await read(xml, true);
			expect(again.fellBack).toBeNull();
			expect(again.units.map(usageOf)).toEqual(EXPECTED);
			expect((await read(xml, false)).units).toEqual(again.units);

			// worker threads render the same bytes, wherever a range boundary falls
			expect(await exportText(wb, 2)).toBe(xml);
		} finally {
			wb.close();
		}
	});

	it('a pair imported again keeps the higher count and the later date; a file without them clears nothing', async () => {
		const wb = createWorkbench({ dbPath: join(tmp.dir, 'merge.sqlite') });
		const tu = (attrs: string, tuv = '') => `${HEAD}<tu tuid="m"${attrs}><tuv xml:lang="fr-FR"${tuv}><seg>Le budget est adopté.</seg></tuv><tuv xml:lang="en-GB"${tuv}><seg>The budget is adopted.</seg></tuv></tu>\n${FOOT}`;
		const row = () => usageRow(wb, 'Le budget est adopté.');
		try {
			await importFile(wb, 'a.tmx', tu(' usagecount="3" lastusagedate="20190515T091232Z"', ' usagecount="1" lastusagedate="20180101T000000Z"'));
			await importFile(wb, 'b.tmx', tu(' usagecount="2" lastusagedate="20200101T000000Z"', ' usagecount="5" lastusagedate="20170101T000000Z"'));
			expect(row()).toEqual([
				{ usage_count: 3, last_used_at: '2020-01-01T00:00:00.000Z', source_usage_count: 5, source_last_used_at: '2018-01-01T00:00:00.000Z', target_usage_count: 5, target_last_used_at: '2018-01-01T00:00:00.000Z' }
			]);
			await importFile(wb, 'c.tmx', tu(''));
			expect(row()[0]).toMatchObject({ usage_count: 3, last_used_at: '2020-01-01T00:00:00.000Z', source_usage_count: 5 });
			await importFile(wb, 'd.tmx', tu(' usagecount="40" lastusagedate="20011231T235959Z"'));
			expect(row()[0]).toMatchObject({ usage_count: 40, last_used_at: '2020-01-01T00:00:00.000Z' });
			// the same through TranslationMemory.add (its own upsert statement)
			wb.tm.add([{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: 'Le budget est adopté.', target: 'The budget is adopted.', origin: 'import', usageCount: 41, lastUsedAt: '2019-01-01T00:00:00.000Z' }]);
			expect(row()).toHaveLength(1);
			expect(row()[0]).toMatchObject({ usage_count: 41, last_used_at: '2020-01-01T00:00:00.000Z' });

			// an edit that makes a unit equal to another merges it there: its usage comes along
			const [other] = wb.tm.add([{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: 'Le budget est adopté.', target: 'The budget was adopted.', origin: 'import', usageCount: 99, lastUsedAt: '2024-03-01T12:00:00.000Z' }]);
			const r = wb.tm.updateUnit(other, { target: 'The budget is adopted.' });
			expect(r.merged).toBe(true);
			expect(r.unit).toMatchObject({ usageCount: 99, lastUsedAt: '2024-03-01T12:00:00.000Z', sourceUsage: { count: 5 } });
		} finally {
			wb.close();
		}
	});

	it('an invalid usagecount is dropped with a located warning, the same from both readers; the unit and its other data are kept', async () => {
		const text = `${HEAD}<tu tuid="ok" usagecount="4"><tuv xml:lang="fr-FR"><seg>Un.</seg></tuv><tuv xml:lang="en-GB"><seg>One.</seg></tuv></tu>
  <tu tuid="neg" usagecount="-1" lastusagedate="20190515T091232Z"><tuv xml:lang="fr-FR"><seg>Deux.</seg></tuv><tuv xml:lang="en-GB"><seg>Two.</seg></tuv></tu>
<tu tuid="frac" usagecount="3.5"><tuv xml:lang="fr-FR"><seg>Trois.</seg></tuv><tuv xml:lang="en-GB"><seg>Three.</seg></tuv></tu>
<tu tuid="tuv"><tuv xml:lang="fr-FR"><seg>Quatre.</seg></tuv><tuv xml:lang="en-GB" usagecount="beaucoup" lastusagedate="20190231T000000Z"><seg>Four.</seg></tuv></tu>
${FOOT}`;
		const slow = await read(text, false);
		const fast = await read(text, true);
		expect(slow.warnings).toEqual([
			{ kind: 'bad_usagecount', line: 6, column: 3, tuid: 'neg', detail: '-1' },
			{ kind: 'bad_usagecount', line: 7, column: 1, tuid: 'frac', detail: '3.5' },
			{ kind: 'bad_usagecount', line: 8, column: 1, tuid: 'tuv', detail: 'beaucoup' },
			{ kind: 'bad_date', line: 8, column: 1, tuid: 'tuv', detail: '20190231T000000Z' }
		]);
		expect(fast.warnings).toEqual(slow.warnings);
		expect(fast.units).toEqual(slow.units);
		expect(fast.fellBack).toBeNull();
		expect(slow.units.map((u) => [u.tuid, u.usageCount, u.lastUsedAt, u.targetUsage])).toEqual([
			['ok', 4, undefined, undefined],
			['neg', undefined, '2019-05-15T09:12:32.000Z', undefined],
			['frac', undefined, undefined, undefined],
			['tuv', undefined, undefined, undefined]
		]);
		// and the import writes the four units, none with the invalid counts
		const wb = createWorkbench({ dbPath: join(tmp.dir, 'invalid.sqlite') });
		try {
			expect((await importFile(wb, 'bad.tmx', text)).units).toBe(4);
			expect(wb.db.prepare("SELECT tuid, usage_count, target_usage_count FROM tm_units WHERE import_file = 'bad.tmx' ORDER BY id").raw().all()).toEqual([
				['ok', 4, null],
				['neg', null, null],
				['frac', null, null],
				['tuv', null, null]
			]);
		} finally {
			wb.close();
		}
	});

	it('atelier tm show prints the usage line, in English and French', () => {
		const dbPath = join(tmp.dir, 'cli.sqlite');
		const wb = createWorkbench({ dbPath });
		const [used, lastOnly, none] = wb.tm.add([
			{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: 'Le rapport est adopté.', target: 'The report is adopted.', origin: 'import', usageCount: 1, lastUsedAt: '2019-05-15T09:12:32.000Z' },
			{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: 'La séance est levée.', target: 'The meeting is closed.', origin: 'import', targetUsage: { lastUsedAt: '2021-02-02T03:04:05.000Z' } },
			{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: 'Sans usage.', target: 'No usage.', origin: 'import' }
		]);
		wb.close();
		const atelier = (args: string[], lang: string) => {
			const r = spawnSync(process.execPath, [join(root, 'bin', 'atelier.js'), ...args], { cwd: tmp.dir, encoding: 'utf8', env: { ...process.env, ATELIER_DB: dbPath, ATELIER_LANG: lang } });
			expect(r.status, r.stderr).toBe(0);
			return r.stdout;
		};
		expect(atelier(['tm', 'show', String(used)], 'en')).toContain('\nusage\tUsed 1 time, last on 2019-05-15T09:12:32.000Z\n');
		expect(atelier(['tm', 'show', String(used)], 'fr')).toContain('\nutilisation\tUtilisée 1 fois, la dernière le 2019-05-15T09:12:32.000Z\n');
		expect(atelier(['tm', 'show', String(lastOnly)], 'en')).toContain('\nusage\tLast used on 2021-02-02T03:04:05.000Z\n');
		const plain = atelier(['tm', 'show', String(none)], 'en');
		expect(plain).toContain('source\tfr-FR\tSans usage.\n');
		expect(plain).not.toContain('usage\t');
		// --json carries the fields as stored
		expect(JSON.parse(atelier(['tm', 'show', String(used), '--json'], 'en'))).toMatchObject({ usageCount: 1, lastUsedAt: '2019-05-15T09:12:32.000Z' });
	});

	it('migration 012 adds the columns without rebuilding tm_units (ids and rows kept)', () => {
		const wb = createWorkbench({ dbPath: join(tmp.dir, 'schema.sqlite') });
		try {
			const cols = (wb.db.prepare('PRAGMA table_info(tm_units)').all() as { name: string; type: string }[]).map((c) => `${c.name} ${c.type}`);
			expect(cols.slice(-6)).toEqual(['usage_count INTEGER', 'last_used_at TEXT', 'source_usage_count INTEGER', 'source_last_used_at TEXT', 'target_usage_count INTEGER', 'target_last_used_at TEXT']);
			const sql = readFileSync(join(root, 'src', 'core', 'db', 'migrations', '012_tm_usage.sql'), 'utf8');
			expect(sql).not.toMatch(/CREATE TABLE|DROP TABLE|INSERT INTO/i);
		} finally {
			wb.close();
		}
	});
});
