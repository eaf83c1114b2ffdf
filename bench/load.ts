/**
 * `npm run bench -- load [--users 50] [--seconds 60]`: simulated translators against the
 * built server on loopback. Each translator owns its own segments (as when a document is
 * split between people) and loops: open a segment (GET), query the TM (GET …/matches),
 * confirm a translation (PUT, status translated: segment + TM unit in one transaction).
 * The loop stops by itself after --seconds. Afterwards the database is read directly:
 * every acknowledged save must be there (lost writes), every confirmed pair in the TM.
 * Baseline in the same run: one translator alone for a few seconds.
 */
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { freePort, spawnServer } from '../tests/helpers/server.js';
import { writeResult } from './_util.js';

const root = join(import.meta.dirname, '..');

function pct(xs: number[], p: number): number {
	if (!xs.length) return NaN;
	const s = [...xs].sort((a, b) => a - b);
	return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] * 10) / 10;
}
const summary = (xs: number[]) => ({ n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), p99: pct(xs, 99), max: pct(xs, 100) });



interface Seg {
	doc: number;
	ord: number;
}

async function translators(url: string, owned: Seg[][], seconds: number) {
	const lat = { open: [] as number[], matches: [] as number[], save: [] as number[] };
	const errors: string[] = [];
	const acked = new Map<string, string>();
	let conflicts = 0;
	const end = Date.now() + seconds * 1000;
	let n = 0;
	const timed = async <T>(bucket: number[], fn: () => Promise<T>): Promise<T> => {
		const t = performance.now();
		try {
			return await fn();
		} finally {
			bucket.push(performance.now() - t);
		}
	};
	await Promise.all(
		owned.map(async (segs, user) => {
			let k = 0;
			while (Date.now() < end) {
				const { doc, ord } = segs[k++ % segs.length];
				const base = `${url}/api/documents/${doc}/segments/${ord}`;
				try {
					const r1 = await timed(lat.open, () => fetch(base));
					if (r1.status !== 200) throw new Error(`GET ${r1.status}`);
					const cur = (await r1.json()) as { version: number; source: string };
					const r2 = await timed(lat.matches, () => fetch(`${base}/matches`));
					if (r2.status !== 200) throw new Error(`matches ${r2.status}`);
					await r2.json();
					const target = `T${user}.${n++} ${cur.source.slice(0, 40)}`;
					const r3 = await timed(lat.save, () =>
						fetch(base, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target, status: 'translated', version: cur.version, by: `u${user}` }) })
					);
					const body = (await r3.json()) as { ok: boolean };
					if (r3.status === 409) conflicts++;
					else if (r3.status !== 200 || !body.ok) throw new Error(`PUT ${r3.status} ${JSON.stringify(body).slice(0, 200)}`);
					else acked.set(`${doc}:${ord}`, target);
				} catch (e) {
					errors.push(String((e as Error).message));
				}
			}
		})
	);
	return { lat, errors, acked, conflicts };
}

export async function run(argv: string[]): Promise<void> {
	const { values } = parseArgs({ args: argv, options: { users: { type: 'string' }, seconds: { type: 'string' } } });
	const users = Number(values.users ?? 50);
	const seconds = Number(values.seconds ?? 60);
	if (!existsSync(join(root, 'build', 'index.js'))) throw new Error('build/ is missing: run `npm run build`');
	const dir = mkdtempSync(join(tmpdir(), 'atelier-load-'));
	const dbPath = join(dir, 'load.sqlite');
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	let server = await spawnServer(dbPath, port);
	try {
		const ro = new Database(dbPath, { readonly: true });
		const segs = ro.prepare("SELECT s.document_id AS doc, s.ord FROM segments s JOIN documents d ON d.id = s.document_id WHERE d.source_lang LIKE 'fr%' ORDER BY s.document_id, s.ord").all() as Seg[];
		ro.close();
		// each translator owns every users-th segment: no two people edit the same one
		const owned = Array.from({ length: users }, (_, u) => segs.filter((_, i) => i % users === u));
		console.log(`load: ${users} translators, ${seconds} s, ${segs.length} segments (${owned[0].length}+ each)`);

		const baseline = await translators(url, [segs.filter((_, i) => i % users === 0)], Math.min(10, seconds));
		const loadAtStart = loadavg();
		const t0 = performance.now();
		const main = await translators(url, owned, seconds);
		const elapsed = (performance.now() - t0) / 1000;
		server.kill('SIGTERM');
		await once(server, 'exit');

		// after: what is stored
		const db = new Database(dbPath, { readonly: true });
		const integrity = String(db.pragma('integrity_check', { simple: true }));
		const seg = db.prepare('SELECT target_text AS t, status AS s FROM segments WHERE document_id = ? AND ord = ?');
		const tm = db.prepare('SELECT count(*) AS n FROM tm_units WHERE target = ?');
		let lost = 0;
		let missingTm = 0;
		for (const run of [baseline, main])
			for (const [key, target] of run.acked) {
				if (run === baseline && main.acked.has(key)) continue;
				const [doc, ord] = key.split(':').map(Number);
				const row = seg.get(doc, ord) as { t: string; s: string };
				if (row.t !== target || row.s !== 'translated') lost++;
				if ((tm.get(target) as { n: number }).n === 0) missingTm++;
			}
		db.close();
		const requests = main.lat.open.length + main.lat.matches.length + main.lat.save.length;
		const all = [...main.lat.open, ...main.lat.matches, ...main.lat.save];
		const result = {
			options: { users, seconds },
			server: 'build/ via scripts/serve.js, loopback, one SQLite file (WAL, busy_timeout 5 s, one connection: a single writer path)',
			loadAverage: { atStart: loadAtStart, atEnd: loadavg() },
			segments: segs.length,
			elapsedSeconds: Math.round(elapsed * 10) / 10,
			requests,
			requestsPerSecond: Math.round(requests / elapsed),
			confirmations: main.lat.save.length,
			errors: main.errors.length,
			errorSamples: [...new Set(main.errors)].slice(0, 5),
			conflicts: main.conflicts,
			lostWrites: lost,
			confirmedMissingFromTm: missingTm,
			integrity,
			latencyMs: { all: summary(all), open: summary(main.lat.open), matches: summary(main.lat.matches), save: summary(main.lat.save) },
			baseline: {
				what: 'one translator alone, same loop, same server',
				latencyMs: { all: summary([...baseline.lat.open, ...baseline.lat.matches, ...baseline.lat.save]), save: summary(baseline.lat.save) },
				errors: baseline.errors.length
			},
			p50Ratio: Math.round((pct(all, 50) / pct([...baseline.lat.open, ...baseline.lat.matches, ...baseline.lat.save], 50)) * 10) / 10
		};
		const path = writeResult('load', result);
		console.log(JSON.stringify({ errors: result.errors, lostWrites: lost, missingTm, integrity, requests, rps: result.requestsPerSecond, latencyMs: result.latencyMs.all, save: result.latencyMs.save, baseline: result.baseline.latencyMs.all, p50Ratio: result.p50Ratio }, null, 1));
		console.log(`written to ${path}`);
		if (result.errors || lost || missingTm || integrity !== 'ok') process.exitCode = 1;
	} finally {
		if (server.exitCode == null) {
			server.kill('SIGTERM');
			await once(server, 'exit');
		}
		rmSync(dir, { recursive: true, force: true });
	}
}
