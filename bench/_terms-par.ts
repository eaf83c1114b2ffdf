// Development helper: all checks over the bench's documents, on this thread and through createDocumentChecker (node --import tsx bench/_terms-par.ts [pairs] [threads] [runs]).
import { loadavg } from 'node:os';
import { createDocumentChecker } from '../src/core/checks/parallel.server.js';
import { runTermChecks } from '../src/core/checks/run.js';
import type { SegmentPair } from '../src/core/checks/types.js';
import { buildGlossary, buildPairs, seedSentences, vocabulary } from './terms.js';

const n = Number(process.argv[2] ?? 100000);
const threads = Number(process.argv[3] ?? 2);
const runs = Number(process.argv[4] ?? 3);
const sentences = seedSentences();
const { concepts } = buildGlossary(10000, vocabulary(sentences), 2008);
const corpus = buildPairs(n, concepts, sentences, 2009);
const docs: SegmentPair[][] = [];
for (let d = 0; d * 500 < corpus.pairs.length; d++) docs.push(corpus.pairs.slice(d * 500, (d + 1) * 500).map((p, ord) => ({ ...p, document: d + 1, ord })));
const checker = await createDocumentChecker(concepts, 'fr-FR', 'en-GB', { threads });
const single = await createDocumentChecker(concepts, 'fr-FR', 'en-GB', { threads: 1 });
const time = async (label: string, f: () => Promise<number> | number) => {
	const t0 = performance.now();
	const c0 = process.cpuUsage();
	const issues = await f();
	const c = process.cpuUsage(c0);
	console.log(`${label}: ${((performance.now() - t0) / 1000).toFixed(2)} s wall, ${((c.user + c.system) / 1e6).toFixed(2)} s CPU, ${issues} issues, load ${loadavg()[0].toFixed(1)}`);
};
for (let r = 0; r < runs; r++) {
	await time('one thread', () => docs.reduce((k, doc) => k + runTermChecks(doc, checker.ctx).issues.length, 0));
	await time('one thread, one memo for all', async () => (await single.check(docs.map((pairs) => ({ pairs })))).reduce((k, r) => k + r.issues.length, 0));
	await time(`${threads} threads`, async () => (await checker.check(docs.map((pairs) => ({ pairs })))).reduce((k, r) => k + r.issues.length, 0));
}
await checker.close();
