import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../src/core/formats/csv/parse.js';
import { writePairsTable } from '../src/core/formats/tsv/pairs.js';
import { createT } from '../src/lib/i18n/index.js';
import { HOSTILE, hostileDocument, seedAlignment, seedDocument } from './helpers/bilingual-fixture.js';

const t = createT('en');

let dir: string;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'atelier-pairs-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writePairsTable', () => {
	it('TSV: a header row and one row per segment, read back cell for cell', () => {
		const doc = seedDocument('bucharest-summit-2008');
		const tsv = writePairsTable(doc, { delimiter: '\t', t });
		expect(tsv.charCodeAt(0)).not.toBe(0xfeff);
		expect(tsv.endsWith('\r\n')).toBe(true);
		const { rows } = parseCsv(tsv, 'p.tsv', '\t');
		expect(rows[0].cells).toEqual(['No.', 'ID', 'Paragraph', 'Kind', 'Source (fr-FR)', 'Target (en-GB)', 'Status', 'Comment']);
		const all = doc.paragraphs.flatMap((p) => p.rows.map((r) => ({ p, r })));
		expect(rows).toHaveLength(all.length + 1);
		all.forEach(({ p, r }, i) =>
			expect(rows[i + 1].cells).toEqual([String(r.number), r.id, String(p.ord + 1), r.kind, r.source, r.target ?? '', r.status, ''])
		);
	});

	it('CSV of an alignment: BOM, confidence column, French headers', () => {
		const doc = seedAlignment('nrc-chairman-statement-2008');
		const csv = writePairsTable(doc, { delimiter: ',', t: createT('fr') });
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		const { rows } = parseCsv(csv, 'p.csv', ',');
		expect(rows[0].cells).toEqual(['N°', 'ID', 'Paragraphe', 'Type', 'Source (fr-FR)', 'Cible (en-GB)', 'Statut', 'Confiance', 'Commentaire']);
		const beads = doc.paragraphs.flatMap((p) => p.rows);
		expect(rows.slice(1).map((r) => r.cells[7])).toEqual(beads.map((b) => b.confidence!.toFixed(2)));
		expect(rows.slice(1).map((r) => r.cells[4])).toEqual(beads.map((b) => b.source));
	});

	it('quotes per RFC 4180 and defuses formulas; hostile text comes back as written', () => {
		const doc = hostileDocument();
		doc.paragraphs[1].rows[1].comment = 'a "quoted", comma\nand a line break';
		doc.paragraphs[1].rows[2].comment = '+33 1 23 45 67 89';
		doc.paragraphs[1].rows[3].comment = '@SUM(A1)';
		doc.paragraphs[1].rows[4].comment = '-2+3';
		doc.paragraphs[1].rows[0].comment = '\tTAB';
		const csv = writePairsTable(doc, { delimiter: ',', t });
		expect(csv).toContain('"a ""quoted"", comma\nand a line break"');
		expect(csv).toContain(`'=HYPERLINK(""http://evil"",""click"")`);
		expect(csv).not.toMatch(/(^|,)[=+\-@]/m);
		const { rows } = parseCsv(csv, 'h.csv', ',');
		const byNumber = new Map(rows.slice(1).map((r) => [r.cells[0], r.cells]));
		expect(byNumber.get('3')![4]).toBe(HOSTILE.script);
		expect(byNumber.get('3')![5]).toBe(HOSTILE.img);
		expect(byNumber.get('3')!.at(-1)).toBe('a "quoted", comma\nand a line break');
		expect(byNumber.get('4')!.at(-1)).toBe("'+33 1 23 45 67 89");
		expect(byNumber.get('5')![5]).toBe(HOSTILE.long);
		// invisible characters are shown, so a bidi override cannot disguise a cell
		expect(byNumber.get('5')![4]).toBe('zero⟦U+200B⟧width⟦U+200D⟧join⟦U+FEFF⟧');
		expect(byNumber.get('4')![5]).toBe('abc⟦U+202E⟧evil.exe⟦U+202C⟧ def');
		expect(csv).not.toMatch(/[\u202E\u200B]/);
		expect(byNumber.get('6')![4]).toBe(`'${HOSTILE.formula}`);
		expect(byNumber.get('2')!.at(-1)).toBe("'\tTAB");
		expect(rows[0].cells).toContain('Match');
	});

	it('writes inline tags back as their markup', () => {
		const doc = hostileDocument();
		const row = doc.paragraphs[1].rows[0];
		row.source = 'Cliquez \uE000ici\uE001.';
		row.sourceTags = [
			{ kind: 'bpt', attrs: { i: '1' }, content: '&lt;b&gt;' },
			{ kind: 'ept', attrs: { i: '1' }, content: '&lt;/b&gt;' }
		];
		const { rows } = parseCsv(writePairsTable(doc, { delimiter: '\t', t }), 'p.tsv', '\t');
		expect(rows[2].cells[4]).toBe('Cliquez <b>ici</b>.');
	});

	it('is read the same by an independent CSV reader (Python’s csv module, utf-8-sig)', () => {
		const doc = hostileDocument();
		doc.paragraphs[1].rows[1].comment = 'a "quoted", comma\nand a line break';
		const file = join(dir, 'pairs.csv');
		const csv = writePairsTable(doc, { delimiter: ',', t });
		writeFileSync(file, csv);
		const py = JSON.parse(
			execFileSync('/usr/bin/python3', ['-c', 'import csv,json,sys; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))))', file], {
				encoding: 'utf8',
				maxBuffer: 1 << 24
			})
		);
		expect(py).toEqual(parseCsv(csv, 'p.csv', ',').rows.map((r) => r.cells));
		expect(py[0][0]).toBe('No.');
		expect(py.find((r: string[]) => r[0] === '2')[4]).toBe('Les « Alliés » ont dit\u00A0: oui\u202F!');
		expect(py.find((r: string[]) => r[0] === '3').at(-1)).toBe('a "quoted", comma\nand a line break');
	});
});
