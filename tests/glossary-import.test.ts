import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtelierError } from '../src/core/errors.js';
import { readGlossaryCsv } from '../src/core/formats/csv/glossary.js';
import { parseCsv } from '../src/core/formats/csv/parse.js';
import { glossaryEncoding } from '../src/core/terminology.server.js';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { createT, errorMessage } from '../src/lib/i18n/index.js';
import { contentChecksum, tempDir } from './helpers/db.js';
import { buildXlsx, cp1252, sheetXml } from './helpers/xlsx.js';

const root = join(import.meta.dirname, '..');
const fixture = readFileSync(join(root, 'tests', 'fixtures', 'glossary-import', 'lexique-libreoffice.xlsx'));
const NB = '\u00a0';

/** What a French Excel writes for "CSV (séparateur : point-virgule)": accented headers, `;` inside quotes, CRLF, a last empty line. */
const FRENCH_EXCEL_CSV = [
	'Concept ID;fr-FR;Notes;en-GB;Notes;Catégorie;Domain',
	`c-otan;l’OTAN;"«${NB}sigle${NB}; à ne pas développer${NB}»";NATO;;Défense;Sécurité`,
	'c-oeuvre;main-d’œuvre;;workforce;;Économie;',
	'c-etat;"État membre";;member State;;;',
	';;;;;;',
	''
].join('\r\n');

const caught = (f: () => unknown): AtelierError => {
	try {
		f();
	} catch (e) {
		if (e instanceof AtelierError) return e;
		throw e;
	}
	throw new Error('no error thrown');
};

