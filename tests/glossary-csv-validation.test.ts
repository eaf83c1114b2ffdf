import { join } from 'node:path';
import { useSeededWorkbench } from './helpers/seeded.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AtelierError, isAtelierError } from '../src/core/errors.js';
import { readGlossaryCsv, writeGlossaryCsv } from '../src/core/formats/csv/glossary.js';
import { readGlossaryXlsx } from '../src/core/formats/xlsx/glossary.js';
import type { Concept } from '../src/core/model.js';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { createT, errorMessage } from '../src/lib/i18n/index.js';
import { contentChecksum, tempDir } from './helpers/db.js';
import { buildXlsx, sheetXml } from './helpers/xlsx.js';

const MATECAT = 'Forbidden,Domain,Subdomain,Definition,fr,Notes,Example of use,en,Notes,Example of use';

/** The error `read` throws; fails the test when it throws none or another kind. */
function refusal(read: () => unknown): AtelierError {
	try {
		read();
	} catch (e) {
		if (isAtelierError(e)) return e;
		throw e;
	}
	return expect.unreachable('no error') as never;
}

const en = (e: AtelierError) => errorMessage(createT('en'), e);
const fr = (e: AtelierError) => errorMessage(createT('fr'), e);
const texts = (c: Concept) => c.terms.map((t) => [t.lang, t.text]);

describe('language columns are headed by language tags', () => {
	it('refuses a header whose “language” columns are not language codes, naming the first one and its place', () => {
		const e = refusal(() => readGlossaryCsv('foo,bar,baz\n1,2,3\n', 'x.csv'));
		expect(e.code).toBe('csv_columns');
		expect(e.location).toMatchObject({ file: 'x.csv', line: 1, column: 1 });
		expect(en(e)).toContain('“foo”');
		expect(en(e)).toContain('line 1, column 1');
		expect(fr(e)).toContain('«\u00a0foo\u00a0»');
	});

	it('refuses one bad tag among good ones, at its column', () => {
		const e = refusal(() => readGlossaryCsv('fr,en,xyz\nOTAN,NATO,q\n', 'x.csv'));
		expect(e.code).toBe('csv_columns');
		expect(e.location).toMatchObject({ line: 1, column: 3 });
		expect(en(e)).toContain('“xyz”');
	});

	it('accepts real tags, with - or _, and keeps other columns out of the terms', () => {
		const [c] = readGlossaryCsv('fr,fr-FR,fr_FR,en-GB,pt-BR,zh-Hans-CN,Comment\na,b,c,d,e,f,not a term\n', 'x.csv');
		expect(texts(c)).toEqual([
			['fr', 'a'],
			['fr-FR', 'b'],
			['fr-FR', 'c'],
			['en-GB', 'd'],
			['pt-BR', 'e'],
			['zh-Hans-CN', 'f']
		]);
	});

	it('a workbook with such a header is refused the same way', async () => {
		const bytes = (await buildXlsx({ sheets: [{ name: 'Termes', xml: sheetXml([['fr', 'foo'], ['OTAN', 'NATO']]) }] })) as Uint8Array;
		const e = refusal(() => readGlossaryXlsx(bytes, { file: 'g.xlsx' }));
		expect(e.code).toBe('xlsx_columns');
		expect(en(e)).toContain('“foo”');
	});
});

describe('a row without any term', () => {
	it('is refused at its line and first language column, not as an unlocated concept without term', () => {
		const e = refusal(() => readGlossaryCsv(`${MATECAT}\nFALSE,,,,OTAN,,,NATO,,\nFALSE,NATO\n`, 'x.csv'));
		expect(e.code).toBe('csv_invalid');
		expect(e.location).toMatchObject({ file: 'x.csv', line: 3, column: 5 });
		expect(en(e)).toContain('no term');
		expect(en(e)).not.toMatch(/csv-[0-9a-f]{12}/);
		expect(fr(e)).toContain('aucun terme');
	});

	it('is refused with a Concept ID that no other row gives a term', () => {
		const e = refusal(() => readGlossaryCsv('fr,en,Concept ID\nOTAN,NATO,c1\n,,c2\n', 'x.csv'));
		expect(e.code).toBe('csv_invalid');
		expect(e.location).toMatchObject({ line: 3, column: 1 });
	});

	it('is fine when its Concept ID is a concept other rows give terms', () => {
		const cs = readGlossaryCsv('fr,en,Concept ID,Definition\nOTAN,NATO,c1,\n,,c1,the alliance\n', 'x.csv');
		expect(cs).toHaveLength(1);
		expect(cs[0]).toMatchObject({ key: 'c1', definition: 'the alliance' });
		expect(texts(cs[0])).toEqual([
			['fr', 'OTAN'],
			['en', 'NATO']
		]);
	});
});

