/**
 * Runs robustness cases in this process, one after the other, each against a fresh copy of a
 * small populated database, and prints one JSON line per case (see CaseResult). Started by
 * robustness.test.ts as `node --import tsx worker.ts CASE.case.json…`; a case that hangs
 * is found by the parent through the `start` line it printed last.
 */
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isAtelierError } from '../../src/core/errors.js';
import { createExports } from '../../src/core/export/service.server.js';
import { readTmx } from '../../src/core/formats/tmx/read.js';
import { compileSegmenter, loadSrxFile, segmentText } from '../../src/core/segment/index.js';
import type { Encoding } from '../../src/core/text/decode.js';
import { createWorkbench } from '../../src/core/workbench.server.js';
import { createT, errorMessage } from '../../src/lib/i18n/index.js';
import { contentChecksum, tempDir } from '../helpers/db.js';
import { generatedFile } from './generate.js';
import type { CaseManifest, CaseResult } from './types.js';

const en = createT('en');
const fr = createT('fr');
const tmp = tempDir('atelier-robust-');
const base = join(tmp.dir, 'base.sqlite');
/** the document returned files are re-imported into */
let baseDoc = 0;

async function buildBase() {
	const wb = createWorkbench({ dbPath: base });
	baseDoc = (await wb.importDocument({ bytes: Buffer.from('Le Conseil se réunit.\n\nL’Alliance décide.\n'), file: 'base.txt', sourceLang: 'fr-FR', targetLang: 'en-GB' })).id;
	wb.terminology.importGlossary(Buffer.from('Forbidden,Domain,Subdomain,Definition,fr,Notes,Example of use,en,Notes,Example of use\nFALSE,,,,Conseil,,,Council,,\n'), 'base.csv');
	wb.tm.add([{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: 'Le Conseil se réunit.', target: 'The Council meets.', origin: 'import' }]);
	wb.close();
}

async function runCase(manifestPath: string): Promise<CaseResult> {
	const c = JSON.parse(readFileSync(manifestPath, 'utf8')) as CaseManifest;
	const id = `${c.format}/${c.file}`;
	const path = c.generate ? await generatedFile(c) : join(dirname(manifestPath), c.file);
	const dbPath = join(tmp.dir, 'case.sqlite');
	rmSync(dbPath, { force: true });
	copyFileSync(base, dbPath);
	const wb = createWorkbench({ dbPath });
	const before = contentChecksum(wb.db);
	const file = c.file;
	const o = c.options ?? {};
	let outcome: CaseResult['outcome'];
	let units = 0;
	const t0 = performance.now();
	const cpu0 = process.cpuUsage();
	try {
		switch (c.format) {
			case 'txt':
			case 'docx': {
				const r = await wb.importDocument({
					bytes: readFileSync(path),
					file,
					sourceLang: o.sourceLang ?? 'fr-FR',
					targetLang: o.targetLang ?? 'en-GB',
					encoding: o.encoding as Encoding | undefined
				});
				units = r.segments;
				break;
			}
			case 'tmx': {
				const { createReadStream } = await import('node:fs');
				const r = await wb.tm.importUnits(readTmx(createReadStream(path), { file, sourceLang: o.sourceLang, targetLang: o.targetLang }));
				units = r.units;
				break;
			}
			case 'tbx':
			case 'csv':
			case 'tsv':
				units = wb.terminology.importGlossary(readFileSync(path), file).concepts;
				break;
			case 'srx': {
				// the file keeps its own name: errors must name the file the user gave
				const own = join(tmp.dir, file);
				writeFileSync(own, readFileSync(path));
				const seg = compileSegmenter([loadSrxFile(own)], 'fr-FR');
				units = segmentText(seg, 'Un. Deux.').length;
				break;
			}
			case 'xliff':
			case 'docx-bilingual': {
				// what `atelier reimport DOC FILE --apply` does: plan (writes nothing), then apply,
				// which refuses a blocked plan (another document, other languages) as a whole
				const ex = createExports(wb);
				const plan = await ex.plan(baseDoc, readFileSync(path), file);
				units = ex.apply(plan).applied;
				break;
			}
			default:
				throw new Error(`no reader for ${c.format}`);
		}
		outcome = { kind: 'ok', units, contains: false };
	} catch (e) {
		if (isAtelierError(e)) {
			const loc = { ...e.location, ...(e.location.file ? { file: basename(e.location.file) } : {}) };
			outcome = { kind: 'error', code: e.code, location: loc, en: errorMessage(en, e), fr: errorMessage(fr, e) };
		} else {
			const err = e as Error;
			outcome = { kind: 'crash', name: err?.name ?? typeof e, message: String(err?.message ?? e).slice(0, 500), stack: err?.stack?.split('\n').slice(0, 6).join('\n') };
		}
	}
	const ms = performance.now() - t0;
	const cpu = process.cpuUsage(cpu0);
	let dbUnchanged = false;
	if (outcome.kind === 'ok') {
		if (c.expect && 'contains' in c.expect && c.expect.contains) outcome.contains = contentChecksum(wb.db).includes(c.expect.contains);
	} else {
		dbUnchanged = contentChecksum(wb.db) === before;
	}
	const integrity = String(wb.db.pragma('integrity_check', { simple: true }));
	wb.close();
	rmSync(dbPath, { force: true });
	return { id, ms: Math.round(ms), cpuMs: Math.round((cpu.user + cpu.system) / 1000), maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024), outcome, dbUnchanged, integrity };
}

await buildBase();
try {
	for (const m of process.argv.slice(2)) {
		process.stdout.write(`start ${m}\n`);
		const r = await runCase(m);
		process.stdout.write(`result ${JSON.stringify(r)}\n`);
	}
} finally {
	tmp.remove();
}