describe('glossary import: the files terminologists hand over', () => {
	let wb: Workbench;
	let dir: ReturnType<typeof tempDir>;
	beforeAll(() => {
		dir = tempDir();
		wb = createWorkbench({ dbPath: join(dir.dir, 'g.sqlite') });
	});
	afterAll(() => {
		wb.close();
		dir.remove();
	});

	const expected = [
		{ key: 'c-otan', subject: 'Sécurité', terms: [{ lang: 'fr-FR', text: 'l’OTAN', status: 'preferred', note: `«${NB}sigle${NB}; à ne pas développer${NB}»` }, { lang: 'en-GB', text: 'NATO', status: 'preferred' }] },
		{ key: 'c-oeuvre', terms: [{ lang: 'fr-FR', text: 'main-d’œuvre', status: 'preferred' }, { lang: 'en-GB', text: 'workforce', status: 'preferred' }] },
		{ key: 'c-etat', terms: [{ lang: 'fr-FR', text: 'État membre', status: 'preferred' }, { lang: 'en-GB', text: 'member State', status: 'preferred' }] }
	];

	it('the French Excel CSV is semicolon-separated, and its quoted “;” stays in the cell', () => {
		const { delimiter, rows } = parseCsv(FRENCH_EXCEL_CSV, 'fr.csv');
		expect(delimiter).toBe(';');
		expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4]);
		expect(rows[0].cells).toEqual(['Concept ID', 'fr-FR', 'Notes', 'en-GB', 'Notes', 'Catégorie', 'Domain']);
		expect(rows[1].cells[2]).toBe(`«${NB}sigle${NB}; à ne pas développer${NB}»`);
		expect(readGlossaryCsv(FRENCH_EXCEL_CSV, 'fr.csv')).toEqual(expected);
	});

	it('Windows-1252 with “;”: refused in auto with the encoding to choose, read exactly when it is chosen', () => {
		const bytes = cp1252(FRENCH_EXCEL_CSV);
		const before = contentChecksum(wb.db);
		const e = caught(() => wb.terminology.importGlossary(bytes, 'glossaire.csv'));
		expect(e.code).toBe('encoding_latin1');
		expect(errorMessage(createT('fr'), e)).toMatch(/choisissez (cet|son) encodage/i);
		expect(contentChecksum(wb.db)).toBe(before);
		for (const label of ['windows-1252', 'iso-8859-1', 'latin1', 'cp1252']) {
			const encoding = glossaryEncoding(label);
			expect(encoding).not.toBeNull();
			expect(wb.terminology.parseGlossary(bytes, 'glossaire.csv', { encoding: encoding! })).toEqual(expected);
		}
		expect(wb.terminology.importGlossary(bytes, 'glossaire.csv', { encoding: 'windows-1252' })).toMatchObject({ concepts: 3, terms: 6, added: 3, replaced: 0, unchanged: 0 });
		const stored = wb.terminology.concepts().find((c) => c.key === 'c-otan')!;
		expect(stored.terms[0].note).toBe(`«${NB}sigle${NB}; à ne pas développer${NB}»`);
		expect(glossaryEncoding('ebcdic')).toBeNull();
	});

	it('Excel’s “Unicode text” (UTF-16LE with a BOM, tabs) is detected in auto, and UTF-16BE with a BOM too', () => {
		const tsv = [
			'Concept ID\tfr-FR\tNotes\ten-GB\tNotes\tCatégorie\tDomain',
			`c-otan\tl’OTAN\t«${NB}sigle${NB}; à ne pas développer${NB}»\tNATO\t\tDéfense\tSécurité`,
			'c-oeuvre\tmain-d’œuvre\t\tworkforce\t\tÉconomie\t',
			'c-etat\tÉtat membre\t\tmember State\t\t\t',
			''
		].join('\r\n');
		const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]);
		expect(wb.terminology.parseGlossary(le, 'glossaire.txt')).toEqual(expected);
		const be = Buffer.from(le);
		be.swap16();
		expect(wb.terminology.parseGlossary(be, 'glossaire.txt')).toEqual(expected);
		// a BOM that contradicts the chosen encoding is refused rather than misread
		const mismatch = caught(() => wb.terminology.parseGlossary(le, 'glossaire.txt', { encoding: 'windows-1252' }));
		expect(mismatch.code).toBe('encoding_bom_mismatch');
		expect(errorMessage(createT('en'), mismatch)).toBe('glossaire.txt starts with a utf-16le byte-order mark, so it is not windows-1252. Choose utf-16le, or “auto”.');
		// a Windows-1252 file read as UTF-16 (the reviewer's case): not "choose the encoding explicitly"
		const odd = caught(() => wb.terminology.parseGlossary(Buffer.from('fr;en\nd\xe9fense;defence', 'latin1'), 'glossaire.csv', { encoding: 'utf-16le' }));
		expect(odd.code).toBe('encoding_odd_length');
	});

	it('a workbook is told by its bytes, whatever its name, and errors name the cell', async () => {
		expect(wb.terminology.parseGlossary(fixture, 'sans-extension').map((c) => c.key)).toEqual(['c-otan', 'c-oeuvre', 'c-art5', 'c-etat']);
		const bytes = await buildXlsx({ sheets: [{ name: 'Termes', xml: sheetXml([['fr', 'en', 'Status en'], ['défense', 'defence', 'preferred'], ['OTAN', 'NATO', 'préféré']]) }] });
		const before = contentChecksum(wb.db);
		const e = caught(() => wb.terminology.importGlossary(bytes, 'termes.xlsx'));
		expect(errorMessage(createT('fr'), e)).toBe(`termes.xlsx, feuille «${NB}Termes${NB}», cellule C3${NB}: status inconnu «${NB}préféré${NB}»`);
		expect(contentChecksum(wb.db)).toBe(before);
		// an .xlsx that is not one
		expect(caught(() => wb.terminology.parseGlossary(Buffer.from('fr,en\nOTAN,NATO\n'), 'faux.xlsx')).code).toBe('xlsx_invalid');
		// an .xls that is tab-separated text (as some tools export) is read as text
		expect(wb.terminology.parseGlossary(Buffer.from('fr\ten\nOTAN\tNATO\n'), 'export.xls')[0].terms.map((t) => t.text)).toEqual(['OTAN', 'NATO']);
	});

	it('a forbidden term stays forbidden when a French Excel writes VRAI; an unknown yes/no is refused at its line and column, changing nothing', () => {
		const csv = (...rows: string[]) => Buffer.from(['Forbidden;Concept ID;fr-FR;en-GB', ...rows, ''].join('\r\n'));
		const statuses = (key: string) => wb.terminology.concepts().find((c) => c.key === key)!.terms.map((t) => `${t.text}:${t.status}`);
		wb.terminology.importGlossary(csv('TRUE;c-nato;OTAN;Nato', 'FALSE;c-defense;défense;defence'), 'lexique.csv');
		expect(statuses('c-nato')).toEqual(['OTAN:preferred', 'Nato:forbidden']);
		wb.terminology.importGlossary(csv('VRAI;c-nato;OTAN;Nato', 'FAUX;c-defense;défense;defence'), 'lexique.csv');
		expect(statuses('c-nato')).toEqual(['OTAN:preferred', 'Nato:forbidden']);
		expect(statuses('c-defense')).toEqual(['défense:preferred', 'defence:preferred']);
		wb.terminology.importGlossary(csv(' oui ;c-nato;OTAN;Nato', 'NON;c-defense;défense;defence', 'x;c-x;armée;army', ';c-vide;paix;peace'), 'lexique.csv');
		expect([statuses('c-nato')[1], statuses('c-defense')[1], statuses('c-x')[1], statuses('c-vide')[1]]).toEqual(['Nato:forbidden', 'defence:preferred', 'army:forbidden', 'peace:preferred']);

		const before = contentChecksum(wb.db);
		// the valid row 2 would make Nato preferred: it is not stored either
		const e = caught(() => wb.terminology.importGlossary(csv('non;c-nato;OTAN;Nato', 'peut-être;c-defense;défense;defence'), 'lexique.csv'));
		expect(e.code).toBe('csv_invalid');
		expect(e.location).toEqual({ file: 'lexique.csv', line: 3, column: 1 });
		expect(errorMessage(createT('fr'), e)).toBe(
			`lexique.csv${NB}: CSV invalide${NB}: «${NB}peut-être${NB}» n’est pas une valeur oui/non pour Forbidden${NB}: écrivez VRAI ou FAUX, TRUE ou FALSE, oui ou non, yes ou no, 1 ou 0, x ou rien (ligne 3, colonne 1)`
		);
		expect(contentChecksum(wb.db)).toBe(before);
		expect(statuses('c-nato')).toEqual(['OTAN:preferred', 'Nato:forbidden']);
	});

	it('an Excel error value (#N/A, #VALEUR!) in a column of terms is refused at its line and column; in a note it is text', () => {
		const before = contentChecksum(wb.db);
		const e = caught(() => wb.terminology.importGlossary(Buffer.from('Concept ID,fr-FR,en-GB\nc-na1,défense,defence\nc-na2,#N/A,NATO\n'), 'na.csv'));
		expect(e.code).toBe('csv_invalid');
		expect(e.location).toEqual({ file: 'na.csv', line: 3, column: 2 });
		expect(errorMessage(createT('en'), e)).toBe(
			'na.csv: invalid CSV: the cell holds the spreadsheet error “#N/A” (a formula that failed), not a term: correct it in the spreadsheet, then export again (line 3, column 2)'
		);
		const tsv = caught(() => wb.terminology.parseGlossary(Buffer.from('fr-FR\ten-GB\tConcept ID\nOTAN\t #VALEUR! \tc-na3\n'), 'na.tsv'));
		expect(tsv.location).toEqual({ file: 'na.tsv', line: 2, column: 2 });
		expect(errorMessage(createT('fr'), tsv)).toContain(`l’erreur de tableur «${NB}#VALEUR!${NB}»`);
		expect(contentChecksum(wb.db)).toBe(before);
		const noted = wb.terminology.parseGlossary(Buffer.from('fr-FR,Notes,en-GB\nOTAN,#N/A,NATO\n'), 'note.csv');
		expect(noted[0].terms[0]).toEqual({ lang: 'fr-FR', text: 'OTAN', status: 'preferred', note: '#N/A' });
	});

	it('a workbook that inflates past the default cap is refused, and changes nothing', () => {
		// 101 MiB of one letter deflates to ~100 KiB
		const data = deflateRawSync(Buffer.alloc(101 * 1024 * 1024, 0x61), { level: 9 });
		const bytes = zipOne('xl/workbook.xml', data, 101 * 1024 * 1024);
		const before = contentChecksum(wb.db);
		const e = caught(() => wb.terminology.importGlossary(bytes, 'bombe.xlsx'));
		expect(e.code).toBe('xlsx_too_large');
		expect(errorMessage(createT('en'), e)).toContain('more than 100 MB');
		expect(contentChecksum(wb.db)).toBe(before);
	});
});

