import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtelierError } from '../src/core/errors.js';
import { readTmx } from '../src/core/formats/tmx/read.js';
import { writeTmx, type TmxWriteHeader } from '../src/core/formats/tmx/write.js';
import type { TmFilter } from '../src/core/db/tm.repo.server.js';
import { TAG_BASE, type TmOrigin, type TmUnit } from '../src/core/model.js';
import type { TmxExportOptions } from '../src/core/tm/tmx-export.server.js';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { tempDir } from './helpers/db.js';

// The TMX export renders id ranges in worker threads (tm/tmx-export.server.ts): its output must
// be byte for byte what the single-thread writer gives for the same units, whatever the filter
// and wherever a range boundary falls (inside a multilingual tu included), and each unit must
// be written once even while the TM changes during the export.
const DTD = join(import.meta.dirname, '..', '..', 'shared', 'standards', 'tmx14.dtd');
const P = (i: number) => String.fromCharCode(TAG_BASE + i);
const HEADER: TmxWriteHeader = { srcLang: 'fr-FR', creationTool: 'Atelier', creationToolVersion: '0.1.0', creationDate: '2026-11-23T08:00:00.000Z' };
const tmp = tempDir('atelier-tm-export-');
const dbPath = join(tmp.dir, 'tm.sqlite');
let wb: Workbench;
let docs: number[] = [];
let total = 0;

