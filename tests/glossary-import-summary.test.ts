import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtelierError } from '../src/core/errors.js';
import { duplicateKey } from '../src/core/terms/import-summary.js';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { contentChecksum, tempDir } from './helpers/db.js';
import { buildXlsx, sheetXml } from './helpers/xlsx.js';

const root = join(import.meta.dirname, '..');
const NB = '\u00a0';
const csv = (...lines: string[]) => Buffer.from(['Concept ID,fr-FR,en-GB', ...lines, ''].join('\n'));

const caught = (f: () => unknown): AtelierError => {
	try {
		f();
	} catch (e) {
		if (e instanceof AtelierError) return e;
		throw e;
	}
	throw new Error('no error thrown');
};

describe('the key under which two terms are one', () => {
	it('ignores case, accents, the apostrophe’s form, hyphen/space/en dash and plural endings, not the words', () => {
		const k = duplicateKey('Conseil OTAN-Russie', 'fr-FR');
		for (const v of ['conseil OTAN–Russie', 'CONSEIL OTAN RUSSIE', 'Conseils OTAN-Russie']) expect(duplicateKey(v, 'fr')).toBe(k);
		expect(duplicateKey('Centre OTAN-Russie', 'fr')).not.toBe(k);
		expect(duplicateKey('l’Alliance', 'fr')).toBe(duplicateKey("L'alliance", 'fr'));
		expect(duplicateKey('l’Alliance', 'fr')).not.toBe(duplicateKey('l Alliance', 'fr'));
		expect(duplicateKey('État membre', 'fr')).toBe(duplicateKey('etat membre', 'fr'));
	});
});

