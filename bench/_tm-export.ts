/**
 * One TMX export of an existing database, in a process of its own so its peak RSS (VmHWM) is
 * the export's alone; CPU is the whole process's (worker threads included). Run by bench/tm.ts,
 * or by hand: node --import tsx bench/_tm-export.ts parallel|single DB OUT [threads] [rangeIds]
 *   parallel: wb.tm.exportTmx (worker threads when large; threads 'auto' unless given)
 *   single:   writeTmx(wb.tm.iterate()), the export as it was before the worker threads
 * Prints one JSON line.
 */
import { closeSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import { writeTmx } from '../src/core/formats/tmx/write.js';
import { createWorkbench } from '../src/core/workbench.server.js';

const [mode, db, out, threadsArg, rangeArg] = process.argv.slice(2);
const header = { srcLang: 'fr-FR', creationTool: 'Atelier', creationToolVersion: '0.1.0', creationDate: '2026-01-01T00:00:00.000Z' };
const wb = createWorkbench({ dbPath: db });
const mb = (kb: string) => Number(kb) / 1024;
const status = () => readFileSync('/proc/self/status', 'utf8');
const rssBeforeMB = mb(/VmRSS:\s+(\d+)/.exec(status())![1]);
let peakSampledMB = rssBeforeMB;
// CPU per thread (utime + stime of /proc/self/task/*/stat, the last value seen while the thread lived)
const taskCpu = new Map<string, { name: string; ticks: number }>();
const sampleTasks = () => {
	for (const tid of readdirSync('/proc/self/task')) {
		try {
			const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
			const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
			const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			taskCpu.set(tid, { name, ticks: Number(f[11]) + Number(f[12]) });
		} catch {
			/* the thread ended */
		}
	}
};
sampleTasks();
const startTicks = new Map([...taskCpu].map(([k, v]) => [k, v.ticks]));
const sampler = setInterval(() => {
	peakSampledMB = Math.max(peakSampledMB, process.memoryUsage.rss() / 2 ** 20);
	sampleTasks();
}, 50);
const c = process.cpuUsage();
const t = performance.now();
let units = 0;
const fd = openSync(out, 'w');
if (mode === 'single') {
	const counted = (function* () {
		for (const u of wb.tm.iterate()) {
			units++;
			yield u;
		}
	})();
	for (const s of writeTmx(counted, header)) writeSync(fd, s);
} else {
	const threads = threadsArg && threadsArg !== 'auto' ? Number(threadsArg) : 'auto';
	const it = wb.tm.exportTmx({ header, threads, rangeIds: rangeArg ? Number(rangeArg) : undefined });
	for (;;) {
		const r = await it.next();
		if (r.done) {
			units = r.value;
			break;
		}
		writeSync(fd, r.value);
	}
}
closeSync(fd);
const seconds = (performance.now() - t) / 1000;
sampleTasks();
const byThread: Record<string, number> = {};
for (const [tid, v] of taskCpu) {
	const key = tid === String(process.pid) ? 'main' : `${v.name}#${tid}`;
	byThread[key] = Number(((byThread[key] ?? 0) + (v.ticks - (startTicks.get(tid) ?? 0)) / 100).toFixed(2));
}
const cu = process.cpuUsage(c);
clearInterval(sampler);
wb.close();
console.log(
	JSON.stringify({
		mode,
		units,
		seconds,
		cpuSeconds: (cu.user + cu.system) / 1e6,
		rssBeforeMB,
		peakRssSampledMB: peakSampledMB,
		vmHwmMB: mb(/VmHWM:\s+(\d+)/.exec(status())![1]),
		bytes: statSync(out).size,
		/** CPU seconds per thread (name#tid) (sampled every 50 ms: a thread's last 50 ms may be missed) */
		cpuSecondsByThread: byThread
	})
);
