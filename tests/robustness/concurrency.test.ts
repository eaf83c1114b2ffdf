/**
 * Concurrent editing at API level, against the built server: two translators (two clients
 * with their own cookies) on the same segment; the second save is a conflict that returns the
 * version on the server, while the client still holds its own — nothing is overwritten
 * silently. Then many saves at once: exactly one wins per version, none fails with a
 * database error (one writer path, busy timeout), and nothing acknowledged is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startServer, type RunningServer } from '../helpers/server.js';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
}, 120_000);
afterAll(async () => {
	await server?.stop();
});

interface Segment {
	source: string;
	target: string | null;
	status: string;
	version: number;
}
const seg = (doc: number, ord: number) => `${server.url}/api/documents/${doc}/segments/${ord}`;
async function open(doc: number, ord: number, lang = 'en'): Promise<Segment> {
	const r = await fetch(seg(doc, ord), { headers: { 'accept-language': lang } });
	expect(r.status).toBe(200);
	return (await r.json()) as Segment;
}
async function save(doc: number, ord: number, body: { target: string; status: string; version: number }) {
	const r = await fetch(seg(doc, ord), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return { status: r.status, body: (await r.json()) as { ok: boolean; conflict?: boolean; segment?: Segment; current?: Segment } };
}

describe('two translators, one segment', () => {
	it('the second save gets a 409 with the version on the server; it keeps its own text and can then choose', async () => {
		const alice = await open(1, 3);
		const bob = await open(1, 3);
		expect(bob.version).toBe(alice.version);
		const a = await save(1, 3, { target: 'Alice’s translation.', status: 'translated', version: alice.version });
		expect(a.status).toBe(200);
		expect(a.body.segment!.version).toBe(alice.version + 1);
		const bobText = 'Bob’s translation.';
		const b = await save(1, 3, { target: bobText, status: 'draft', version: bob.version });
		expect(b.status).toBe(409);
		expect(b.body).toMatchObject({ ok: false, conflict: true });
		// both versions: the server's (Alice's) in the answer, Bob's still his to keep or drop
		expect(b.body.current!.target).toBe('Alice’s translation.');
		expect(b.body.current!.version).toBe(alice.version + 1);
		expect((await open(1, 3)).target).toBe('Alice’s translation.');
		// Bob decides to keep his, knowingly: a save against the version he has now seen
		const b2 = await save(1, 3, { target: bobText, status: 'translated', version: b.body.current!.version });
		expect(b2.status).toBe(200);
		expect((await open(1, 3)).target).toBe(bobText);
	});

	it('20 simultaneous saves of the same version: exactly one is accepted, 19 conflicts, no server error', async () => {
		const s = await open(1, 4);
		const results = await Promise.all(
			Array.from({ length: 20 }, (_, i) => save(1, 4, { target: `Version ${i}`, status: 'draft', version: s.version }))
		);
		const ok = results.filter((r) => r.status === 200);
		expect(ok).toHaveLength(1);
		expect(results.filter((r) => r.status === 409)).toHaveLength(19);
		const winner = ok[0].body.segment!.target;
		for (const r of results.filter((x) => x.status === 409)) expect(r.body.current!.target).toBe(winner);
		expect((await open(1, 4)).target).toBe(winner);
	});

	it('many translators on different segments at once: every save accepted and stored (no SQLITE_BUSY)', async () => {
		const ords = Array.from({ length: 30 }, (_, i) => 5 + i);
		const rounds = 5;
		const last = new Map<number, string>();
		await Promise.all(
			ords.map(async (ord) => {
				for (let k = 0; k < rounds; k++) {
					const cur = await open(1, ord);
					const target = `Segment ${ord}, round ${k}`;
					const r = await save(1, ord, { target, status: k % 2 ? 'translated' : 'draft', version: cur.version });
					expect(r.status, JSON.stringify(r.body)).toBe(200);
					last.set(ord, target);
				}
			})
		);
		const db = new Database(server.dbPath, { readonly: true });
		try {
			for (const [ord, target] of last) {
				const row = db.prepare('SELECT target_text AS t FROM segments WHERE document_id = 1 AND ord = ?').get(ord) as { t: string };
				expect(row.t).toBe(target);
			}
		} finally {
			db.close();
		}
	}, 60_000);
});
