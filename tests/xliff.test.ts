import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AtelierError } from '../src/core/errors.js';
import type { BilingualDocument, BilingualRow } from '../src/core/export/bilingual.js';
import { readXliff } from '../src/core/formats/xliff/read.js';
import { fromXliff12, fromXliff20, toXliff12, toXliff20 } from '../src/core/formats/xliff/states.js';
import { writeXliff12, writeXliff20 } from '../src/core/formats/xliff/write.js';
import { TAG_BASE, type SegmentStatus } from '../src/core/model.js';
import { createT } from '../src/lib/i18n/index.js';
import { tempDir } from './helpers/db.js';

const XSD = join(import.meta.dirname, '..', '..', 'shared', 'standards', 'xliff-core-1.2-strict.xsd');
const FIX = join(import.meta.dirname, 'fixtures', 'xliff');
const P = (i: number) => String.fromCharCode(TAG_BASE + i);
const tmp = tempDir('atelier-xliff-');
afterAll(() => tmp.remove());
const enc = (s: string) => new TextEncoder().encode(s);

const STATUSES: SegmentStatus[] = ['new', 'draft', 'translated', 'reviewed', 'rejected'];

function row(n: number, source: string, target: string | null, status: SegmentStatus, extra: Partial<BilingualRow> = {}): BilingualRow {
	return { number: n + 1, id: String(n), sourceOrds: [n], kind: 'body', source, target, status, version: n + 3, ...extra };
}

function doc(rows: BilingualRow[], over: Partial<BilingualDocument> = {}): BilingualDocument {
	return {
		documentId: 42,
		title: 'Déclaration « finale » & <annexe>',
		sourceLang: 'fr-FR',
		targetLang: 'en-GB',
		originFile: 'décl.txt',
		origin: 'document',
		exportedAt: '2026-11-23T02:00:00.000Z',
		paragraphs: [{ ord: 0, kind: 'body', level: null, marker: null, rows }],
		...over
	};
}

const sample = () =>
	doc([
		row(0, 'L’OTAN « défend » ses alliés\u00a0: 12\u202f500 hommes.', 'NATO “defends” its allies: 12,500 men.', 'reviewed', {
			comment: 'Relu — « OK » & <fin>',
			termHits: [{ start: 2, end: 6, text: 'OTAN', conceptKey: 'c-nato', term: { lang: 'fr-FR', text: 'OTAN', status: 'preferred' } }],
			termEquivalents: [['NATO']],
			issues: [{ check: 'term-missing', severity: 'warning', message: 'checks.termMissing', params: { source: 'OTAN', expected: 'NATO' }, segments: [0], fingerprint: 'x' }]
		}),
		row(1, `Texte ${P(0)}gras${P(1)} et ${P(2)} fin.`, `Text ${P(0)}bold${P(1)} and ${P(2)} end.`, 'translated', {
			sourceTags: [
				{ kind: 'bpt', attrs: { i: '1', type: 'bold' }, content: '&lt;b&gt;' },
				{ kind: 'ept', attrs: { i: '1' }, content: '&lt;/b&gt;' },
				{ kind: 'ph', attrs: { x: '2', type: 'image' }, content: '&lt;img src="a b.png"/&gt;' }
			],
			targetTags: [
				{ kind: 'bpt', attrs: { i: '1', type: 'bold' }, content: '&lt;b&gt;' },
				{ kind: 'ept', attrs: { i: '1' }, content: '&lt;/b&gt;' },
				{ kind: 'ph', attrs: { x: '2', type: 'image' }, content: '&lt;img src="a b.png"/&gt;' }
			]
		}),
		row(2, 'Pas encore traduit.', null, 'new'),
		row(3, 'Brouillon ; espace\u202finsécable.', 'Draft; thin\u202fspace.', 'draft'),
		row(4, 'Rejeté.\r\nDeux lignes.', 'Rejected.\r\nTwo lines.', 'rejected')
	]);

function validate12(xml: string): void {
	const f = join(tmp.dir, `v${Math.random().toString(36).slice(2)}.xlf`);
	writeFileSync(f, xml);
	try {
		execFileSync('xmllint', ['--noout', '--schema', XSD, f], { stdio: ['ignore', 'pipe', 'pipe'] });
	} catch (e) {
		throw new Error(`xmllint rejected XLIFF 1.2: ${(e as { stderr?: Buffer }).stderr}`);
	}
}

describe('XLIFF states', () => {
	it('every status survives 2.0 and 1.2 (with a target)', () => {
		for (const s of STATUSES) {
			const a = toXliff20(s);
			expect(fromXliff20(a.state, a.subState, true)).toBe(s);
			const b = toXliff12(s);
			expect(fromXliff12(b.state, b.approved ? 'yes' : undefined, true)).toBe(s === 'new' ? 'draft' : s);
		}
	});
	it('states from other tools map sensibly', () => {
		expect(fromXliff20('final', undefined, true)).toBe('reviewed');
		expect(fromXliff20('initial', undefined, false)).toBe('new');
		expect(fromXliff20('initial', undefined, true)).toBe('draft');
		expect(fromXliff12('needs-review-l10n', undefined, true)).toBe('draft');
		expect(fromXliff12('final', undefined, true)).toBe('reviewed');
		expect(fromXliff12(undefined, undefined, false)).toBe('new');
	});
});

