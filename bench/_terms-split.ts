// Development helper: CPU time of the recognition steps and of runTermChecks, each step timed per group of 10 documents and
// the minimum per group over the rounds summed (robust to other processes on the shared cores). Run: node --import tsx bench/_terms-split.ts [rounds]
import { loadavg } from 'node:os';
import { benchDocuments } from './_terms-dev.js';
import { analyze, runTermChecks, PAIR_CHECKS } from '../src/core/checks/run.js';
import { termAcronym } from '../src/core/checks/term-acronym.js';
import { termInconsistency } from '../src/core/checks/term-inconsistency.js';
import { createScan, crossWords, findAllInScan, findTermsInScan, scanText, wordsOf } from '../src/core/terms/recognize.js';
const { docs, ctx } = benchDocuments(100000);
const rounds = Number(process.argv[2] ?? 5);
const cpu = (f: () => void) => { const c0 = process.cpuUsage(); f(); const c = process.cpuUsage(c0); return (c.user + c.system) / 1e6; };
const scan = createScan();
const G = 10, groups = Math.ceil(docs.length / G);
const phases: Record<string, (part: any[][]) => void> = {
  scan: (part) => { for (const d of part) for (const p of d) { scanText(p.source, scan); if (p.target) scanText(p.target, scan); } },
  words: (part) => { for (const d of part) for (const p of d) { wordsOf(ctx.source, scanText(p.source, scan)); if (p.target) wordsOf(ctx.target, scanText(p.target, scan)); } },
  match: (part) => { for (const d of part) for (const p of d) { findAllInScan(ctx.source, scanText(p.source, scan)); if (p.target) findAllInScan(ctx.target, scanText(p.target, scan)); } },
  matchAcro: (part) => { for (const d of part) for (const p of d) { findAllInScan(ctx.source, scanText(p.source, scan)); if (p.target) { scanText(p.target, scan); const w = wordsOf(ctx.target, scan); findAllInScan(ctx.target, scan, w); findTermsInScan(ctx.sourceAcronyms, scan, crossWords(ctx.sourceAcronyms, w, scan.n)); } } },
  analyze: (part) => { for (const d of part) analyze(d, ctx); },
  analyzeChecks: (part) => { for (const d of part) { const a = analyze(d, ctx); for (const p of a) for (const c of PAIR_CHECKS) c.run(p, ctx); termAcronym.run(a, ctx); termInconsistency.run(a, ctx); } },
  all: (part) => { for (const d of part) runTermChecks(d, ctx); },
};
const mins: Record<string, number[]> = {};
for (const k in phases) mins[k] = new Array(groups).fill(Infinity);
for (let r = 0; r < rounds; r++) {
  for (let g = 0; g < groups; g++) {
    const part = docs.slice(g * G, (g + 1) * G);
    for (const k in phases) { const t = cpu(() => phases[k](part)); if (r > 0) mins[k][g] = Math.min(mins[k][g], t); }
  }
  console.error(`round ${r} load ${loadavg()[0].toFixed(1)}`);
}
console.log(Object.entries(mins).map(([k, v]) => `${k} ${v.reduce((a, b) => a + b, 0).toFixed(2)}`).join(', '));
