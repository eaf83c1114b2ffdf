import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
function files(dir: string): string[] {
	return readdirSync(dir).flatMap((n) => {
		const p = join(dir, n);
		return statSync(p).isDirectory() ? files(p) : /\.(ts|js|svelte)$/.test(n) ? [p] : [];
	});
}

describe('architecture', () => {
	const core = files(join(root, 'src/core'));

	it('the core imports nothing from SvelteKit, Svelte, the UI or the routes', () => {
		const bad = core.flatMap((f) =>
			[...readFileSync(f, 'utf8').matchAll(/from\s+'([^']+)'/g)]
				.map((m) => m[1])
				.filter((m) => /^(svelte|@sveltejs|\$app|\$lib|\$env)/.test(m) || /\/(lib|routes|cli)\//.test(m))
				.map((m) => `${relative(root, f)} → ${m}`)
		);
		expect(bad).toEqual([]);
	});

	it('SQL lives only in src/core/db', () => {
		const all = files(join(root, 'src'));
		const bad = all
			.filter((f) => !f.includes(join('src', 'core', 'db')))
			.filter((f) => /\.(prepare|exec|pragma)\(\s*[`'"]/.test(readFileSync(f, 'utf8')) || /\b(SELECT|INSERT|UPDATE|DELETE)\s+[\w*]/.test(readFileSync(f, 'utf8').replace(/\/\/.*|\/\*[\s\S]*?\*\//g, '')))
			.map((f) => relative(root, f));
		expect(bad).toEqual([]);
	});

	it('schema changes only through numbered migrations', () => {
		const dir = join(root, 'src/core/db/migrations');
		const names = readdirSync(dir);
		for (const n of names) expect(n).toMatch(/^\d{3}_[a-z0-9_]+\.sql$/);
		const nums = names.map((n) => Number(n.slice(0, 3)));
		expect(nums).toEqual(nums.map((_, i) => i + 1));
		const outside = files(join(root, 'src')).filter((f) => /CREATE\s+(TABLE|INDEX)|ALTER\s+TABLE/.test(readFileSync(f, 'utf8')) && !f.endsWith('open.server.ts'));
		expect(outside.map((f) => relative(root, f))).toEqual([]);
	});
});
