import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/**
 * CPU profiles (.cpuprofile, as `node --cpu-prof` writes them) summarised: self time per
 * function and file, and the inclusive time of every function (its own time plus its callees').
 * Line numbers are those of tsx's compiled output, so functions are named by name and file.
 */

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
	hitCount?: number;
	children?: number[];
}

export interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

export interface ProfileLine {
	fn: string;
	file: string;
	ms: number;
	share: number;
}

export interface ProfileSummary {
	totalMs: number;
	self: ProfileLine[];
	inclusive: ProfileLine[];
}

const shortUrl = (u: string) => u.replace(/^file:\/\//, '').replace(/^.*?\/(src|bench|node_modules)\//, '$1/') || '(native)';

export function summariseProfile(p: CpuProfile, top = 15): ProfileSummary {
	const timeOf = new Map<number, number>();
	p.samples.forEach((s, i) => timeOf.set(s, (timeOf.get(s) ?? 0) + (p.timeDeltas[i] ?? 0)));
	const byId = new Map(p.nodes.map((n) => [n.id, n]));
	const parent = new Map<number, number>();
	for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const key = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'}\u0000${shortUrl(n.callFrame.url)}`;
	const self = new Map<string, number>();
	const incl = new Map<string, number>();
	let total = 0;
	for (const n of p.nodes) {
		const t = timeOf.get(n.id) ?? 0;
		if (!t) continue;
		total += t;
		self.set(key(n), (self.get(key(n)) ?? 0) + t);
		// inclusive: count the sample once for every distinct function on its stack
		const seen = new Set<string>();
		for (let cur: ProfileNode | undefined = n; cur; cur = byId.get(parent.get(cur.id) ?? -1)) {
			const k = key(cur);
			if (seen.has(k)) continue;
			seen.add(k);
			incl.set(k, (incl.get(k) ?? 0) + t);
		}
	}
	const lines = (m: Map<string, number>) =>
		[...m]
			.sort((a, b) => b[1] - a[1])
			.filter(([k]) => !/^\((root|program|idle)\)/.test(k))
			.slice(0, top)
			.map(([k, us]) => {
				const [fn, file] = k.split('\u0000');
				return { fn, file, ms: Math.round(us / 1000), share: Number((us / Math.max(1, total)).toFixed(3)) };
			});
	return { totalMs: Math.round(total / 1000), self: lines(self), inclusive: lines(incl) };
}

export function readProfile(path: string): CpuProfile {
	return JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
}

/** The same V8 sampling profiler `node --cpu-prof` uses, started and stopped around one phase of the parent. */
export async function profilePhase<T>(fn: () => Promise<T> | T): Promise<{ result: T; profile: CpuProfile }> {
	const session = new Session();
	session.connect();
	await session.post('Profiler.enable');
	await session.post('Profiler.setSamplingInterval', { interval: 1000 });
	await session.post('Profiler.start');
	try {
		const result = await fn();
		const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
		return { result, profile };
	} finally {
		session.disconnect();
	}
}

export function printSummary(title: string, s: ProfileSummary, top = 10): void {
	console.log(`    profile — ${title} (${(s.totalMs / 1000).toFixed(1)} s sampled)`);
	console.log('      self time:');
	for (const l of s.self.slice(0, top)) console.log(`        ${(l.share * 100).toFixed(1).padStart(5)} %  ${String(l.ms).padStart(7)} ms  ${l.fn}  ${l.file}`);
	console.log('      inclusive (function + callees):');
	for (const l of s.inclusive.slice(0, top)) console.log(`        ${(l.share * 100).toFixed(1).padStart(5)} %  ${String(l.ms).padStart(7)} ms  ${l.fn}  ${l.file}`);
}
