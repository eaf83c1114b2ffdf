import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { createWorkbench, type Workbench } from '../../src/core/workbench.server.js';
import { tempDir } from './db.js';

/**
 * For each test of the calling describe block: a workbench on a fresh SQLite file in a
 * temporary folder, seeded from segments/ and glossary/ as on first start, closed and removed
 * after. Read `wb` (and `dir`) inside the tests: a new one each time.
 */
export function useSeededWorkbench(): { readonly wb: Workbench; readonly dir: { dir: string; remove(): void } } {
	let wb: Workbench;
	let dir: ReturnType<typeof tempDir>;
	beforeEach(async () => {
		dir = tempDir();
		wb = createWorkbench({ dbPath: join(dir.dir, 'a.sqlite') });
		await wb.seed();
	});
	afterEach(() => {
		wb.close();
		dir.remove();
	});
	return {
		get wb() {
			return wb;
		},
		/** the temporary folder, for files a test writes */
		get dir() {
			return dir;
		}
	};
}
