// Profiling helper for bench/terms.ts (not a benchmark): node --cpu-prof --import tsx bench/_terms-prof.ts [pairs]
import { runTermChecks } from '../src/core/checks/run.js';
import { benchDocuments } from './_terms-dev.js';

const n = Number(process.argv[2] ?? 20000);
const { docs, ctx } = benchDocuments(n);
for (let r = 0; r < 4; r++) {
	const t0 = performance.now();
	const c0 = process.cpuUsage();
	let issues = 0;
	for (const doc of docs) issues += runTermChecks(doc, ctx).issues.length;
	const cpu = process.cpuUsage(c0);
	console.log(`checks ${n}: ${((performance.now() - t0) / 1000).toFixed(2)} s wall, ${(cpu.user / 1e6).toFixed(2)} s user CPU, ${issues} issues`);
}
