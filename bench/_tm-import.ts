/**
 * Child process of bench/tm.ts: imports one TMX file into a fresh database, as the CLI and
 * the import route do (tmxRows: readTmx + toRow in a worker thread → wb.tm.importRows), and reports on its
 * last stdout line, as JSON: units, seconds, and the peak RSS of this process.
 *
 * RSS is sampled every 50 ms from a worker thread: the import's commit is one long
 * synchronous SQLite transaction, during which the main thread's timers could not fire.
 * The kernel's own high-water mark (VmHWM) is reported beside it.
 *
 * Usage: node --import tsx bench/_tm-import.ts FILE.tmx DB.sqlite
 */
import Database from 'better-sqlite3';
import { createReadStream, readFileSync, rmSync } from 'node:fs';
import { SaxesParser } from 'saxes';
import { Worker } from 'node:worker_threads';
import { readTmx } from '../src/core/formats/tmx/read.js';
import { readTmxFast } from '../src/core/formats/tmx/fast-read.js';
import type { TmUnit } from '../src/core/model.js';
import { toRow, toRowValues } from '../src/core/translation-memory.server.js';
import { openDatabase } from '../src/core/db/open.server.js';
import { createTmRepo } from '../src/core/db/tm.repo.server.js';
import { tmxRows } from '../src/core/tm/tmx-rows.server.js';
import { createWorkbench } from '../src/core/workbench.server.js';

const [file, dbPath] = process.argv.slice(2);
if (!file || !dbPath) {
	console.error('usage: _tm-import.ts FILE.tmx DB.sqlite');
	process.exit(2);
}

const MB = 1024 * 1024;
// [0] = max RSS seen (bytes), [1] = samples taken, [2] = stop flag
const shared = new Float64Array(new SharedArrayBuffer(3 * 8));
const sampler = new Worker(
	`const { workerData } = require('node:worker_threads');
	const s = new Float64Array(workerData);
	const tick = () => {
		const r = process.memoryUsage.rss();
		if (r > s[0]) s[0] = r;
		s[1]++;
		if (s[2] === 0) setTimeout(tick, 50);
	};
	tick();`,
	{ eval: true, workerData: shared.buffer }
);

function vmHwm(): number | null {
	try {
		const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
		return m ? Number(m[1]) * 1024 : null;
	} catch {
		return null;
	}
}

const wb = createWorkbench({ dbPath });
const rssBefore = process.memoryUsage.rss();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let staged = 0;
let stagedAt = t0;
let lastShown = 0;
// time this thread waited for the reader thread (reading, parsing, toRow), apart from the rest
let readMs = 0;
async function* timedRead<T>(it: AsyncIterable<T>): AsyncGenerator<T> {
	const iter = it[Symbol.asyncIterator]();
	for (;;) {
		const t = performance.now();
		const r = await iter.next();
		readMs += performance.now() - t;
		if (r.done) return;
		yield r.value;
	}
}
// as the CLI and the import route do: read, parse and toRow in a worker thread (tmxRows), rows written here
const batches = timedRead(tmxRows(file, { file, sourceLang: 'fr-FR', targetLang: 'en-GB' }));
const r = await wb.tm.importRows(batches, {
	onUnits: (n) => {
		staged = n;
		stagedAt = performance.now();
		if (stagedAt - lastShown > 10_000) {
			lastShown = stagedAt;
			process.stderr.write(`    import: ${n.toLocaleString('en')} units staged, rss ${(process.memoryUsage.rss() / MB).toFixed(0)} MB\n`);
		}
	}
});
const t1 = performance.now();
const cpu = process.cpuUsage(cpu0);
wb.close();


shared[2] = 1;
await new Promise((res) => setTimeout(res, 60));
await sampler.terminate();
const peakSampled = shared[0];
const samples = shared[1];
const hwm = vmHwm();

