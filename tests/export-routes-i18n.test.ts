import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkbench } from '../src/core/workbench.server.js';
import { tempDir } from './helpers/db.js';

// /tm/export and /glossary/export refuse what they cannot apply with a translated,
// explanatory 400 (as /documents/ID/export does), never the bare value or a silent
// whole or empty download.
const tmp = tempDir('atelier-export-routes-');
let tmGet: (e: unknown) => Promise<Response>;
let glossaryGet: (e: unknown) => Promise<Response>;
const saved = process.env.ATELIER_DB;

beforeAll(async () => {
	const dbPath = join(tmp.dir, 'web.sqlite');
	const wb = createWorkbench({ dbPath });
	await wb.seed();
	wb.tm.add([
		{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: 'Le jour même.', target: 'The very day.', origin: 'import', changedAt: '2026-11-23T15:30:00.000Z' },
		{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: 'Le lendemain.', target: 'The day after.', origin: 'import', changedAt: '2026-11-24T08:00:00.000Z' }
	]);
	wb.close();
	process.env.ATELIER_DB = dbPath;
	tmGet = (await import('../src/routes/tm/export/+server.js')).GET as never;
	glossaryGet = (await import('../src/routes/glossary/export/+server.js')).GET as never;
}, 120_000);
afterAll(() => {
	process.env.ATELIER_DB = saved;
	tmp.remove();
});

const event = (path: string, lang = 'fr') => ({ url: new URL(`http://localhost${path}`), locals: { lang } });
async function refused(get: (e: unknown) => Promise<Response>, path: string, lang = 'fr') {
	try {
		await get(event(path, lang));
	} catch (e) {
		return e as { status: number; body: { message: string } };
	}
	throw new Error(`${path} was not refused`);
}

describe('GET /tm/export', () => {
	it('refuses an unknown origin, a document id that is not one, a bad date, an undocumented thread count', async () => {
		const origin = await refused(tmGet, '/tm/export?origin=bogus');
		expect(origin.status).toBe(400);
		expect(origin.body.message).toBe('Origine inconnue «\u00a0bogus\u00a0»\u00a0: la mémoire de traduction se filtre par alignment (alignement), translation (traduction) ou import (importation).');
		expect((await refused(tmGet, '/tm/export?origin=bogus', 'en')).body.message).toMatch(/^Unknown origin “bogus”: /);
		expect(await refused(tmGet, '/tm/export?doc=abc')).toMatchObject({ status: 400, body: { message: expect.stringMatching(/«\u00a0abc\u00a0» n’est pas un identifiant de document/) } });
		expect(await refused(tmGet, '/tm/export?doc=999')).toMatchObject({ status: 404 });
		expect(await refused(tmGet, '/tm/export?from=yesterday', 'en')).toMatchObject({ status: 400, body: { message: expect.stringMatching(/The date “yesterday” \(from\) is not valid/) } });
		expect(await refused(tmGet, '/tm/export?to=2020-13-45')).toMatchObject({ status: 400 });
		expect(await refused(tmGet, '/tm/export?threads=7', 'en')).toMatchObject({ status: 400, body: { message: 'Unknown number of threads “7”: use auto, 0, 1 or 2.' } });
	});

	it('a date-only to includes its whole day', async () => {
		const tus = async (q: string) => ((await (await tmGet(event(`/tm/export?${q}`))).text()).match(/<tu[ >]/g) ?? []).length;
		expect(await tus('from=2026-11-23&to=2026-11-23')).toBe(1);
		expect(await tus('to=2026-11-24')).toBeGreaterThanOrEqual(2);
	});
});

describe('GET /glossary/export', () => {
	it('refuses an unknown format with a translated message; CSV keeps its BOM, whatever the case of the format', async () => {
		expect(await refused(glossaryGet, '/glossary/export?format=xml')).toMatchObject({ status: 400, body: { message: 'Format de glossaire inconnu «\u00a0xml\u00a0»\u00a0: choisissez tbx (TBX-Basic), csv ou tsv.' } });
		expect(await refused(glossaryGet, '/glossary/export?format=toString', 'en')).toMatchObject({ status: 400 });
		const csv = new Uint8Array(await (await glossaryGet(event('/glossary/export?format=CSV'))).arrayBuffer());
		expect([...csv.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	});
});
