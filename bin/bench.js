#!/usr/bin/env node
// `npm run bench -- NAME`: runs bench/NAME.ts (TypeScript through tsx) and lists them without a name.
import { readdirSync } from 'node:fs';
import { register } from 'tsx/esm/api';

const name = process.argv[2];
const dir = new URL('../bench/', import.meta.url);
const available = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.startsWith('_')).map((f) => f.slice(0, -3));
if (!name || !available.includes(name)) {
	console.error(`usage: npm run bench -- <${available.join('|')}>`);
	process.exit(1);
}
register();
const mod = await import(new URL(`${name}.ts`, dir).href);
await mod.run(process.argv.slice(3));
