import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTmx } from '../../src/core/formats/tmx/write.js';
import type { TmUnit } from '../../src/core/model.js';
import { PARALLEL_FROM } from '../../src/core/tm/tmx-export.server.js';
import { createWorkbench, type Workbench } from '../../src/core/workbench.server.js';
import { tempDir } from '../helpers/db.js';
import { startServer, type RunningServer } from '../helpers/server.js';

// The built server exports a TM large enough for worker threads (which load our TypeScript
// from src/ under the app root, as the bundle has no copy): the download must be what the
// single-thread writer gives, and a failure must break the download, not end it as if whole.
const DTD = join(import.meta.dirname, '..', '..', '..', 'shared', 'standards', 'tmx14.dtd');
const tmp = tempDir('atelier-e2e-tm-export-');
let server: RunningServer;
let wb: Workbench;

beforeAll(async () => {
	server = await startServer();
	// the server has created and migrated the database: fill it from here (WAL: both connections at once)
	wb = createWorkbench({ dbPath: server.dbPath });
	// enough for auto to choose workers on an idle machine
	const n = PARALLEL_FROM + 5000;
	for (let i = 0; i < n; i += 5000)
		wb.tm.add(
			Array.from({ length: 5000 }, (_, k): TmUnit => ({
				sourceLang: 'fr-FR',
				targetLang: k % 3 ? 'en-GB' : 'de-DE',
				source: `La sécurité de l’OTAN « ${i + k} » & <indivisible>`,
				target: `NATO’s security ${i + k}`,
				origin: k % 2 ? 'import' : 'translation',
				tuid: k % 7 === 0 ? `g${Math.floor((i + k) / 14)}` : undefined,
				props: k % 5 === 0 ? [{ type: 'x-domain', value: 'défense' }] : undefined
			}))
		);
}, 120_000);
afterAll(async () => {
	wb?.close();
	await server?.stop();
	tmp.remove();
});

const sansDate = (xml: string) => xml.replace(/creationdate="\d{8}T\d{6}Z"/, '');

describe('TM export from the built server, in worker threads', () => {
	it('streams the whole TM and a filtered part exactly as the single-thread writer renders them, DTD-valid', async () => {
		// threads=2: workers whatever the machine's load (auto leaves them out on a busy machine)
		for (const [query, filter] of [['?threads=2', {}], ['?origin=import&threads=2', { origin: 'import' as const }], ['', {}]] as const) {
			// a download broken mid-way says why, from the server's own output (seen once, on a loaded machine)
			const said = (e: unknown) => new Error(`${String(e)}; server output:\n${server.output().slice(-4000)}`);
			const res = await fetch(server.url + '/tm/export' + query).catch((e) => Promise.reject(said(e)));
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toContain('application/x-tmx+xml');
			const body = await res.text().catch((e) => Promise.reject(said(e)));
			const want = [...writeTmx(wb.tm.iterate(filter), { srcLang: 'fr-FR', creationTool: 'Atelier', creationToolVersion: '0.1.0' })].join('');
			expect(body.length).toBeGreaterThan(1_000_000);
			expect(sansDate(body) === sansDate(want)).toBe(true);
			const file = join(tmp.dir, `export${query.replace(/\W/g, '-')}.tmx`);
			writeFileSync(file, body);
			execFileSync('xmllint', ['--noout', '--dtdvalid', DTD, file], { stdio: ['ignore', 'pipe', 'pipe'] });
		}
	}, 120_000);

	it('a unit that cannot be read breaks the download instead of ending it as a whole file', async () => {
		const ids = [...wb.tm.iterate()].map((u) => u.id);
		wb.db.prepare('UPDATE tm_units SET props = ? WHERE id = ?').run('{oops', ids[Math.floor(ids.length * 0.8)]);
		const res = await fetch(server.url + '/tm/export?threads=2');
		expect(res.status).toBe(200);
		await expect(res.text()).rejects.toThrow();
		// and the server is still there
		expect((await fetch(server.url + '/tm')).status).toBe(200);
	}, 120_000);
});
