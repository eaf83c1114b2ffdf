// Development helper: CPU time of scanText alone over the bench's sources and targets (node --import tsx bench/_terms-scan.ts).
import { createScan, scanText } from '../src/core/terms/recognize.js';
import { buildGlossary, buildPairs, seedSentences, vocabulary } from './terms.js';
const sentences = seedSentences();
const { concepts } = buildGlossary(10000, vocabulary(sentences), 2008);
const corpus = buildPairs(100000, concepts, sentences, 2009);
const texts = corpus.pairs.flatMap((p) => [p.source, p.target ?? '']);
const scan = createScan();
let tokens = 0;
const cpu = (f: () => void) => { const c0 = process.cpuUsage(); f(); const c = process.cpuUsage(c0); return (c.user + c.system) / 1e6; };
const r: number[] = [];
for (let k = 0; k < 7; k++) r.push(cpu(() => { tokens = 0; for (const s of texts) tokens += scanText(s, scan).n; }));
console.log('scan min', Math.min(...r).toFixed(3), 'all', r.map((x) => x.toFixed(2)).join(' '), tokens);
