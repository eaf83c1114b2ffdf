import { defaultDbPath } from '../../core/paths.js';
import { createWorkbench, type Workbench } from '../../core/workbench.server.js';

let current: Promise<Workbench> | null = null;

/**
 * The server's one workbench: opened, migrated and seeded on first use (the `init` hook
 * calls this at start-up, so the first request does not wait).
 */
export function getWorkbench(): Promise<Workbench> {
	current ??= (async () => {
		const wb = createWorkbench({ dbPath: defaultDbPath() });
		const seeded = await wb.seed();
		if (seeded.length) console.log(`Atelier: seeded ${seeded.length} document(s) from segments/ into ${defaultDbPath()}`);
		return wb;
	})();
	return current;
}
