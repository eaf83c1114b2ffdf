/**
 * Quick import/export loop for development: N corpus units → TMX (cached in $TMPDIR), import
 * into a fresh database (readTmx → wb.tm.importUnits), export (writeTmx(wb.tm.iterate())),
 * each timed, optionally profiled. Usage: node --import tsx bench/_tm-dev-io.ts N [--prof]
 */
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTmx } from '../src/core/formats/tmx/read.js';
import { writeTmx } from '../src/core/formats/tmx/write.js';
import { createWorkbench } from '../src/core/workbench.server.js';
import { corpusGenerator, loadSeeds } from './_tm-corpus.js';
import { printSummary, profilePhase, summariseProfile } from './_tm-prof.js';

const N = Number(process.argv[2] ?? 100000);
const prof = process.argv.includes('--prof');
const only = process.argv.includes('--export-only') ? 'export' : process.argv.includes('--import-only') ? 'import' : 'both';
const tmx = join(tmpdir(), `atelier-tm-dev-${N}.tmx`);
if (!existsSync(tmx)) {
	const gen = corpusGenerator(loadSeeds(), 2008, 'open');
	const fd = openSync(tmx, 'w');
	function* units() {
		for (let i = 0; i < N; i++) yield gen.next();
	}
	for (const c of writeTmx(units(), { srcLang: 'fr-FR' })) writeSync(fd, c);
	closeSync(fd);
}
const dir = mkdtempSync(join(tmpdir(), 'atelier-tm-devio-'));
const dbPath = join(dir, 'tm.sqlite');
const hwm = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1]) / 1024;
const run = async <T>(label: string, fn: () => Promise<T> | T) => {
	const c = process.cpuUsage();
	const t = performance.now();
	let r: T;
	if (prof) {
		const p = await profilePhase(fn);
		r = p.result;
		printSummary(label, summariseProfile(p.profile, 25), 25);
	} else r = await fn();
	const dt = (performance.now() - t) / 1000;
	const cu = process.cpuUsage(c);
	console.log(`${label}: ${dt.toFixed(2)} s wall, ${((cu.user + cu.system) / 1e6).toFixed(2)} s CPU → ${Math.round(N / dt)} units/s; VmHWM ${hwm().toFixed(0)} MB`);
	return r;
};
const wb = createWorkbench({ dbPath });
console.log(`rss before ${(process.memoryUsage.rss() / 2 ** 20).toFixed(0)} MB`);
const r = await run('import', () => wb.tm.importUnits(readTmx(createReadStream(tmx), { file: tmx, sourceLang: 'fr-FR', targetLang: 'en-GB' })));
console.log(JSON.stringify(r), `db ${(statSync(dbPath).size / 2 ** 20).toFixed(0)} MB + wal ${existsSync(dbPath + '-wal') ? (statSync(dbPath + '-wal').size / 2 ** 20).toFixed(0) : 0} MB, tmx ${(statSync(tmx).size / 2 ** 20).toFixed(0)} MB`);
if (only !== 'import') {
	await run('export', () => {
		const fd = openSync(join(dir, 'out.tmx'), 'w');
		for (const c of writeTmx(wb.tm.iterate(), { srcLang: 'fr-FR' })) writeSync(fd, c);
		closeSync(fd);
	});
	console.log(`export same size as input: ${statSync(join(dir, 'out.tmx')).size} vs ${statSync(tmx).size}`);
}
wb.close();
rmSync(dir, { recursive: true, force: true });
