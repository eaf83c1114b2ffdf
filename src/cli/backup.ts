import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AtelierError } from '../core/errors.js';
import { backupDatabase, defaultBackupPath, restoreDatabase } from '../core/db/backup.server.js';
import { openDatabase } from '../core/db/open.server.js';
import { defaultDbPath } from '../core/paths.js';
import type { Command } from './main.js';
import { reason } from '../core/formats/reason.js';

export const backupCommand: Command = {
	name: 'backup',
	summary: 'copy the database, online (safe while the server runs)',
	usage: `Usage: atelier backup [FILE]

Writes a consistent copy of the database (ATELIER_DB) with SQLite's online backup API, even
while the server is running. Default FILE: backups/<name>-<date>-<time>.sqlite beside the
database. An existing FILE is never overwritten. The copy is checked before it is named.
`,
	async run(args, ctx) {
		const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
		if (positionals.length > 1) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'backup [FILE]' }) });
		const dbPath = defaultDbPath();
		if (!existsSync(dbPath)) throw new AtelierError('usage', { message: reason('usage.noDatabase', { path: dbPath }) });
		const db = openDatabase(dbPath);
		try {
			const r = await backupDatabase(db, positionals[0] ? resolve(positionals[0]) : defaultBackupPath(dbPath));
			ctx.io.stdout.write(ctx.t('reliability.backupDone', { file: r.file, size: (r.bytes / 1048576).toFixed(1), pages: r.pages }) + '\n');
			return 0;
		} finally {
			db.close();
		}
	}
};

export const restoreCommand: Command = {
	name: 'restore',
	summary: 'replace the database by a backup (server stopped)',
	usage: `Usage: atelier restore FILE

Replaces the database (ATELIER_DB) by the backup FILE. FILE must be an Atelier database that
passes SQLite's integrity check. Refused while another process (a running server) has the
database open: stop the server first. The database replaced is kept in backups/ as
<name>-<date>-<time>-before-restore.sqlite; the swap is an atomic rename, so an interrupted
restore leaves either the old or the new database, never a mixture.
`,
	async run(args, ctx) {
		const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
		if (positionals.length !== 1) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'restore FILE' }) });
		const r = await restoreDatabase(resolve(positionals[0]), defaultDbPath());
		ctx.io.stdout.write(ctx.t('reliability.restoreDone', { db: r.db, file: r.from, previous: r.previous ?? '—' }) + '\n');
		return 0;
	}
};
