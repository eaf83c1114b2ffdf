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
