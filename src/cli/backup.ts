import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AtelierError } from '../core/errors.js';
import { backupDatabase, defaultBackupPath, restoreDatabase } from '../core/db/backup.server.js';
import { openDatabase } from '../core/db/open.server.js';
import { defaultDbPath } from '../core/paths.js';
import { checkDbPath, dbOpenError } from './context.js';
import type { Command } from './main.js';
import { reason } from '../core/formats/reason.js';

export const backupCommand: Command = {
	name: 'backup',
	async run(args, ctx) {
		const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
		if (positionals.length > 1) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'backup [FILE]' }) });
		const dbPath = defaultDbPath();
		checkDbPath(dbPath);
		if (!existsSync(dbPath)) throw new AtelierError('usage', { message: reason('usage.noDatabase', { path: dbPath }) });
		let db: ReturnType<typeof openDatabase>;
		try {
			db = openDatabase(dbPath);
		} catch (e) {
			throw dbOpenError(dbPath, e) ?? e;
		}
		try {
			const r = await backupDatabase(db, positionals[0] ? resolve(positionals[0]) : defaultBackupPath(dbPath));
			ctx.io.stdout.write(ctx.t('reliability.backupDone', { file: r.file, size: Math.max(0.1, Math.round(r.bytes / 104857.6) / 10) }) + '\n');
			return 0;
		} finally {
			db.close();
		}
	}
};

export const restoreCommand: Command = {
	name: 'restore',
	async run(args, ctx) {
		const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
		if (positionals.length !== 1) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'restore FILE' }) });
		const r = await restoreDatabase(resolve(positionals[0]), defaultDbPath());
		ctx.io.stdout.write(ctx.t('reliability.restoreDone', { db: r.db, file: r.from, previous: r.previous ?? '—' }) + '\n');
		return 0;
	}
};
