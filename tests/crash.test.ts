/**
 * Crashes: the process is killed with SIGKILL at random moments — during a TMX import
 * (the CLI) and while the editor saves segments (the built server) — and afterwards the
 * database must pass `PRAGMA integrity_check`, the import must be entirely present or
 * entirely absent, and every save the server acknowledged must be there.
 * CRASH_KILLS (default 5 per scenario) and CRASH_UNITS (default 20,000) scale it up; the
 * figures in the README come from CRASH_KILLS=20 CRASH_UNITS=200000.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rng } from '../bench/_util.js';
import { createWorkbench } from '../src/core/workbench.server.js';
import { tempDir } from './helpers/db.js';
import { freePort, spawnServer } from './helpers/server.js';

const KILLS = Number(process.env.CRASH_KILLS ?? 5);
const UNITS = Number(process.env.CRASH_UNITS ?? 20_000);
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 100_000);
const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'atelier.js');
const random = rng(SEED);
let dir: ReturnType<typeof tempDir>;

beforeAll(() => {
	dir = tempDir('atelier-crash-');
	console.log(`crash tests: ${KILLS} kills per scenario, ${UNITS} units, seed ${SEED}`);
});
afterAll(() => dir.remove());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function inspect(dbPath: string) {
	const db = new Database(dbPath, { readonly: true });
	try {
		return {
			integrity: String(db.pragma('integrity_check', { simple: true })),
			units: (db.prepare('SELECT count(*) AS n FROM tm_units').get() as { n: number }).n,
			fts: (db.prepare('SELECT count(*) AS n FROM tm_fts').get() as { n: number }).n,
			target: (doc: number, ord: number) =>
				(db.prepare('SELECT target_text AS t, status AS s FROM segments WHERE document_id = ? AND ord = ?').get(doc, ord) as { t: string | null; s: string }),
			tmHas: (target: string) => (db.prepare('SELECT count(*) AS n FROM tm_units WHERE target = ?').get(target) as { n: number }).n > 0,
			close: () => db.close()
		};
	} catch (e) {
		db.close();
		throw e;
	}
}

describe('SIGKILL during a TMX import', () => {
	let tmx: string;
	let base: string;
	let baseUnits: number;

	beforeAll(async () => {
		tmx = join(dir.dir, 'big.tmx');
		const out = createWriteStream(tmx);
		out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="fr-FR" datatype="plaintext"/><body>\n');
		for (let i = 0; i < UNITS; i++) {
			const ok = out.write(`<tu tuid="u${i}"><tuv xml:lang="fr-FR"><seg>Le Conseil examine la question numéro ${i} en séance.</seg></tuv><tuv xml:lang="en-GB"><seg>The Council considers question number ${i} in session.</seg></tuv></tu>\n`);
			if (!ok) await once(out, 'drain');
		}
		out.end('</body></tmx>\n');
		await once(out, 'finish');
		// the base: a store with a few units of its own, seeded once (seeding is not under test)
		base = join(dir.dir, 'base.sqlite');
		const wb = createWorkbench({ dbPath: base });
		await wb.seed();
		wb.tm.add([{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: 'Avant.', target: 'Before.', origin: 'import' }]);
		wb.close();
		const i = inspect(base);
		baseUnits = i.units;
		i.close();
	}, 300_000);

	it(`leaves the TM with all ${UNITS} units or none, ${KILLS} times`, async () => {
		const outcomes: string[] = [];
		for (let k = 0; k < KILLS; k++) {
			const db = join(dir.dir, `run-${k}.sqlite`);
			copyFileSync(base, db);
			const child = spawn(process.execPath, [bin, 'tm', 'import', tmx], { env: { ...process.env, ATELIER_DB: db, ATELIER_LANG: 'en', ATELIER_PROGRESS: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
			let err = '';
			let out = '';
			child.stderr.on('data', (d) => (err += d));
			child.stdout.on('data', (d) => (out += d));
			// a point in the reading (0–99 %), or after it, in the final move into the TM
			const target = Math.floor(random() * 130);
			const extra = random() * UNITS * 0.06;
			const pct = () => Number(/(\d+)% [^%]*$/.exec(err)?.[1] ?? -1);
			while (child.exitCode == null && (target < 100 ? pct() < target : pct() < 100)) await sleep(5);
			if (target >= 100) await sleep(extra);
			const killedAt = pct();
			child.kill('SIGKILL');
			if (child.exitCode == null && child.signalCode == null) await once(child, 'exit');
			const completed = out.includes('Imported') || out.includes('imported');
			// the next start (what a restarted server does) drops the staging rows left behind
			const wb = createWorkbench({ dbPath: db });
			wb.close();
			const i = inspect(db);
			try {
				expect(i.integrity).toBe('ok');
				const added = i.units - baseUnits;
				expect([0, UNITS], `units after the kill at ${killedAt}%`).toContain(added);
				if (completed) expect(added).toBe(UNITS);
				expect(i.fts).toBe(i.units);
				outcomes.push(`${target >= 100 ? `commit+${Math.round(extra)}ms` : `${killedAt}%`}→${added ? 'all' : 'none'}`);
			} finally {
				i.close();
				for (const ext of ['', '-wal', '-shm']) rmSync(db + ext, { force: true });
			}
		}
		console.log(`TMX import kills: ${outcomes.join(', ')}`);
	}, 60 * 60_000);
});



describe('SIGKILL while the editor saves', () => {
	it(`every acknowledged save survives ${KILLS} kills of the server`, async () => {
		if (!existsSync(join(root, 'build', 'index.js'))) throw new Error('build/ is missing: run `npm run build`');
		const dbPath = join(dir.dir, 'edit.sqlite');
		const port = await freePort();
		const url = `http://127.0.0.1:${port}`;
		// what the server said 200 to, per segment; and what was in flight when it died
		const acked = new Map<number, { target: string; status: string }>();
		const inFlight = new Map<number, { target: string; status: string }>();
		let doc = 0;
		let segments = 0;
		let saves = 0;
		let n = 0;
		for (let k = 0; k < KILLS; k++) {
			const server = await spawnServer(dbPath, port);
			if (!doc) {
				const page = await (await fetch(`${url}/api/documents/1/segments/0`)).json();
				expect(page.source).toBeTruthy();
				doc = 1;
				const ro = new Database(dbPath, { readonly: true });
				segments = (ro.prepare('SELECT count(*) AS n FROM segments WHERE document_id = 1').get() as { n: number }).n;
				ro.close();
			}
			let alive = true;
			const killAfter = 500 + random() * 2500;
			const killer = sleep(killAfter).then(() => {
				alive = false;
				server.kill('SIGKILL');
			});
			// four editors at once, each on its own segments (no conflicts between them)
			inFlight.clear();
			await Promise.all(
				[0, 1, 2, 3].map(async (editor) => {
					while (alive) {
						const ord = editor + 4 * Math.floor(random() * Math.min(segments / 4, 10));
						const target = `Traduction ${n++} du segment ${ord} — « ok »\u00A0!`;
						const status = random() < 0.5 ? 'translated' : 'draft';
						inFlight.set(ord, { target, status });
						try {
							// a request caught by the kill must fail, not hang: bounded
							const cur = await (await fetch(`${url}/api/documents/${doc}/segments/${ord}`, { signal: AbortSignal.timeout(15_000) })).json();
							const res = await fetch(`${url}/api/documents/${doc}/segments/${ord}`, {
								method: 'PUT',
								headers: { 'content-type': 'application/json' },
								body: JSON.stringify({ target, status, version: cur.version }),
								signal: AbortSignal.timeout(15_000)
							});
							const body = await res.json();
							expect(res.status, JSON.stringify(body)).toBe(200);
							acked.set(ord, { target, status });
							saves++;
							inFlight.delete(ord);
						} catch (e) {
							if (alive) throw e;
						}
					}
				})
			);
			await killer;
			// killed by a signal, exitCode stays null: signalCode says it is gone
			if (server.exitCode == null && server.signalCode == null) await once(server, 'exit');
			const i = inspect(dbPath);
			try {
				expect(i.integrity).toBe('ok');
				for (const [ord, f] of inFlight) if (!acked.has(ord) && i.target(doc, ord).t === f.target) acked.set(ord, f);
				for (const [ord, a] of acked) {
					const row = i.target(doc, ord);
					// the save in flight when the server died may or may not have landed, whole
					// (if it landed, unacknowledged, it is from now on what must survive)
					const flying = inFlight.get(ord);
					const want = flying && flying.target === row.t ? flying : a;
					acked.set(ord, want);
					expect(row.t, `segment ${ord}`).toBe(want.target);
					expect(row.s).toBe(want.status);
					// a confirmation and its TM unit are one transaction
					if (want.status === 'translated') expect(i.tmHas(want.target), `TM unit for segment ${ord}`).toBe(true);
				}
			} finally {
				i.close();
			}
		}
		console.log(`editing kills: ${KILLS}, acknowledged saves: ${saves}, segments checked: ${acked.size}`);
		expect(saves).toBeGreaterThan(KILLS);
	}, 60 * 60_000);
});