describe('glossary import summary', () => {
	let wb: Workbench;
	let dir: ReturnType<typeof tempDir>;
	beforeAll(() => {
		dir = tempDir();
		wb = createWorkbench({ dbPath: join(dir.dir, 'g.sqlite') });
		const first = wb.terminology.importGlossary(
			csv('nrc,Conseil OTAN-Russie,NATO-Russia Council', 'c-a,défense,defence', 'c-b,armée,army', 'c-all,l’Alliance,the Alliance', 'c-old,comité militaire,Military Committee'),
			'base.csv'
		);
		expect(first).toEqual({ file: 'base.csv', concepts: 5, terms: 10, added: 5, replaced: 0, unchanged: 0, warnings: [] });
	});
	afterAll(() => {
		wb.close();
		dir.remove();
	});

	it('a second CSV: counts added, replaced and unchanged; warns of each duplicate at its line and column, with both concept ids', () => {
		const r = wb.terminology.importGlossary(
			csv(
				'c-a,défense,defence', // line 2: unchanged
				'c-b,armée,armed forces', // line 3: replaced
				'c-old,Comité des plans de défense,Defence Planning Committee', // line 4: replaced, and no longer holds "comité militaire"
				'x-16,paix,peace', // line 5
				'x-17,conseil OTAN–Russie,NATO Russia council', // line 6: both terms are nrc's
				"x-18,L'alliance,Alliance", // line 7: the French one is c-all's
				'x-19,Paix,peace', // line 8: x-16's, earlier in the file
				'x-20,Comités militaires,military committees' // line 9: was c-old's, which this file replaces
			),
			'update.csv'
		);
		expect({ added: r.added, replaced: r.replaced, unchanged: r.unchanged, concepts: r.concepts, terms: r.terms }).toEqual({ added: 5, replaced: 2, unchanged: 1, concepts: 8, terms: 16 });
		expect(r.warnings).toEqual([
			{ code: 'duplicate_term', concept: 'x-17', lang: 'fr-FR', text: 'conseil OTAN–Russie', location: { file: 'update.csv', line: 6, column: 2 }, other: { concept: 'nrc', lang: 'fr-FR', text: 'Conseil OTAN-Russie' } },
			{ code: 'duplicate_term', concept: 'x-17', lang: 'en-GB', text: 'NATO Russia council', location: { file: 'update.csv', line: 6, column: 3 }, other: { concept: 'nrc', lang: 'en-GB', text: 'NATO-Russia Council' } },
			{ code: 'duplicate_term', concept: 'x-18', lang: 'fr-FR', text: "L'alliance", location: { file: 'update.csv', line: 7, column: 2 }, other: { concept: 'c-all', lang: 'fr-FR', text: 'l’Alliance' } },
			{
				code: 'duplicate_term',
				concept: 'x-19',
				lang: 'fr-FR',
				text: 'Paix',
				location: { file: 'update.csv', line: 8, column: 2 },
				other: { concept: 'x-16', lang: 'fr-FR', text: 'paix', location: { file: 'update.csv', line: 5, column: 2 } }
			},
			{
				code: 'duplicate_term',
				concept: 'x-19',
				lang: 'en-GB',
				text: 'peace',
				location: { file: 'update.csv', line: 8, column: 3 },
				other: { concept: 'x-16', lang: 'en-GB', text: 'peace', location: { file: 'update.csv', line: 5, column: 3 } }
			}
		]);
		// warnings do not block: every concept is stored, the replaced ones with the file's terms
		const byKey = new Map(wb.terminology.concepts().map((c) => [c.key, c.terms.map((t) => t.text)]));
		expect(byKey.get('x-17')).toEqual(['conseil OTAN–Russie', 'NATO Russia council']);
		expect(byKey.get('c-b')).toEqual(['armée', 'armed forces']);
		expect(byKey.get('nrc')).toEqual(['Conseil OTAN-Russie', 'NATO-Russia Council']);
		expect(wb.terminology.counts().concepts).toBe(10);

		// the same file again: nothing added or replaced, nothing rewritten
		const before = contentChecksum(wb.db);
		const again = wb.terminology.importGlossary(csv('c-a,défense,defence', 'x-16,paix,peace'), 'again.csv');
		expect({ added: again.added, replaced: again.replaced, unchanged: again.unchanged }).toEqual({ added: 0, replaced: 0, unchanged: 2 });
		// x-16's "paix" is now x-19's too, in the glossary
		expect(again.warnings.map((w) => [w.concept, w.text, w.other.concept, w.location])).toEqual([
			['x-16', 'paix', 'x-19', { file: 'again.csv', line: 3, column: 2 }],
			['x-16', 'peace', 'x-19', { file: 'again.csv', line: 3, column: 3 }]
		]);
		expect(contentChecksum(wb.db)).toBe(before);
	});

	it('TBX: a duplicate is located at its <term> element’s line and column', () => {
		const lines = [
			'<?xml version="1.0" encoding="UTF-8"?>',
			'<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">',
			'<text><body>',
			'  <conceptEntry id="t-1">',
			'    <langSec xml:lang="fr"><termSec><term>sécurité</term></termSec></langSec>',
			'    <langSec xml:lang="en"><termSec><term>security</term></termSec></langSec>',
			'  </conceptEntry>',
			'  <conceptEntry id="t-2">',
			'    <langSec xml:lang="fr">',
			'      <termSec>',
			'        <term>Conseil OTAN Russie</term>',
			'        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>',
			'      </termSec>',
			'    </langSec>',
			'  </conceptEntry>',
			'</body></text>',
			'</tbx>',
			''
		];
		const r = wb.terminology.importGlossary(Buffer.from(lines.join('\n')), 'termes.tbx');
		expect({ added: r.added, replaced: r.replaced, unchanged: r.unchanged }).toEqual({ added: 2, replaced: 0, unchanged: 0 });
		// line 11; the column is where the start tag ends, as the TBX reader's errors count it
		expect(r.warnings).toEqual([
			{
				code: 'duplicate_term',
				concept: 't-2',
				lang: 'fr',
				text: 'Conseil OTAN Russie',
				location: { file: 'termes.tbx', line: 11, column: lines[10].indexOf('<term>') + '<term>'.length },
				other: { concept: 'nrc', lang: 'fr-FR', text: 'Conseil OTAN-Russie' }
			},
			// x-17 holds the same term since the CSV import
			{
				code: 'duplicate_term',
				concept: 't-2',
				lang: 'fr',
				text: 'Conseil OTAN Russie',
				location: { file: 'termes.tbx', line: 11, column: lines[10].indexOf('<term>') + '<term>'.length },
				other: { concept: 'x-17', lang: 'fr-FR', text: 'conseil OTAN–Russie' }
			}
		]);
	});

	it('XLSX: a duplicate is located by sheet and cell', async () => {
		const bytes = await buildXlsx({
			sheets: [
				{
					name: 'Glossaire',
					xml: sheetXml([
						['Concept ID', 'fr-FR', 'en-GB'],
						['w-1', 'paix durable', 'lasting peace'],
						['w-2', 'Défense', 'Defence']
					])
				}
			]
		});
		const r = wb.terminology.importGlossary(bytes, 'lexique.xlsx');
		expect({ added: r.added, replaced: r.replaced, unchanged: r.unchanged }).toEqual({ added: 2, replaced: 0, unchanged: 0 });
		expect(r.warnings.map((w) => ({ concept: w.concept, location: w.location, other: w.other.concept }))).toEqual([
			{ concept: 'w-2', location: { file: 'lexique.xlsx', sheet: 'Glossaire', cell: 'B3' }, other: 'c-a' },
			{ concept: 'w-2', location: { file: 'lexique.xlsx', sheet: 'Glossaire', cell: 'C3' }, other: 'c-a' }
		]);
	});

	it('a file with an error changes nothing, its duplicates and new concepts included', async () => {
		const before = contentChecksum(wb.db);
		const bad = caught(() => wb.terminology.importGlossary(Buffer.from('Concept ID,fr-FR,en-GB,Status fr-FR\ny-1,paix,peace,\nc-a,défense,defense,obsolète\n'), 'bad.csv'));
		expect(bad.code).toBe('csv_invalid');
		expect(bad.location).toEqual({ file: 'bad.csv', line: 3, column: 4 });
		const xlsx = await buildXlsx({ sheets: [{ name: 'S', xml: sheetXml([['Concept ID', 'fr-FR', 'en-GB'], ['y-2', 'paix', 'peace'], ['y-3', { error: '#N/A' }, 'x']]) }] });
		expect(caught(() => wb.terminology.importGlossary(xlsx, 'bad.xlsx')).code).toBe('xlsx_cell');
		expect(contentChecksum(wb.db)).toBe(before);
	});
});

