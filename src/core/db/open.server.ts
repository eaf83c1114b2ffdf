import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { appRoot } from '../paths.js';
import { defaultBackupPath, snapshotDatabase } from './backup.server.js';

export type Db = Database.Database;

export interface OpenOptions {
	/** folder of NNN_name.sql files; default: the shipped migrations */
	migrationsDir?: string;
	readonly?: boolean;
	/** copy the database to backups/ before applying migrations to existing data (default true) */
	backupBeforeMigration?: boolean;
}

export function defaultMigrationsDir(): string {
	return join(appRoot(), 'src', 'core', 'db', 'migrations');
}

/**
 * Opens (creating if needed) the SQLite store: WAL so readers never block the writer and a
 * crash loses nothing committed, foreign keys on, a busy timeout so concurrent writers
 * wait instead of failing, then every pending migration in order, each in a transaction.
 */
export function openDatabase(path: string, opts: OpenOptions = {}): Db {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const db = new Database(path, { readonly: opts.readonly === true });
	// a new file gets 16 KB pages (a no-op on a database that has tables): a translation unit
	// is 1–2 KB and the concordance index writes long doclists, so 4 KB pages meant more B-tree
	// levels and overflow; a TM import measured ~15 % less CPU and a 10 % smaller file.
	// It has to come before WAL, which fixes the page size.
	if (!opts.readonly) db.pragma('page_size = 16384');
	db.pragma('journal_mode = WAL');
	db.pragma('foreign_keys = ON');
	db.pragma('busy_timeout = 5000');
	db.pragma('synchronous = NORMAL');
	if (!opts.readonly)
		migrate(db, opts.migrationsDir ?? defaultMigrationsDir(), opts.backupBeforeMigration === false || path === ':memory:' ? undefined : (v) => snapshotDatabase(db, defaultBackupPath(path, `before-${String(v).padStart(3, '0')}`)));
	return db;
}

/** `beforeFirst(version)` runs once, before the first pending migration, when the database already holds a schema. */
export function migrate(db: Db, dir: string, beforeFirst?: (version: number) => void): number[] {
	db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
	const done = new Set(
		(db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version)
	);
	const files = readdirSync(dir)
		.filter((f) => /^\d{3}_.+\.sql$/.test(f))
		.sort();
	const applied: number[] = [];
	for (const f of files) {
		const version = Number(f.slice(0, 3));
		if (done.has(version)) continue;
		if (applied.length === 0 && done.size > 0) beforeFirst?.(version);
		const sql = readFileSync(join(dir, f), 'utf8');
		db.transaction(() => {
			db.exec(sql);
			db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
				version,
				f,
				new Date().toISOString()
			);
		})();
		applied.push(version);
	}
	return applied;
}