describe('XLIFF 2.0', () => {
	it('round-trips ids, targets, statuses, typography, tags, comments and versions', async () => {
		const d = sample();
		const back = await readXliff(enc(writeXliff20(d)), { file: 'x.xlf' });
		expect(back).toMatchObject({ format: 'xliff', documentId: 42, sourceLang: 'fr-FR', targetLang: 'en-GB', exportedAt: d.exportedAt, origin: 'document' });
		const rows = d.paragraphs[0].rows;
		expect(back.rows.map((r) => r.id)).toEqual(rows.map((r) => r.id));
		expect(back.rows.map((r) => r.source)).toEqual(rows.map((r) => r.source));
		expect(back.rows.map((r) => r.target)).toEqual(rows.map((r) => r.target));
		expect(back.rows.map((r) => r.status)).toEqual(rows.map((r) => r.status));
		expect(back.rows.map((r) => r.version)).toEqual(rows.map((r) => r.version));
		expect(back.rows[0].comment).toBe('Relu — « OK » & <fin>');
		expect(back.rows[1].targetTags).toEqual(rows[1].targetTags);
		expect(back.rows[0].location.line).toBeGreaterThan(1);
	});
	it('writes QA notes as the reviewer reads them, in the chosen language, in both versions', () => {
		const en = writeXliff20(sample(), { t: createT('en') });
		expect(en).toContain('<note category="qa" priority="5">Warning (term-missing): “OTAN” is not translated with the approved term: NATO</note>');
		expect(en).not.toContain('checks.');
		const fr12 = writeXliff12(sample(), { t: createT('fr') });
		expect(fr12).toMatch(/<note from="atelier:qa" priority="5">Avertissement \(term-missing\)\u00a0: [^<]*OTAN[^<]*NATO<\/note>/);
		expect(fr12).not.toContain('checks.');
		validate12(fr12);
	});
	it('writes the glossary hits in the Glossary module and the findings as notes', () => {
		const xml = writeXliff20(sample());
		expect(xml).toContain('xmlns:gls="urn:oasis:names:tc:xliff:glossary:2.0"');
		expect(xml).toMatch(/<gls:glossEntry>\s*<gls:term source="atelier:c-nato">OTAN<\/gls:term>\s*<gls:translation>NATO<\/gls:translation>/);
		expect(xml).toMatch(/<note category="qa" priority="5">warning term-missing/);
		// module elements come before notes, notes before originalData, then segments (XLIFF 2.0 §4.2.2.3)
		const unit = xml.slice(xml.indexOf('<unit id="0"'), xml.indexOf('</unit>'));
		expect(unit.indexOf('<mda:metadata>')).toBeLessThan(unit.indexOf('<gls:glossary>'));
		expect(unit.indexOf('<gls:glossary>')).toBeLessThan(unit.indexOf('<notes>'));
		expect(unit.indexOf('<notes>')).toBeLessThan(unit.indexOf('<segment'));
		expect(xml).toContain('<segment id="2" state="initial" subState="atelier:new">');
		expect(xml).not.toMatch(/<segment id="2"[^]*?<target[^]*?<\/segment>\s*<\/unit>\s*<unit id="3"/);
	});
	it('reads a hand-written file from another tool: groups, several segments, cp and pc', async () => {
		const back = await readXliff(readFileSync(join(FIX, 'other-tool-2.0.xlf')), { file: 'other.xlf' });
		expect(back.documentId).toBeNull();
		expect(back.rows.map((r) => r.id)).toEqual(['0', '1', '2']);
		expect(back.rows[0]).toMatchObject({ source: 'L’OTAN « défend » ses alliés.', target: 'NATO “defends” its allies.', status: 'reviewed', comment: 'Vérifié par la relectrice' });
		expect(back.rows[1].source).toBe(`Première phrase. Seconde\u00a0: ${P(0)}gras${P(1)}`);
		expect(back.rows[1].target).toBe(`First sentence. Second: ${P(0)}bold${P(1)}`);
		expect(back.rows[1].status).toBe('draft');
		expect(back.rows[2]).toMatchObject({ target: null, status: 'translated' });
		expect(back.rows[2].location).toEqual({ file: 'other.xlf', line: 24, column: 3 });
	});
});

