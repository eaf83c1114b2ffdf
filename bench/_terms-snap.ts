// Development helper: dumps recognition hits and check findings on a generated corpus, to compare two implementations.
import { writeFileSync } from 'node:fs';
import { createCheckContext, runTermChecks } from '../src/core/checks/run.js';
import type { SegmentPair } from '../src/core/checks/types.js';
import { findTerms } from '../src/core/terms/recognize.js';
import { buildGlossary, buildPairs, seedSentences, vocabulary } from './terms.js';

const n = Number(process.argv[2] ?? 20000);
const out = process.argv[3] ?? '/tmp/terms-snap.json';
const sentences = seedSentences();
const { concepts } = buildGlossary(10000, vocabulary(sentences), 2008);
const corpus = buildPairs(n, concepts, sentences, 2009);
const ctx = createCheckContext(concepts, 'fr-FR', 'en-GB');
const hits = corpus.pairs.map((p) => [findTerms(ctx.source, p.source), findTerms(ctx.target, p.target ?? ''), findTerms(ctx.sourceAcronyms, p.target ?? '')].map((hs) => hs.map((h) => `${h.start}-${h.end}:${h.conceptKey}:${h.term.text}`).join('|')));
const docs: SegmentPair[][] = [];
for (let d = 0; d * 500 < corpus.pairs.length; d++) docs.push(corpus.pairs.slice(d * 500, (d + 1) * 500).map((p, ord) => ({ ...p, document: d + 1, ord })));
const reports = docs.map((doc) => runTermChecks(doc, ctx));
writeFileSync(out, JSON.stringify({ hits, reports }));
console.log('wrote', out);
