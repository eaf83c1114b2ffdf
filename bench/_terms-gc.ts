// Development helper: runTermChecks over the bench corpus, document by document, several runs; CPU, wall and GC time per run. Two of these at once showed how much the 2 cores slow each other (each ~1.35× slower).
// Run: node [--max-semi-space-size=N] --import tsx bench/_terms-gc.ts [runs]
import { PerformanceObserver } from 'node:perf_hooks';
import { runTermChecks } from '../src/core/checks/run.js';
import { benchDocuments } from './_terms-dev.js';
const runs = Number(process.argv[2] ?? 4);
const { docs, ctx } = benchDocuments(100000);
let gc = 0, gcN = 0;
const obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) { gc += e.duration; gcN++; } });
obs.observe({ entryTypes: ['gc'] });
for (let r = 0; r < runs; r++) {
	gc = 0; gcN = 0;
	const c0 = process.cpuUsage(); const t0 = performance.now();
	let issues = 0;
	for (const d of docs) issues += runTermChecks(d, ctx).issues.length;
	const t = (performance.now() - t0) / 1000; const c = process.cpuUsage(c0);
	await new Promise((r) => setTimeout(r, 50));
	console.log(`run ${r}: wall ${t.toFixed(2)} s cpu ${((c.user + c.system) / 1e6).toFixed(2)} s, gc ${(gc / 1000).toFixed(2)} s in ${gcN}, issues ${issues}`);
}
