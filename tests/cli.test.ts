import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph } from 'docx';
import { writeTmx } from '../src/core/formats/tmx/write.js';
import { tempDir } from './helpers/db.js';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'atelier.js');
let dir: ReturnType<typeof tempDir>;

function atelier(args: string[], opts: { input?: string | Buffer; lang?: string } = {}) {
	const r = spawnSync(process.execPath, [bin, ...args], {
		cwd: dir.dir,
		input: opts.input,
		encoding: 'utf8',
		env: { ...process.env, ATELIER_DB: join(dir.dir, 'cli.sqlite'), ATELIER_LANG: opts.lang ?? 'en' }
	});
	return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
	dir = tempDir();
});
afterAll(() => dir.remove());

describe('atelier CLI', () => {
	it('docs lists the seeded documents, id first', () => {
		const r = atelier(['docs']);
		expect(r.code).toBe(0);
		const lines = r.out.trim().split('\n');
		// two originals and their English translations
		expect(lines).toHaveLength(4);
		expect(lines[0].split('\t')[0]).toBe('1');
		expect(lines.filter((l) => l.includes('fr-FR→en-GB'))).toHaveLength(2);
		expect(lines.filter((l) => l.includes('en-GB→fr-FR'))).toHaveLength(2);
		expect(r.out).toContain('Déclaration du Président');
	});

	it('import stores a file and prints its id; docs then shows it', () => {
		const file = join(dir.dir, 'note.txt');
		writeFileSync(file, 'Note sur la FIAS\n\nLe COR s’est réuni à Bucarest. Il a\ndécidé de renforcer la coopération.\n');
		const r = atelier(['import', file, '--lang', 'fr-FR', '--json']);
		expect(r.code, r.err).toBe(0);
		const res = JSON.parse(r.out);
		expect(res).toMatchObject({ id: 5, title: 'Note sur la FIAS', paragraphs: 2, segments: 3 });
		expect(atelier(['docs']).out.trim().split('\n')[4]).toMatch(/^5\tfr-FR→en-GB\t2\t3\t\d+\tNote sur la FIAS$/);
	});

	it('segment prints one segment per line and a blank line between paragraphs', () => {
		const r = atelier(['segment', '--lang', 'fr', '-'], { input: 'M. Dupont est arrivé. Il est\nparti.\n\nDeuxième paragraphe.' });
		expect(r.code).toBe(0);
		expect(r.out).toBe('M. Dupont est arrivé.\nIl est parti.\n\nDeuxième paragraphe.\n');
	});

	it('segment cleans a seed exactly as import does', () => {
		const r = atelier(['segment', '--lang', 'fr-FR', join(root, 'segments/bucharest-summit-2008/fr.txt')]);
		expect(r.code).toBe(0);
		const paras = r.out.trimEnd().split('\n\n');
		expect(paras).toHaveLength(33);
		expect(r.out).not.toContain('54 5');
		expect(r.out).toContain('Les participants au sommet ont également réaffirmé que la porte de l\'OTAN resterait ouverte');
	});

	it('--no-clean takes each line as a paragraph; --rules adds a user rule file', () => {
		const noClean = atelier(['segment', '--lang', 'fr', '--no-clean'], { input: 'Un titre\nune ligne. Deux.' });
		expect(noClean.out).toBe('Un titre\n\nune ligne.\nDeux.\n');
		const rules = join(dir.dir, 'mine.srx');
		writeFileSync(
			rules,
			`<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header cascade="yes"/><body><languagerules><languagerule languagerulename="Mine"><rule break="no"><beforebreak>\\bSTANAG \\d+\\.</beforebreak><afterbreak>\\s</afterbreak></rule></languagerule></languagerules><maprules><languagemap languagepattern="fr.*" languagerulename="Mine"/></maprules></body></srx>`
		);
		const input = 'Voir le STANAG 2116. Il fixe les grades.';
		expect(atelier(['segment', '--lang', 'fr', '--no-clean'], { input }).out.trim().split('\n')).toHaveLength(2);
		expect(atelier(['segment', '--lang', 'fr', '--no-clean', '--rules', rules], { input }).out.trim().split('\n')).toHaveLength(1);
	});

	it('--help on every command, exit 0', () => {
		for (const c of ['import', 'segment', 'docs']) {
			const r = atelier([c, '--help']);
			expect(r.code).toBe(0);
			expect(r.out).toMatch(new RegExp(`^Usage: atelier ${c}`));
		}
		expect(atelier(['--help']).out).toContain('Commands:');
	});

	it('user errors exit 1 with one translated line, and change nothing', () => {
		const before = readFileSync(join(dir.dir, 'cli.sqlite')).length;
		const latin1 = join(dir.dir, 'latin1.txt');
		writeFileSync(latin1, Buffer.from('Le Conseil s\'est réuni.', 'latin1'));
		const fr = atelier(['import', latin1, '--lang', 'fr-FR'], { lang: 'fr' });
		expect(fr.code).toBe(1);
		expect(fr.err.trim().split('\n')).toHaveLength(1);
		expect(fr.err).toContain('Latin-1');
		expect(fr.err).toContain('ligne 1, colonne 19');
		const en = atelier(['import', join(dir.dir, 'absent.txt'), '--lang', 'fr-FR']);
		expect(en.code).toBe(1);
		expect(en.err).toMatch(/cannot read .*absent\.txt/);
		expect(atelier(['import', latin1]).code).toBe(1);
		expect(atelier(['frobnicate']).code).toBe(1);
		expect(atelier(['segment', '--lang', 'fr', '--bogus']).code).toBe(1);
		expect(atelier(['docs']).out.trim().split('\n')).toHaveLength(5);
		expect(readFileSync(join(dir.dir, 'cli.sqlite')).length).toBe(before);
	});
});

