import Database from 'better-sqlite3';
import { createReadStream, rmSync } from 'node:fs';
import { readTmx } from '../src/core/formats/tmx/read.js';
import { toRow } from '../src/core/translation-memory.server.js';
const N = Number(process.argv[2] ?? 300000);
const only = process.argv[3]?.split(',');
const rows: any[] = [];
const stamp = new Date().toISOString();
for await (const b of readTmx(createReadStream('/tmp/atelier-tm-dev-1000000.tmx'), { file: 'x', sourceLang: 'fr-FR', targetLang: 'en-GB' })) { for (const u of b) rows.push(toRow(u, stamp)); if (rows.length >= N) break; }
rows.length = N;
function run(label: string, ftsDef: string, cfg: string[] = [], feed: 'select' | 'direct' = 'select') {
  if (only && !only.includes(label)) return;
  const path = '/tmp/imp/f.sqlite';
  for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
  const db = new Database(path);
  db.pragma('page_size = 16384'); db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE u (id INTEGER PRIMARY KEY, source TEXT, target TEXT); CREATE VIRTUAL TABLE f USING fts5(${ftsDef})`);
  for (const c of cfg) db.exec(`INSERT INTO f(f, rank) VALUES ${c}`);
  const ins = db.prepare('INSERT INTO u (source, target) VALUES (?, ?)');
  db.exec('BEGIN'); for (const r of rows) ins.run(r.source, r.target); db.exec('COMMIT');
  const t = performance.now();
  db.exec('BEGIN');
  if (feed === 'select') {
    const s = db.prepare('INSERT INTO f (rowid, source, target) SELECT id, source, target FROM u WHERE id > ? AND id <= ?');
    for (let i = 0; i < N; i += 50000) s.run(i, i + 50000);
  } else {
    const s = db.prepare('INSERT INTO f (rowid, source, target) VALUES (?, ?, ?)');
    for (let i = 0; i < N; i++) s.run(i + 1, rows[i].source, rows[i].target);
  }
  db.exec('COMMIT'); db.pragma('wal_checkpoint(TRUNCATE)');
  const s = (performance.now() - t) / 1000;
  const size = db.prepare("select sum(pgsize) from dbstat where name like 'f_%'").pluck().get() as number;
  console.log(label.padEnd(30), s.toFixed(2), 's', (s / N * 1e6).toFixed(1), 'µs/unit', (size / 1e6).toFixed(1), 'MB');
  db.close();
}
const base = `source, target, content='u', content_rowid='id', tokenize="unicode61 remove_diacritics 2"`;
run('current', base);
run('current direct', base, [], 'direct');
run('detail=column', base + ', detail=column');
run('detail=none', base + ', detail=none');
run('columnsize=0', base + ', columnsize=0');
run('ascii tok', `source, target, content='u', content_rowid='id', tokenize="ascii"`);
run('unicode61 no rd', `source, target, content='u', content_rowid='id', tokenize="unicode61 remove_diacritics 0"`);
run('automerge 16', base, ["('automerge', 16)"]);
run('hashsize 64MB', base, ["('hashsize', 67108864)"]);
run('hashsize 64MB automerge 0', base, ["('hashsize', 67108864)", "('automerge', 0)"]);
run('crisismerge 64', base, ["('crisismerge', 64)"]);
