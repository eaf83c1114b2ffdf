import { basename, extname } from 'node:path';
import { AtelierError } from '../errors.js';
import { readDocx } from '../formats/docx/read.js';
import type { Block, CleanupEvent, SegmentedBlock, SegmentSpan } from '../model.js';
import { type Segmenter, segmentText } from '../segment/segmenter.js';
import { cleanup } from './cleanup.js';
import { DEFAULT_MAX_BYTES, decodeText, type Encoding } from './decode.js';

export interface ImportInput {
	bytes: Uint8Array;
	/** the file name as the user gave it (shown in errors; decides the format with the content) */
	file: string;
	/** text the user pasted: `file` is then a name the user never chose, and no error names it */
	pasted?: boolean;
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
	if (input.bytes.length > max) {
		// `context` picks the message variant (i18next's convention) that speaks of the pasted text
		if (input.pasted) throw new AtelierError('file_too_large', { size: mb(input.bytes.length), limit: mb(max), context: 'pasted' });
		throw new AtelierError('file_too_large', { size: mb(input.bytes.length), limit: mb(max) }, { file });
	}
	if (input.bytes.length === 0) throw new AtelierError('file_empty', {}, { file });
	const isZip = input.bytes[0] === 0x50 && input.bytes[1] === 0x4b;
	const ext = extname(file).toLowerCase();
	let blocks: Block[];
	let events: CleanupEvent[] = [];
	let format: ImportedDocument['format'];
	let encoding: string | null = null;
	if (ext === '.docx' || (isZip && ext !== '.txt')) {
		format = 'docx';
		blocks = dropInvisibles(await readDocx(input.bytes, file));
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

/**
 * Word's optional hyphens (`<w:softHyphen/>`, U+00AD) and zero-width spaces pasted from the
 * web are invisible, but a segment holding one no longer matches the TM, the glossary or a
 * search ("gouver\u00ADnement"): dropped, as cleanup drops them from text. Footnote calls
 * keep pointing at their mark, and a paragraph left empty goes (the notes after it follow).
 */
const INVISIBLE = /[\u00AD\u200B\uFEFF]/g;

export function dropInvisibles(blocks: Block[]): Block[] {
	if (!blocks.some((b) => /[\u00AD\u200B\uFEFF]/.test(b.text))) return blocks;
	const index = new Map<number, number>();
	const kept: Block[] = [];
	blocks.forEach((b, i) => {
		const text = b.text.replace(INVISIBLE, '');
		if (!text.trim()) return;
		index.set(i, kept.length);
		kept.push({ ...b, text });
	});
	return kept.map(({ noteCall, ...b }) => {
		const block = noteCall && index.get(noteCall.block);
		if (!noteCall || block === undefined) return b;
		const before = blocks[noteCall.block].text.slice(0, noteCall.offset);
		return { ...b, noteCall: { block, offset: noteCall.offset - (before.length - before.replace(INVISIBLE, '').length) } };
	});
}

export function segmentBlocks(blocks: Block[], segmenter: Segmenter): SegmentedBlock[] {
	const calls = callSpans(blocks);
	return blocks.map((b, i) => ({
		...b,
		// headings and list items are one segment unless they hold several sentences
		segments: segmentAroundCalls(segmenter, b.text, calls.get(i) ?? [])
	}));
}

/** Where each block's footnote calls sit: [start, end) of the mark, in order. */
function callSpans(blocks: Block[]): Map<number, [number, number][]> {
	const spans = new Map<number, [number, number][]>();
	for (const b of blocks) {
		if (!b.noteCall || !b.marker) continue;
		const { block, offset } = b.noteCall;
		if (blocks[block]?.text.startsWith(b.marker, offset)) spans.set(block, [...(spans.get(block) ?? []), [offset, offset + b.marker.length]]);
	}
	for (const list of spans.values()) list.sort((a, b) => a[0] - b[0]);
	return spans;
}

/**
 * A call after a full stop (`Bucarest.¹ Ensuite`, Word's usual place for it) would hide the
 * sentence end from the SRX rules: the text is segmented without its calls, and each call
 * then goes with the text it follows. Offsets stay those of the paragraph, calls included.
 */
function segmentAroundCalls(segmenter: Segmenter, text: string, calls: [number, number][]): SegmentSpan[] {
	if (!calls.length) return segmentText(segmenter, text);
	const kept: [number, number][] = [];
	for (const c of calls) if (!kept.length || c[0] >= kept[kept.length - 1][1]) kept.push(c);
	let bare = '';
	let at = 0;
	// each call's place in the text without calls, and its length
	const cuts: { at: number; length: number }[] = [];
	for (const [start, end] of kept) {
		bare += text.slice(at, start);
		cuts.push({ at: bare.length, length: end - start });
		at = end;
	}
	bare += text.slice(at);
	// a call at a segment's end belongs to it; at its start (after the spaces), to that segment
	const toText = (p: number, end: boolean) => p + cuts.reduce((n, c) => (c.at < p || (end && c.at === p) ? n + c.length : n), 0);
	const out: SegmentSpan[] = [];
	for (const s of segmentText(segmenter, bare)) {
		const start = Math.max(toText(s.start, false), out.length ? out[out.length - 1].end : 0);
		const end = toText(s.end, true);
		const span: SegmentSpan = { start, end, text: text.slice(start, end) };
		if (s.rule !== undefined) span.rule = s.rule;
		out.push(span);
	}
	return out;
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

/** In MiB, unrounded: the message rounds it as its language writes numbers ("11,7 Mo", "10 MB"). */
function mb(n: number): number {
	return n / (1024 * 1024);
}
