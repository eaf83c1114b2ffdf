import { closeSync, lstatSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { once } from 'node:events';
import { basename, dirname, join, resolve } from 'node:path';
import { AtelierError } from '../core/errors.js';
import { reason } from '../core/formats/reason.js';
import type { Io } from './context.js';

const errno = (e: unknown) => (e as NodeJS.ErrnoException)?.code;

/**
 * Why a path the user named cannot be used, in their terms. Node's own text names the
 * syscall and, when writing, our hidden temporary file: neither means anything to them.
 */
export function pathReason(e: unknown, path: string, writing = false): string {
	switch (errno(e)) {
		case 'ENOENT':
			return writing ? reason('folderNotFound', { folder: dirname(path) }) : reason('fileNotFound');
		case 'EISDIR':
			return reason('isFolder');
		case 'ENOTDIR':
			return reason('pathNotFolder');
		case 'EACCES':
		case 'EPERM':
			return reason('permissionDenied');
		case 'ENOSPC':
		case 'EDQUOT':
			return reason('diskFull');
		case 'EROFS':
			return reason('readOnlyFs');
		default: {
			const detail = errno(e) ?? String((e as Error)?.message ?? e);
			return writing ? reason('cannotWriteDetail', { detail }) : reason('cannotRead', { detail });
		}
	}
}

export function cannotRead(file: string, why: string): AtelierError {
	return new AtelierError('usage', { message: reason('usage.cannotRead', { file, reason: why }) });
}

export function cannotWrite(file: string, why: string): AtelierError {
	return new AtelierError('usage', { message: reason('usage.cannotWrite', { file, reason: why }) });
}

/**
 * Checks that FILE can be opened for reading before a parser gets it: a folder or a
 * forbidden file would otherwise surface as the parser's "not well-formed (EISDIR…)".
 * Returns its size.
 */
export function checkReadable(file: string): number {
	let st: Stats;
	try {
		st = statSync(file);
		if (st.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
		closeSync(openSync(file, 'r'));
	} catch (e) {
		throw cannotRead(file, pathReason(e, file));
	}
	return st.size;
}

/** The bytes of a file the user named, or one translated line saying why not. */
export function readInputFile(file: string): Buffer {
	checkReadable(file);
	try {
		return readFileSync(file);
	} catch (e) {
		throw cannotRead(file, pathReason(e, file));
	}
}

/** DIR for `--dir`: it must exist and be a folder; we do not create folders from a typo. */
export function checkOutputFolder(dir: string): void {
	let st: Stats;
	try {
		st = statSync(dir);
	} catch (e) {
		const why = errno(e) === 'ENOENT' ? reason('noSuchFolder') : pathReason(e, dir);
		throw new AtelierError('usage', { message: reason('usage.cannotWriteInto', { folder: dir, reason: why }) });
	}
	if (!st.isDirectory()) throw new AtelierError('usage', { message: reason('usage.cannotWriteInto', { folder: dir, reason: reason('notFolder') }) });
}

/** Where output goes, written in pieces. `commit` makes it final; `abort` leaves nothing that looks whole. */
export interface Sink {
	write(chunk: Uint8Array | string): Promise<void>;
	commit(): Promise<void>;
	abort(): void;
	toStdout: boolean;
}

/**
 * FILE for writing, or standard output for `-`. A regular file (new, or existing, also
 * behind a symlink, which stays a symlink) is written beside its final place and renamed
 * once complete, so a failure never leaves a file that looks whole. A FIFO, a device or a
 * socket cannot be replaced that way without breaking what the user pointed us at: it is
 * written to directly. A folder, a missing folder or a forbidden one is refused before
 * any work, naming FILE and never our temporary file.
 */
export function openSink(file: string, io: Io): Sink {
	if (file === '-') {
		const out = io.stdout;
		return {
			toStdout: true,
			async write(chunk) {
				if (!out.write(chunk)) await once(out, 'drain');
			},
			async commit() {},
			abort() {}
		};
	}
	let st: Stats | null = null;
	try {
		st = statSync(file);
	} catch (e) {
		if (errno(e) !== 'ENOENT') throw cannotWrite(file, pathReason(e, file, true));
	}
	if (st?.isDirectory()) throw cannotWrite(file, reason('isFolder'));
	let dangling = false;
	if (!st) {
		try {
			dangling = lstatSync(file).isSymbolicLink();
		} catch {
			/* nothing there: a new file */
		}
	}
	const direct = (st != null && !st.isFile()) || dangling;
	const final = st?.isFile() ? realpathSync(file) : resolve(file);
	if (!direct) {
		try {
			if (!statSync(dirname(final)).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
		} catch (e) {
			throw cannotWrite(file, pathReason(e, file, true));
		}
	}
	const path = direct ? file : join(dirname(final), `.${basename(final)}.${process.pid}.part`);
	let fd: number;
	try {
		fd = openSync(path, direct ? 'w' : 'wx', 0o666);
	} catch (e) {
		throw cannotWrite(file, pathReason(e, file, true));
	}
	let closed = false;
	const close = () => {
		if (!closed) {
			closed = true;
			closeSync(fd);
		}
	};
	return {
		toStdout: false,
		async write(chunk) {
			const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			try {
				for (let at = 0; at < buf.length; ) at += writeSync(fd, buf, at, buf.length - at);
			} catch (e) {
				// the reader of a FIFO went away: the same quiet end as a closed pipe (main.ts)
				if (errno(e) === 'EPIPE') throw e;
				throw cannotWrite(file, pathReason(e, file, true));
			}
		},
		async commit() {
			try {
				close();
				if (!direct) renameSync(path, final);
			} catch (e) {
				throw cannotWrite(file, pathReason(e, file, true));
			}
		},
		abort() {
			try {
				close();
			} catch {
				/* already failing: the first error is the one to report */
			}
			if (!direct) rmSync(path, { force: true });
		}
	};
}

/** Whole bytes to FILE (or standard output for `-`), with the guarantees of `openSink`. */
export async function writeOutput(file: string, bytes: Uint8Array | string, io: Io): Promise<void> {
	const sink = openSink(file, io);
	try {
		await sink.write(bytes);
		await sink.commit();
	} catch (e) {
		sink.abort();
		throw e;
	}
}
