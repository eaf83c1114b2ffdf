import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDatabase, checkAtelierDatabase, databaseInUse } from '../src/core/db/backup.server.js';
import { defaultMigrationsDir, openDatabase } from '../src/core/db/open.server.js';
import { createWorkbench } from '../src/core/workbench.server.js';
import { contentChecksum, tempDir } from './helpers/db.js';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'atelier.js');
let dir: ReturnType<typeof tempDir>;
let dbPath: string;

function atelier(args: string[], lang = 'en') {
	const r = spawnSync(process.execPath, [bin, ...args], {
		cwd: dir.dir,
		encoding: 'utf8',
		env: { ...process.env, ATELIER_DB: dbPath, ATELIER_LANG: lang }
	});
	return { code: r.status, out: r.stdout, err: r.stderr };
}

async function populated() {
	const wb = createWorkbench({ dbPath });
	const doc = await wb.importDocument({ bytes: Buffer.from('Le Conseil se réunit.\n\nL’Alliance décide\u00A0!\n'), file: 'a.txt', sourceLang: 'fr-FR', targetLang: 'en-GB' });
	wb.tm.add([{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: 'Bonjour.', target: 'Hello.', origin: 'import' }]);
	wb.setTarget(doc.id, 0, 'The Council meets.', { status: 'translated' });
	return { wb, doc };
}
const checksumOf = (path: string) => {
	const db = new Database(path, { readonly: true });
	try {
		return contentChecksum(db);
	} finally {
		db.close();
	}
};

beforeEach(() => {
	dir = tempDir('atelier-backup-');
	dbPath = join(dir.dir, 'atelier.sqlite');
});
afterEach(() => dir.remove());

describe('online backup', () => {
	it('copies every row while the database stays open, and refuses to overwrite a file', async () => {
		const { wb } = await populated();
		const dest = join(dir.dir, 'copy.sqlite');
		const r = await backupDatabase(wb.db, dest);
		expect(r.pages).toBeGreaterThan(0);
		expect(checksumOf(dest)).toBe(contentChecksum(wb.db));
		await expect(backupDatabase(wb.db, dest)).rejects.toMatchObject({ code: 'backup_exists' });
		wb.close();
	});

	it('is consistent while another process keeps writing (each copy holds whole transactions only)', async () => {
		const { wb } = await populated();
		// a writer in another process: each transaction inserts two units with the same marker
		const writer = spawn(process.execPath, [
			'-e',
			`const D=require(${JSON.stringify(join(root, 'node_modules', 'better-sqlite3'))});const db=new D(${JSON.stringify(dbPath)});db.pragma('busy_timeout=5000');
			 const ins=db.prepare("INSERT INTO settings (key, value) VALUES (?, ?)");let i=0;const end=Date.now()+4000;
			 while(Date.now()<end){db.transaction(()=>{ins.run('a'+i,'x');ins.run('b'+i,'x')})();i++}console.log(i)`
		]);
		let written = '';
		writer.stdout.on('data', (d) => (written += d));
		const copies: string[] = [];
		for (let k = 0; k < 5; k++) {
			await new Promise((r) => setTimeout(r, 300));
			const dest = join(dir.dir, `live-${k}.sqlite`);
			await backupDatabase(wb.db, dest);
			copies.push(dest);
		}
		await new Promise((r) => writer.once('exit', r));
		expect(Number(written)).toBeGreaterThan(0);
		for (const c of copies) {
			const db = new Database(c, { readonly: true });
			expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
			const a = (db.prepare("SELECT count(*) AS n FROM settings WHERE key LIKE 'a%'").get() as { n: number }).n;
			const b = (db.prepare("SELECT count(*) AS n FROM settings WHERE key LIKE 'b%'").get() as { n: number }).n;
			expect(a).toBe(b);
			db.close();
		}
		wb.close();
	}, 30_000);

	it('snapshots the database before migrating existing data, and not for a new database', () => {
		const partial = join(dir.dir, 'migrations-old');
		mkdirSync(partial);
		const all = readdirSync(defaultMigrationsDir()).filter((f) => /^\d{3}_/.test(f)).sort();
		for (const f of all.slice(0, 2)) copyFileSync(join(defaultMigrationsDir(), f), join(partial, f));
		const old = openDatabase(dbPath, { migrationsDir: partial });
		old.prepare("INSERT INTO documents (title, source_lang, target_lang, created_at, changed_at) VALUES ('Avant', 'fr-FR', 'en-GB', 'x', 'x')").run();
		const before = contentChecksum(old);
		old.close();
		expect(existsSync(join(dir.dir, 'backups'))).toBe(false);
		const now = openDatabase(dbPath);
		now.close();
		const snaps = readdirSync(join(dir.dir, 'backups'));
		expect(snaps).toHaveLength(1);
		expect(snaps[0]).toMatch(new RegExp(`^atelier-\\d{8}-\\d{6}-before-${all[2].slice(0, 3)}\\.sqlite$`));
		expect(checksumOf(join(dir.dir, 'backups', snaps[0]))).toBe(before);
		expect(checkAtelierDatabase(join(dir.dir, 'backups', snaps[0])).version).toBe(Number(all[1].slice(0, 3)));
		// a fresh database has nothing to lose: no snapshot
		const fresh = openDatabase(join(dir.dir, 'fresh', 'new.sqlite'));
		fresh.close();
		expect(existsSync(join(dir.dir, 'fresh', 'backups'))).toBe(false);
	});
});

