import Database from 'better-sqlite3';
import { createReadStream, rmSync } from 'node:fs';
import { readTmx } from '../src/core/formats/tmx/read.js';
import { toRow } from '../src/core/translation-memory.server.js';
const N = Number(process.argv[2] ?? 300000);
const rows: any[] = [];
const stamp = new Date().toISOString();
for await (const b of readTmx(createReadStream('/tmp/atelier-tm-dev-1000000.tmx'), { file: 'x', sourceLang: 'fr-FR', targetLang: 'en-GB' })) { for (const u of b) rows.push(toRow(u, stamp)); if (rows.length >= N) break; }
const cols = Object.keys(rows[0]);
const arrs = rows.map((r) => cols.map((k) => r[k]));
let bytes = 0; for (const a of arrs) for (const x of a) if (typeof x === 'string') bytes += Buffer.byteLength(x);
console.log('avg row bytes', (bytes / rows.length).toFixed(0));
for (const k of cols) { let b = 0; for (const r of rows) if (typeof r[k] === 'string') b += Buffer.byteLength(r[k]); if (b) console.log('  ', k, (b / rows.length).toFixed(0)); }
function run(label: string, path: string, pragmas: string[], f: (db: Database.Database) => void) {
  for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
  const db = new Database(path);
  db.pragma('page_size = 16384');
  for (const p of pragmas) db.pragma(p);
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, ${cols.join(',')})`);
  const t = performance.now();
  db.exec('BEGIN'); f(db); db.exec('COMMIT');
  if (path !== ':memory:') db.pragma('wal_checkpoint(TRUNCATE)');
  const s = (performance.now() - t) / 1000;
  console.log(label.padEnd(36), s.toFixed(2), 's', (N / s / 1000).toFixed(1), 'k/s', (s / N * 1e6).toFixed(1), 'µs/unit');
  db.close();
}
const named = `INSERT INTO t (${cols.join(',')}) VALUES (${cols.map((k) => '@' + k).join(',')})`;
const pos = `INSERT INTO t (${cols.join(',')}) VALUES (${cols.map(() => '?').join(',')})`;
run('memory named', ':memory:', [], (db) => { const s = db.prepare(named); for (const r of rows) s.run(r); });
run('memory positional arr', ':memory:', [], (db) => { const s = db.prepare(pos); for (const a of arrs) s.run(a); });
run('file WAL named', '/tmp/imp/p.sqlite', ['journal_mode = WAL', 'synchronous = NORMAL'], (db) => { const s = db.prepare(named); for (const r of rows) s.run(r); });
run('file WAL positional', '/tmp/imp/p.sqlite', ['journal_mode = WAL', 'synchronous = NORMAL'], (db) => { const s = db.prepare(pos); for (const a of arrs) s.run(a); });
run('file WAL pos cache 32MB', '/tmp/imp/p.sqlite', ['journal_mode = WAL', 'synchronous = NORMAL', 'cache_size = -32768'], (db) => { const s = db.prepare(pos); for (const a of arrs) s.run(a); });
run('file journal OFF pos', '/tmp/imp/p.sqlite', ['journal_mode = OFF', 'synchronous = OFF'], (db) => { const s = db.prepare(pos); for (const a of arrs) s.run(a); });
const multi = (k: number) => `INSERT INTO t (${cols.join(',')}) VALUES ${Array.from({ length: k }, () => `(${cols.map(() => '?').join(',')})`).join(',')}`;
run('memory multi-row 20', ':memory:', [], (db) => { const s = db.prepare(multi(20)); let i = 0; for (; i + 20 <= arrs.length; i += 20) s.run(arrs.slice(i, i + 20).flat()); });
run('file WAL multi-row 20', '/tmp/imp/p.sqlite', ['journal_mode = WAL', 'synchronous = NORMAL'], (db) => { const s = db.prepare(multi(20)); let i = 0; for (; i + 20 <= arrs.length; i += 20) s.run(arrs.slice(i, i + 20).flat()); });
