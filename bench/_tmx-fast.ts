// Dev bench: readTmx (saxes) vs readTmxFast on the dev TMX files, in one process, runs alternated
// so that the load other work puts on the shared cores hits both alike; the ratio is what counts.
//   node --import tsx bench/_tmx-fast.ts [rounds] [file…]
import { createReadStream, existsSync, statSync } from 'node:fs';
import { readTmx } from '../src/core/formats/tmx/read.js';
import { readTmxFast } from '../src/core/formats/tmx/fast-read.js';
import { median } from './_util.js';

const args = process.argv.slice(2);
const rounds = Number(args[0] ?? 3);
const files = (args.length > 1 ? args.slice(1) : ['/tmp/atelier-tm-dev-100000.tmx', '/tmp/atelier-tm-dev-1000000.tmx']).filter((f) => existsSync(f));

async function once(path: string, fast: boolean): Promise<{ wall: number; cpu: number; units: number; fellBack: string | null }> {
	let fellBack: string | null = null;
	const opts = { file: 'bench.tmx', onFallback: (why: string) => (fellBack = why) };
	const t = performance.now();
	const c = process.cpuUsage();
	const gen = fast ? readTmxFast({ open: () => createReadStream(path) }, opts) : readTmx(createReadStream(path), opts);
	let units = 0;
	for await (const batch of gen) units += batch.length;
	const u = process.cpuUsage(c);
	return { wall: (performance.now() - t) / 1000, cpu: (u.user + u.system) / 1e6, units, fellBack };
}

for (const path of files) {
	const mb = statSync(path).size / 2 ** 20;
	const cpu: Record<'saxes' | 'fast', number[]> = { saxes: [], fast: [] };
	const wall: Record<'saxes' | 'fast', number[]> = { saxes: [], fast: [] };
	let units = 0;
	// a short warm-up of both: tsx compiles the modules, V8 optimises the hot loops
	await once(path, false).catch(() => {});
	for (let r = 0; r < rounds; r++) {
		for (const kind of r % 2 ? (['fast', 'saxes'] as const) : (['saxes', 'fast'] as const)) {
			const m = await once(path, kind === 'fast');
			if (m.fellBack) throw new Error(`the fast reader gave up: ${m.fellBack}`);
			units = m.units;
			cpu[kind].push(m.cpu);
			wall[kind].push(m.wall);
			console.log(`${path} round ${r + 1} ${kind.padEnd(5)} ${m.wall.toFixed(2)} s wall, ${m.cpu.toFixed(2)} s CPU, ${Math.round(m.units / m.cpu)} units/CPU-s`);
		}
	}
	const ratios = cpu.saxes.map((s, i) => s / cpu.fast[i]);
	console.log(
		`${path} (${mb.toFixed(0)} MB, ${units} units): saxes ${median(cpu.saxes).toFixed(2)} s CPU (${Math.round(units / median(cpu.saxes))} units/s), fast ${median(cpu.fast).toFixed(2)} s CPU (${Math.round(units / median(cpu.fast))} units/s); CPU ratio per round ${ratios.map((r) => r.toFixed(2)).join(' ')}, median ×${median(ratios).toFixed(2)}; wall ratio ×${(median(wall.saxes) / median(wall.fast)).toFixed(2)}`
	);
}
