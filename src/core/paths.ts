import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding Atelier's package.json. Found by walking up from this module, so it
 * works the same from `src/` (CLI, tests) and from the bundled server under `build/`.
 * `ATELIER_ROOT` overrides it.
 */
export function appRoot(): string {
	if (process.env.ATELIER_ROOT) return resolve(process.env.ATELIER_ROOT);
	let dir = dirname(fileURLToPath(import.meta.url));
	for (;;) {
		const pkg = join(dir, 'package.json');
		if (existsSync(pkg)) {
			try {
				if (JSON.parse(readFileSync(pkg, 'utf8')).name === 'atelier') return dir;
			} catch {
				/* not ours: keep walking */
			}
		}
		const up = dirname(dir);
		if (up === dir) return process.cwd();
		dir = up;
	}
}

export function defaultRulesPath(root = appRoot()): string {
	return join(root, 'src', 'core', 'segment', 'rules', 'atelier.srx');
}

/** The store: `ATELIER_DB`, else `data/atelier.sqlite` under the app root. */
export function defaultDbPath(): string {
	return process.env.ATELIER_DB ? resolve(process.env.ATELIER_DB) : join(appRoot(), 'data', 'atelier.sqlite');
}