// toRow (normalisation, hashes, tokens) alone, on the first 20,000 units read again: its share of the staging phase
const sample: TmUnit[] = [];
for await (const b of readTmx(createReadStream(file), { file, sourceLang: 'fr-FR', targetLang: 'en-GB' })) {
	sample.push(...b);
	if (sample.length >= 20_000) break;
}
const stamp = new Date().toISOString();
for (const u of sample.slice(0, 2000)) toRow(u, stamp); // warm-up
const tr = performance.now();
for (const u of sample) toRow(u, stamp);
const toRowMsPerUnit = (performance.now() - tr) / sample.length;
// Floors, on the same file after the import (so the RSS above is the import's alone):
// 1. saxes alone: the file decoded and parsed with no handler, what any saxes-based reader pays;
// 2. SQLite alone: the same rows (readTmx + toRow, untimed) inserted into a table with the same
//    columns and no index, no concordance index, one transaction: what storing them costs at best.
const cpuNow = () => {
	const c = process.cpuUsage();
	return (c.user + c.system) / 1000;
};
let saxesMs = 0;
let saxesCpuMs = 0;
{
	const dec = new TextDecoder('utf-8');
	const p = new SaxesParser({ xmlns: false, position: true });
	const t = performance.now();
	const c = cpuNow();
	for await (const chunk of createReadStream(file)) p.write(dec.decode(chunk as Buffer, { stream: true }));
	p.close();
	saxesMs = performance.now() - t;
	saxesCpuMs = cpuNow() - c;
}
const floorPath = `${dbPath}.floor`;
let sqliteMs = 0;
let sqliteCpuMs = 0;
{
	const db = new Database(floorPath);
	db.pragma('page_size = 16384');
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
	const cols = Object.keys(toRow({ sourceLang: 'fr', targetLang: 'en', source: 'a', target: 'b', origin: 'import' }));
	db.exec(`CREATE TABLE floor (id INTEGER PRIMARY KEY, ${cols.join(', ')})`);
	const ins = db.prepare(`INSERT INTO floor (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`);
	db.exec('BEGIN');
	const stamp0 = new Date().toISOString();
	for await (const b of readTmx(createReadStream(file), { file, sourceLang: 'fr-FR', targetLang: 'en-GB' })) {
		const rows = b.map((u) => toRow(u, stamp0));
		const t = performance.now();
		const c = cpuNow();
		for (const row of rows) ins.run(row);
		sqliteMs += performance.now() - t;
		sqliteCpuMs += cpuNow() - c;
	}
	const t = performance.now();
	const c = cpuNow();
	db.exec('COMMIT');
	db.pragma('wal_checkpoint(TRUNCATE)');
	sqliteMs += performance.now() - t;
	sqliteCpuMs += cpuNow() - c;
	db.close();
	rmSync(floorPath, { force: true });
	rmSync(`${floorPath}-wal`, { force: true });
	rmSync(`${floorPath}-shm`, { force: true });
}

// 4. the two TMX readers alone, whole file to units (no rows, no SQLite): readTmx (saxes), the
//    baseline, and readTmxFast (the import's reader, which falls back to readTmx on anything unusual)
const readers: Record<string, { seconds: number; cpuSeconds: number; units: number }> = {};
for (const [name, read] of [['saxesReadTmx', () => readTmx(createReadStream(file), { file, sourceLang: 'fr-FR', targetLang: 'en-GB' })], ['fastReadTmx', () => readTmxFast({ open: () => createReadStream(file) }, { file, sourceLang: 'fr-FR', targetLang: 'en-GB' })]] as const) {
	const t = performance.now();
	const c = cpuNow();
	let units = 0;
	for await (const b of read()) units += b.length;
	readers[name] = { seconds: (performance.now() - t) / 1000, cpuSeconds: (cpuNow() - c) / 1000, units };
}

// 3. SQLite alone with the TM's schema: the same rows, prepared beforehand (untimed), written by
//    the import session itself (unique key, origin index, concordance index, one transaction):
//    what this thread's side of the import costs with no reader to wait for and nothing posted.
const schemaPath = `${dbPath}.schema-floor`;
let schemaMs = 0;
let schemaCpuMs = 0;
{
	for (const x of ['', '-wal', '-shm']) rmSync(schemaPath + x, { force: true });
	const db = openDatabase(schemaPath, { backupBeforeMigration: false });
	const session = createTmRepo(db).importSession();
	const stamp0 = new Date().toISOString();
	for await (const b of readTmx(createReadStream(file), { file, sourceLang: 'fr-FR', targetLang: 'en-GB' })) {
		const rows = b.map((u) => toRowValues(u, stamp0));
		const t = performance.now();
		const c = cpuNow();
		session.insert(rows);
		schemaMs += performance.now() - t;
		schemaCpuMs += cpuNow() - c;
	}
	const t = performance.now();
	const c = cpuNow();
	session.commit();
	schemaMs += performance.now() - t;
	schemaCpuMs += cpuNow() - c;
	db.close();
	for (const x of ['', '-wal', '-shm']) rmSync(schemaPath + x, { force: true });
}

const out = {
	units: r.units,
	written: r.written,
	seconds: (t1 - t0) / 1000,
	/** user + system CPU of the whole process (the sampler thread's share is negligible) */
	cpuSeconds: (cpu.user + cpu.system) / 1e6,
	stageSeconds: (stagedAt - t0) / 1000,
	commitSeconds: (t1 - stagedAt) / 1000,
	staged,
	readSeconds: readMs / 1000,
	toRowSecondsEstimated: (toRowMsPerUnit * r.units) / 1000,
	rssBeforeMB: rssBefore / MB,
	peakRssSampledMB: peakSampled / MB,
	rssSamples: samples,
	vmHwmMB: (hwm ?? NaN) / MB,
	floors: { saxesOnlySeconds: saxesMs / 1000, saxesOnlyCpuSeconds: saxesCpuMs / 1000, sqliteBareInsertSeconds: sqliteMs / 1000, sqliteBareInsertCpuSeconds: sqliteCpuMs / 1000, sqliteSchemaInsertSeconds: schemaMs / 1000, sqliteSchemaInsertCpuSeconds: schemaCpuMs / 1000 },
	readers
};
process.stdout.write(JSON.stringify(out) + '\n');