describe('XLIFF 2.0 writer output, checked by hand against the 2.0 core, Metadata and Glossary modules', () => {
	it('equals the hand-checked fixture (element order, states, modules, placeholders)', () => {
		const d: BilingualDocument = {
			documentId: 9,
			title: 'Note « courte »',
			sourceLang: 'fr-FR',
			targetLang: 'en-GB',
			originFile: 'note.txt',
			origin: 'document',
			exportedAt: '2026-11-23T03:00:00.000Z',
			paragraphs: [
				{
					ord: 0,
					kind: 'heading',
					level: 1,
					marker: null,
					rows: [
						{
							number: 1,
							id: '0',
							sourceOrds: [0],
							kind: 'heading',
							source: 'L’OTAN\u00a0: « bilan »',
							target: 'NATO: “review”',
							status: 'reviewed',
							version: 4,
							comment: 'Titre validé',
							termHits: [{ start: 2, end: 6, text: 'OTAN', conceptKey: 'c-nato', term: { lang: 'fr-FR', text: 'OTAN', status: 'preferred' } }],
							termEquivalents: [['NATO']]
						},
						{ number: 2, id: '1', sourceOrds: [1], kind: 'body', source: `Voir ${P(0)}.`, target: null, status: 'new', version: 1, sourceTags: [{ kind: 'ph', attrs: { x: '1' }, content: '&lt;br/&gt;' }] }
					]
				}
			]
		};
		expect(writeXliff20(d)).toBe(readFileSync(join(FIX, 'expected-note-2.0.xlf'), 'utf8'));
	});
});

describe('XLIFF 1.2', () => {
	it('is valid against the strict schema, with every status, tags and notes', () => {
		validate12(writeXliff12(sample()));
		validate12(writeXliff12(doc([])));
	});
	it('round-trips ids, targets, statuses, typography, tags, comments and versions', async () => {
		const d = sample();
		const back = await readXliff(enc(writeXliff12(d)), { file: 'x.xlf' });
		expect(back).toMatchObject({ format: 'xliff12', documentId: 42, sourceLang: 'fr-FR', targetLang: 'en-GB', origin: 'document' });
		const rows = d.paragraphs[0].rows;
		expect(back.rows.map((r) => r.source)).toEqual(rows.map((r) => r.source));
		expect(back.rows.map((r) => r.target)).toEqual(rows.map((r) => r.target));
		expect(back.rows.map((r) => r.status)).toEqual(rows.map((r) => r.status));
		expect(back.rows.map((r) => r.version)).toEqual(rows.map((r) => r.version));
		expect(back.rows[0].comment).toBe('Relu — « OK » & <fin>');
		expect(back.rows[1].targetTags).toEqual(rows[1].targetTags);
	});
	it('reads a hand-written file from an older tool', async () => {
		const back = await readXliff(readFileSync(join(FIX, 'other-tool-1.2.xlf')), { file: 'old.xlf' });
		expect(back.rows.map((r) => [r.id, r.target, r.status])).toEqual([
			['0', 'Final statement', 'reviewed'],
			['1', 'NATO defends its allies.', 'draft'],
			['2', `A sentence ${P(0)}in bold${P(1)} and ${P(2)} end.`, 'translated'],
			['3', null, 'new']
		]);
		expect(back.rows[1].comment).toBe('à revoir');
		expect(back.rows[2].targetTags?.map((t) => t.kind)).toEqual(['g', '/g', 'x']);
	});
});

describe('XLIFF reading refuses bad input with a location', () => {
	const fail = async (xml: string) => {
		try {
			await readXliff(enc(xml), { file: 'bad.xlf' });
		} catch (e) {
			expect(e).toBeInstanceOf(AtelierError);
			return e as AtelierError;
		}
		throw new Error('accepted');
	};
	it('external entities and DOCTYPEs are never resolved', async () => {
		const e = await fail('<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<xliff version="1.2"><file><body><trans-unit id="1"><source>&x;</source></trans-unit></body></file></xliff>');
		expect(e.code).toBe('xliff_entity');
		expect(e.location).toMatchObject({ file: 'bad.xlf', line: 2 });
	});
	it('undeclared entities, broken XML, wrong roots, missing parts', async () => {
		expect((await fail('<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0">\n<file id="f"><unit id="1"><segment><source>&lol;</source></segment></unit></file></xliff>')).code).toBe('xliff_invalid');
		const broken = await fail('<xliff version="1.2">\n<file>\n<body><trans-unit id="1"><source>a</target>');
		expect(broken.code).toBe('xliff_invalid');
		expect(broken.location.line).toBe(3);
		expect((await fail('<tmx version="1.4"/>')).code).toBe('xliff_not_xliff');
		expect((await fail('<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"><file id="f"><unit id="1"/></file></xliff>')).code).toBe('xliff_invalid');
		expect((await fail('<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="français"><file id="f"/></xliff>')).code).toBe('lang_invalid');
		expect((await fail('')).code).toBe('file_empty');
	});
});

describe('located XML errors count columns from 1', () => {
	it('a file cut just after a line break is at column 1 of the next line, not column 0', async () => {
		const truncated = '<?xml version="1.0"?>\n<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="fr" trgLang="en">\n<file id="f">\n';
		let err: unknown;
		try {
			await readXliff(new TextEncoder().encode(truncated), { file: 'cut.xlf' });
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(AtelierError);
		const at = (err as AtelierError).location;
		expect(at.line).toBeGreaterThanOrEqual(3);
		expect(at.column).toBeGreaterThanOrEqual(1);
	});
});
