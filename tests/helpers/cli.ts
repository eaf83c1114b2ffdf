import { PassThrough, Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';

/**
 * `atelier …` run in this process against the database at `dbPath`, in a UI language: the
 * real command, its exit code and both streams, without starting a Node process per call.
 */
export function inProcessCli(dbPath: string | (() => string)) {
	return async function atelier(args: string[], lang: 'en' | 'fr' = 'en'): Promise<{ code: number; out: string; err: string }> {
		const stdout = new PassThrough();
		const stderr = new PassThrough();
		let out = '';
		let err = '';
		stdout.on('data', (c) => (out += c));
		stderr.on('data', (c) => (err += c));
		const saved = { db: process.env.ATELIER_DB, lang: process.env.ATELIER_LANG };
		process.env.ATELIER_DB = typeof dbPath === 'function' ? dbPath() : dbPath;
		process.env.ATELIER_LANG = lang;
		try {
			return { code: await main(args, { stdout, stderr, stdin: Readable.from([]) }), out, err };
		} finally {
			process.env.ATELIER_DB = saved.db;
			process.env.ATELIER_LANG = saved.lang;
		}
	};
}
