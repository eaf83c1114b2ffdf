// Profiling helper for bench/terms.ts (not a benchmark): node --cpu-prof --import tsx bench/_terms-prof.ts [pairs]
import { createCheckContext, runTermChecks } from '../src/core/checks/run.js';
import type { SegmentPair } from '../src/core/checks/types.js';
import { buildGlossary, buildPairs, seedSentences, vocabulary } from './terms.js';

const n = Number(process.argv[2] ?? 20000);
const sentences = seedSentences();
const { concepts } = buildGlossary(10000, vocabulary(sentences), 2008);
const corpus = buildPairs(n, concepts, sentences, 2009);
const docs: SegmentPair[][] = [];
for (let d = 0; d * 500 < corpus.pairs.length; d++) docs.push(corpus.pairs.slice(d * 500, (d + 1) * 500).map((p, ord) => ({ ...p, document: d + 1, ord })));
const ctx = createCheckContext(concepts, 'fr-FR', 'en-GB');
for (let r = 0; r < 4; r++) {
	const t0 = performance.now();
	const c0 = process.cpuUsage();
	let issues = 0;
	for (const doc of docs) issues += runTermChecks(doc, ctx).issues.length;
	const cpu = process.cpuUsage(c0);
	console.log(`checks ${n}: ${((performance.now() - t0) / 1000).toFixed(2)} s wall, ${(cpu.user / 1e6).toFixed(2)} s user CPU, ${issues} issues`);
}
