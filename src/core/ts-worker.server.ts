import { Worker, type ResourceLimits, type Transferable } from 'node:worker_threads';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { appRoot } from './paths.js';

/**
 * A worker thread running one of our TypeScript modules, from the CLI (tsx), the tests
 * (vitest) and the built server alike. The bundled server has no copy of the module, so the
 * worker always loads it from `src/` under the app root (the server reads its migrations
 * from there too), through tsx's loader: a worker does not inherit the parent's loader, and
 * Node 20 does not apply `--import tsx` to a worker's entry module, so a plain JavaScript
 * entry (ts-worker-boot.mjs) registers tsx first and then imports the module. The module
 * finds its own data in `workerData.data`.
 */
export function startTsWorker(entry: string, data: unknown, resourceLimits?: ResourceLimits, transferList?: Transferable[]): Worker {
	const root = appRoot();
	const boot = join(root, 'src', 'core', 'ts-worker-boot.mjs');
	return new Worker(boot, { workerData: { entry: pathToFileURL(join(root, entry)).href, data }, resourceLimits, transferList });
}
