import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/core/db/open.server.js';

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix = 'atelier-test-'): { dir: string; remove(): void } {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A real SQLite file in a temporary folder with every migration applied. */
export function createTestDatabase(): { db: Db; path: string; remove(): void } {
	const t = tempDir();
	const path = join(t.dir, 'test.sqlite');
	const db = openDatabase(path);
	return {
		db,
		path,
		remove() {
			db.close();
			t.remove();
		}
	};
}

/**
 * A checksum of every row of every table: equal before and after means the database
 * content did not change (rowids and values included).
 */
export function contentChecksum(db: Db): string {
	const tables = (
		db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
			name: string;
		}[]
	).map((r) => r.name);
	const parts: string[] = [];
	for (const t of tables) {
		// sorted in JS: WITHOUT ROWID and virtual tables have no rowid to order by
		const rows = db.prepare(`SELECT * FROM "${t}"`).all().map((r) => JSON.stringify(r)).sort();
		parts.push(`${t}:${rows.join('\n')}`);
	}
	return parts.join('\n');
}
