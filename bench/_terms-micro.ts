// Development helper: CPU time of the recognition steps (scan, word lookup, matching) over the bench's generated pairs (node --import tsx bench/_terms-micro.ts [pairs]).
import { createCheckContext } from '../src/core/checks/run.js';
import { createScan, crossWords, findAllInScan, findTermsInScan, scanText, wordsOf } from '../src/core/terms/recognize.js';
import { buildGlossary, buildPairs, seedSentences, vocabulary } from './terms.js';

const n = Number(process.argv[2] ?? 20000);
const sentences = seedSentences();
const { concepts } = buildGlossary(10000, vocabulary(sentences), 2008);
const corpus = buildPairs(n, concepts, sentences, 2009);
const ctx = createCheckContext(concepts, 'fr-FR', 'en-GB');
const cpu = () => {
	const c = process.cpuUsage();
	return (c.user + c.system) / 1e6;
};
const scan = createScan();
let stats = { tokens: 0, starts: 0, hits: 0 };
for (let r = 0; r < 4; r++) {
	const t: Record<string, number> = {};
	let c0 = cpu();
	for (const p of corpus.pairs) { scanText(p.source, scan); scanText(p.target ?? '', scan); }
	t.scan = cpu() - c0;
	c0 = cpu();
	for (const p of corpus.pairs) { wordsOf(ctx.source, scanText(p.source, scan)); wordsOf(ctx.target, scanText(p.target ?? '', scan)); }
	t.scanWords = cpu() - c0;
	c0 = cpu();
	stats = { tokens: 0, starts: 0, hits: 0 };
	for (const p of corpus.pairs) {
		const s = scanText(p.source, scan);
		const w = wordsOf(ctx.source, s);
		stats.tokens += s.n;
		for (let k = 0; k < s.n; k++) if (w[k].firsts) stats.starts++;
		stats.hits += findAllInScan(ctx.source, s, w).hits.length;
		const tt = scanText(p.target ?? '', scan);
		const tw = wordsOf(ctx.target, tt);
		stats.tokens += tt.n;
		for (let k = 0; k < tt.n; k++) if (tw[k].firsts) stats.starts++;
		stats.hits += findAllInScan(ctx.target, tt, tw).hits.length;
		findTermsInScan(ctx.sourceAcronyms, tt, crossWords(ctx.sourceAcronyms, tw, tt.n));
	}
	t.all = cpu() - c0;
	console.log(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Number(v.toFixed(3))])), stats);
}
