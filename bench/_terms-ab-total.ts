// Development helper: runTermChecks over the bench corpus, this tree against a baseline tree (see _terms-ab.ts for making one), in one process;
// groups of 10 documents alternate A/B, and the sum of each group's minimum CPU over the rounds estimates an idle machine (the cores are shared).
// Run: node --import tsx bench/_terms-ab-total.ts /tmp/terms-base [rounds]
import { loadavg } from 'node:os';
import { buildGlossary, buildPairs, seedSentences, vocabulary } from './terms.js';
const base = process.argv[2] ?? '/tmp/terms4-base';
const rounds = Number(process.argv[3] ?? 6);
const A = await import(`${base}/src/core/checks/run.ts`);
const B = await import(new URL('../src/core/checks/run.ts', import.meta.url).href);
const sentences = seedSentences();
const { concepts } = buildGlossary(10000, vocabulary(sentences), 2008);
const corpus = buildPairs(100000, concepts, sentences, 2009);
const docs: any[][] = [];
for (let d = 0; d * 500 < corpus.pairs.length; d++) docs.push(corpus.pairs.slice(d * 500, (d + 1) * 500).map((p, ord) => ({ ...p, document: d + 1, ord })));
const ca = A.createCheckContext(concepts, 'fr-FR', 'en-GB'), cb = B.createCheckContext(concepts, 'fr-FR', 'en-GB');
const cpu = (f: () => void) => { const c0 = process.cpuUsage(); f(); const c = process.cpuUsage(c0); return (c.user + c.system) / 1e6; };
// per group of 10 documents, A and B alternately (order swapped each round); the sum over groups of each group's minimum
// estimates the time on an idle machine better than a whole run's minimum when other processes share the cores
const G = 10;
const groups = Math.ceil(docs.length / G);
const ma = new Array(groups).fill(Infinity), mb = new Array(groups).fill(Infinity);
for (let r = 0; r < rounds; r++) {
  let ta = 0, tb = 0;
  for (let g = 0; g < groups; g++) {
    const part = docs.slice(g * G, (g + 1) * G);
    const runA = () => cpu(() => { for (const d of part) A.runTermChecks(d, ca); });
    const runB = () => cpu(() => { for (const d of part) B.runTermChecks(d, cb); });
    let a, b;
    if ((r + g) % 2) { a = runA(); b = runB(); } else { b = runB(); a = runA(); }
    ta += a; tb += b;
    if (r > 0) { ma[g] = Math.min(ma[g], a); mb[g] = Math.min(mb[g], b); }
  }
  console.error(`round ${r}: base ${ta.toFixed(2)} this ${tb.toFixed(2)} load ${loadavg()[0].toFixed(1)}`);
}
const sa = ma.reduce((x, y) => x + y, 0), sb = mb.reduce((x, y) => x + y, 0);
console.log(`runTermChecks CPU s (sum of per-group minima, rounds 1..${rounds - 1}): base ${sa.toFixed(2)}, this ${sb.toFixed(2)}, ratio ${(sb / sa).toFixed(3)}`);