/** One deflated entry in a ZIP, by hand. */
function zipOne(name: string, data: Buffer, size: number): Buffer {
	const n = Buffer.from(name);
	const lh = Buffer.alloc(30);
	lh.writeUInt32LE(0x04034b50, 0);
	lh.writeUInt16LE(20, 4);
	lh.writeUInt16LE(8, 8);
	lh.writeUInt32LE(data.length, 18);
	lh.writeUInt32LE(size, 22);
	lh.writeUInt16LE(n.length, 26);
	const ch = Buffer.alloc(46);
	ch.writeUInt32LE(0x02014b50, 0);
	ch.writeUInt16LE(8, 10);
	ch.writeUInt32LE(data.length, 20);
	ch.writeUInt32LE(size, 24);
	ch.writeUInt16LE(n.length, 28);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(1, 8);
	end.writeUInt16LE(1, 10);
	end.writeUInt32LE(46 + n.length, 12);
	end.writeUInt32LE(30 + n.length + data.length, 16);
	return Buffer.concat([lh, n, data, ch, n, end]);
}

describe('atelier glossary import', () => {
	let dir: ReturnType<typeof tempDir>;
	beforeAll(() => {
		dir = tempDir();
	});
	afterAll(() => dir.remove());
	const atelier = (args: string[], lang = 'fr') => {
		const r = spawnSync(process.execPath, [join(root, 'bin', 'atelier.js'), ...args], {
			cwd: dir.dir,
			encoding: 'utf8',
			env: { ...process.env, ATELIER_DB: join(dir.dir, 'cli.sqlite'), ATELIER_LANG: lang }
		});
		return { code: r.status, out: r.stdout, err: r.stderr };
	};

	it('imports a Windows-1252 CSV with --encoding and a workbook sheet with --sheet; a wrong option says what to write', () => {
		const csv = join(dir.dir, 'glossaire.csv');
		writeFileSync(csv, cp1252(FRENCH_EXCEL_CSV));
		const auto = atelier(['glossary', 'import', csv]);
		expect(auto.code).toBe(1);
		expect(auto.err).toMatch(/^atelier: .*glossaire\.csv.*choisissez (cet|son) encodage/i);
		const ok = atelier(['glossary', 'import', csv, '--encoding', 'windows-1252']);
		expect(ok.err).toBe('');
		// then the duplicate warnings against the seeded glossary (tests/glossary-import-summary.test.ts)
		expect(ok.out.split('\n').slice(0, 2)).toEqual([`Importé de ${csv}${NB}: 3 concepts (6 termes).`, '3 concepts ajoutés, 0 remplacé, 0 inchangé.']);
		expect(atelier(['glossary', 'list', '--search', 'œuvre']).out).toBe('c-oeuvre\tfr-FR:main-d’œuvre[preferred]\ten-GB:workforce[preferred]\n');

		const xlsx = join(dir.dir, 'lexique.xlsx');
		writeFileSync(xlsx, fixture);
		const bad = atelier(['glossary', 'import', xlsx, '--sheet', 'Archive'], 'en');
		expect(bad.code).toBe(1);
		expect(bad.err).toBe('atelier: lexique.xlsx, sheet “Archive”, cell D2: unknown status “obsolète”\n'.replace('lexique.xlsx', xlsx));
		const first = atelier(['glossary', 'import', xlsx], 'en');
		expect(first.out.split('\n').slice(0, 2)).toEqual([`Imported 4 concepts (8 terms) from ${xlsx}.`, '1 concept added, 2 replaced, 1 unchanged.']);
		expect(atelier(['glossary', 'list', '--search', 'l’Organisation']).out).toMatch(/^c-otan\tfr-FR:l’Organisation du Traité de l’Atlantique Nord\[preferred\]\ten-GB:North Atlantic Treaty Organization\[preferred\]\n$/);
		const wrong = atelier(['glossary', 'import', csv, '--encoding', 'ebcdic'], 'en');
		expect(wrong.code).toBe(1);
		expect(wrong.err).toContain('--encoding');
		expect(wrong.err).toContain('windows-1252');
	});

	it('--help names --encoding and --sheet, in French and in English', () => {
		const fr = atelier(['glossary', '--help']);
		expect(fr.code).toBe(0);
		expect(fr.out).toMatch(/^Utilisation\u00a0: atelier glossary import FICHIER \[--encoding ENC\] \[--sheet NOM\]/);
		expect(fr.out).toContain('windows-1252');
		expect(fr.out).not.toMatch(/\b(the|default)\b/);
		const en = atelier(['glossary', '--help'], 'en');
		expect(en.out).toMatch(/^Usage: atelier glossary import FILE \[--encoding ENC\] \[--sheet NAME\]/);
		expect(en.out).toContain('auto|utf-8|utf-16le|utf-16be|latin1|windows-1252');
		const options = (s: string) => [...new Set(s.match(/(?<![\w-])--?[a-z][a-z-]*/g))].sort();
		expect(options(fr.out)).toEqual(options(en.out));
	});
});
