import { readFileSync } from 'node:fs';
import { AtelierError } from '../errors.js';
import { decodeText } from '../text/decode.js';
import type { SegmentSpan } from '../model.js';
import { defaultRulesPath } from '../paths.js';
import { compileSegmenter, type Segmenter, segmentText } from './segmenter.js';
import { parseSrx, type SrxDocument } from './srx-parse.js';
import { fsReason } from '../formats/reason.js';

export { compileSegmenter, explainBreaks, segmentText, breakPositions, type Segmenter } from './segmenter.js';
export { parseSrx, type SrxDocument, type SrxRule } from './srx-parse.js';

/** Reads an SRX file from disk; `file` appears in every error about it. */
export function loadSrxFile(path: string): SrxDocument {
	let bytes: Uint8Array;
	try {
		bytes = readFileSync(path);
	} catch (e) {
		throw new AtelierError('srx_invalid', { reason: fsReason(e) }, { file: path });
	}
	// decoded strictly: reading as 'utf8' would turn a broken byte in a rule into U+FFFD silently
	const xml = bytes.length === 0 ? '' : decodeText(bytes, { file: path }).text;
	return parseSrx(xml, path);
}

/**
 * A segmenter for `lang` from the given rule files (default: the shipped rules). Several
 * files cascade in order: a user's file placed first refines the shipped rules.
 */
export function segmenterFor(lang: string, rules: SrxDocument[] = [loadSrxFile(defaultRulesPath())]): Segmenter {
	return compileSegmenter(rules, lang);
}

/** Convenience for callers with one paragraph at hand. */
export function segment(text: string, opts: { lang: string; segmenter?: Segmenter }): SegmentSpan[] {
	return segmentText(opts.segmenter ?? segmenterFor(opts.lang), text);
}
