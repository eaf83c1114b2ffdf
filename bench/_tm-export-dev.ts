/**
 * Development loop for the TMX export: one export of an existing database, timed (wall, CPU of
 * the whole process, VmHWM). Usage: node --import tsx bench/_tm-export-dev.ts old|new|new0|new1 DB OUT [rangeIds]
 */
import { closeSync, openSync, readFileSync, writeSync, statSync } from 'node:fs';
import { writeTmx } from '../src/core/formats/tmx/write.js';
import { createWorkbench } from '../src/core/workbench.server.js';
const [mode, db, out, rangeIds] = process.argv.slice(2);
const wb = createWorkbench({ dbPath: db });
const hwm = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1]) / 1024;
const rss0 = process.memoryUsage.rss() / 2 ** 20;
const c = process.cpuUsage();
const t = performance.now();
let n = 0;
const fd = openSync(out, 'w');
if (mode === 'old') {
	const counted = (function* () { for (const u of wb.tm.iterate()) { n++; yield u; } })();
	for (const s of writeTmx(counted, { srcLang: 'fr-FR', creationDate: '2026-01-01T00:00:00Z' })) writeSync(fd, s);
} else {
	const it = wb.tm.exportTmx({ header: { srcLang: 'fr-FR', creationDate: '2026-01-01T00:00:00Z' }, threads: mode === 'new0' ? 0 : mode === 'new1' ? 1 : 2, rangeIds: rangeIds ? Number(rangeIds) : undefined });
	for (;;) { const r = await it.next(); if (r.done) { n = r.value; break; } writeSync(fd, r.value); }
}
closeSync(fd);
const dt = (performance.now() - t) / 1000;
const cu = process.cpuUsage(c);
console.log(`${mode}: ${n} units ${dt.toFixed(2)} s wall, ${((cu.user + cu.system) / 1e6).toFixed(2)} s CPU → ${Math.round(n / dt)} units/s; rss before ${rss0.toFixed(0)} MB VmHWM ${hwm().toFixed(0)} MB; ${statSync(out).size} bytes`);
wb.close();
