import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';

/** Deterministic PRNG (mulberry32): the same seed builds the same corpus on every machine. */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
}

export function writeResult(name: string, data: unknown): string {
	const dir = join(import.meta.dirname, 'results');
	mkdirSync(dir, { recursive: true });
	const path = join(dir, `${name}.json`);
	writeFileSync(
		path,
		JSON.stringify({ bench: name, date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model, ...(data as object) }, null, 2) + '\n'
	);
	return path;
}
