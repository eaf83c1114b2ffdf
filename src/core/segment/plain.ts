import { canonicalLang } from '../lang.js';
import type { CleanupEvent, SegmentedBlock } from '../model.js';
import { defaultRulesPath } from '../paths.js';
import { cleanup } from '../text/cleanup.js';
import { segmentBlocks } from '../text/import.js';
import { lexiconFor } from '../text/lexicon.js';
import { loadSrxFile } from './index.js';
import { type BreakDecision, compileSegmenter, explainBreaks, type Segmenter } from './segmenter.js';
import { parseSrx, type SrxDocument } from './srx-parse.js';

export interface SegmentationOptions {
	lang: string;
	/** extra SRX text, cascaded before the shipped rules */
	rules?: string;
	rulesFile?: string;
	/** the shipped rules, when the caller already holds them */
	base?: SrxDocument[];
}

/**
 * Cleanup + segmentation without a database: what `atelier segment` prints and what the
 * rule tester shows. Errors in user rules come back located in `rulesFile`.
 */
export function createSegmentation(opts: SegmentationOptions) {
	const lang = canonicalLang(opts.lang);
	const base = opts.base ?? [loadSrxFile(defaultRulesPath())];
	const docs = opts.rules ? [parseSrx(opts.rules, opts.rulesFile ?? 'rules.srx'), ...base] : base;
	const segmenter: Segmenter = compileSegmenter(docs, lang);
	const isWord = lexiconFor(lang);
	return {
		lang,
		segmenter,
		run(text: string, o: { noClean?: boolean } = {}): { blocks: SegmentedBlock[]; events: CleanupEvent[] } {
			const { blocks, events } = cleanup(text.normalize('NFC'), { noClean: o.noClean, isWord });
			return { blocks: segmentBlocks(blocks, segmenter), events };
		},
		explain(paragraph: string): BreakDecision[] {
			return explainBreaks(segmenter, paragraph);
		}
	};
}
