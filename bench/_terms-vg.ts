// Development helper: a fixed amount of checking work, for counting instructions rather than
// timing them (this machine's timings vary by ±20–40 % from one hour to the next; instruction
// counts under cachegrind with V8 on one thread vary by ~0.05 %):
//   valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
//     node --single-threaded --import tsx bench/_terms-vg.ts [pairs=20000] [runs=4] [recent=1]
// The difference between runs=4 and runs=2 is two warm runs. `recent=0` checks without the
// texts of earlier documents (as runTermChecks document by document).
import { createRecentTexts, runTermChecks } from '../src/core/checks/run.js';
import { benchDocuments } from './_terms-dev.js';

const n = Number(process.argv[2] ?? 20000);
const runs = Number(process.argv[3] ?? 4);
const recent = process.argv[4] === '0' ? undefined : createRecentTexts();
const { docs, ctx } = benchDocuments(n);
let issues = 0;
for (let r = 0; r < runs; r++) for (const doc of docs) issues += runTermChecks(doc, ctx, { recent }).issues.length;
console.log(issues);
