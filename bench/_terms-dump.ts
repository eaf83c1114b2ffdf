// Development helper: every finding of runTermChecks on the bench's corpus (documents of 500, and a few runs with other documents as the reference), one line each, to prove a faster implementation reports the same (node --import tsx bench/_terms-dump.ts [pairs] [out] [threads]; threads > 0 checks through createDocumentChecker).
import { writeFileSync } from 'node:fs';
import { createDocumentChecker } from '../src/core/checks/parallel.server.js';
import { type CheckReport, createCheckContext, runTermChecks } from '../src/core/checks/run.js';
import type { SegmentPair } from '../src/core/checks/types.js';
import { buildGlossary, buildPairs, seedSentences, vocabulary } from './terms.js';

const n = Number(process.argv[2] ?? 100000);
const out = process.argv[3] ?? '/tmp/terms-dump.txt';
const threads = Number(process.argv[4] ?? 0);
const sentences = seedSentences();
const { concepts } = buildGlossary(10000, vocabulary(sentences), 2008);
const corpus = buildPairs(n, concepts, sentences, 2009);
const ctx = createCheckContext(concepts, 'fr-FR', 'en-GB');
const docs: SegmentPair[][] = [];
for (let d = 0; d * 500 < corpus.pairs.length; d++) docs.push(corpus.pairs.slice(d * 500, (d + 1) * 500).map((p, ord) => ({ ...p, document: d + 1, ord })));
const lines: string[] = [];
const dump = (label: string, issues: unknown[]) => {
	for (const i of issues) lines.push(`${label}\t${JSON.stringify(i)}`);
};
const refJobs = docs.slice(0, 10).map((doc, d) => ({
	pairs: doc,
	// consistency against other documents and TM-like units (tmUnit set), as the server runs it
	reference: [...docs[(d + 1) % docs.length].slice(0, 250), ...docs[(d + 2) % docs.length].slice(0, 200).map((p, k) => ({ ...p, document: undefined, tmUnit: 1000 + k }))]
}));
let reports: CheckReport[];
let refReports: CheckReport[];
if (threads > 0) {
	const checker = await createDocumentChecker(concepts, 'fr-FR', 'en-GB', { threads });
	reports = await checker.check(docs.map((pairs) => ({ pairs })));
	refReports = await checker.check(refJobs);
	await checker.close();
} else {
	reports = docs.map((doc) => runTermChecks(doc, ctx));
	refReports = refJobs.map((j) => runTermChecks(j.pairs, ctx, { reference: j.reference }));
}
reports.forEach((r, d) => dump(`doc${d + 1}`, r.issues));
refReports.forEach((r, d) => dump(`ref${d + 1}`, r.issues));
writeFileSync(out, lines.join('\n') + '\n');
console.log('wrote', out, lines.length, 'lines');
