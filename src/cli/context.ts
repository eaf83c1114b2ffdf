import type { TFunction } from 'i18next';
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AtelierError } from '../core/errors.js';
import { decodeText } from '../core/text/decode.js';
import type { Readable, Writable } from 'node:stream';
import { defaultDbPath } from '../core/paths.js';
import { createWorkbench, type Workbench } from '../core/workbench.server.js';
import { createT, type UiLang } from '../lib/i18n/index.js';
import { reason } from '../core/formats/reason.js';
import { pathReason, readInputFile } from './files.js';

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
	/** redraws the progress line on stderr, when progress is shown at all (`showProgress`) */
	progress(text: string): void;
	/** ends an open progress line, so that what follows starts on a line of its own */
	endProgress(): void;
	close(): void;
}

/**
 * A progress bar redrawn with \r only means something on a terminal: in a log or a pipe it
 * is one long line that the next message gets glued to. ATELIER_PROGRESS=1 forces it (a
 * test that follows an import's progress from a pipe), 0 turns it off.
 */
export function showProgress(io: Io): boolean {
	const v = process.env.ATELIER_PROGRESS;
	if (v === '1') return true;
	if (v === '0') return false;
	return (io.stderr as { isTTY?: boolean }).isTTY === true;
}

/**
 * The database path, checked before SQLite sees it: SQLite says "unable to open database
 * file" without naming it. A missing folder is created for the default data/ only; for
 * ATELIER_DB it is more likely a typo, and a database made there would look empty.
 */
export function checkDbPath(path: string, explicit = process.env.ATELIER_DB != null): void {
	const refuse = (why: string) => new AtelierError('usage', { message: reason('usage.database', { path, reason: why }) });
	try {
		if (statSync(path).isDirectory()) throw refuse(reason('isFolder'));
		return;
	} catch (e) {
		if (e instanceof AtelierError) throw e;
		if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw refuse(pathReason(e, path));
	}
	const folder = dirname(path);
	try {
		if (!statSync(folder).isDirectory()) throw refuse(reason('pathNotFolder'));
	} catch (e) {
		if (e instanceof AtelierError) throw e;
		if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw refuse(pathReason(e, path));
		if (explicit) throw refuse(reason('db.folderMissing', { folder }));
	}
}

/** SQLite's and the file system's failures to open the store, as one translated line naming it; null for anything else. */
export function dbOpenError(path: string, e: unknown): AtelierError | null {
	const code = String((e as { code?: unknown })?.code ?? '');
	const why =
		code === 'SQLITE_NOTADB'
			? reason('db.notDatabase')
			: code.startsWith('SQLITE_CORRUPT')
				? reason('db.damaged')
				: code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM') || code === 'EACCES' || code === 'EPERM'
					? reason('db.readOnly')
					: code.startsWith('SQLITE_CANTOPEN')
						? reason('db.cannotOpen', { detail: code })
						: null;
	return why ? new AtelierError('usage', { message: reason('usage.database', { path, reason: why }) }) : null;
}


/** CLI messages follow ATELIER_LANG, else the locale (LANG/LC_ALL), else English. */
export function cliLang(): UiLang {
	const v = (process.env.ATELIER_LANG ?? process.env.LC_ALL ?? process.env.LANG ?? '').toLowerCase();
	return v.startsWith('fr') ? 'fr' : 'en';
}

export function createContext(io: Io): CliContext {
	const lang = cliLang();
	let wb: Workbench | null = null;
	const progress = showProgress(io);
	let lineOpen = false;
	return {
		io,
		lang,
		t: createT(lang),
		async workbench() {
			if (!wb) {
				const dbPath = defaultDbPath();
				checkDbPath(dbPath);
				let opened: Workbench | null = null;
				try {
					opened = createWorkbench({ dbPath });
					await opened.seed();
				} catch (e) {
					try {
						opened?.close();
					} catch {
						/* the open error is the one to report */
					}
					throw dbOpenError(dbPath, e) ?? e;
				}
				wb = opened;
			}
			return wb;
		},
		progress(text) {
			if (!progress) return;
			io.stderr.write(`\r${text}`);
			lineOpen = true;
		},
		endProgress() {
			if (lineOpen) io.stderr.write('\n');
			lineOpen = false;
		},
		close() {
			wb?.close();
		}
	};
}

/** FILE, or standard input for `-`: decoded text, with the name errors should use. */
export async function readTextInput(file: string, io: Io): Promise<{ text: string; name: string }> {
	const bytes = await readInputBytes(file, io);
	const name = file === '-' ? '<stdin>' : file;
	return { text: decodeText(bytes, { file: name }).text, name };
}

/** FILE's bytes, or standard input's for `-`. */
export async function readInputBytes(file: string, io: Io): Promise<Uint8Array> {
	return file === '-' ? await readAll(io.stdin) : readInputFile(file);
}

export async function readAll(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
	return Buffer.concat(chunks);
}
