import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { tempDir } from './db.js';

const root = join(import.meta.dirname, '..', '..');

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => resolve(port));
		});
		s.on('error', reject);
	});
}

export interface RunningServer {
	url: string;
	dbPath: string;
	output(): string;
	stop(): Promise<void>;
}

/**
 * The built server as a bare child process on `port` with the database `dbPath`, once it
 * listens: for tests that kill and restart it on the same file (crash tests, load bench).
 */
export async function spawnServer(dbPath: string, port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
	const child = spawn(process.execPath, [join(root, 'scripts', 'serve.js')], {
		cwd: root,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ATELIER_DB: dbPath, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	child.stdout!.on('data', (d) => (out += d));
	child.stderr!.on('data', (d) => (out += d));
	const deadline = Date.now() + 120_000;
	while (!out.includes('Listening on')) {
		if (child.exitCode != null || child.signalCode != null) throw new Error(`server exited: ${out}`);
		if (Date.now() > deadline) throw new Error(`server did not start: ${out}`);
		await new Promise((r) => setTimeout(r, 50));
	}
	return child;
}

/** The real built server (`build/`, as `npm start` serves it) on a free port with its own database. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
	if (!existsSync(join(root, 'build', 'index.js'))) throw new Error('build/ is missing: run `npm run build` (npm test does it first)');
	const dir = tempDir('atelier-e2e-');
	const port = await freePort();
	const dbPath = join(dir.dir, 'e2e.sqlite');
	let out = '';
	const child: ChildProcess = spawn(process.execPath, [join(root, 'scripts', 'serve.js')], {
		cwd: root,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ATELIER_DB: dbPath, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (d) => (out += d));
	child.stderr!.on('data', (d) => (out += d));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 60_000;
	while (!out.includes('Listening on')) {
		if (child.exitCode != null) throw new Error(`server exited: ${out}`);
		if (Date.now() > deadline) throw new Error(`server did not start: ${out}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		url,
		dbPath,
		output: () => out,
		async stop() {
			if (child.exitCode == null) {
				child.kill('SIGTERM');
				await new Promise((r) => child.once('exit', r));
			}
			dir.remove();
		}
	};
}

/** Debian's Chromium, driven by playwright-core (no downloaded browser). */
export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']
	});
}

/**
 * For an e2e file: the built server and Chromium, started before its tests and stopped after;
 * `page(lang)` opens a fresh context that asks for that language.
 */
export function useApp() {
	const app = {} as { server: RunningServer; browser: Browser; page(lang?: string): Promise<Page> };
	beforeAll(async () => {
		app.server = await startServer();
		app.browser = await launchBrowser();
	});
	afterAll(async () => {
		await app.browser?.close();
		await app.server?.stop();
	});
	app.page = async (lang = 'en-GB') => {
		const ctx = await app.browser.newContext({ locale: lang, extraHTTPHeaders: { 'Accept-Language': lang } });
		return ctx.newPage();
	};
	return app;
}
