import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server.js';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.stop());

const seg = (doc: number, ord: number) => `${server.url}/api/documents/${doc}/segments/${ord}`;
const put = (doc: number, ord: number, body: unknown, lang = 'en') =>
	fetch(seg(doc, ord), { method: 'PUT', headers: { 'content-type': 'application/json', 'accept-language': lang }, body: JSON.stringify(body) });

describe('segment API over HTTP (built server)', () => {
	it('saves with the opened version, answers 409 with the stored state to a stale save, and keeps the first write', async () => {
		const s = await (await fetch(seg(3, 4))).json();
		expect(s.source.length).toBeGreaterThan(10);
		const first = await put(3, 4, { target: 'First translator.', status: 'draft', version: s.version });
		expect(first.status).toBe(200);
		const stale = await put(3, 4, { target: 'Second translator.', status: 'draft', version: s.version });
		expect(stale.status).toBe(409);
		const body = await stale.json();
		expect(body.current.target).toBe('First translator.');
		expect((await (await fetch(seg(3, 4))).json()).target).toBe('First translator.');
	});

	it('confirming feeds the TM: the segment then has a 101% match', async () => {
		const s = await (await fetch(seg(3, 5))).json();
		expect((await put(3, 5, { target: 'Confirmed here.', status: 'translated', version: s.version })).status).toBe(200);
		const m = await (await fetch(`${seg(3, 5)}/matches`)).json();
		expect(m[0].score).toBe(101);
		expect(m[0].unit.target).toBe('Confirmed here.');
	});

	it('a malformed body is a translated 400 naming the field; an unknown segment a 404', async () => {
		const bad = await put(3, 4, { target: 'x', status: 'done', version: 1 }, 'fr');
		expect(bad.status).toBe(400);
		expect((await bad.json()).message).toMatch(/Requête invalide.*status/);
		expect((await fetch(seg(3, 100000))).status).toBe(404);
	});
});

const post = (path: string, body: unknown, lang = 'en') =>
	fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': lang }, body: JSON.stringify(body) });

