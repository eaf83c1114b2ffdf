import { extname } from 'node:path';
import { AtelierError } from '../core/errors.js';
import { readDocx } from '../core/formats/docx/read.js';
import type { Block } from '../core/model.js';
import { DEFAULT_MAX_BYTES, decodeText, type Encoding } from '../core/text/decode.js';
import { readInputBytes, type Io } from './context.js';

export type DocumentInput = { name: string; docx: Block[] } | { name: string; text: string };

/**
 * FILE (or standard input for `-`) as `align` and `segment` take it: a Word document read as
 * `import` reads it (src/core/text/import.ts decides the same way: a .docx name, or a ZIP
 * not named .txt), anything else decoded as text, with ENC when the user gives one.
 */
export async function readDocumentInput(file: string, io: Io, encoding?: Encoding): Promise<DocumentInput> {
	const bytes = await readInputBytes(file, io);
	const name = file === '-' ? '<stdin>' : file;
	const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
	const ext = extname(name).toLowerCase();
	if (ext === '.docx' || (isZip && ext !== '.txt')) {
		if (bytes.length === 0) throw new AtelierError('file_empty', {}, { file: name });
		if (bytes.length > DEFAULT_MAX_BYTES) throw new AtelierError('file_too_large', { size: mb(bytes.length), limit: mb(DEFAULT_MAX_BYTES) }, { file: name });
		return { name, docx: await readDocx(bytes, name) };
	}
	return { name, text: decodeText(bytes, { file: name, encoding }).text };
}

/** MiB as a number: the message formats it in the reader's language (`11,7 Mo`). */
function mb(n: number): number {
	return n / (1024 * 1024);
}
