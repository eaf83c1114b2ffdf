import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, commandHelp, mainHelp } from '../src/cli/main.js';
import { createT } from '../src/lib/i18n/index.js';

// `atelier --help` and every `atelier CMD --help` come from i18n (cliHelp.* in
// src/lib/i18n/parts/cli-help.*.json): French readers get French, with the same options.
const bin = join(import.meta.dirname, '..', 'bin', 'atelier.js');
const run = (args: string[], lang: string) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ATELIER_LANG: lang } });
const en = createT('en');
const fr = createT('fr');
const options = (s: string) => [...new Set(s.match(/(?<![\w-])--?[a-z][a-z-]*/g))].sort();

describe('CLI help in both languages', () => {
	it('atelier --help and a command’s --help follow ATELIER_LANG', () => {
		const main = run(['--help'], 'fr');
		expect(main.status).toBe(0);
		expect(main.stdout).toMatch(/^Utilisation\u00a0: atelier <commande> \[options\]\n\nCommandes\u00a0:\n/);
		expect(main.stdout).toContain('  tm         mémoire de traduction');
		expect(run(['--help'], 'en').stdout).toContain('Commands:');
		const tm = run(['tm', '--help'], 'fr');
		expect(tm.status).toBe(0);
		expect(tm.stdout).toMatch(/^Utilisation\u00a0: atelier tm import FICHIER\.tmx/);
		expect(tm.stdout).toContain('AAAA-MM-JJ');
	});

	it.each(COMMAND_NAMES)('%s: a French and an English text naming the same options', (name) => {
		const cmd = { name, helpVars: () => ({ encodings: 'ENC', formats: 'FMT', checks: 'CHK' }) };
		const e = commandHelp(en, cmd as never);
		const f = commandHelp(fr, cmd as never);
		expect(e).toMatch(new RegExp(`^Usage: atelier ${name}`));
		expect(f).toMatch(new RegExp(`^Utilisation\u00a0: atelier ${name}`));
		expect(f).not.toBe(e);
		expect(f).not.toContain('cliHelp.');
		expect(options(f)).toEqual(options(e));
		// no English prose left in the French text
		expect(f).not.toMatch(/\b(the|standard output|default)\b/);
		expect(mainHelp(fr)).toContain(`  ${name.padEnd(10)} ${fr(`cliHelp.commands.${name}.summary`)}`);
	});
});