describe('atelier glossary import: the summary', () => {
	let dir: ReturnType<typeof tempDir>;
	beforeAll(() => {
		dir = tempDir();
	});
	afterAll(() => dir.remove());
	const atelier = (args: string[], lang = 'en') => {
		const r = spawnSync(process.execPath, [join(root, 'bin', 'atelier.js'), ...args], {
			cwd: dir.dir,
			encoding: 'utf8',
			env: { ...process.env, ATELIER_DB: join(dir.dir, 'cli.sqlite'), ATELIER_LANG: lang }
		});
		return { code: r.status, out: r.stdout, err: r.stderr };
	};

	it('prints the counts and each duplicate of the seeded glossary with its line; --json gives the summary; exit 0', () => {
		const file = join(dir.dir, 'nrc.csv');
		writeFileSync(file, csv('x-16,zone de paix,peace zone', 'x-17,Conseil OTAN-Russie,NATO-Russia Council'));
		const en = atelier(['glossary', 'import', file]);
		expect(en.err).toBe('');
		expect(en.code).toBe(0);
		expect(en.out).toBe(
			[
				`Imported 2 concepts (4 terms) from ${file}.`,
				'2 concepts added, 0 replaced, 0 unchanged.',
				'2 possible duplicates: terms of the file already belong to other concepts. Homonyms are allowed (an acronym with two meanings): check each one.',
				`${file}, line 3, column 2: fr-FR “Conseil OTAN-Russie” of concept x-17 is already a term of concept c-nrc (“Conseil OTAN-Russie”).`,
				`${file}, line 3, column 3: en-GB “NATO-Russia Council” of concept x-17 is already a term of concept c-nrc (“NATO-Russia Council”).`,
				''
			].join('\n')
		);
		writeFileSync(file, csv('x-16,zone de paix,peace zone', 'x-17,Conseil OTAN-Russie,NRC Council'));
		const fr = atelier(['glossary', 'import', file], 'fr');
		expect(fr.code).toBe(0);
		expect(fr.out.split('\n').slice(1)).toEqual([
			'0 concept ajouté, 1 remplacé, 1 inchangé.',
			`1 doublon possible${NB}: un terme du fichier est déjà celui d’un autre concept. Les homonymes sont permis (un sigle à deux sens)${NB}: vérifiez-le.`,
			`${file}, ligne 3, colonne 2${NB}: fr-FR «${NB}Conseil OTAN-Russie${NB}» du concept x-17 est déjà un terme du concept c-nrc («${NB}Conseil OTAN-Russie${NB}»).`,
			''
		]);
		const json = atelier(['glossary', 'import', file, '--json']);
		expect(json.code).toBe(0);
		expect(JSON.parse(json.out)).toEqual({
			file,
			concepts: 2,
			terms: 4,
			added: 0,
			replaced: 0,
			unchanged: 2,
			warnings: [{ code: 'duplicate_term', concept: 'x-17', lang: 'fr-FR', text: 'Conseil OTAN-Russie', location: { file, line: 3, column: 2 }, other: { concept: 'c-nrc', lang: 'fr', text: 'Conseil OTAN-Russie' } }]
		});
	});
});
