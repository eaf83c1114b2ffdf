import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GlossaryColumns } from '../src/core/formats/csv/glossary.js';
import { csvLine, parseCsv } from '../src/core/formats/csv/parse.js';
import { primaryLang } from '../src/core/lang.js';
import type { Concept } from '../src/core/model.js';
import { mergeConcept } from '../src/core/terms/import-summary.js';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { contentChecksum, tempDir } from './helpers/db.js';
import { buildXlsx, sheetXml } from './helpers/xlsx.js';

const root = join(import.meta.dirname, '..');
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

/** A table export edited as a user would in a spreadsheet: `edit` gets the header and each row's cells. */
function editTable(text: string, delimiter: string, edit: (header: string[], rows: string[][]) => string[][]): string {
	const { rows } = parseCsv(text, 'x.csv', delimiter);
	const header = rows[0].cells;
	const body = edit(header, rows.slice(1).map((r) => [...r.cells]));
	return [header, ...body].map((cells) => csvLine(cells, delimiter)).join('\r\n') + '\r\n';
}

/** A concept of the NATO glossary with everything a table cannot carry, and two English terms. */
function richConcept(cs: readonly Concept[]): Concept {
	const c = cs.find(
		(c) =>
			c.source &&
			c.related?.length &&
			c.terms.filter((t) => primaryLang(t.lang) === 'en').length >= 2 &&
			c.terms.some((t) => t.partOfSpeech && t.gender && primaryLang(t.lang) === 'fr')
	);
	if (!c) throw new Error('the NATO glossary has no concept with a source, cross-references and two English terms');
	return c;
}

