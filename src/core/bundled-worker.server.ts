import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { appRoot } from './paths.js';
import { startTsWorker } from './ts-worker.server.js';

/**
 * A worker thread running one of our TypeScript modules bundled into one JavaScript file, for
 * workers started per job (the TMX export starts two per export). Through tsx (startTsWorker)
 * a worker spends ~0.5 s of CPU before it runs a line of ours: tsx registers its loader
 * (a hooks thread of its own) and compiles each module in the thread. Bundled once per process
 * with esbuild (tsx's own compiler, so it is installed wherever tsx is; ~0.15 s, off this
 * thread), a worker starts in ~0.1 s. The bundle is written under node_modules/.cache in the
 * app root, named by its content's hash, so its packages (better-sqlite3) resolve as from
 * src/. Whenever bundling is not possible (esbuild missing, a read-only folder), the worker
 * starts through tsx as before: same module, same data, only slower to start (as it also does
 * with ATELIER_NO_WORKER_BUNDLE set, which the tests use to check that path).
 */
export async function startBundledWorker(entry: string, data: unknown, resourceLimits?: ResourceLimits): Promise<Worker> {
	const file = process.env.ATELIER_NO_WORKER_BUNDLE ? null : await bundled(entry);
	if (!file) return startTsWorker(entry, data, resourceLimits);
	// plain JavaScript: none of the parent's options (its `--import tsx`, inherited by default,
	// alone cost ~0.3 s of CPU to start; V8 options given explicitly would be refused)
	return new Worker(file, { workerData: { data }, resourceLimits, execArgv: [] });
}

const bundles = new Map<string, Promise<string | null>>();

function bundled(entry: string): Promise<string | null> {
	let p = bundles.get(entry);
	if (!p) bundles.set(entry, (p = bundle(entry)));
	return p;
}

async function bundle(entry: string): Promise<string | null> {
	try {
		const root = appRoot();
		// named through a variable so that the server's bundler leaves it to Node, which finds it under the app root
		const pkg = 'esbuild';
		const esbuild = (await import(/* @vite-ignore */ pkg)) as typeof import('esbuild');
		const out = await esbuild.build({
			entryPoints: [join(root, entry)],
			bundle: true,
			platform: 'node',
			format: 'esm',
			target: 'node20',
			packages: 'external',
			write: false,
			logLevel: 'silent'
		});
		const text = out.outputFiles[0].text;
		const dir = join(root, 'node_modules', '.cache', 'atelier-workers');
		const name = entry.replace(/^.*\//, '').replace(/\.ts$/, '');
		const file = join(dir, `${name}.${createHash('sha256').update(text).digest('hex').slice(0, 16)}.mjs`);
		if (!existsSync(file)) {
			mkdirSync(dir, { recursive: true });
			const partial = `${file}.${process.pid}.part`;
			writeFileSync(partial, text);
			renameSync(partial, file);
		}
		return file;
	} catch {
		return null;
	}
}
