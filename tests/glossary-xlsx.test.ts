import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { AtelierError } from '../src/core/errors.js';
import { readGlossaryXlsx } from '../src/core/formats/xlsx/glossary.js';
import { columnName, parseCellRef, readXlsx } from '../src/core/formats/xlsx/read.js';
import { createT, errorMessage } from '../src/lib/i18n/index.js';
import { buildXlsx, sheetXml } from './helpers/xlsx.js';

const fixture = readFileSync(join(import.meta.dirname, 'fixtures', 'glossary-import', 'lexique-libreoffice.xlsx'));
const fr = createT('fr');
const en = createT('en');

/** The AtelierError a call throws (fails the test when it does not throw one). */
function caught(f: () => unknown): AtelierError {
	try {
		f();
	} catch (e) {
		if (e instanceof AtelierError) return e;
		throw e;
	}
	throw new Error('no error thrown');
}

const WS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';

describe('XLSX reader', () => {
	it('reads a workbook LibreOffice wrote: first sheet, rich-text runs joined, gaps empty, numbers as text, French typography intact', () => {
		const sheet = readXlsx(fixture, { file: 'lexique.xlsx' });
		expect(sheet.name).toBe('Glossaire');
		expect(sheet.sheets).toEqual(['Glossaire', 'Archive']);
		expect(sheet.rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 6]);
		expect(sheet.rows[0].cells).toEqual(['Concept ID', 'fr-FR', 'Notes', 'en-GB', 'Notes', 'Status fr-FR', '', 'Domain']);
		// three runs (bold, plain, italic) in one shared string
		expect(sheet.rows[1].cells[1]).toBe('l’Organisation du Traité de l’Atlantique Nord');
		expect(sheet.rows[1].cells[2]).toBe('«\u00a0sigle\u00a0: OTAN\u00a0»');
		expect(sheet.rows[3].cells[7]).toBe('1949');

		const concepts = readGlossaryXlsx(fixture, { file: 'lexique.xlsx' });
		expect(concepts.map((c) => c.key)).toEqual(['c-otan', 'c-oeuvre', 'c-art5', 'c-etat']);
		expect(concepts[1]).toEqual({
			key: 'c-oeuvre',
			subject: 'Économie',
			terms: [
				{ lang: 'fr-FR', text: 'main-d’œuvre', status: 'admitted' },
				{ lang: 'en-GB', text: 'workforce', status: 'preferred' }
			]
		});
		expect(concepts[0].terms[0].note).toBe('«\u00a0sigle\u00a0: OTAN\u00a0»');
		expect(concepts[3].terms[0].text).toBe('État membre');
	});

	it('reads the sheet named in the option, and locates a bad value by sheet and cell', () => {
		const e = caught(() => readGlossaryXlsx(fixture, { file: 'lexique.xlsx', sheet: 'Archive' }));
		expect(e.code).toBe('xlsx_cell');
		expect(e.params).toMatchObject({ sheet: 'Archive', cell: 'D2' });
		expect(errorMessage(fr, e)).toBe('lexique.xlsx, feuille «\u00a0Archive\u00a0», cellule D2\u00a0: status inconnu «\u00a0obsolète\u00a0»');
		expect(errorMessage(en, e)).toBe('lexique.xlsx, sheet “Archive”, cell D2: unknown status “obsolète”');
		const missing = caught(() => readXlsx(fixture, { file: 'lexique.xlsx', sheet: 'Feuil3' }));
		expect(missing.code).toBe('xlsx_sheet_not_found');
		expect(errorMessage(en, missing)).toBe('lexique.xlsx has no sheet “Feuil3”. Its sheets: Glossaire, Archive.');
		// tab names are matched without regard to case, as Excel does
		expect(readXlsx(fixture, { file: 'lexique.xlsx', sheet: 'archive' }).name).toBe('Archive');
	});

	it('shared strings: rich runs, phonetic guides left out, xml:space, _xHHHH_ escapes; inline, boolean and formula cells; refs with gaps and without r', async () => {
		const shared = [
			'fr-FR',
			'en-GB',
			'<r><rPr><b/></rPr><t>zone</t></r><r><t xml:space="preserve"> d’exclusion </t></r><r><rPr><i/></rPr><t>aérienne</t></r>',
			// indentation inside <t> without xml:space is the XML's, not the cell's
			'<t>\n      no-fly zone\n    </t>',
			'<t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh>',
			'<t>ligne 1_x000D_\nligne 2 _x005F_x</t>'
		];
		const xml =
			WS +
			'<sheetData>' +
			'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c><c r="E1" t="inlineStr"><is><t>Concept ID</t></is></c></row>' +
			'<row r="3"><c r="A3" t="s"><v>2</v></c><c r="C3" t="s"><v>3</v></c><c r="E3" t="str"><f>"c-"&amp;"nfz"</f><v>c-nfz</v></c></row>' +
			// cells without a reference follow one another
			'<row><c t="s"><v>4</v></c><c/><c t="inlineStr"><is><r><t>Tōkyō</t></r></is></c><c t="b"><v>1</v></c><c><v>0.25</v></c></row>' +
			'<row r="9"><c r="A9" t="s"><v>5</v></c><c r="C9" t="inlineStr"><is><t xml:space="preserve">  two\tlines  </t></is></c></row>' +
			'<row r="10"><c r="A10"/><c r="B10" s="3"/></row>' +
			'</sheetData></worksheet>';
		const bytes = await buildXlsx({ sheets: [{ name: 'Termes', xml }], shared });
		const s = readXlsx(bytes, { file: 't.xlsx' });
		expect(s.rows).toEqual([
			{ line: 1, cells: ['fr-FR', '', 'en-GB', '', 'Concept ID'] },
			{ line: 3, cells: ['zone d’exclusion aérienne', '', 'no-fly zone', '', 'c-nfz'] },
			{ line: 4, cells: ['東京', '', 'Tōkyō', 'TRUE', '0.25'] },
			{ line: 9, cells: ['ligne 1\r\nligne 2 _x', '', '  two\tlines  '] }
		]);
		const concepts = readGlossaryXlsx(bytes, { file: 't.xlsx' });
		expect(concepts.find((c) => c.key === 'c-nfz')!.terms.map((t) => t.text)).toEqual(['zone d’exclusion aérienne', 'no-fly zone']);
	});

	it('the first visible sheet in the workbook’s tab order is the default, whatever its part is called', async () => {
		const rows = (fr: string, en: string) => sheetXml([['fr', 'en'], [fr, en]]);
		const bytes = await buildXlsx({
			sheets: [
				{ name: 'Caché', xml: rows('caché', 'hidden'), state: 'hidden' },
				{ name: 'Lexique', xml: rows('défense', 'defence') },
				{ name: 'Autre', xml: rows('autre', 'other') }
			],
			sheetFiles: ['sheet3.xml', 'sheet1.xml', 'sheet2.xml']
		});
		expect(readGlossaryXlsx(bytes, { file: 'o.xlsx' })[0].terms[0].text).toBe('défense');
		expect(readGlossaryXlsx(bytes, { file: 'o.xlsx', sheet: 'Autre' })[0].terms[0].text).toBe('autre');
		expect(readGlossaryXlsx(bytes, { file: 'o.xlsx', sheet: 'Caché' })[0].terms[0].text).toBe('caché');
	});

	it('errors name the sheet and the cell, in both languages', async () => {
		const one = async (xml: string, shared?: string[]) => (await buildXlsx({ sheets: [{ name: 'Feuil1', xml }], shared })) as Uint8Array;
		const status = await one(sheetXml([['Concept ID', 'fr', 'en', 'Notes', 'Status fr'], ...Array.from({ length: 5 }, (_, i) => [`c${i}`, `terme ${i}`, `term ${i}`, null, i === 5 - 1 ? 'approuvé' : 'preferred'])]));
		let e = caught(() => readGlossaryXlsx(status, { file: 's.xlsx' }));
		expect(e.params).toMatchObject({ sheet: 'Feuil1', cell: 'E6' });
		expect(e.location).toEqual({ file: 's.xlsx' });

		e = caught(() => readXlsx(Buffer.alloc(0), { file: 'vide.xlsx' }));
		expect(e.code).toBe('xlsx_invalid');

		const badIndex = await one(WS + '<sheetData><row r="7"><c r="A7" t="s"><v>0</v></c><c r="B7" t="s"><v>12</v></c></row></sheetData></worksheet>', ['fr']);
		e = caught(() => readXlsx(badIndex, { file: 'b.xlsx' }));
		expect(e.params).toMatchObject({ sheet: 'Feuil1', cell: 'B7' });
		expect(errorMessage(en, e)).toBe('b.xlsx, sheet “Feuil1”, cell B7: shared string 12 does not exist (the workbook has 1)');

		const badRef = await one(WS + '<sheetData><row r="2"><c r="A2"><v>1</v></c><c r="B2x"><v>1</v></c></row></sheetData></worksheet>');
		e = caught(() => readXlsx(badRef, { file: 'r.xlsx' }));
		expect(e.params).toMatchObject({ cell: 'B2' });
		expect(errorMessage(fr, e)).toContain('la référence de cellule «\u00a0B2x\u00a0» n’est pas valide');

		const columns = await one(sheetXml([['Source', 'Cible'], ['OTAN', 'NATO']]));
		e = caught(() => readGlossaryXlsx(columns, { file: 'c.xlsx' }));
		expect(e.code).toBe('xlsx_columns');
		expect(errorMessage(en, e)).toMatch(/^c\.xlsx, sheet “Feuil1”: wrong columns \(fewer than two language columns\)\. Expected: Forbidden, Domain/);

		const empty = await one(WS + '<sheetData/></worksheet>');
		expect(errorMessage(fr, caught(() => readGlossaryXlsx(empty, { file: 'e.xlsx' })))).toContain('la feuille est vide');

		const notXml = await one(WS + '<sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData></worksheet>');
		e = caught(() => readXlsx(notXml, { file: 'x.xlsx' }));
		expect(e.code).toBe('xlsx_invalid');
		expect(e.location.line).toBe(2);
		expect(errorMessage(en, e)).toContain('xl/worksheets/sheet1.xml');
	});

	it('an error cell (a failed formula’s #N/A) is refused with its sheet, cell and value, never read as a term', async () => {
		const header = ['Concept ID', 'en-GB', 'Notes', 'Domain', 'fr-FR'];
		const bytes = await buildXlsx({ sheets: [{ name: 'Glossaire', xml: sheetXml([header, ['c1', 'defence', null, null, 'défense'], ['c2', 'NATO', null, null, { error: '#N/A' }]]) }] });
		let e = caught(() => readGlossaryXlsx(bytes, { file: 'g.xlsx' }));
		expect(e.code).toBe('xlsx_cell');
		expect(e.params).toMatchObject({ sheet: 'Glossaire', cell: 'E3' });
		expect(errorMessage(fr, e)).toBe('g.xlsx, feuille «\u00a0Glossaire\u00a0», cellule E3\u00a0: la cellule contient l’erreur Excel «\u00a0#N/A\u00a0» (une formule qui a échoué), pas une valeur\u00a0: corrigez-la dans Excel, puis importez de nouveau');
		expect(errorMessage(en, e)).toBe('g.xlsx, sheet “Glossaire”, cell E3: the cell holds the Excel error “#N/A” (a formula that failed), not a value: correct it in Excel, then import again');
		// a French Excel's error, in a notes column: refused too, the value is no note either
		const nom = await buildXlsx({ sheets: [{ name: 'Feuil1', xml: sheetXml([header, ['c1', 'defence', { error: '#NOM?' }, null, 'défense']]) }] });
		e = caught(() => readXlsx(nom, { file: 'n.xlsx' }));
		expect(e.params).toMatchObject({ sheet: 'Feuil1', cell: 'C2' });
		expect(errorMessage(en, e)).toContain('“#NOM?”');
	});

	it('yes/no cells: Excel booleans, French VRAI/FAUX, oui/non; anything else is refused at its cell', async () => {
		const header = ['Forbidden', 'Concept ID', 'fr-FR', 'en-GB'];
		const yes = [{ bool: true }, 'VRAI', ' vrai ', 'Oui', 'x', '1', 'TRUE'];
		const no = [{ bool: false }, 'FAUX', 'non', 'No', '0', '', null];
		const rows = [...yes, ...no].map((f, i) => [f, `c${i}`, `terme ${i}`, `term ${i}`]);
		const concepts = readGlossaryXlsx(await buildXlsx({ sheets: [{ name: 'Feuil1', xml: sheetXml([header, ...rows]) }] }), { file: 'b.xlsx' });
		expect(concepts.map((c) => c.terms[1].status)).toEqual([...yes.map(() => 'forbidden'), ...no.map(() => 'preferred')]);
		const maybe = await buildXlsx({ sheets: [{ name: 'Feuil1', xml: sheetXml([header, ['VRAI', 'c1', 'OTAN', 'Nato'], ['peut-être', 'c2', 'défense', 'defence']]) }] });
		const e = caught(() => readGlossaryXlsx(maybe, { file: 'b.xlsx' }));
		expect(e.params).toMatchObject({ sheet: 'Feuil1', cell: 'A3' });
		expect(errorMessage(fr, e)).toBe(
			'b.xlsx, feuille «\u00a0Feuil1\u00a0», cellule A3\u00a0: «\u00a0peut-être\u00a0» n’est pas une valeur oui/non pour Forbidden\u00a0: écrivez VRAI ou FAUX, TRUE ou FALSE, oui ou non, yes ou no, 1 ou 0, x ou rien'
		);
	});

	it('what is not an .xlsx says what it is', async () => {
		expect(errorMessage(en, caught(() => readXlsx(Buffer.from('fr;en\n'), { file: 'g.xlsx' })))).toContain('it is not a ZIP archive');
		const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
		expect(errorMessage(fr, caught(() => readXlsx(xls, { file: 'g.xls' })))).toContain('classeur Excel 97-2003 (.xls)');
		const ods = new JSZip();
		ods.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet');
		ods.file('content.xml', '<office:document-content/>');
		const odsBytes = await ods.generateAsync({ type: 'nodebuffer' });
		expect(errorMessage(en, caught(() => readXlsx(odsBytes, { file: 'g.ods' })))).toContain('OpenDocument spreadsheet (.ods)');
	});

	it('refuses a DOCTYPE in any part: an external entity is never read', async () => {
		const xxe = `<?xml version="1.0"?>\n<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>`;
		let e = caught(() => readXlsx(oneSheetZip(xxe), { file: 'xxe.xlsx' }));
		expect(e.code).toBe('xml_doctype');
		expect(e.params.part).toBe('xl/worksheets/sheet1.xml');
		expect(JSON.stringify(e)).not.toContain('root:');
		const sst = `<?xml version="1.0"?>\n<!DOCTYPE sst [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>`;
		e = caught(() => readXlsx(sharedStringsZip(sst), { file: 'lol.xlsx' }));
		expect(e.code).toBe('xml_doctype');
		expect(e.params.part).toBe('xl/sharedStrings.xml');
		// without a DOCTYPE an entity is simply undefined
		const undef = `${WS}<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>`;
		e = caught(() => readXlsx(oneSheetZip(undef), { file: 'u.xlsx' }));
		expect(e.code).toBe('xlsx_invalid');
		expect(errorMessage(en, e)).toMatch(/undefined entity|entity/i);
	});

	it('a zip bomb is stopped at the cap, whatever the archive declares', async () => {
		const rows = Array.from({ length: 16 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${'a'.repeat(320 * 1024)}</t></is></c></row>`);
		const big = `${WS}<sheetData>${rows.join('')}</sheetData></worksheet>`;
		const bytes = await buildXlsx({ sheets: [{ name: 'S', xml: big }] });
		expect(bytes.length).toBeLessThan(100_000);
		const e = caught(() => readXlsx(bytes, { file: 'bomb.xlsx', maxInflatedBytes: 1024 * 1024 }));
		expect(e.code).toBe('xlsx_too_large');
		expect(errorMessage(en, e)).toBe('bomb.xlsx: refused for safety: it would expand to more than 1 MB once decompressed.');
		// the same with its central directory lying about the size (100 bytes)
		const lying = Buffer.from(bytes);
		const patch = (sig: number[], at: number) => {
			for (let p = lying.indexOf(Buffer.from(sig)); p >= 0; p = lying.indexOf(Buffer.from(sig), p + 4)) lying.writeUInt32LE(100, p + at);
		};
		patch([0x50, 0x4b, 0x01, 0x02], 24);
		patch([0x50, 0x4b, 0x03, 0x04], 22);
		expect(caught(() => readXlsx(lying, { file: 'bomb.xlsx', maxInflatedBytes: 1024 * 1024 })).code).toBe('xlsx_too_large');
		// under the cap it reads
		const ok = readXlsx(bytes, { file: 'ok.xlsx', maxInflatedBytes: 8 * 1024 * 1024 }).rows;
		expect(ok.map((r) => r.cells[0].length)).toEqual(Array(16).fill(320 * 1024));
	});

	it('a damaged workbook (bytes flipped, cut, or inserted anywhere) gives a typed error, never a crash', async () => {
		const stored = oneSheetZip(sheetXml([['Concept ID', 'fr', 'en'], ['c1', 'défense', 'defence'], ['c2', 'OTAN', 'NATO']]));
		const bases = [fixture, stored];
		const mutated = fc
			.tuple(fc.constantFrom(...bases), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'cut', 'insert')), { minLength: 1, maxLength: 4 }))
			.map(([base, edits]) => {
				let b = Buffer.from(base);
				for (const [at, byte, op] of edits) {
					const i = at % b.length;
					if (op === 'set') b[i] = byte;
					else if (op === 'cut') b = Buffer.concat([b.subarray(0, i), b.subarray(i + 1 + (byte % 64))]);
					else b = Buffer.concat([b.subarray(0, i), Buffer.from([byte]), b.subarray(i)]);
				}
				return b;
			});
		fc.assert(
			fc.property(mutated, (b) => {
				try {
					readGlossaryXlsx(b, { file: 'f.xlsx', maxInflatedBytes: 4 * 1024 * 1024 });
				} catch (e) {
					if (!(e instanceof AtelierError)) throw e;
				}
			}),
			{ numRuns: 2000 }
		);
	});

	it('cell references', () => {
		expect(['A', 'Z', 'AA', 'AZ', 'XFD'].map((_, i) => columnName([0, 25, 26, 51, 16383][i]))).toEqual(['A', 'Z', 'AA', 'AZ', 'XFD']);
		expect(parseCellRef('B7')).toEqual({ column: 1, row: 7 });
		expect(parseCellRef('$AA$10')).toEqual({ column: 26, row: 10 });
		expect(parseCellRef('XFE1')).toBeNull();
		expect(parseCellRef('A0')).toBeNull();
	});
});

// the package of one sheet whose part is `xml`, built synchronously by hand (stored entries)
function oneSheetZip(sheet: string): Buffer {
	return storedZip({
		'_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		'xl/workbook.xml': `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		'xl/_rels/workbook.xml.rels': `<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>`,
		'xl/worksheets/sheet1.xml': sheet
	});
}

// the same with a shared-strings part
function sharedStringsZip(sst: string): Buffer {
	return storedZip({
		'xl/workbook.xml': `<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		'xl/_rels/workbook.xml.rels': `<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		'xl/worksheets/sheet1.xml': `${WS}<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
		'xl/sharedStrings.xml': sst
	});
}

/** A ZIP of stored (uncompressed) entries, written by hand: local headers, central directory, end record. */
function storedZip(files: Record<string, string>): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const [name, text] of Object.entries(files)) {
		const data = Buffer.from(text, 'utf8');
		const n = Buffer.from(name, 'utf8');
		const lh = Buffer.alloc(30);
		lh.writeUInt32LE(0x04034b50, 0);
		lh.writeUInt16LE(20, 4);
		lh.writeUInt32LE(data.length, 18);
		lh.writeUInt32LE(data.length, 22);
		lh.writeUInt16LE(n.length, 26);
		const ch = Buffer.alloc(46);
		ch.writeUInt32LE(0x02014b50, 0);
		ch.writeUInt16LE(20, 4);
		ch.writeUInt16LE(20, 6);
		ch.writeUInt32LE(data.length, 20);
		ch.writeUInt32LE(data.length, 24);
		ch.writeUInt16LE(n.length, 28);
		ch.writeUInt32LE(offset, 42);
		locals.push(lh, n, data);
		centrals.push(ch, n);
		offset += 30 + n.length + data.length;
	}
	const cd = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(Object.keys(files).length, 8);
	end.writeUInt16LE(Object.keys(files).length, 10);
	end.writeUInt32LE(cd.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, cd, end]);
}
