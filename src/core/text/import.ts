import { basename, extname } from 'node:path';
import { AtelierError } from '../errors.js';
import { readDocx } from '../formats/docx/read.js';
import type { Block, CleanupEvent, SegmentedBlock } from '../model.js';
import { type Segmenter, segmentText } from '../segment/segmenter.js';
import { cleanup } from './cleanup.js';
import { DEFAULT_MAX_BYTES, decodeText, type Encoding } from './decode.js';

export interface ImportInput {
	bytes: Uint8Array;
	/** the file name as the user gave it (shown in errors; decides the format with the content) */
	file: string;
}

export interface ImportOptions {
	sourceLang: string;
	segmenter: Segmenter;
	encoding?: Encoding;
	noClean?: boolean;
	maxBytes?: number;
	isWord?: (word: string) => boolean;
}

export interface ImportedDocument {
	format: 'txt' | 'docx';
	encoding: string | null;
	title: string;
	blocks: SegmentedBlock[];
	events: CleanupEvent[];
}

/** A file → cleaned, segmented blocks. Nothing is stored here: the caller owns the transaction. */
export async function importFile(input: ImportInput, opts: ImportOptions): Promise<ImportedDocument> {
	const file = input.file;
	const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
	if (input.bytes.length > max)
		throw new AtelierError('file_too_large', { size: mb(input.bytes.length), limit: mb(max) }, { file });
	if (input.bytes.length === 0) throw new AtelierError('file_empty', {}, { file });
	const isZip = input.bytes[0] === 0x50 && input.bytes[1] === 0x4b;
	const ext = extname(file).toLowerCase();
	let blocks: Block[];
	let events: CleanupEvent[] = [];
	let format: ImportedDocument['format'];
	let encoding: string | null = null;
	if (ext === '.docx' || (isZip && ext !== '.txt')) {
		format = 'docx';
		blocks = await readDocx(input.bytes, file);
	} else if (['.txt', '.text', ''].includes(ext) || !isZip) {
		format = 'txt';
		const decoded = decodeText(input.bytes, { file, encoding: opts.encoding, maxBytes: max });
		encoding = decoded.encoding;
		const res = cleanup(decoded.text, { noClean: opts.noClean, isWord: opts.isWord });
		blocks = res.blocks;
		events = res.events;
	} else {
		throw new AtelierError('unsupported_format', { ext }, { file });
	}
	if (blocks.length === 0) throw new AtelierError('no_text', {}, { file });
	const segmented = segmentBlocks(blocks, opts.segmenter);
	return { format, encoding, title: deriveTitle(segmented, file), blocks: segmented, events };
}

export function segmentBlocks(blocks: Block[], segmenter: Segmenter): SegmentedBlock[] {
	return blocks.map((b) => ({
		...b,
		// headings and list items are one segment unless they hold several sentences
		segments: segmentText(segmenter, b.text)
	}));
}

function deriveTitle(blocks: SegmentedBlock[], file: string): string {
	const titles = [];
	for (const b of blocks) {
		if (b.kind !== 'heading' || (b.level ?? 1) > 1) break;
		titles.push(b.text);
	}
	if (titles.length) return titles.join(' — ').slice(0, 300);
	return basename(file, extname(file)) || file;
}

function mb(n: number): string {
	return (n / (1024 * 1024)).toFixed(1);
}
