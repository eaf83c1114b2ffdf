// Development helper: where the CPU time of all checks goes, phase by phase, over the bench's corpus (node --import tsx bench/_terms-breakdown.ts [pairs] [runs]).
// Each phase is timed on its own over every document (the whole pass in one cpuUsage window, not per call), in the order runTermChecks runs them;
// "total" is runTermChecks itself, so the sum of the phases shows what the separate passes add or miss.
import { loadavg } from 'node:os';
import { analyze, runTermChecks } from '../src/core/checks/run.js';
import { termAcronym } from '../src/core/checks/term-acronym.js';
import { termForbidden } from '../src/core/checks/term-forbidden.js';
import { termInconsistency } from '../src/core/checks/term-inconsistency.js';
import { termMissing } from '../src/core/checks/term-missing.js';
import type { AnalyzedPair } from '../src/core/checks/types.js';
import { createScan, crossWords, findAllInScan, findTermsInScan, scanText, wordsOf } from '../src/core/terms/recognize.js';
import { benchDocuments } from './_terms-dev.js';

const n = Number(process.argv[2] ?? 100000);
const runs = Number(process.argv[3] ?? 3);
const { docs, ctx, corpus } = benchDocuments(n);
const cpu = () => {
	const c = process.cpuUsage();
	return (c.user + c.system) / 1e6;
};
const time = (f: () => void) => {
	const c0 = cpu();
	f();
	return cpu() - c0;
};
const scan = createScan();
const pairs = corpus.pairs;
for (let r = 0; r < runs; r++) {
	const t: Record<string, number> = {};
	t.scanSource = time(() => {
		for (const p of pairs) scanText(p.source, scan);
	});
	t.wordsSource = time(() => {
		for (const p of pairs) wordsOf(ctx.source, scanText(p.source, scan));
	}) - t.scanSource;
	t.recogniseSource = time(() => {
		for (const p of pairs) findAllInScan(ctx.source, scanText(p.source, scan));
	}) - t.scanSource - t.wordsSource;
	t.scanTarget = time(() => {
		for (const p of pairs) scanText(p.target ?? '', scan);
	});
	t.wordsTarget = time(() => {
		for (const p of pairs) wordsOf(ctx.target, scanText(p.target ?? '', scan));
	}) - t.scanTarget;
	t.recogniseTarget = time(() => {
		for (const p of pairs) findAllInScan(ctx.target, scanText(p.target ?? '', scan));
	}) - t.scanTarget - t.wordsTarget;
	t.acronymsInTarget = time(() => {
		for (const p of pairs) {
			scanText(p.target ?? '', scan);
			findTermsInScan(ctx.sourceAcronyms, scan, crossWords(ctx.sourceAcronyms, wordsOf(ctx.target, scan), scan.n));
		}
	}) - t.scanTarget - t.wordsTarget;
	let analyzed: AnalyzedPair[][] = [];
	const analyzeAll = time(() => {
		analyzed = docs.map((d) => analyze(d, ctx));
	});
	t.analyzeOverhead = analyzeAll - (t.scanSource + t.wordsSource + t.recogniseSource + t.scanTarget + t.wordsTarget + t.recogniseTarget + t.acronymsInTarget);
	t.checkMissing = time(() => {
		for (const a of analyzed) for (const p of a) termMissing.run(p, ctx);
	});
	t.checkForbidden = time(() => {
		for (const a of analyzed) for (const p of a) termForbidden.run(p, ctx);
	});
	t.checkAcronym = time(() => {
		for (const a of analyzed) termAcronym.run(a, ctx);
	});
	t.checkInconsistency = time(() => {
		for (const a of analyzed) termInconsistency.run(a, ctx);
	});
	analyzed = [];
	let issues = 0;
	const total = time(() => {
		for (const d of docs) issues += runTermChecks(d, ctx).issues.length;
	});
	const sum = Object.values(t).reduce((a, b) => a + b, 0);
	t.reportAssembly = total - sum;
	t.total = total;
	console.log(JSON.stringify(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Number(v.toFixed(2))]))), `issues ${issues}, load ${loadavg()[0].toFixed(1)}`);
}
