// Development helper: CPU time of each phase of the term checks, this tree against another (a baseline), alternating A/B in one
// process so that both meet the same machine load (the machine is shared): the minimum over the rounds is reported.
// The baseline tree: git archive REV | tar -x -C /tmp/terms-base && ln -s "$PWD/node_modules" /tmp/terms-base/node_modules
// Run: node --import tsx bench/_terms-ab.ts /tmp/terms-base [rounds]
import { loadavg } from 'node:os';
import { buildGlossary, buildPairs, seedSentences, vocabulary } from './terms.js';

const base = process.argv[2] ?? '/tmp/terms-base';
const rounds = Number(process.argv[3] ?? 5);
const load = async (root: string) => ({
	R: await import(`${root}/src/core/checks/run.ts`),
	T: await import(`${root}/src/core/terms/recognize.ts`),
	M: (await import(`${root}/src/core/checks/term-missing.ts`)).termMissing,
	F: (await import(`${root}/src/core/checks/term-forbidden.ts`)).termForbidden,
	AC: (await import(`${root}/src/core/checks/term-acronym.ts`)).termAcronym,
	I: (await import(`${root}/src/core/checks/term-inconsistency.ts`)).termInconsistency
});
const mods = { A: await load(base), B: await load(new URL('..', import.meta.url).pathname.replace(/\/$/, '')) };
const sentences = seedSentences();
const { concepts } = buildGlossary(10000, vocabulary(sentences), 2008);
const corpus = buildPairs(100000, concepts, sentences, 2009);
const docs: any[][] = [];
for (let d = 0; d * 500 < corpus.pairs.length; d++) docs.push(corpus.pairs.slice(d * 500, (d + 1) * 500).map((p, ord) => ({ ...p, document: d + 1, ord })));
const src = corpus.pairs.map((p) => p.source);
const tgt = corpus.pairs.map((p) => p.target ?? '');
const V = {
	A: { ...mods.A, ctx: mods.A.R.createCheckContext(concepts, 'fr-FR', 'en-GB') },
	B: { ...mods.B, ctx: mods.B.R.createCheckContext(concepts, 'fr-FR', 'en-GB') }
};
const cpu = (f: () => void) => { const c0 = process.cpuUsage(); f(); const c = process.cpuUsage(c0); return (c.user + c.system) / 1e6; };
const res: Record<string, Record<string, number[]>> = { A: {}, B: {} };
const rec = (v: string, k: string, x: number) => ((res[v][k] ??= []).push(x));
for (let r = 0; r < rounds; r++) {
	for (const v of ['A', 'B'] as const) {
		const { R, T, ctx, M, F, AC, I } = V[v];
		const scan = T.createScan();
		rec(v, 'scan source', cpu(() => { for (const s of src) T.scanText(s, scan); }));
		rec(v, 'scan+words source', cpu(() => { for (const s of src) T.wordsOf(ctx.source, T.scanText(s, scan)); }));
		rec(v, 'scan+words+match source', cpu(() => { for (const s of src) T.findAllInScan(ctx.source, T.scanText(s, scan)); }));
		rec(v, 'scan target', cpu(() => { for (const s of tgt) T.scanText(s, scan); }));
		rec(v, 'scan+words target', cpu(() => { for (const s of tgt) T.wordsOf(ctx.target, T.scanText(s, scan)); }));
		rec(v, 'scan+words+match target', cpu(() => { for (const s of tgt) T.findAllInScan(ctx.target, T.scanText(s, scan)); }));
		rec(v, 'scan+words+acronyms target', cpu(() => { for (const s of tgt) { T.scanText(s, scan); T.findTermsInScan(ctx.sourceAcronyms, scan, T.crossWords(ctx.sourceAcronyms, T.wordsOf(ctx.target, scan), scan.n)); } }));
		let an: any[][] = [];
		rec(v, 'analyze (all of the above, per document)', cpu(() => { an = docs.map((d) => R.analyze(d, ctx)); }));
		rec(v, 'check missing', cpu(() => { for (const a of an) for (const p of a) M.run(p, ctx); }));
		rec(v, 'check forbidden', cpu(() => { for (const a of an) for (const p of a) F.run(p, ctx); }));
		rec(v, 'check acronym', cpu(() => { for (const a of an) AC.run(a, ctx); }));
		rec(v, 'check consistency', cpu(() => { for (const a of an) I.run(a, ctx); }));
		an = [];
		rec(v, 'runTermChecks (all)', cpu(() => { for (const d of docs) R.runTermChecks(d, ctx); }));
	}
	console.error(`round ${r} load ${loadavg()[0].toFixed(1)}`);
}
const min = (x: number[]) => Math.min(...x);
console.log('phase'.padEnd(44), '  base', '  this   (min CPU s over', rounds, 'rounds, A/B alternating)');
for (const k of Object.keys(res.A)) console.log(k.padEnd(44), min(res.A[k]).toFixed(2).padStart(6), min(res.B[k]).toFixed(2).padStart(6));