describe('editor API over HTTP (built server)', () => {
	it('lists the grid rows, and gives the active segment its matches, glossary terms and term warnings', async () => {
		const rows = (await (await fetch(`${server.url}/api/documents/3/segments`)).json()).segments;
		expect(rows.length).toBeGreaterThan(30);
		expect(rows[0]).toMatchObject({ ord: 0, kind: 'heading', inPara: 0 });
		const a = await (await fetch(`${seg(3, 2)}/assist`)).json();
		expect(a.segment.ord).toBe(2);
		expect(Array.isArray(a.matches)).toBe(true);
		const nrc = a.terms.find((x: { text: string }) => /Conseil OTAN-Russie/.test(x.text));
		expect(nrc.equivalents).toContain('NATO-Russia Council');
		const check = await (await post('/api/documents/3/segments/2/check', { target: 'The heads of state met in Bucharest with the 27 countries.' })).json();
		const missing = check.issues.filter((i: { check: string }) => i.check === 'term-missing');
		expect(missing.length).toBeGreaterThan(0);
		// accepting a warning keeps it listed, marked, for that segment
		const target = 'The heads of state met in Bucharest with the 27 countries.';
		const s = await (await fetch(seg(3, 2))).json();
		await put(3, 2, { target, status: 'draft', version: s.version });
		const after = await (await post('/api/documents/3/segments/2/ignore', { check: missing[0].check, fingerprint: missing[0].fingerprint, reason: 'house style' })).json();
		expect(after.issues.find((i: { fingerprint: string }) => i.fingerprint === missing[0].fingerprint).ignored).toBe('house style');
	});

	it('replace: preview, then apply in one transaction; a change made since the preview refuses all of it', async () => {
		const s6 = await (await fetch(seg(3, 6))).json();
		const s7 = await (await fetch(seg(3, 7))).json();
		await put(3, 6, { target: 'Allies met in Bucharest.', status: 'draft', version: s6.version });
		await put(3, 7, { target: 'The summit in Bucharest ended.', status: 'translated', version: s7.version });
		const preview = await (await post('/api/documents/3/replace', { find: 'in (Bucharest)', replace: 'at $1', regex: true })).json();
		const ords = preview.changes.map((c: { ord: number }) => c.ord);
		expect(ords).toEqual(expect.arrayContaining([6, 7]));
		// segment 8 changes after the preview
		const now7 = await (await fetch(seg(3, 7))).json();
		await put(3, 7, { target: 'The summit in Bucharest has ended.', status: 'translated', version: now7.version });
		const refused = await post('/api/documents/3/replace', { apply: preview.changes });
		expect(refused.status).toBe(409);
		expect((await refused.json()).conflicts.map((c: { ord: number }) => c.ord)).toEqual([7]);
		expect((await (await fetch(seg(3, 6))).json()).target).toBe('Allies met in Bucharest.');
		const again = await (await post('/api/documents/3/replace', { find: 'in (Bucharest)', replace: 'at $1', regex: true })).json();
		const applied = await post('/api/documents/3/replace', { apply: again.changes });
		expect(applied.status).toBe(200);
		expect((await (await fetch(seg(3, 6))).json()).target).toBe('Allies met at Bucharest.');
		expect((await (await fetch(seg(3, 7))).json())).toMatchObject({ target: 'The summit at Bucharest has ended.', status: 'translated' });
		const bad = await post('/api/documents/3/replace', { find: '(', replace: '', regex: true }, 'fr');
		expect(bad.status).toBe(400);
		expect((await bad.json()).message).toMatch(/Recherche invalide/);
	});

	it('pre-translates from the TM and reports; the analysis counts bands and progress', async () => {
		// the report accounts for every empty segment: filled ones are listed with their score
		const pre = await (await post('/api/documents/3/pretranslate', { status: 'draft' })).json();
		expect(pre.empty).toBeGreaterThan(20);
		expect(pre.filled).toBe(pre.segments.length);
		const a = await (await fetch(`${server.url}/api/documents/3/analysis`)).json();
		expect(a.analysis.bands).toHaveLength(8);
		expect(a.analysis.total.segments).toBe(a.progress.total.segments);
		expect(a.progress.byStatus.find((c: { status: string }) => c.status === 'translated').segments).toBeGreaterThanOrEqual(2);
		expect((await post('/api/documents/3/pretranslate', { status: 'reviewed' })).status).toBe(400);
	});

	it('concordance finds confirmed translations', async () => {
		const c = await (await fetch(`${server.url}/api/tm/concordance?q=${encodeURIComponent('Bucharest')}`)).json();
		expect(c.hits.some((h: { target: string }) => h.target.includes('Bucharest'))).toBe(true);
	});
});

describe('writes while a TM import holds the write lock', () => {
	it('a segment saved during a running import waits for it and lands (no SQLITE_BUSY, no 500)', async () => {
		const { writeTmx } = await import('../../src/core/formats/tmx/write.js');
		// ~19 MB: over the 16 MB from which the server reads TMX in a worker thread (tmx-rows.server.ts)
		const units = Array.from({ length: 70_000 }, (_, i) => ({
			sourceLang: 'fr-FR',
			targetLang: 'en-GB',
			source: `Phrase d’essai numéro ${i} sur la sécurité euro-atlantique et la défense.`,
			target: `Test sentence number ${i} on Euro-Atlantic security and defence.`,
			origin: 'import' as const
		}));
		const body = Buffer.from([...writeTmx(units, { srcLang: 'fr-FR', creationTool: 'test' })].join(''));
		expect(body.length).toBeGreaterThan(16 * 1024 * 1024);
		const started = await fetch(`${server.url}/tm/import?name=big.tmx`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', origin: server.url }, body });
		expect(started.status).toBe(202);
		const { job } = await started.json();
		const state = async () => (await (await fetch(`${server.url}/tm/import/${job}`)).json()) as { state: string; units: number };
		// wait until the import is under way (units being written inside its transaction)
		await expect.poll(async () => (await state()).units, { timeout: 60_000, interval: 20 }).toBeGreaterThan(0);
		const s = await (await fetch(seg(3, 6))).json();
		const saved = await put(3, 6, { target: 'Saved during the import.', status: 'draft', version: s.version });
		expect(saved.status).toBe(200);
		// the save could only land once the import had committed: both are there
		expect((await state()).state).toBe('done');
		expect((await (await fetch(seg(3, 6))).json()).target).toBe('Saved during the import.');
	}, 180_000);
});