describe('atelier terminology commands', () => {
	it('terms lists each term with its position, concept, status and equivalents', () => {
		const r = atelier(['terms', '--format', 'json', '-'], { input: 'Titre\nLa FIAS et l’OTAN ; le Conseil OTAN-Russie (COR).' });
		expect(r.code).toBe(0);
		const found = JSON.parse(r.out);
		expect(found.map((f: { line: number; column: number; text: string; concept: string }) => [f.line, f.column, f.text, f.concept])).toEqual([
			[2, 4, 'FIAS', 'c-isaf'],
			[2, 14, 'OTAN', 'c-nato'],
			[2, 24, 'Conseil OTAN-Russie', 'c-nrc'],
			[2, 45, 'COR', 'c-nrc']
		]);
		expect(found[0].equivalents).toContain('ISAF');
		const en = atelier(['terms', '--lang', 'en', '-'], { input: 'Nato and the missile defense.' });
		expect(en.out).toMatch(/^1:1\tNato\tc-nato\tforbidden → NATO\t/m);
		expect(en.out).toMatch(/missile defense\tc-missile-defence\tforbidden → missile defence/);
	});

	it('edit without a subcommand says so (not "DOC must be an integer"); a bad --status names the option', () => {
		const none = atelier(['edit']);
		expect([none.code, none.err]).toEqual([1, expect.stringMatching(/^atelier: .*edit.*show, set, pretranslate/)]);
		expect(none.err).not.toContain('DOC');
		const bogus = atelier(['edit', 'set', '1', '2', '--target', 'x', '--status', 'bogus']);
		expect([bogus.code, bogus.err.trim()]).toEqual([1, 'atelier: --status must be one of: new, draft, translated, reviewed, rejected']);
	});

	it('terms reads a Word document as segment and import do: one line per paragraph', async () => {
		const doc = new Document({ sections: [{ children: [new Paragraph('Titre'), new Paragraph('La FIAS et l’OTAN.')] }] });
		writeFileSync(join(dir.dir, 'terms.docx'), await Packer.toBuffer(doc));
		const r = atelier(['terms', '--format', 'json', 'terms.docx']);
		expect(r.code, r.err).toBe(0);
		expect(JSON.parse(r.out).map((f: { line: number; column: number; text: string }) => [f.line, f.column, f.text])).toEqual([
			[2, 4, 'FIAS'],
			[2, 14, 'OTAN']
		]);
	});

	it('check exits 0 without errors and 3 with them, in text or JSON', () => {
		const clean = atelier(['check', '1']);
		expect(clean.code).toBe(0);
		expect(clean.err).toContain('Errors: 0,');
		expect(atelier(['check', '999']).code).toBe(1);
		expect(atelier(['check', 'abc']).code).toBe(1);
	});

	it('check --source/--target checks one pair outside any document: exit 3 on errors, 0 when clean', () => {
		const bad = atelier(['check', '--source', 'L’OTAN et la FIAS sont en Afghanistan.', '--target', 'Nato and the FIAS are in Afghanistan.']);
		expect(bad.code).toBe(3);
		expect(bad.out.trim().split('\n').map((l) => l.split('\t').slice(0, 3))).toEqual([
			['target:1', 'Error', 'term-forbidden'],
			['target:14', 'Error', 'term-forbidden']
		]);
		expect(bad.out).toContain('write “ISAF”');
		expect(bad.err.trim()).toBe('Errors: 2, warnings: 0, accepted: 0');
		const json = JSON.parse(atelier(['check', '--source', 'Le COR s’est réuni.', '--target', 'The Council met.', '--format', 'json']).out);
		expect(json.issues.map((i: { check: string; params: { expected?: string } }) => [i.check, i.params.expected])).toEqual([['term-missing', 'NRC / NATO-Russia Council']]);
		// the source's full form asks for the full form first
		const full = JSON.parse(atelier(['check', '--source', 'Le Conseil OTAN-Russie s’est réuni.', '--target', 'The Council met.', '--format', 'json']).out);
		expect(full.issues.map((i: { check: string; params: { expected?: string } }) => [i.check, i.params.expected])).toEqual([['term-missing', 'NATO-Russia Council / NRC']]);
		const good = atelier(['check', '--source', 'L’OTAN et la FIAS sont en Afghanistan.', '--target', 'NATO and the International Security Assistance Force (ISAF) are in Afghanistan.'], { lang: 'fr' });
		expect([good.code, good.out, good.err.trim()]).toEqual([0, '', 'Erreurs\u00a0: 0, avertissements\u00a0: 0, acceptés\u00a0: 0']);
		const usage = atelier(['check', '--source', 'L’OTAN']);
		expect(usage.code).toBe(1);
		expect(usage.err).toContain('--target');
	});

	it('check --all gives every document the report check DOC gives, on one thread or on two', () => {
		// findings to find: a forbidden term and a French acronym left in a target of document 3
		expect(atelier(['edit', 'set', '3', '2', '--target', 'The Nato and the FIAS met.', '--status', 'translated']).code).toBe(0);
		const ids = atelier(['docs']).out.trim().split('\n').map((l) => Number(l.split('\t')[0]));
		const one = ids.map((id) => JSON.parse(atelier(['check', String(id), '--format', 'json']).out));
		expect(one.some((r) => r.counts.error > 0)).toBe(true);
		for (const threads of ['1', '2']) {
			const all = atelier(['check', '--all', '--format', 'json', '--threads', threads]);
			expect(all.code).toBe(3);
			expect(JSON.parse(all.out)).toEqual(ids.map((id, k) => ({ document: id, report: one[k] })));
		}
		// with a reference scope, documents go one per thread at a time: the same reports again
		const tmOne = ids.map((id) => JSON.parse(atelier(['check', String(id), '--format', 'json', '--scope', 'tm']).out));
		expect(JSON.parse(atelier(['check', '--all', '--format', 'json', '--scope', 'tm', '--threads', '2']).out)).toEqual(ids.map((id, k) => ({ document: id, report: tmOne[k] })));
		const text = atelier(['check', '--all']);
		expect(text.out).toMatch(/^3\t\d+\t/m);
		expect(text.err).toMatch(/\(document 3\): errors: [1-9]\d*,/);
		expect(atelier(['check', '--all', '1']).code).toBe(1);
		expect(atelier(['check', '--all', '--threads', '0']).code).toBe(1);
	}, 120_000);

	it('glossary export writes valid TBX and CSV; import of a bad file exits 1 and changes nothing', () => {
		const tbx = atelier(['glossary', 'export']);
		expect(tbx.code).toBe(0);
		expect(tbx.out).toContain('<tbx type="TBX-Basic"');
		const csv = atelier(['glossary', 'export', '--format', 'csv', '-o', join(dir.dir, 'g.csv')]);
		expect(csv.code).toBe(0);
		expect(readFileSync(join(dir.dir, 'g.csv'), 'utf8').split('\r\n')[0]).toMatch(/^\uFEFFForbidden,Domain,Subdomain,Definition,fr-FR,Notes,Example of use,en-GB/);
		const before = atelier(['glossary', 'list']).out;
		writeFileSync(join(dir.dir, 'bad.tbx'), '<tbx><text><body><conceptEntry id="x"></conceptEntry></body></text></tbx>');
		const bad = atelier(['glossary', 'import', join(dir.dir, 'bad.tbx')], { lang: 'fr' });
		expect(bad.code).toBe(1);
		expect(bad.err).toMatch(/le concept x n’a aucun terme.*ligne 1/);
		expect(atelier(['glossary', 'list']).out).toBe(before);
		expect(atelier(['glossary', 'list', '--search', 'FIAS']).out).toMatch(/^c-isaf\t/m);
	});

	it('tm import, lookup, concordance and stats; an empty answer is said on stderr, stdout stays empty', () => {
		const units = [
			{ source: 'La FIAS opère sous mandat du Conseil de sécurité des Nations Unies.', target: 'ISAF operates under a UN Security Council mandate.' },
			{ source: 'Les chefs d’état-major se sont réunis à Mons.', target: 'The Chiefs of Staff met in Mons.' }
		].map((u) => ({ ...u, sourceLang: 'fr-FR', targetLang: 'en-GB', origin: 'import' as const }));
		const file = join(dir.dir, 'cli-tm.tmx');
		writeFileSync(file, [...writeTmx(units, { srcLang: 'fr-FR', creationTool: 'test' })].join(''));
		const before = Number(/^units\t(\d+)$/m.exec(atelier(['tm', 'stats']).out)![1]);
		expect(atelier(['tm', 'import', file]).code).toBe(0);
		expect(atelier(['tm', 'stats']).out).toMatch(new RegExp(`^units\\t${before + 2}$`, 'm'));

		// one word changed: a fuzzy match, its score, the unit, and what differs
		const fuzzy = atelier(['tm', 'lookup', 'La FIAS opère sous mandat du Conseil de sécurité de l’ONU.']);
		expect(fuzzy.code).toBe(0);
		const [score, kind, source, target] = fuzzy.out.trim().split('\n')[0].split('\t');
		expect(Number(score.replace('%', ''))).toBeGreaterThanOrEqual(50);
		expect(Number(score.replace('%', ''))).toBeLessThan(100);
		expect([kind, source, target]).toEqual(['fuzzy', units[0].source, units[0].target]);
		expect(atelier(['tm', 'lookup', units[1].source]).out.split('\t').slice(0, 2)).toEqual(['100%', 'exact']);

		// the word marked in source and target
		const conc = atelier(['tm', 'concordance', 'Mons']);
		expect(conc.out.trim().split('\n')).toEqual(['Les chefs d’état-major se sont réunis à [Mons].\tThe Chiefs of Staff met in [Mons].\timport']);

		for (const [args, en, fr] of [
			[['tm', 'lookup', 'Zanzibar et Tombouctou'], 'No match of 50% or more.', 'Aucune correspondance de 50\u202f% ou plus.'],
			[['tm', 'lookup', 'La FIAS opère sous mandat du Conseil de sécurité de l’ONU.', '--threshold', '99'], 'No match of 99% or more.', 'Aucune correspondance de 99\u202f% ou plus.'],
			[['tm', 'concordance', 'Tombouctou'], 'No unit holds “Tombouctou”.', 'Aucune unité ne contient «\u00a0Tombouctou\u00a0».']
		] as const) {
			const r = atelier([...args]);
			expect([r.code, r.out, r.err.trim()]).toEqual([0, '', en]);
			expect(atelier([...args], { lang: 'fr' }).err.trim()).toBe(fr);
		}
		// --json still prints the (empty) list, for scripts
		expect(JSON.parse(atelier(['tm', 'lookup', 'Zanzibar et Tombouctou', '--json']).out)).toEqual([]);

		// --limit is a count ≥ 1: anything else is a usage error (it used to reach SQLite, or mean "no limit", or hide an exact match)
		for (const bad of ['abc', '2.5', '-1', '0', ''])
			for (const sub of [['concordance', 'Mons'], ['lookup', units[1].source]]) {
				const r = atelier(['tm', ...sub, `--limit=${bad}`]);
				expect([r.code, r.out, r.err.trim()], `${sub[0]} --limit ${bad}`).toEqual([1, '', 'atelier: --limit must be an integer ≥ 1']);
			}
		expect(atelier(['tm', 'concordance', 'Mons', '--limit', '1']).out.trim().split('\n')).toHaveLength(1);
	}, 120_000);
});
