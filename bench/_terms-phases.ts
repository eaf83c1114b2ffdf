// Development helper: CPU time of each phase of runTermChecks over a generated corpus (node --import tsx bench/_terms-phases.ts [pairs]).
import { analyze, createCheckContext, PAIR_CHECKS } from '../src/core/checks/run.js';
import { termAcronym } from '../src/core/checks/term-acronym.js';
import { termInconsistency } from '../src/core/checks/term-inconsistency.js';
import type { SegmentPair } from '../src/core/checks/types.js';
import { buildGlossary, buildPairs, seedSentences, vocabulary } from './terms.js';

const n = Number(process.argv[2] ?? 20000);
const sentences = seedSentences();
const { concepts } = buildGlossary(10000, vocabulary(sentences), 2008);
const corpus = buildPairs(n, concepts, sentences, 2009);
const docs: SegmentPair[][] = [];
for (let d = 0; d * 500 < corpus.pairs.length; d++) docs.push(corpus.pairs.slice(d * 500, (d + 1) * 500).map((p, ord) => ({ ...p, document: d + 1, ord })));
const ctx = createCheckContext(concepts, 'fr-FR', 'en-GB');
const cpu = () => {
	const c = process.cpuUsage();
	return (c.user + c.system) / 1e6;
};
for (let r = 0; r < 3; r++) {
	const t = { analyze: 0, pair: 0, acronym: 0, inconsistency: 0 };
	for (const doc of docs) {
		let c0 = cpu();
		const a = analyze(doc, ctx);
		t.analyze += cpu() - c0;
		c0 = cpu();
		for (const p of a) for (const c of PAIR_CHECKS) c.run(p, ctx);
		t.pair += cpu() - c0;
		c0 = cpu();
		termAcronym.run(a, ctx);
		t.acronym += cpu() - c0;
		c0 = cpu();
		termInconsistency.run(a, ctx);
		t.inconsistency += cpu() - c0;
	}
	console.log(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Number(v.toFixed(2))])));
}
