import type { TFunction } from 'i18next';
import { readFileSync } from 'node:fs';
import { AtelierError } from '../core/errors.js';
import { decodeText } from '../core/text/decode.js';
import type { Readable, Writable } from 'node:stream';
import { defaultDbPath } from '../core/paths.js';
import { createWorkbench, type Workbench } from '../core/workbench.server.js';
import { createT, type UiLang } from '../lib/i18n/index.js';
import { fsReason, reason } from '../core/formats/reason.js';

export interface Io {
	stdout: Writable;
	stderr: Writable;
	stdin: Readable;
}

export interface CliContext {
	io: Io;
	t: TFunction;
	lang: UiLang;
	/** opens (and seeds) the store on first use: commands that need no database never touch it */
	workbench(): Promise<Workbench>;
	close(): void;
}


/** CLI messages follow ATELIER_LANG, else the locale (LANG/LC_ALL), else English. */
export function cliLang(): UiLang {
	const v = (process.env.ATELIER_LANG ?? process.env.LC_ALL ?? process.env.LANG ?? '').toLowerCase();
	return v.startsWith('fr') ? 'fr' : 'en';
}

export function createContext(io: Io): CliContext {
	const lang = cliLang();
	let wb: Workbench | null = null;
	return {
		io,
		lang,
		t: createT(lang),
		async workbench() {
			if (!wb) {
				wb = createWorkbench({ dbPath: defaultDbPath() });
				await wb.seed();
			}
			return wb;
		},
		close() {
			wb?.close();
		}
	};
}

/** FILE, or standard input for `-`: decoded text, with the name errors should use. */
export async function readTextInput(file: string, io: Io): Promise<{ text: string; name: string }> {
	let bytes: Uint8Array;
	try {
		bytes = file === '-' ? await readAll(io.stdin) : readFileSync(file);
	} catch (e) {
		throw new AtelierError('usage', { message: reason('usage.cannotRead', { file: file, reason: fsReason(e) }) });
	}
	const name = file === '-' ? '<stdin>' : file;
	return { text: decodeText(bytes, { file: name }).text, name };
}

export async function readAll(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
	return Buffer.concat(chunks);
}