describe('rows of one concept', () => {
	it('give a term once when two rows repeat it', () => {
		const [c] = readGlossaryCsv('fr,en,Concept ID,Domain\nOTAN,NATO,c1,Defence\nOTAN,North Atlantic Treaty Organization,c1,Defence\n', 'x.csv');
		expect(texts(c)).toEqual([
			['fr', 'OTAN'],
			['en', 'NATO'],
			['en', 'North Atlantic Treaty Organization']
		]);
		expect(c.terms.map((t) => t.status)).toEqual(['preferred', 'preferred', 'admitted']);
		expect(c.subject).toBe('Defence');
	});

	it('may leave the Domain empty after the first row', () => {
		const [c] = readGlossaryCsv('fr,en,Concept ID,Domain\nOTAN,NATO,c1,Defence\nOTAN,NATO,c1,\n', 'x.csv');
		expect(c.subject).toBe('Defence');
		expect(texts(c)).toEqual([
			['fr', 'OTAN'],
			['en', 'NATO']
		]);
	});

	it('may not give it another Domain: refused at the second row’s Domain cell', () => {
		const e = refusal(() => readGlossaryCsv('fr,en,Concept ID,Domain\nOTAN,NATO,c1,Defence\nOTAN,NATO,c1,Finance\n', 'x.csv'));
		expect(e.code).toBe('csv_invalid');
		expect(e.location).toMatchObject({ line: 3, column: 4 });
		expect(en(e)).toContain('c1');
		expect(en(e)).toContain('“Defence”');
		expect(fr(e)).toContain('«\u00a0Defence\u00a0»');
	});
});

describe('a glossary refused for these reasons changes nothing in the store', () => {
	const seeded = useSeededWorkbench();
	let wb: Workbench;
	beforeEach(() => {
		wb = seeded.wb;
	});

	it.each([
		['a header of non-languages', 'foo,bar,baz\n1,2,3\n', /csv_columns/],
		['a row without term', `${MATECAT}\nFALSE,,,,OTAN,,,NATO,,\nFALSE,NATO\n`, /csv_invalid/],
		['a concept given two domains', 'fr,en,Concept ID,Domain\nOTAN,NATO,c-nato,Defence\nOTAN,NATO,c-nato,Finance\n', /csv_invalid/]
	])('%s', (_n, text, code) => {
		const before = contentChecksum(wb.db);
		expect(() => wb.terminology.importGlossary(Buffer.from(text), 'bad.csv')).toThrow(code);
		expect(contentChecksum(wb.db)).toBe(before);
	});
});

describe('a leading apostrophe survives write then read', () => {
	const tricky = ["'=x", '=x', "'x", "'", "''=x", "'-isme", '-isme', '@home', "'@", '+33 1 23'];
	const concepts: Concept[] = tricky.map((text, i) => ({
		key: `k${i}`,
		terms: [
			{ lang: 'fr', text, status: 'preferred' },
			{ lang: 'en', text: `${text}!`, status: 'preferred' }
		]
	}));

	it.each([
		['CSV', ','],
		['TSV', '\t']
	])('%s', (_n, delimiter) => {
		const back = readGlossaryCsv(writeGlossaryCsv(concepts, ['fr', 'en'], delimiter), 'g.csv');
		expect(back.map((c) => c.terms.map((t) => t.text))).toEqual(concepts.map((c) => c.terms.map((t) => t.text)));
	});
});
