// Development helper: CPU time of each phase of runTermChecks over a generated corpus (node --import tsx bench/_terms-phases.ts [pairs]).
import { analyze, PAIR_CHECKS } from '../src/core/checks/run.js';
import { termAcronym } from '../src/core/checks/term-acronym.js';
import { termInconsistency } from '../src/core/checks/term-inconsistency.js';
import { benchDocuments } from './_terms-dev.js';

const n = Number(process.argv[2] ?? 20000);
const { docs, ctx } = benchDocuments(n);
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
