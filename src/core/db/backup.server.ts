import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AtelierError } from '../errors.js';
import type { Db } from './open.server.js';
import { reason } from '../formats/reason.js';

/** `atelier-20261123-031500.sqlite`: sortable, one per second. */
export function backupName(dbPath: string, tag = '', now = new Date()): string {
	const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
	return `${basename(dbPath).replace(/\.sqlite$/, '')}-${stamp}${tag ? `-${tag}` : ''}.sqlite`;
}

/** Backups live beside the database, in `backups/`. */
export function defaultBackupPath(dbPath: string, tag = ''): string {
	return join(dirname(dbPath), 'backups', backupName(dbPath, tag));
}

export interface BackupResult {
	file: string;
	bytes: number;
	pages: number;
}

/**
 * An online backup through SQLite's backup API: the copy is a consistent snapshot even while
 * the server keeps reading and writing (the API restarts a step when a writer changed a page
 * it had copied). Never overwrites an existing file.
 */
export async function backupDatabase(db: Db, dest: string): Promise<BackupResult> {
	if (existsSync(dest)) throw new AtelierError('backup_exists', {}, { file: dest });
	mkdirSync(dirname(dest), { recursive: true });
	const part = `${dest}.part`;
	rmSync(part, { force: true });
	let pages = 0;
	try {
		await db.backup(part, {
			progress: ({ totalPages }) => {
				pages = totalPages;
				// 100 pages a step: the server is blocked for at most a few milliseconds at a time
				return 100;
			}
		});
		// a backup that cannot be restored is worth nothing: check it before it gets its name
		checkAtelierDatabase(part, dest);
		renameSync(part, dest);
	} finally {
		rmSync(part, { force: true });
	}
	return { file: dest, bytes: statSync(dest).size, pages };
}

/**
 * The same consistent snapshot, synchronously (`VACUUM INTO`), for the one place that
 * cannot wait: just before migrations change the schema at start-up.
 */
export function snapshotDatabase(db: Db, dest: string): string {
	mkdirSync(dirname(dest), { recursive: true });
	db.prepare('VACUUM INTO ?').run(dest);
	return dest;
}

/**
 * Refuses anything that is not an Atelier database: not SQLite, damaged, or without our
 * schema. `shownAs` is the name errors use (a backup is checked under a temporary name).
 */
export function checkAtelierDatabase(path: string, shownAs = path): { version: number } {
	const fail = (why: string): never => {
		throw new AtelierError('backup_not_atelier', { reason: why }, { file: shownAs });
	};
	if (!existsSync(path)) fail(reason('fileNotFound'));
	const head = Buffer.alloc(16);
	const fd = openSync(path, 'r');
	try {
		readSync(fd, head, 0, 16, 0);
	} finally {
		closeSync(fd);
	}
	if (head.toString('latin1') !== 'SQLite format 3\u0000') fail(reason('backup.notSqlite'));
	const cleanUp = sideFilesCleanUp(path);
	let db: Db | null = null;
	try {
		db = new Database(path, { readonly: true, fileMustExist: true });
		const check = String(db.pragma('integrity_check', { simple: true }));
		if (check !== 'ok') fail(reason('backup.damaged', { detail: check.slice(0, 200) }));
		const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
		for (const t of ['schema_migrations', 'documents', 'segments']) if (!tables.has(t)) fail(reason('backup.noTable', { table: t }));
		const v = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
		return { version: v.v ?? 0 };
	} catch (e) {
		if (e instanceof AtelierError) throw e;
		return fail(reason('backup.unreadable', { detail: (e as Error).message }));
	} finally {
		db?.close();
		cleanUp();
	}
}

/**
 * A read-only connection to a WAL-mode file makes its -wal and -shm files and, being
 * read-only, cannot remove them: call before opening, and the returned function (after
 * closing) removes those the connection made — every backup and restore left orphans beside
 * the files it checked. Files that were there before are someone else's and stay.
 */
function sideFilesCleanUp(path: string): () => void {
	const made = ['-wal', '-shm'].map((ext) => path + ext).filter((f) => !existsSync(f));
	return () => {
		for (const f of made) if (existsSync(f) && (f.endsWith('-shm') || statSync(f).size === 0)) rmSync(f, { force: true });
	};
}

/**
 * True when another connection (a running server, a CLI import) has the database open: in
 * WAL mode every connection holds a shared lock that an exclusive-mode connection cannot
 * get past, so the probe fails fast instead of waiting.
 */
export function databaseInUse(dbPath: string): boolean {
	if (!existsSync(dbPath)) return false;
	const probe = new Database(dbPath, { fileMustExist: true });
	try {
		probe.pragma('busy_timeout = 0');
		probe.pragma('locking_mode = EXCLUSIVE');
		probe.exec('BEGIN EXCLUSIVE');
		probe.exec('COMMIT');
		return false;
	} catch (e) {
		if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY') || (e as { code?: string }).code?.startsWith('SQLITE_LOCKED')) return true;
		throw e;
	} finally {
		probe.close();
	}
}

export interface RestoreResult {
	db: string;
	from: string;
	/** where the database that was replaced now is (null when there was none) */
	previous: string | null;
}

/**
 * Replaces the database at `dbPath` by the backup `from`, without ever leaving a half-written
 * database: the backup is checked, copied (SQLite backup API) beside the database under a
 * temporary name and checked again, the current database is kept as
 * `backups/<name>-<time>-before-restore.sqlite`, then the copy is renamed into place (an
 * atomic rename). Refused while any other process has the database open — a running server
 * would keep its handle on the old file and its caches (TM index, termbase) would be stale.
 */
export async function restoreDatabase(from: string, dbPath: string): Promise<RestoreResult> {
	checkAtelierDatabase(from);
	if (databaseInUse(dbPath)) throw new AtelierError('backup_in_use', {}, { file: dbPath });
	mkdirSync(dirname(dbPath), { recursive: true });
	const incoming = `${dbPath}.restoring`;
	rmSync(incoming, { force: true });
	const cleanUp = sideFilesCleanUp(from);
	const src = new Database(from, { readonly: true, fileMustExist: true });
	try {
		await src.backup(incoming);
	} finally {
		src.close();
		cleanUp();
	}
	try {
		checkAtelierDatabase(incoming, from);
		let previous: string | null = null;
		if (existsSync(dbPath)) {
			previous = defaultBackupPath(dbPath, 'before-restore');
			mkdirSync(dirname(previous), { recursive: true });
			// the check closed its connection last: the WAL is checkpointed and gone
			if (databaseInUse(dbPath)) throw new AtelierError('backup_in_use', {}, { file: dbPath });
			renameSync(dbPath, previous);
			for (const ext of ['-wal', '-shm']) rmSync(dbPath + ext, { force: true });
		}
		renameSync(incoming, dbPath);
		return { db: dbPath, from, previous };
	} finally {
		rmSync(incoming, { force: true });
	}
}