describe('atelier backup / restore', () => {
	it('backup then restore brings back exactly the rows of the backup, and keeps the replaced database', async () => {
		const { wb, doc } = await populated();
		wb.close();
		const saved = checksumOf(dbPath);
		const b = atelier(['backup', 'mine.sqlite']);
		expect(b.err).toBe('');
		expect(b.code).toBe(0);
		expect(b.out).toMatch(/Backup written to .*mine\.sqlite/);
		// later work, then a restore
		const wb2 = createWorkbench({ dbPath });
		wb2.setTarget(doc.id, 1, 'The Alliance decides!', { status: 'translated' });
		wb2.close();
		const changed = checksumOf(dbPath);
		expect(changed).not.toBe(saved);
		const r = atelier(['restore', 'mine.sqlite'], 'fr');
		expect(r.err).toBe('');
		expect(r.code).toBe(0);
		expect(r.out).toContain('restaurée');
		expect(checksumOf(dbPath)).toBe(saved);
		const kept = readdirSync(join(dir.dir, 'backups')).filter((f) => f.includes('before-restore'));
		expect(kept).toHaveLength(1);
		expect(checksumOf(join(dir.dir, 'backups', kept[0]))).toBe(changed);
		// the default name goes to backups/
		const d = atelier(['backup']);
		expect(d.code).toBe(0);
		expect(readdirSync(join(dir.dir, 'backups')).filter((f) => /^atelier-\d{8}-\d{6}\.sqlite$/.test(f))).toHaveLength(1);
		// no SQLite side files left by the checks of the copies (the before-restore copy was opened by this test's checksum)
		const orphans = [...readdirSync(dir.dir), ...readdirSync(join(dir.dir, 'backups'))].filter((f) => /\.part|\.restoring|(mine|atelier-\d{8}-\d{6})\.sqlite-(wal|shm)$/.test(f));
		expect(orphans).toEqual([]);
	}, 60_000);

	it('restore refuses what is not an Atelier database, in the user’s language, and changes nothing', async () => {
		const { wb } = await populated();
		wb.close();
		const before = checksumOf(dbPath);
		writeFileSync(join(dir.dir, 'notes.sqlite'), 'Bonjour, ceci est du texte.\n');
		const other = new Database(join(dir.dir, 'other.sqlite'));
		other.exec('CREATE TABLE t (x)');
		other.close();
		const full = join(dir.dir, 'full.sqlite');
		const src = new Database(dbPath, { readonly: true });
		await src.backup(full);
		src.close();
		const { readFileSync } = await import('node:fs');
		writeFileSync(join(dir.dir, 'cut.sqlite'), readFileSync(full).subarray(0, 8192));
		for (const [f, en, fr] of [
			['notes.sqlite', 'not an SQLite database', 'n’est pas une base Atelier'],
			['other.sqlite', 'no schema_migrations table', 'n’est pas une base Atelier'],
			['cut.sqlite', 'is not an Atelier database', 'n’est pas une base Atelier'],
			['missing.sqlite', 'file not found', 'n’est pas une base Atelier']
		]) {
			const r = atelier(['restore', f]);
			expect(r.code, f).toBe(1);
			expect(r.err).toContain(f);
			expect(r.err).toContain(en);
			expect(atelier(['restore', f], 'fr').err).toContain(fr);
			expect(checksumOf(dbPath)).toBe(before);
		}
		expect(existsSync(join(dir.dir, 'backups'))).toBe(false);
	}, 60_000);

	it('restore refuses while a server (another process) has the database open', async () => {
		const { wb } = await populated();
		wb.close();
		expect(atelier(['backup', 'b.sqlite']).code).toBe(0);
		const holder = spawn(process.execPath, ['-e', `const D=require(${JSON.stringify(join(root, 'node_modules', 'better-sqlite3'))});const db=new D(${JSON.stringify(dbPath)});db.pragma('journal_mode=WAL');db.prepare('SELECT 1').get();console.log('open');setTimeout(()=>{},60000)`]);
		await new Promise<void>((r) => holder.stdout.once('data', () => r()));
		try {
			expect(databaseInUse(dbPath)).toBe(true);
			const before = checksumOf(dbPath);
			const r = atelier(['restore', 'b.sqlite']);
			expect(r.code).toBe(1);
			expect(r.err).toContain('in use by another process');
			expect(checksumOf(dbPath)).toBe(before);
		} finally {
			holder.kill('SIGKILL');
			await new Promise((r) => holder.once('exit', r));
		}
		expect(databaseInUse(dbPath)).toBe(false);
		expect(atelier(['restore', 'b.sqlite']).code).toBe(0);
	}, 60_000);
});
