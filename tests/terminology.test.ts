import { execFileSync, spawnSync } from 'node:child_process';
import { useSeededWorkbench } from './helpers/seeded.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AtelierError, isAtelierError } from '../src/core/errors.js';
import { createT, errorMessage } from '../src/lib/i18n/index.js';
import { readGlossaryCsv, writeGlossaryCsv } from '../src/core/formats/csv/glossary.js';
import { parseCsv } from '../src/core/formats/csv/parse.js';
import { readTbx } from '../src/core/formats/tbx/read.js';
import { writeTbx } from '../src/core/formats/tbx/write.js';
import type { Concept, TmUnit } from '../src/core/model.js';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { contentChecksum, tempDir } from './helpers/db.js';

const root = join(import.meta.dirname, '..');
const rng = '/work/shared/standards/TBXcoreStructV03_TBX-Basic_integrated.rng'.replace('/work/shared', join(root, '..', 'shared'));
const natoTbx = readFileSync(join(root, 'glossary', 'nato.tbx'), 'utf8');

function xmllint(file: string): string {
	try {
		return execFileSync('xmllint', ['--noout', '--relaxng', rng, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	} catch (e) {
		throw new Error(`xmllint rejected ${file}: ${(e as { stderr?: string }).stderr}`);
	}
}

const simplify = (cs: Concept[]) =>
	cs.map((c) => ({ key: c.key, terms: ['fr', 'en'].flatMap((l) => c.terms.filter((t) => t.lang === l).map((t) => [t.lang, t.text, t.status, t.type ?? null, t.replacement ?? null])) }));

describe('TBX', () => {
	const concepts = readTbx(natoTbx, 'nato.tbx');

	it('reads the project glossary: concepts, statuses, forbidden forms with their replacement', () => {
		expect(concepts.length).toBeGreaterThan(150);
		const nato = concepts.find((c) => c.key === 'c-nato')!;
		expect(nato.terms.find((t) => t.text === 'OTAN')).toMatchObject({ lang: 'fr', status: 'preferred', type: 'acronym' });
		expect(nato.terms.find((t) => t.text === 'Nato')).toMatchObject({ lang: 'en', status: 'forbidden', replacement: 'NATO' });
		expect(concepts.every((c) => c.terms.some((t) => t.lang === 'fr') && c.terms.some((t) => t.lang === 'en'))).toBe(true);
	});

	it('the shipped glossary and everything we write validate against the TBX-Basic RELAX NG', () => {
		xmllint(join(root, 'glossary', 'nato.tbx'));
		const d = tempDir();
		const out = join(d.dir, 'out.tbx');
		writeFileSync(out, writeTbx([...concepts, { key: '1 odd <id>', terms: [{ lang: 'fr', text: 'Texte « spécial » & <balise>', status: 'forbidden', replacement: 'x' }, { lang: 'en', text: 'it’s\u00A0here', status: 'preferred' }] }]));
		xmllint(out);
		d.remove();
	});

	it('round-trips every concept and term', () => {
		expect(simplify(readTbx(writeTbx(concepts), 'x.tbx'))).toEqual(simplify(concepts));
	});

	it.each([
		['not XML', 'this is not xml', 'tbx_invalid'],
		['not TBX', '<?xml version="1.0"?><xliff version="1.2"/>', 'tbx_not_tbx'],
		['a concept with no term', '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>\n<conceptEntry id="c1"><langSec xml:lang="fr"></langSec></conceptEntry></body></text></tbx>', 'tbx_no_term'],
		['duplicate concepts', '<tbx><text><body>\n<conceptEntry id="a"><langSec xml:lang="fr"><termSec><term>x</term></termSec></langSec></conceptEntry>\n<conceptEntry id="a"><langSec xml:lang="fr"><termSec><term>y</term></termSec></langSec></conceptEntry></body></text></tbx>', 'tbx_duplicate'],
		['an external entity', '<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]><tbx>&x;</tbx>', 'tbx_invalid'],
		['truncated', natoTbx.slice(0, 5000), 'tbx_invalid']
	])('refuses %s with a located error', (_n, xml, code) => {
		try {
			readTbx(xml, 'bad.tbx');
			expect.unreachable();
		} catch (e) {
			expect(isAtelierError(e) && e.code).toBe(code);
			expect(isAtelierError(e) && e.location.file).toBe('bad.tbx');
			expect(isAtelierError(e) && e.location.line).toBeGreaterThan(0);
		}
	});
});

describe('CSV/TSV with Matecat columns', () => {
	const concepts = readTbx(natoTbx, 'nato.tbx');

	it('writes the Matecat header and round-trips terms, statuses and replacements, in CSV and TSV', () => {
		for (const d of [',', '\t']) {
			const text = writeGlossaryCsv(concepts, ['fr', 'en'], d);
			expect(text.split('\r\n')[0].split(d).slice(0, 10)).toEqual(['Forbidden', 'Domain', 'Subdomain', 'Definition', 'fr', 'Notes', 'Example of use', 'en', 'Notes', 'Example of use']);
			expect(simplify(readGlossaryCsv(text, 'g.csv'))).toEqual(simplify(concepts));
		}
	});

	it('reads a plain Matecat export: first term preferred, Forbidden marks the target term', () => {
		const csv = 'Forbidden,Domain,Subdomain,Definition,fr-FR,Notes,Example of use,en-GB,Notes,Example of use\nFALSE,NATO,,,"Force internationale d\'assistance à la sécurité",,,"International Security Assistance Force",,\nTRUE,,,,défense,,,defense,"FORBIDDEN: defence — US spelling",\n';
		const cs = readGlossaryCsv(csv, 'm.csv');
		expect(cs).toHaveLength(2);
		expect(cs[0].terms.map((t) => [t.lang, t.text, t.status])).toEqual([
			['fr-FR', "Force internationale d'assistance à la sécurité", 'preferred'],
			['en-GB', 'International Security Assistance Force', 'preferred']
		]);
		expect(cs[1].terms[1]).toMatchObject({ text: 'defense', status: 'forbidden', replacement: 'defence' });
	});

	it('quotes and defuses cells a spreadsheet would run', () => {
		const { rows } = parseCsv(writeGlossaryCsv([{ key: 'k', terms: [{ lang: 'fr', text: '=HYPERLINK("x")', status: 'preferred' }, { lang: 'en', text: 'a "quoted", term\nnew line', status: 'preferred' }] }], ['fr', 'en']), 'x.csv');
		expect(rows[1].cells[4]).toBe('\'=HYPERLINK("x")');
		expect(rows[1].cells[7]).toBe('a "quoted", term\nnew line');
	});

	it('rows without a Concept ID get keys from their terms: the same row of two files is two concepts', () => {
		const a = readGlossaryCsv('fr,en\ncellule de crise,crisis cell\n', 'a.csv');
		const b = readGlossaryCsv('fr\ten\nbrouillard de guerre\tfog of war\n', 'b.tsv');
		expect(a[0].key).toMatch(/^csv-[0-9a-f]{12}$/);
		expect(b[0].key).not.toBe(a[0].key);
		// the same terms again are the same concept (a re-import updates it)
		expect(readGlossaryCsv('fr,en\ncellule de crise,crisis cell\n', 'again.csv')[0].key).toBe(a[0].key);
	});

	it('a defused cell reads back as it was: -isme stays -isme over export/import cycles', () => {
		const concepts = [{ key: 'k', terms: [{ lang: 'fr', text: '-isme', status: 'preferred' as const }, { lang: 'en', text: '-ism', status: 'preferred' as const }] }];
		let csv = writeGlossaryCsv(concepts, ['fr', 'en']);
		expect(csv).toContain("'-isme");
		for (let cycle = 0; cycle < 3; cycle++) {
			const back = readGlossaryCsv(csv, 'g.csv');
			expect(back[0].terms.map((t) => t.text)).toEqual(['-isme', '-ism']);
			csv = writeGlossaryCsv(back, ['fr', 'en']);
		}
	});

	it.each([
		['wrong columns', 'Source,Target\nOTAN,NATO\n', 'csv_columns', 1],
		['an unclosed quote', 'Forbidden,Domain,Subdomain,Definition,fr,Notes,Example of use,en,Notes,Example of use\nFALSE,,,,"OTAN,,,NATO,,\n', 'csv_invalid', 2],
		['an unknown status', 'fr,en,Status fr\nOTAN,NATO,bogus\n', 'csv_invalid', 2]
	])('refuses %s, located', (_n, text, code, line) => {
		try {
			readGlossaryCsv(text, 'bad.csv');
			expect.unreachable();
		} catch (e) {
			expect(isAtelierError(e) && e.code).toBe(code);
			expect(isAtelierError(e) && e.location.line).toBe(line);
		}
	});
});

describe('the termbase in the store', () => {
	const seeded = useSeededWorkbench();
	let wb: Workbench;
	let dir: ReturnType<typeof tempDir>;
	beforeEach(() => {
		({ wb, dir } = seeded);
	});

	it('loads glossary/ on first start, once', async () => {
		const n = wb.terminology.counts();
		expect(n.concepts).toBe(readTbx(natoTbx, 'x').length);
		wb.terminology.deleteConcept('c-nato');
		await wb.seed();
		expect(wb.terminology.counts().concepts).toBe(n.concepts - 1);
	});

	it('a bad glossary file changes nothing', () => {
		const before = contentChecksum(wb.db);
		const bad = natoTbx.replace('<conceptEntry id="c-alliance">', '<conceptEntry id="c-nato">');
		expect(() => wb.terminology.importGlossary(Buffer.from(bad), 'dup.tbx')).toThrow(/tbx_duplicate/);
		expect(() => wb.terminology.importGlossary(Buffer.from('Forbidden;Domain\nx;y', 'latin1'), 'bad.csv')).toThrow(/csv_columns/);
		expect(() => wb.terminology.importGlossary(Buffer.from('fr,en\nd\xe9fense,defence\n', 'latin1'), 'latin1.csv')).toThrow(/encoding_latin1/);
		expect(contentChecksum(wb.db)).toBe(before);
	});

	it('imports merge by concept id; edits and deletions are kept', () => {
		const csv = 'fr,en,Concept ID\nOTAN,NATO,c-nato\nBrouillard de guerre,fog of war,c-new\n';
		const r = wb.terminology.importGlossary(Buffer.from(csv), 'more.csv');
		expect(r).toMatchObject({ concepts: 2, terms: 4, added: 1, replaced: 1, unchanged: 0 });
		const nato = wb.terminology.concepts().find((c) => c.key === 'c-nato')!;
		expect(nato.terms.map((t) => t.text)).toEqual(['OTAN', 'NATO']);
		wb.terminology.saveConcept({ key: 'c-new', terms: [{ lang: 'fr', text: 'brouillard de guerre', status: 'preferred' }, { lang: 'en', text: 'fog of war', status: 'preferred' }, { lang: 'en', text: 'war fog', status: 'forbidden', replacement: 'fog of war' }] });
		expect(wb.terminology.findTerms('Le brouillard de guerre.', 'fr', 'en')[0].equivalents).toEqual(['fog of war']);
		expect(wb.terminology.findTerms('The war fog.', 'en', 'fr')[0].term.status).toBe('forbidden');
		// the form's concept has no file: its message names the concept only (no "undefined:" or bare colon before it)
		let err: unknown;
		try {
			wb.terminology.saveConcept({ key: 'c-empty', terms: [] });
		} catch (e) {
			err = e;
		}
		expect((err as AtelierError).code).toBe('concept_no_term');
		expect(errorMessage(createT('fr'), err as AtelierError)).toBe('Le concept c-empty n’a aucun terme\u00a0: donnez-lui au moins un terme.');
		expect(errorMessage(createT('en'), err as AtelierError)).toBe('Concept c-empty has no term: give it at least one.');
	});

	it('a forbidden term saved from the form reads back unchanged from its TBX and CSV; a changed replacement survives the round trip', () => {
		const concept = (): Concept => ({ key: 'c-form', definition: 'A trial.', terms: [{ lang: 'fr', text: 'essai', status: 'preferred' }, { lang: 'en', text: 'trial', status: 'preferred' }, { lang: 'en', text: 'tryout', status: 'forbidden', replacement: 'trial' }] });
		wb.terminology.saveConcept(concept());
		const roundTrip = (format: 'tbx' | 'csv') => {
			const bytes = new TextEncoder().encode(format === 'tbx' ? wb.terminology.exportTbx() : wb.terminology.exportCsv(['fr', 'en']));
			return wb.terminology.importGlossary(bytes, `g.${format}`);
		};
		expect(roundTrip('tbx')).toMatchObject({ replaced: 0 });
		expect(roundTrip('csv')).toMatchObject({ replaced: 0 });
		// the replacement edited in the form (the note still naming the old one): the field wins, in the file and back
		const edited = concept();
		edited.terms[2] = { ...edited.terms[2], replacement: 'trial run', note: 'FORBIDDEN: trial — too informal' };
		wb.terminology.saveConcept(edited);
		const stored = () => wb.terminology.concepts().find((c) => c.key === 'c-form')!.terms[2];
		expect(stored()).toMatchObject({ replacement: 'trial run', note: 'FORBIDDEN: trial run — too informal' });
		expect(roundTrip('tbx')).toMatchObject({ replaced: 0 });
		expect(stored()).toMatchObject({ replacement: 'trial run', note: 'FORBIDDEN: trial run — too informal' });
	});

	it('a concept saved with a term another concept has is saved, with the possible duplicate said', () => {
		const nato = wb.terminology.concepts().find((c) => c.terms.some((t) => t.text === 'OTAN'))!;
		const warnings = wb.terminology.saveConcept({ key: 'c-dup', terms: [{ lang: 'fr', text: 'OTAN', status: 'preferred' }, { lang: 'en', text: 'Otan organisation', status: 'preferred' }] });
		expect(warnings.map((w) => [w.concept, w.lang, w.text, w.other.concept])).toEqual([['c-dup', 'fr', 'OTAN', nato.key]]);
		expect(wb.terminology.concepts().some((c) => c.key === 'c-dup')).toBe(true);
		// saved again unchanged: its own terms are not duplicates of themselves
		expect(wb.terminology.saveConcept({ key: 'c-own', terms: [{ lang: 'fr', text: 'brouillard', status: 'preferred' }, { lang: 'en', text: 'fog', status: 'preferred' }] })).toEqual([]);
		expect(wb.terminology.saveConcept({ key: 'c-own', terms: [{ lang: 'fr', text: 'brouillard', status: 'preferred' }, { lang: 'en', text: 'fog', status: 'preferred' }] })).toEqual([]);
	});

	it('checks a document’s translations, and remembers accepted findings', () => {
		const doc = wb.listDocuments().find((d) => d.title.startsWith('Déclaration'))!;
		const pairs = wb.segmentPairs(doc.id);
		const ord = pairs.findIndex((p) => p.source.includes('FIAS'));
		expect(ord).toBeGreaterThan(0);
		expect(wb.setTarget(doc.id, ord, 'To this end, a mechanism has been defined to facilitate land transit through Russian territory of goods for the FIAS, in accordance with Nato practice.')).toBe(true);
		const report = wb.terminology.checkDocument(doc.id);
		const found = report.issues.map((i) => `${i.check}:${i.params.found ?? i.params.source}`);
		expect(found).toContain('term-forbidden:FIAS');
		expect(found).toContain('term-forbidden:Nato');
		expect(found).toContain('term-missing:résolution 1386 du Conseil de sécurité des Nations Unies');
		expect(report.counts.error).toBeGreaterThanOrEqual(3);
		const nato = report.issues.find((i) => i.params.found === 'Nato')!;
		wb.terminology.ignore(doc.id, ord, nato.check, nato.fingerprint, 'quoted from a 1990s source');
		wb.close();
		wb = createWorkbench({ dbPath: join(dir.dir, 'a.sqlite') });
		const again = wb.terminology.checkDocument(doc.id);
		expect(again.issues.find((i) => i.params.found === 'Nato')!.ignored).toBe('quoted from a 1990s source');
		expect(again.counts.error).toBe(report.counts.error - 1);
		expect(again.counts.ignored).toBe(1);
		// a stale version is a conflict, not a silent overwrite
		expect(wb.setTarget(doc.id, ord, 'x', { version: 1 })).toBe(false);
	});

	it('checks consistency against the translation memory: TM units of the pair are the other side', () => {
		const doc = 1;
		const ord = wb.segmentPairs(doc).findIndex((p) => p.source.startsWith('Enfin, un certain nombre d’Alliés et de Partenaires'));
		expect(ord).toBeGreaterThanOrEqual(0);
		const source = wb.segmentPairs(doc)[ord].source;
		expect(wb.setTarget(doc, ord, 'Finally, a number of Allies and Partners have also announced new force commitments and other forms of support.')).toBe(true);
		const unit = (over: Partial<TmUnit>): TmUnit => ({ sourceLang: 'fr-FR', targetLang: 'en-GB', source, target: '', origin: 'import', ...over });
		const [other, same, reverse, own, german] = wb.tm.add([
			unit({ target: 'Finally, a number of Allies and partner countries have also announced new commitments.' }),
			unit({ source: `${source} (2007)`, target: 'Finally, a number of Allies and Partners have announced commitments (2007).' }),
			unit({ sourceLang: 'en-GB', targetLang: 'fr-FR', source: 'A number of Allies and partner countries.', target: 'Un certain nombre d’Alliés et de Partenaires.' }),
			unit({ source: `${source} (copie)`, target: 'A number of Allies and partner countries (copy).', documentId: doc, origin: 'translation' }),
			unit({ targetLang: 'de-DE', source: `${source} (de)`, target: 'Einige Verbündete und partner countries.' })
		]);
		const finding = (r: ReturnType<typeof wb.terminology.checkDocument>) => r.issues.find((i) => i.message === 'checks.inconsistentTarget' && i.params.source === 'Partenaires');
		// within the document there is one rendering only
		expect(finding(wb.terminology.checkDocument(doc))).toBeUndefined();
		expect(finding(wb.terminology.checkDocument(doc, { scope: 'project' }))).toBeUndefined();
		const f = finding(wb.terminology.checkDocument(doc, { scope: 'tm' }))!;
		expect(f).toBeDefined();
		expect(f.segments).toEqual([ord]);
		expect(f.document).toBe(doc);
		expect(f.params.variants).toBe(`Partners (${ord + 1}, TM ${same}); partner countries (TM ${other})`);
		// the other side: units of the document's pair only, not the reverse pair, another target language, or the TM's copy of this document's own segments
		expect(f.references!.map((r) => [r.tmUnit, r.text])).toEqual([
			[same, 'Partners'],
			[other, 'partner countries']
		]);
		expect(f.references!.map((r) => r.tmUnit)).not.toContain(reverse);
		expect(f.references!.map((r) => r.tmUnit)).not.toContain(own);
		expect(f.references!.map((r) => r.tmUnit)).not.toContain(german);
		expect(f.references![1].target).toContain('partner countries have also announced');
		// the same from the command line, in JSON and in text
		wb.close();
		const cli = (args: string[]) =>
			spawnSync(process.execPath, [join(root, 'bin', 'atelier.js'), ...args], { encoding: 'utf8', env: { ...process.env, ATELIER_DB: join(dir.dir, 'a.sqlite'), ATELIER_LANG: 'fr' } });
		const json = cli(['check', String(doc), '--scope', 'tm', '--format', 'json']);
		const report = JSON.parse(json.stdout) as { issues: { params: Record<string, string>; references?: { tmUnit?: number }[] }[] };
		expect(report.issues.find((i) => i.params.source === 'Partenaires')!.references!.map((r) => r.tmUnit)).toEqual([same, other]);
		const text = cli(['check', String(doc), '--scope', 'tm']);
		expect(text.stdout).toContain(`face à unité de mémoire ${same}, unité de mémoire ${other}`);
		expect(cli(['check', String(doc), '--scope', 'everything']).status).toBe(1);
		wb = createWorkbench({ dbPath: join(dir.dir, 'a.sqlite') });
	});
});
