import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkbench } from '../src/core/workbench.server.js';
import * as atelier from '../src/index.js';
import { tempDir } from './helpers/db.js';

const root = resolve(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## As a TypeScript module'));
/** the README's example and the output it says the example prints: both are checked, so neither can drift */
const example = /```ts\n([\s\S]*?)```/.exec(section)![1];
const printed = /It prints:\n\n```\n([\s\S]*?)```/.exec(section)![1].trimEnd().split('\n');

const tmp = tempDir('atelier-module-');
afterAll(() => tmp.remove());

describe("the README's module example", () => {
	// a caller's own folder, where `atelier` resolves as the package (package.json "exports"), not by a path into src/
	const dbPath = join(tmp.dir, 'demo.sqlite');
	writeFileSync(join(tmp.dir, 'package.json'), JSON.stringify({ name: 'caller', private: true, type: 'module' }));
	writeFileSync(join(tmp.dir, 'example.ts'), example);
	symlinkSync(join(root, 'node_modules'), join(tmp.dir, 'node_modules'));
	const run = spawnSync(process.execPath, ['--import', 'tsx', 'example.ts', dbPath], { cwd: tmp.dir, encoding: 'utf8', timeout: 120_000 });

	it('runs, and prints what the README says it prints', () => {
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		expect(run.stdout.trimEnd().split('\n')).toEqual(printed);
	});

	it('left the database and the TMX file it says it did', () => {
		const confirmed = Number(/^pairs into the TM: (\d+)$/m.exec(run.stdout)![1]);
		expect(confirmed).toBeGreaterThan(20);
		const wb = createWorkbench({ dbPath });
		try {
			expect(wb.tm.stats().byOrigin).toEqual([{ origin: 'alignment', n: confirmed }]);
		} finally {
			wb.close();
		}
		const tmx = readdirSync(tmp.dir).filter((f) => f.endsWith('.tmx'));
		expect(tmx).toEqual([/^wrote (.+)$/m.exec(run.stdout)![1]]);
		expect(readFileSync(join(tmp.dir, tmx[0]), 'utf8').match(/<tu[ >]/g)).toHaveLength(confirmed);
	});
});

describe('the package entry', () => {
	it('names every function the README lists as public', () => {
		const listed = [...section.slice(0, section.indexOf('```ts')).matchAll(/`(\w+)\(/g)].map((m) => m[1]);
		expect(listed.length).toBeGreaterThan(12);
		for (const name of listed) if (!['importDocument', 'importTranslation'].includes(name)) expect(typeof (atelier as Record<string, unknown>)[name], name).toBe('function');
	});
});
