import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSaver, type Mine, type ServerSegment } from '../../src/lib/editor/saver.js';
import { startServer, type RunningServer } from '../helpers/server.js';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server?.stop());

/** The editor's saver against the real server: its relative URLs resolved on the test server. */
function saverFor(doc: number, versions: Map<number, number>, delay = 50) {
	const log = { saved: [] as ServerSegment[], conflicts: [] as { ord: number; mine: Mine; current: ServerSegment }[], failed: [] as string[] };
	const saver = createSaver(
		doc,
		{
			version: (ord) => versions.get(ord)!,
			saved: (ord, s) => (versions.set(ord, s.version), log.saved.push(s)),
			conflict: (ord, mine, current) => log.conflicts.push({ ord, mine, current }),
			failed: (_o, m) => log.failed.push(m)
		},
		{ delay, fetch: (input, init) => fetch(server.url + String(input), init) }
	);
	return { saver, log };
}
const get = async (doc: number, ord: number) => (await fetch(`${server.url}/api/documents/${doc}/segments/${ord}`)).json();

describe('editor saver (debounced autosave, ordered saves, conflicts) against the server', () => {
	it('coalesces fast typing into one save, and chains saves of a segment with the returned versions', async () => {
		const s = await get(3, 20);
		const versions = new Map([[20, s.version]]);
		const { saver, log } = saverFor(3, versions);
		for (const text of ['T', 'Th', 'The', 'The N', 'The NRC']) saver.schedule(20, { target: text, status: 'draft' });
		await new Promise((r) => setTimeout(r, 300));
		expect(log.saved.map((x) => x.target)).toEqual(['The NRC']);
		// two saves in a row: the second uses the version the first returned
		void saver.save(20, { target: 'The NRC met.', status: 'draft' });
		await saver.save(20, { target: 'The NRC met again.', status: 'translated' });
		expect(log.conflicts).toEqual([]);
		expect(await get(3, 20)).toMatchObject({ target: 'The NRC met again.', status: 'translated', version: s.version + 3 });
	});

	it('a segment changed elsewhere is a conflict: saves of it stop until resolved, nothing is overwritten', async () => {
		const s = await get(3, 21);
		const versions = new Map([[21, s.version]]);
		const { saver, log } = saverFor(3, versions);
		// someone else saves first
		await fetch(`${server.url}/api/documents/3/segments/21`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target: 'Theirs', status: 'draft', version: s.version }) });
		await saver.save(21, { target: 'Mine', status: 'draft' });
		expect(log.conflicts).toHaveLength(1);
		expect(log.conflicts[0].current.target).toBe('Theirs');
		expect(saver.isBlocked(21)).toBe(true);
		await saver.save(21, { target: 'Mine again', status: 'draft' });
		expect((await get(3, 21)).target).toBe('Theirs');
		// the translator keeps theirs' version number and their own text
		versions.set(21, log.conflicts[0].current.version);
		saver.resolve(21);
		await saver.save(21, { target: 'Mine, chosen', status: 'draft' });
		expect((await get(3, 21)).target).toBe('Mine, chosen');
	});

	it('flushes a scheduled draft on demand and on unload (keepalive)', async () => {
		const s = await get(3, 22);
		const versions = new Map([[22, s.version]]);
		const { saver } = saverFor(3, versions, 10_000);
		saver.schedule(22, { target: 'Flushed', status: 'draft' });
		expect(saver.hasPending(22)).toBe(true);
		await saver.flush();
		expect((await get(3, 22)).target).toBe('Flushed');
		saver.schedule(22, { target: 'On unload', status: 'draft' });
		saver.flushOnUnload();
		await expect.poll(async () => (await get(3, 22)).target).toBe('On unload');
	});

	it('a save the server could not take (network down, 503) is sent again until it lands; a 400 is not', async () => {
		const s = await get(3, 23);
		const versions = new Map([[23, s.version]]);
		const failed: string[] = [];
		let calls = 0;
		const saver = createSaver(
			3,
			{ version: (o) => versions.get(o)!, saved: (o, x) => versions.set(o, x.version), conflict: () => undefined, failed: (_o, m) => failed.push(m) },
			{
				delay: 10,
				fetch: async (input, init) => {
					calls++;
					if (calls === 1) throw new TypeError('network down');
					if (calls === 2) return new Response(JSON.stringify({ message: 'busy' }), { status: 503 });
					return fetch(server.url + String(input), init);
				}
			}
		);
		await saver.save(23, { target: 'Kept through failures', status: 'draft' });
		await expect.poll(async () => (await get(3, 23)).target).toBe('Kept through failures');
		expect(failed).toEqual(['network down', 'busy']);
		expect(calls).toBe(3);
		// a request the server refuses for what it is (bad status) is reported, not repeated
		await saver.save(23, { target: 'x', status: 'nonsense' as never });
		await new Promise((r) => setTimeout(r, 1500));
		expect(saver.hasPending(23)).toBe(false);
		expect(calls).toBe(4);
	});
});
