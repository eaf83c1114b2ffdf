/**
 * Dev: where an import's SQLite time goes. Rows (readTmx + toRow) are built first, untimed,
 * then written into fresh databases in several configurations, one transaction each.
 * Usage: node --import tsx bench/_tm-dev-import-parts.ts FILE.tmx N variant,variant…
 */
import Database from 'better-sqlite3';
import { createReadStream, rmSync } from 'node:fs';
import { readTmx } from '../src/core/formats/tmx/read.js';
import { toRow } from '../src/core/translation-memory.server.js';
import { openDatabase } from '../src/core/db/open.server.js';
import { createTmRepo, ON_CONFLICT, rowValues, type TmRow } from '../src/core/db/tm.repo.server.js';

const [file, nArg, variantsArg] = process.argv.slice(2);
const N = Number(nArg);
const rows: TmRow[] = [];
const stamp = new Date().toISOString();
for await (const b of readTmx(createReadStream(file), { file, sourceLang: 'fr-FR', targetLang: 'en-GB' })) {
	for (const u of b) rows.push(toRow(u, stamp));
	if (rows.length >= N) break;
}
rows.length = Math.min(rows.length, N);
console.log(`rows ${rows.length}`);
const cols = Object.keys(rows[0]);
const arrs = rows.map(rowValues);
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };

function fresh(name: string): Database.Database {
	const p = `/tmp/imp/${name}.sqlite`;
	for (const s of ['', '-wal', '-shm']) rmSync(p + s, { force: true });
	return openDatabase(p, { backupBeforeMigration: false });
}
function time(label: string, f: () => void) {
	const t = performance.now(); const c = cpu();
	f();
	const s = (performance.now() - t) / 1000;
	console.log(`${label.padEnd(40)} ${s.toFixed(2)} s  ${(rows.length / s / 1000).toFixed(1)}k/s  cpu ${((cpu() - c) / 1000).toFixed(2)}`);
}
const v = new Set(variantsArg.split(','));
function variant(name: string, setup: (db: Database.Database) => void, fts: boolean, positional = false, tail = '') {
	const db = fresh(name);
	db.exec('DROP TRIGGER tm_units_ai; DROP TRIGGER tm_units_au; DROP TRIGGER tm_units_ad;');
	setup(db);
	const c = new Database(db.name); c.pragma('synchronous = NORMAL'); if (process.env.FK) c.pragma('foreign_keys = ON'); c.pragma('cache_size = -32768');
	const ins = positional
		? c.prepare(`INSERT INTO tm_units (${cols.join(',')}) VALUES (${cols.map(() => '?').join(',')}) ${tail}`)
		: c.prepare(`INSERT INTO tm_units (${cols.join(',')}) VALUES (${cols.map((k) => '@' + k).join(',')}) ${tail}`);
	const ftsIns = c.prepare('INSERT INTO tm_fts (rowid, source, target) SELECT id, source, target FROM tm_units WHERE id > ?');
	time(name, () => {
		c.exec('BEGIN IMMEDIATE');
		let indexed = 0;
		for (let i = 0; i < rows.length; i++) {
			if (positional) ins.run(arrs[i]); else ins.run(rows[i]);
			if (fts && (i + 1) % 50000 === 0) { ftsIns.run(indexed); indexed = i + 1; }
		}
		if (fts) ftsIns.run(indexed);
		c.exec('COMMIT');
		c.pragma('wal_checkpoint(TRUNCATE)');
	});
	c.close(); db.close();
}
if (v.has('bare')) variant('bare (no index, no fts)', (db) => db.exec('DROP INDEX tm_units_key; DROP INDEX tm_units_origin; DROP INDEX tm_units_document;'), false);
if (v.has('bareq')) variant('bare positional', (db) => db.exec('DROP INDEX tm_units_key; DROP INDEX tm_units_origin; DROP INDEX tm_units_document;'), false, true);
if (v.has('key')) variant('unique key only', (db) => db.exec('DROP INDEX tm_units_origin; DROP INDEX tm_units_document;'), false);
if (v.has('idx')) variant('all indexes, no fts', () => {}, false);
if (v.has('fts')) variant('fts only', (db) => db.exec('DROP INDEX tm_units_key; DROP INDEX tm_units_origin; DROP INDEX tm_units_document;'), true);
if (v.has('all')) variant('all indexes + fts', () => {}, true);

if (v.has('allup')) variant('all + fts + upsert', () => {}, true, false, ON_CONFLICT);
if (v.has('allpos')) variant('all + fts positional', () => {}, true, true);
if (v.has('allposup')) variant('all + fts positional upsert', () => {}, true, true, ON_CONFLICT);

if (v.has('real')) {
	const db = fresh('real');
	if (process.env.FTSCFG) cfg(db, process.env.FTSCFG.split(';'));
	const repo = createTmRepo(db);
	time('real importSession', () => { const s = repo.importSession(); for (let i = 0; i < rows.length; i += 1000) s.insert(arrs.slice(i, i + 1000)); s.commit(); });
	db.close();
}
function cfg(db: Database.Database, c: string[]) { for (const x of c) db.exec(`INSERT INTO tm_fts(tm_fts, rank) VALUES ${x}`); }
const IGN = 'OR IGNORE';
function variant2(name: string, conf: string[], or = '', positional = false) {
	const db = fresh(name);
	db.exec('DROP TRIGGER tm_units_ai; DROP TRIGGER tm_units_au; DROP TRIGGER tm_units_ad;');
	cfg(db, conf);
	const c = new Database(db.name); c.pragma('synchronous = NORMAL'); c.pragma('cache_size = -32768');
	const ins = c.prepare(`INSERT ${or} INTO tm_units (${cols.join(',')}) VALUES (${cols.map((k) => (positional ? '?' : '@' + k)).join(',')})`);
	const ftsIns = c.prepare('INSERT INTO tm_fts (rowid, source, target) SELECT id, source, target FROM tm_units WHERE id > ?');
	const t0 = performance.now(); let ftsMs = 0;
	time(name, () => {
		c.exec('BEGIN IMMEDIATE');
		let indexed = 0;
		for (let i = 0; i < rows.length; i++) {
			ins.run(positional ? arrs[i] : rows[i]);
			if ((i + 1) % 50000 === 0) { const t = performance.now(); ftsIns.run(indexed); ftsMs += performance.now() - t; indexed = i + 1; }
		}
		const t = performance.now(); ftsIns.run(indexed); ftsMs += performance.now() - t;
		c.exec('COMMIT');
		c.pragma('wal_checkpoint(TRUNCATE)');
	});
	const segs = c.prepare("SELECT count(*) FROM tm_fts_data").pluck().get();
	console.log(`   fts ${(ftsMs / 1000).toFixed(2)} s, rss ${(process.memoryUsage.rss() / 2 ** 20).toFixed(0)} MB, data rows ${segs}`);
	c.close(); db.close();
}
for (const x of v) {
	const m = /^h(\d+)a(\d+)(i?)(p?)$/.exec(x);
	if (m) variant2(`hash ${m[1]}MB automerge ${m[2]} ${m[3] ? 'ignore' : ''} ${m[4] ? 'pos' : ''}`, [...(m[1] !== '0' ? [`('hashsize', ${Number(m[1]) * 2 ** 20})`] : []), `('automerge', ${m[2]})`], m[3] ? IGN : '', !!m[4]);
}