describe('a glossary exported as a table and imported again', () => {
	let wb: Workbench;
	let dir: ReturnType<typeof tempDir>;
	let seeded: Concept[];
	beforeAll(() => {
		dir = tempDir();
		wb = createWorkbench({ dbPath: join(dir.dir, 'g.sqlite') });
		expect(wb.terminology.seed(join(root, 'glossary'))).toBe(161);
		seeded = clone(wb.terminology.concepts());
		// what the test is about: the seeded glossary has what CSV has no column for
		expect(seeded.filter((c) => c.source).length).toBeGreaterThan(100);
		expect(seeded.filter((c) => c.related?.length).length).toBeGreaterThan(50);
		expect(seeded.flatMap((c) => c.terms).filter((t) => t.partOfSpeech).length).toBeGreaterThan(500);
		expect(seeded.flatMap((c) => c.terms).filter((t) => t.gender).length).toBeGreaterThan(100);
		expect(new Set(seeded.flatMap((c) => c.terms.map((t) => t.lang)))).toEqual(new Set(['fr', 'en']));
	});
	afterAll(() => {
		wb.close();
		dir.remove();
	});

	it.each([
		['CSV', ',', 'nato.csv'],
		['TSV', '\t', 'nato.tsv']
	])('%s unchanged: every concept unchanged, nothing rewritten, nothing lost', (_n, delimiter, file) => {
		const exported = '\uFEFF' + wb.terminology.exportCsv(['fr-FR', 'en-GB'], delimiter);
		const before = contentChecksum(wb.db);
		const r = wb.terminology.importGlossary(Buffer.from(exported), file);
		expect({ added: r.added, replaced: r.replaced, unchanged: r.unchanged, concepts: r.concepts }).toEqual({ added: 0, replaced: 0, unchanged: 161, concepts: 161 });
		// the glossary's own tags for the other concept's term, never the file's column header
		for (const w of r.warnings) expect(['fr', 'en']).toContain(w.other.lang);
		expect(contentChecksum(wb.db)).toBe(before);
		expect(wb.terminology.concepts()).toEqual(seeded);
	});

	it('XLSX with the same columns: every concept unchanged', async () => {
		const { rows } = parseCsv(wb.terminology.exportCsv(['fr-FR', 'en-GB'], ','), 'x.csv');
		const bytes = await buildXlsx({ sheets: [{ name: 'Glossaire', xml: sheetXml(rows.map((r) => r.cells.map((c) => c.replace(/^'(?=[=+\-@])/, '')))) }] });
		const before = contentChecksum(wb.db);
		const r = wb.terminology.importGlossary(bytes, 'nato.xlsx');
		expect({ added: r.added, replaced: r.replaced, unchanged: r.unchanged }).toEqual({ added: 0, replaced: 0, unchanged: 161 });
		expect(contentChecksum(wb.db)).toBe(before);
		expect(wb.terminology.concepts()).toEqual(seeded);
	});

	it('one English term changed: that concept replaced, keeping its source, cross-references, part of speech and gender', () => {
		const target = richConcept(seeded);
		const old = target.terms.find((t) => primaryLang(t.lang) === 'en')!;
		const csv = editTable(wb.terminology.exportCsv(['fr-FR', 'en-GB'], ','), ',', (h, rows) => {
			const id = h.indexOf('Concept ID');
			const en = h.indexOf('en-GB');
			return rows.map((r) => (r[id] === target.key && r[en] === old.text ? r.map((v, i) => (i === en ? `${old.text} (edited)` : v)) : r));
		});
		const r = wb.terminology.importGlossary(Buffer.from(csv), 'edited.csv');
		expect({ added: r.added, replaced: r.replaced, unchanged: r.unchanged }).toEqual({ added: 0, replaced: 1, unchanged: 160 });
		const after = wb.terminology.concepts();
		// the others were not rewritten: ids of concepts and terms as they were
		expect(after.filter((c) => c.key !== target.key)).toEqual(seeded.filter((c) => c.key !== target.key));
		const now = after.find((c) => c.key === target.key)!;
		const strip = (c: Concept) => ({ ...c, id: undefined, terms: c.terms.map((t) => ({ ...t, id: undefined })) });
		const expected = strip(clone(target));
		// an edited text is the same term (a typo fixed): it keeps its part of speech, gender and source
		const k = target.terms.indexOf(old);
		expect(old.partOfSpeech ?? old.gender ?? old.source).toBeDefined();
		expected.terms[k] = { ...expected.terms[k], text: `${old.text} (edited)` };
		expect(strip(now)).toEqual(JSON.parse(JSON.stringify(expected)));
		expect(now.source).toBe(target.source);
		expect(now.related).toEqual(target.related);
		expect(now.terms.map((t) => t.lang)).toEqual(target.terms.map((t) => t.lang));
	});

	it('a term removed from a concept is gone; the concept’s other terms keep their extras', () => {
		const current = clone(wb.terminology.concepts());
		const target = richConcept(current);
		const gone = target.terms.filter((t) => primaryLang(t.lang) === 'en')[1];
		const tsv = editTable(wb.terminology.exportCsv(['fr-FR', 'en-GB'], '\t'), '\t', (h, rows) => {
			const id = h.indexOf('Concept ID');
			const en = h.indexOf('en-GB');
			// the term's cells emptied: its text, notes, example, status and type
			const cols = [en, en + 1, en + 2, h.indexOf('Status en-GB'), h.indexOf('Type en-GB')];
			return rows.map((r) => (r[id] === target.key && r[en] === gone.text ? r.map((v, i) => (cols.includes(i) ? '' : v)) : r));
		});
		const r = wb.terminology.importGlossary(Buffer.from(tsv), 'removed.tsv');
		expect({ added: r.added, replaced: r.replaced, unchanged: r.unchanged }).toEqual({ added: 0, replaced: 1, unchanged: 160 });
		const now = wb.terminology.concepts().find((c) => c.key === target.key)!;
		const strip = (c: Concept) => ({ ...c, id: undefined, terms: c.terms.map((t) => ({ ...t, id: undefined })) });
		expect(strip(now)).toEqual(strip({ ...target, terms: target.terms.filter((t) => t !== gone) }));
		expect(now.terms.some((t) => t.text === gone.text)).toBe(false);
	});

	it('a TBX still replaces a concept whole: what it leaves out is gone', () => {
		const c = clone(wb.terminology.concepts()[0]);
		const tbx = `<?xml version="1.0"?><tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="${c.key}"><langSec xml:lang="fr"><termSec><term>${c.terms[0].text}</term></termSec></langSec></conceptEntry></body></text></tbx>`;
		const r = wb.terminology.importGlossary(Buffer.from(tbx), 'one.tbx');
		expect(r.replaced).toBe(1);
		const now = wb.terminology.concepts().find((x) => x.key === c.key)!;
		expect(now.source).toBeUndefined();
		expect(now.terms.map((t) => [t.lang, t.text, t.partOfSpeech])).toEqual([['fr', c.terms[0].text, undefined]]);
	});

	it('a TBX export then import gives back a multi-line definition and notes, and French no-break spaces, exactly', () => {
		const c = clone(wb.terminology.concepts()[0]);
		// as the glossary form's textareas store them
		c.definition = 'Première ligne : « la définition »\n\nSeconde ligne !';
		c.note = 'Note 1\nNote 2';
		c.terms[0].note = 'Voir aussi : l’OTAN\nDepuis 2008';
		wb.terminology.saveConcept(c);
		const saved = wb.terminology.concepts().find((x) => x.key === c.key)!;
		expect(saved.definition).toBe(c.definition);
		const r = wb.terminology.importGlossary(Buffer.from(wb.terminology.exportTbx()), 'again.tbx');
		expect(r.replaced).toBe(0);
		const back = wb.terminology.concepts().find((x) => x.key === c.key)!;
		expect([back.definition, back.note, back.terms[0].note]).toEqual([c.definition, c.note, c.terms[0].note]);
	});

	it('XML layout inside a note is folded as before: indentation and spaces, not the line breaks', () => {
		const c = clone(wb.terminology.concepts()[0]);
		const tbx = `<?xml version="1.0"?><tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="${c.key}"><note>
      First   line
      second	line
</note><langSec xml:lang="fr"><termSec><term>${c.terms[0].text}</term></termSec></langSec></conceptEntry></body></text></tbx>`;
		wb.terminology.importGlossary(Buffer.from(tbx), 'layout.tbx');
		expect(wb.terminology.concepts().find((x) => x.key === c.key)!.note).toBe('First line\nsecond line');
	});

	it('a table with a bad cell changes nothing', () => {
		const csv = editTable(wb.terminology.exportCsv(['fr-FR', 'en-GB'], ','), ',', (h, rows) => {
			const en = h.indexOf('en-GB');
			return rows.map((r, i) => (i === 0 ? r.map((v, j) => (j === en ? `${v} (edited)` : v)) : i === rows.length - 1 ? r.map((v, j) => (j === en ? '#N/A' : v)) : r));
		});
		const before = contentChecksum(wb.db);
		expect(() => wb.terminology.importGlossary(Buffer.from(csv), 'bad.csv')).toThrow();
		expect(contentChecksum(wb.db)).toBe(before);
	});
});

describe('mergeConcept: a stored concept updated from a table', () => {
	const cols = (over: Partial<GlossaryColumns['langs'][number]> = {}): GlossaryColumns => ({
		subject: true,
		definition: false,
		langs: ['fr-FR', 'en-GB'].map((lang, i) => ({ lang, status: false, forbidden: i > 0, type: false, note: true, context: false, ...over }))
	});
	const stored: Concept = {
		key: 'c1',
		id: 7,
		subject: 'NATO',
		definition: 'a definition',
		source: 'AAP-6',
		related: ['c2'],
		terms: [
			{ id: 1, lang: 'fr', text: 'Cafe\u0301 OTAN', status: 'preferred', partOfSpeech: 'noun', gender: 'masculine', type: 'fullForm' },
			{ id: 2, lang: 'de', text: 'NATO-Café', status: 'preferred' },
			{ id: 3, lang: 'en', text: 'NATO café', status: 'deprecated', partOfSpeech: 'noun', replacement: 'NATO canteen', note: 'old' }
		]
	};

	it('matches by language subtag and NFC text, keeps tags, extras, other languages and columns it lacks', () => {
		const file: Concept = {
			key: 'c1',
			terms: [
				{ lang: 'fr-FR', text: 'Café OTAN', status: 'preferred' },
				{ lang: 'en-GB', text: 'NATO café', status: 'preferred', note: 'old' },
				{ lang: 'en-GB', text: 'NATO canteen', status: 'admitted' }
			]
		};
		const { concept, from } = mergeConcept(stored, file, cols());
		expect(concept).toEqual({
			key: 'c1',
			// no Domain cell: the file says there is none
			definition: 'a definition',
			source: 'AAP-6',
			related: ['c2'],
			terms: [
				{ lang: 'fr', text: 'Café OTAN', status: 'preferred', partOfSpeech: 'noun', gender: 'masculine', type: 'fullForm' },
				{ lang: 'de', text: 'NATO-Café', status: 'preferred' },
				// no Status column: the stored status stays (the Forbidden column does not make it forbidden)
				{ lang: 'en', text: 'NATO café', status: 'deprecated', partOfSpeech: 'noun', replacement: 'NATO canteen', note: 'old' },
				{ lang: 'en', text: 'NATO canteen', status: 'admitted' }
			]
		});
		expect([...from.values()]).toEqual(file.terms);
	});

	it('an edited text is the same term when its language has as many leftovers on both sides; else new and gone', () => {
		const edited: Concept = { key: 'c1', terms: [{ lang: 'fr-FR', text: 'Café de l’OTAN', status: 'preferred' }, { lang: 'en-GB', text: 'NATO café', status: 'deprecated', note: 'old' }] };
		expect(mergeConcept(stored, edited, cols()).concept.terms[0]).toEqual({ lang: 'fr', text: 'Café de l’OTAN', status: 'preferred', partOfSpeech: 'noun', gender: 'masculine', type: 'fullForm' });
		// two French terms for one stored: an addition, not an edit; the stored one, no longer there, is gone
		const two: Concept = { ...edited, terms: [...edited.terms, { lang: 'fr-FR', text: 'Mess OTAN', status: 'admitted' }] };
		expect(mergeConcept(stored, two, cols()).concept.terms.filter((t) => t.lang === 'fr')).toEqual([
			{ lang: 'fr', text: 'Café de l’OTAN', status: 'preferred' },
			{ lang: 'fr', text: 'Mess OTAN', status: 'admitted' }
		]);
	});

	it('a term the file marks forbidden becomes forbidden, with the replacement its note names; a term the file drops is gone', () => {
		const file: Concept = { key: 'c1', subject: 'NATO', terms: [{ lang: 'en-GB', text: 'NATO café', status: 'forbidden', note: 'FORBIDDEN: NATO mess — slang', replacement: 'NATO mess' }] };
		const { concept } = mergeConcept(stored, file, cols());
		expect(concept.subject).toBe('NATO');
		expect(concept.terms).toEqual([
			{ lang: 'de', text: 'NATO-Café', status: 'preferred' },
			{ lang: 'en', text: 'NATO café', status: 'forbidden', partOfSpeech: 'noun', replacement: 'NATO mess', note: 'FORBIDDEN: NATO mess — slang' }
		]);
	});
});
