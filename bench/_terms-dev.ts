// Shared by the terms development helpers: the bench's glossary and corpus (seeds 2008 and
// 2009), cut into documents of 500 pairs, and the French→English check context.
import { createCheckContext } from '../src/core/checks/run.js';
import type { SegmentPair } from '../src/core/checks/types.js';
import { buildGlossary, buildPairs, seedSentences, vocabulary } from './terms.js';

export function benchDocuments(n: number) {
	const sentences = seedSentences();
	const { concepts } = buildGlossary(10000, vocabulary(sentences), 2008);
	const corpus = buildPairs(n, concepts, sentences, 2009);
	const docs: SegmentPair[][] = [];
	for (let d = 0; d * 500 < corpus.pairs.length; d++) docs.push(corpus.pairs.slice(d * 500, (d + 1) * 500).map((p, ord) => ({ ...p, document: d + 1, ord })));
	return { concepts, corpus, docs, ctx: createCheckContext(concepts, 'fr-FR', 'en-GB') };
}