function rng(seed: number) {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const WORDS = ['sécurité', 'l’OTAN', 'défense', '«\u00a0alliés\u00a0»', 'partenariat', 'exercice', 'janvier', '2008', 'Afghanistan', 'à', 'la', 'de', 'et', 'mené', 'réunion'];
const ORIGINS: TmOrigin[] = ['import', 'translation', 'alignment'];

/** ~24k units: three pairs, props, notes, inline tags, dates, documents, and runs of units sharing a multilingual tu. */
function corpus(): TmUnit[] {
	const rand = rng(42);
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
	const sentence = (n: number) => Array.from({ length: 2 + Math.floor(rand() * n) }, () => pick(WORDS)).join(' ');
	const out: TmUnit[] = [];
	for (let i = 0; out.length < 24_000; i++) {
		const pair = pick([['fr-FR', 'en-GB'], ['fr-FR', 'en-GB'], ['en-GB', 'fr-FR'], ['fr-FR', 'de-DE']] as const);
		const day = `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00.000Z`;
		const base: TmUnit = {
			sourceLang: pair[0],
			targetLang: pair[1],
			source: `${sentence(12)} n° ${i}`,
			target: `${sentence(12)} no. ${i}`,
			origin: pick(ORIGINS),
			documentId: rand() < 0.2 ? pick(docs) : null,
			createdAt: day,
			createdBy: rand() < 0.5 ? 'marie' : undefined,
			changedAt: day,
			changedBy: rand() < 0.3 ? 'paul « p » & <co>' : undefined
		};
		if (rand() < 0.15) {
			base.source = `${P(0)}${base.source}${P(1)} ${P(2)}`;
			base.sourceTags = [
				{ kind: 'bpt', attrs: { i: '1', x: '1', type: 'bold' }, content: '&lt;b&gt;' },
				{ kind: 'ept', attrs: { i: '1' }, content: '&lt;/b&gt;' },
				{ kind: 'ph', attrs: { x: '2', type: 'image' }, content: '&lt;img/&gt;' }
			];
			base.target = `${P(0)}${base.target}${P(1)}`;
			base.targetTags = base.sourceTags.slice(0, 2);
		}
		if (rand() < 0.2) base.props = [{ type: 'x-domain', value: pick(['droit & <co>', 'défense', 'santé']), lang: 'fr' }, { type: 'source:x-a', value: '1' }];
		if (rand() < 0.1) base.notes = [`note « ${i} »`, 'two\r\nlines\tand "quotes"'];
		// a tu read from a multilingual TMX: one source, several targets, consecutive ids; every
		// 500th a long one, longer than the small ranges the tests give the workers
		const targets = i % 500 === 7 ? 40 : rand() < 0.2 ? 2 + Math.floor(rand() * 5) : 1;
		if (targets === 1) {
			if (rand() < 0.3) base.tuid = `t${i}`;
			out.push(base);
			continue;
		}
		for (let k = 0; k < targets; k++)
			out.push({
				...base,
				tuid: `m${i}`,
				targetLang: pick(['en-GB', 'en-US', 'de-DE', 'fr-FR'].filter((l) => l.slice(0, 2) !== base.sourceLang.slice(0, 2))),
				target: `${base.target} v${k}`,
				changedAt: `2025-01-${String(1 + k).padStart(2, '0')}T00:00:00.000Z`,
				props: [...(base.props ?? []), ...(k % 2 ? [{ type: 'target:x-alt', value: String(k) }] : [])]
			});
	}
	return out;
}

async function bytes(o: Partial<TmxExportOptions> & { filter?: TmFilter } = {}): Promise<Buffer> {
	const parts: Uint8Array[] = [];
	for await (const b of wb.tm.exportTmx({ header: HEADER, ...o })) parts.push(b);
	return Buffer.concat(parts);
}

/** What the export gave before it had worker threads: writeTmx over TranslationMemory.iterate. */
function reference(filter: TmFilter = {}): Buffer {
	return Buffer.from([...writeTmx(wb.tm.iterate(filter), HEADER)].join(''), 'utf8');
}

async function failure(p: Promise<unknown>): Promise<AtelierError> {
	try {
		await p;
	} catch (e) {
		if (e instanceof AtelierError) return e;
		throw e;
	}
	throw new Error('expected an AtelierError');
}

async function unitsOf(xml: Buffer): Promise<TmUnit[]> {
	const out: TmUnit[] = [];
	for await (const batch of readTmx(new Uint8Array(xml), { file: 'out.tmx' })) out.push(...batch);
	return out;
}

beforeAll(async () => {
	wb = createWorkbench({ dbPath });
	for (const title of ['un', 'deux', 'trois'])
		docs.push((await wb.importDocument({ bytes: new TextEncoder().encode(`Texte ${title}. Deuxième phrase.`), file: `${title}.txt`, sourceLang: 'fr', targetLang: 'en' })).id);
	const units = corpus();
	for (let i = 0; i < units.length; i += 4000) wb.tm.add(units.slice(i, i + 4000));
	total = wb.tm.stats().total;
}, 60_000);
afterAll(() => {
	wb.close();
	tmp.remove();
});

describe('TMX export in worker threads', () => {
	it('is byte-identical to the single-thread export, whole and filtered by document, origin, dates and pair', async () => {
		expect(total).toBeGreaterThan(20_000);
		const filters: TmFilter[] = [
			{},
			{ documentId: docs[1] },
			{ origin: 'alignment' },
			{ from: '2024-03-01T00:00:00.000Z', to: '2024-06-30T23:59:59.999Z' },
			{ sourceLang: 'fr', targetLang: 'en' },
			{ sourceLang: 'en-GB', targetLang: 'fr', origin: 'import' }
		];
		for (const filter of filters) {
			const want = reference(filter);
			// ranges of 997 ids: ~25 boundaries, several inside a multilingual tu, some ranges wholly inside one
			const parallel = await bytes({ filter, threads: 2, rangeIds: 997 });
			expect(parallel.length).toBeGreaterThan(500);
			expect(parallel.equals(want), JSON.stringify(filter)).toBe(true);
			expect((await bytes({ filter, threads: 0 })).equals(want)).toBe(true);
		}
		// one worker, tiny ranges (every group boundary case); workers started through tsx
		// rather than from the bundle (bundled-worker.server.ts falls back to that); the defaults
		const whole = reference();
		expect((await bytes({ threads: 1, rangeIds: 7 })).equals(whole)).toBe(true);
		process.env.ATELIER_NO_WORKER_BUNDLE = '1';
		try {
			expect((await bytes({ threads: 2, rangeIds: 4000 })).equals(whole)).toBe(true);
		} finally {
			delete process.env.ATELIER_NO_WORKER_BUNDLE;
		}
		expect((await bytes()).equals(whole)).toBe(true);
		const xml = whole.toString('utf8');
		expect(xml.match(/<tu[ >]/g)!.length).toBeLessThan(total);
		expect(xml).toContain('<prop type="x-alt">1</prop>');
	}, 120_000);

	it('renders a range larger than a worker\'s encoding buffer (4 MB) byte for byte', async () => {
		// a worker encodes each tu into one buffer it grows on demand (tmx-export.worker.ts): eight
		// units of ~1 MB of two-byte and astral text in one range, the six the worker renders (the
		// first and last go back unrendered) outgrowing it, then a short one
		const dir = tempDir('atelier-tm-export-big-');
		const big = createWorkbench({ dbPath: join(dir.dir, 'tm.sqlite') });
		try {
			const long = (k: number) => `Sécurité « ${k} » l’OTAN 🛡️ `.repeat(30_000);
			big.tm.add(Array.from({ length: 8 }, (_, k) => ({ sourceLang: 'fr-FR', targetLang: 'en-GB', source: long(k), target: `Security ${k}`, origin: 'import' as const, createdAt: '2024-01-02T03:04:05.000Z' })));
			big.tm.add([{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: 'Court.', target: 'Short.', origin: 'import' as const, createdAt: '2024-01-02T03:04:05.000Z' }]);
			const parts: Uint8Array[] = [];
			for await (const b of big.tm.exportTmx({ header: HEADER, threads: 1, rangeIds: 8 })) parts.push(b);
			const parallel = Buffer.concat(parts);
			const want = Buffer.from([...writeTmx(big.tm.iterate(), HEADER)].join(''), 'utf8');
			expect(want.length).toBeGreaterThan(8 * 1024 * 1024);
			expect(parallel.equals(want)).toBe(true);
		} finally {
			big.close();
			dir.remove();
		}
	}, 60_000);

	it('is valid against the TMX 1.4 DTD (xmllint) and reads back as the stored units', async () => {
		const out = join(tmp.dir, 'parallel.tmx');
		let reported = 0;
		const xml = await bytes({ threads: 2, rangeIds: 501, onUnits: (n) => (reported = n) });
		expect(reported).toBe(total);
		writeFileSync(out, xml);
		execFileSync('xmllint', ['--noout', '--dtdvalid', DTD, out], { stdio: ['ignore', 'pipe', 'pipe'] });
		const back = await unitsOf(xml);
		expect(back).toHaveLength(total);
		const stored = [...wb.tm.iterate()];
		expect(back.map((u) => `${u.sourceLang}|${u.targetLang}|${u.source}|${u.target}|${u.tuid ?? ''}`)).toEqual(stored.map((u) => `${u.sourceLang}|${u.targetLang}|${u.source}|${u.target}|${u.tuid ?? ''}`));
	}, 60_000);

	it('writes each unit exactly once while units are added and updated during the export', async () => {
		const before = [...wb.tm.iterate()];
		const maxBefore = before[before.length - 1].id;
		const it = wb.tm.exportTmx({ header: HEADER, threads: 2, rangeIds: 300 });
		const parts: Uint8Array[] = [];
		let round = 0;
		for await (const b of it) {
			parts.push(b);
			if (round++ % 20 !== 5) continue;
			// new units (ids above the export's start) and updates of units before, at and after the ranges being read
			wb.tm.add(Array.from({ length: 50 }, (_, i) => ({ sourceLang: 'fr-FR', targetLang: 'en-GB', source: `Ajout ${round} ${i}`, target: `Added ${round} ${i}`, origin: 'translation' as const })));
			const again = [before[(round * 977) % before.length], before[(round * 131) % before.length], before[before.length - 1 - (round % 50)]];
			wb.tm.add(again.map(({ id: _id, ...u }) => ({ ...u, confidence: round, changedAt: new Date().toISOString(), changedBy: `during ${round}` })));
		}
		expect(round).toBeGreaterThan(20);
		const back = await unitsOf(Buffer.concat(parts));
		const keys = back.map((u) => `${u.sourceLang}|${u.targetLang}|${u.source}|${u.target}`);
		expect(new Set(keys).size).toBe(keys.length);
		expect(keys.sort()).toEqual(before.map((u) => `${u.sourceLang}|${u.targetLang}|${u.source}|${u.target}`).sort());
		expect(wb.tm.stats().total).toBeGreaterThan(maxBefore);
		expect(back.some((u) => u.changedBy?.startsWith('during '))).toBe(true);
	}, 120_000);

	it('a reader that stops early (a closed download) ends the worker threads', async () => {
		const threads = () => readdirSync('/proc/self/task').length;
		const before = threads();
		const it = wb.tm.exportTmx({ header: HEADER, threads: 2, rangeIds: 500 });
		for (let i = 0; i < 4; i++) expect((await it.next()).done).toBe(false);
		expect(threads()).toBeGreaterThanOrEqual(before + 2);
		await it.return(0);
		// terminate() has resolved: the threads are gone (V8's and libuv's own pools aside, started before)
		await new Promise((r) => setTimeout(r, 200));
		expect(threads()).toBeLessThanOrEqual(before);
	}, 60_000);

	it('a unit that cannot be read stops the export with the same located error in a worker as in this thread', async () => {
		const scratch = join(tmp.dir, 'broken.sqlite');
		const copy = createWorkbench({ dbPath: scratch });
		try {
			copy.tm.add([...wb.tm.iterate({ origin: 'import' })].map(({ id: _id, ...u }) => ({ ...u, documentId: null })));
			const run = async (o: Partial<TmxExportOptions>) => {
				for await (const _ of copy.tm.exportTmx({ header: HEADER, ...o }));
			};
			// a worker reads a unit without tags, notes or tuv usage from its lean row, one with
			// them in full (TmRangeReader): one of each, later in the TM than the first one
			const units = [...copy.tm.iterate()];
			const later = units.slice(Math.floor(units.length * 0.7));
			const lean = later.find((u) => !u.sourceTags && !u.targetTags && !u.notes)!.id;
			const full = later.find((u) => u.sourceTags && u.id > lean)!.id;
			// the lean one from a document: the error names it on both paths
			const doc = (await copy.importDocument({ bytes: new TextEncoder().encode('Un texte.'), file: 'un.txt', sourceLang: 'fr', targetLang: 'en' })).id;
			copy.db.prepare('UPDATE tm_units SET document_id = ? WHERE id = ?').run(doc, lean);
			for (const bad of [full, lean]) {
				copy.db.prepare('UPDATE tm_units SET props = ? WHERE id = ?').run('[{"type": "x-broken", ', bad);
				const there = await failure(run({ threads: 2, rangeIds: 1000 }));
				const here = await failure(run({ threads: 0 }));
				expect(there.code).toBe('tm_unit_invalid');
				expect(there.params).toMatchObject({ id: bad, column: 'props' });
				expect(there.location.file).toBe(scratch);
				if (bad === lean) expect(there.location.document).toBe(doc);
				expect({ code: there.code, params: there.params, location: there.location }).toEqual({ code: here.code, params: here.params, location: here.location });
			}
		} finally {
			copy.close();
		}
	}, 60_000);

	it('the CLI leaves no output file behind when the export fails, and writes the file when it succeeds', () => {
		const dir = tempDir('atelier-tm-export-cli-');
		try {
			const db = join(dir.dir, 'cli.sqlite');
			const w = createWorkbench({ dbPath: db });
			w.tm.add([...wb.tm.iterate()].map(({ id: _id, ...u }) => ({ ...u, documentId: null })));
			w.close();
			const cli = (args: string[]) =>
				spawnSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'atelier.js'), ...args], { cwd: dir.dir, encoding: 'utf8', env: { ...process.env, ATELIER_DB: db, ATELIER_LANG: 'en' } });
			const good = cli(['tm', 'export', 'all.tmx', '--origin', 'import']);
			expect(good.stderr).toBe('');
			expect(good.stdout).toMatch(/^Exported [\d,]+ units to all\.tmx\.\n$/);
			const n = Number(/Exported (\d+)/.exec(good.stdout)![1]);
			expect(readFileSync(join(dir.dir, 'all.tmx'), 'utf8').match(/<tuv /g)!.length).toBeGreaterThanOrEqual(n + 1);

			const w2 = createWorkbench({ dbPath: db });
			const ids = [...w2.tm.iterate()].map((u) => u.id);
			w2.db.prepare('UPDATE tm_units SET notes = ? WHERE id = ?').run('not json', ids[ids.length - 100]);
			w2.close();
			const bad = cli(['tm', 'export', 'broken.tmx', '--threads', '2']);
			expect(bad.status).toBe(1);
			expect(bad.stderr).toContain(`unit ${ids[ids.length - 100]} of the translation memory cannot be read (notes:`);
			expect(readdirSync(dir.dir).filter((f) => f.includes('broken'))).toEqual([]);
			expect(existsSync(join(dir.dir, 'all.tmx'))).toBe(true);
		} finally {
			dir.remove();
		}
	}, 60_000);
});
