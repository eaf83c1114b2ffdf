import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { buildBilingual } from '../src/core/export/build.js';
import { EXPORT_FORMATS } from '../src/core/export/registry.js';
import { planReimport } from '../src/core/export/reimport.js';
import { createExports } from '../src/core/export/service.server.js';
import { readXliff } from '../src/core/formats/xliff/read.js';
import { writeXliff12, writeXliff20 } from '../src/core/formats/xliff/write.js';
import { createWorkbench } from '../src/core/workbench.server.js';
import { createT } from '../src/lib/i18n/index.js';
import { median, rng, writeResult } from './_util.js';

const WORDS = 'l’Alliance OTAN sécurité défense « partenaires » Afghanistan mission forces Conseil sommet États membres capacités coopération paix stabilité'.split(' ');

/**
 * Exports and re-import of one document of N segments, every segment translated: building the
 * bilingual rows (with and without the terminology checks), each writer, reading XLIFF back,
 * the re-import plan and its application. Baseline in the same run: JSON.stringify/parse of the
 * same rows (the cheapest possible serialisation), so the ratio says what a real format costs.
 */
export async function run(args: string[]) {
	const n = Number(args[0] ?? 10_000);
	const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-exports-'));
	const wb = createWorkbench({ dbPath: join(dir, 'db.sqlite') });
	try {
		wb.terminology.seed(join(import.meta.dirname, '..', 'glossary'));
		const r = rng(7);
		const sentence = () => {
			const k = 8 + Math.floor(r() * 14);
			const w = Array.from({ length: k }, () => WORDS[Math.floor(r() * WORDS.length)]);
			return w.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.';
		};
		const paras: string[] = [];
		for (let i = 0; i < n; i += 4) paras.push(Array.from({ length: Math.min(4, n - i) }, sentence).join(' '));
		const t0 = performance.now();
		const { id, segments } = await wb.importDocument({ bytes: new TextEncoder().encode(paras.join('\n\n')), file: 'bench.txt', sourceLang: 'fr-FR', targetLang: 'en-GB', noClean: true });
		wb.db.transaction(() => {
			for (let o = 0; o < segments; o++) wb.setTarget(id, o, `Translated sentence number ${o} — NATO “allies”.`, { status: 'translated' });
		})();
		const setup = performance.now() - t0;
		const t = createT('en') as unknown as (k: string, p?: Record<string, unknown>) => string;
		const time = async (fn: () => unknown, reps = 3) => {
			const xs: number[] = [];
			for (let i = 0; i < reps; i++) {
				const s = performance.now();
				await fn();
				xs.push(performance.now() - s);
			}
			return Math.round(median(xs));
		};
		const doc = buildBilingual(wb, id, { issues: false });
		const out: Record<string, number> = {};
		out.baselineJsonMs = await time(() => JSON.parse(JSON.stringify(doc)));
		out.buildMs = await time(() => buildBilingual(wb, id, { issues: false }));
		out.buildWithChecksMs = await time(() => buildBilingual(wb, id, { issues: true }), 1);
		for (const f of EXPORT_FORMATS) out[`write_${f.id}Ms`] = await time(() => f.write(doc, { t, uiLang: 'en' }));
		const x20 = new TextEncoder().encode(writeXliff20(doc));
		const x12 = new TextEncoder().encode(writeXliff12(doc));
		out.readXliff20Ms = await time(() => readXliff(x20, { file: 'b.xlf' }));
		out.readXliff12Ms = await time(() => readXliff(x12, { file: 'b.xlf' }));
		// a vendor changed one target in ten
		const changed = new TextEncoder().encode(new TextDecoder().decode(x20).replace(/(<target xml:space="preserve">Translated sentence number \d*0) /g, '$1 (revised) '));
		const returned = await readXliff(changed, { file: 'b.xlf' });
		out.planMs = await time(() => planReimport(doc, returned));
		const ex = createExports(wb);
		const plan = await ex.plan(id, changed, 'b.xlf');
		const s = performance.now();
		const applied = ex.apply(plan).applied;
		out.applyMs = Math.round(performance.now() - s);
		const result = { segments, setupMs: Math.round(setup), xliff20Bytes: x20.length, applied, ...out, xliff20VsJson: +(out.write_xliffMs / Math.max(1, out.baselineJsonMs)).toFixed(1) };
		console.log(result);
		console.log('written to', writeResult('exports', result));
	} finally {
		wb.close();
		rmSync(dir, { recursive: true, force: true });
	}
}
