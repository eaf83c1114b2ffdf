/** Dev: the real import pipeline (tmxRows reader thread → importRows) on the first N units of the 1M bench file; how long this thread waited for the reader vs worked. Usage: node --import tsx bench/_tm-dev-import-pipe.ts N */
import { rmSync } from 'node:fs';
import { tmxRows } from '../src/core/tm/tmx-rows.server.js';
import { createWorkbench } from '../src/core/workbench.server.js';
const N = Number(process.argv[2] ?? 300000);
const db = '/tmp/imp/p5.sqlite';
for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
const wb = createWorkbench({ dbPath: db });
let waited = 0;
async function* take() {
	let n = 0;
	const it = tmxRows('/tmp/atelier-tm-dev-1000000.tmx', { file: 'x', sourceLang: 'fr-FR', targetLang: 'en-GB' })[Symbol.asyncIterator]();
	for (;;) {
		const t = performance.now();
		const r = await it.next();
		waited += performance.now() - t;
		if (r.done) return;
		yield r.value;
		n += r.value.length;
		if (n >= N) { await it.return?.(undefined as never); return; }
	}
}
const t0 = performance.now();
const c0 = process.cpuUsage();
const r = await wb.tm.importRows(take());
const s = (performance.now() - t0) / 1000;
const c = process.cpuUsage(c0);
console.log(JSON.stringify({ units: r.units, seconds: s.toFixed(2), perSecond: Math.round(r.units / s), waitedForReader: (waited / 1000).toFixed(2), mainBusy: (s - waited / 1000).toFixed(2), cpu: ((c.user + c.system) / 1e6).toFixed(2) }));
wb.close();
