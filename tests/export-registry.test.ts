import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBilingual } from '../src/core/export/build.js';
import { contentDisposition, EXPORT_FORMATS, exportFormat, gapsWarnings, safeFilename } from '../src/core/export/registry.js';
import { createT } from '../src/lib/i18n/index.js';
import { confirmedUnits } from '../src/core/export/tmx.js';
import { readTmx } from '../src/core/formats/tmx/read.js';
import type { TmUnit } from '../src/core/model.js';
import { exportFixture, tEn, type ExportFixture } from './helpers/export-workbench.js';

let fx: ExportFixture;
beforeAll(async () => (fx = await exportFixture()));
afterAll(() => fx.close());

describe('safe file names', () => {
	it('keep accents and French punctuation, drop paths, controls and bidi tricks', () => {
		expect(safeFilename('Déclaration « finale » — l’OTAN.fr-en.xlf')).toBe('Déclaration « finale » — l’OTAN.fr-en.xlf');
		expect(safeFilename('../../etc/passwd')).toBe('etc-passwd');
		expect(safeFilename('..\\..\\windows\\system32.tmx')).toBe('windows-system32.tmx');
		expect(safeFilename('a\u0000b\u0007c\nd\r.txt')).toBe('abcd.txt');
		expect(safeFilename('rapport\u202Eslx.exe')).toBe('rapportslx.exe');
		expect(safeFilename('quoi ? "oui" <non> | a:b*.csv')).toBe('quoi - -oui- -non- - a-b-.csv');
		expect(safeFilename('.htaccess')).toBe('htaccess');
		expect(safeFilename('CON.txt')).toBe('_CON.txt');
		expect(safeFilename('   ')).toBe('document');
		expect(safeFilename('…/')).toBe('…-');
		const long = safeFilename(`${'Très long titre '.repeat(30)}.fr-en.xliff12.xlf`);
		expect([...long].length).toBeLessThanOrEqual(150);
		expect(long.endsWith('.fr-en.xliff12.xlf')).toBe(true);
	});
	it('Content-Disposition has an ASCII fallback and an RFC 5987 filename*', () => {
		const cd = contentDisposition('Déclaration « finale » l’OTAN 100%.xlf');
		expect(cd).toBe(
			`attachment; filename="Declaration  finale  l'OTAN 100_.xlf"; filename*=UTF-8''D%C3%A9claration%20%C2%AB%20finale%20%C2%BB%20l%E2%80%99OTAN%20100%25.xlf`
		);
		expect(decodeURIComponent(cd.split("UTF-8''")[1])).toBe('Déclaration « finale » l’OTAN 100%.xlf');
		expect(contentDisposition('x"; filename="evil.exe')).not.toMatch(/filename="x"/);
		expect(contentDisposition('../a/b.txt')).toContain('filename="a-b.txt"');
	});
});

describe('export formats', () => {
	it('every format has a content type, a suffix and writes the document', async () => {
		for (const f of EXPORT_FORMATS) {
			const out = await fx.ex.export(fx.docId, f.id, { t: tEn, uiLang: 'en' });
			expect(out.contentType, f.id).toMatch(/^[a-z]+\/[\w.+-]+(; charset=utf-8)?$/);
			expect(out.bytes.length, f.id).toBeGreaterThan(100);
			expect(out.filename.startsWith('Déclaration « finale »'), out.filename).toBe(true);
			expect(out.filename.endsWith(f.suffix(buildBilingual(fx.wb, fx.docId, { issues: false }))), out.filename).toBe(true);
		}
		expect(exportFormat('xliff12').contentType).toBe('application/xliff+xml; charset=utf-8');
		expect(exportFormat('tmx').contentType).toBe('application/x-tmx+xml; charset=utf-8');
		expect(() => exportFormat('../tmx')).toThrow(/export_format/);
	});

	it('a finished-translation file says what is not finished in it; the TMX counts the pairs it holds', async () => {
		// fixture: reviewed, translated, draft, translated, then two segments without a target
		for (const format of ['txt', 'docx-translated']) {
			const out = await fx.ex.export(fx.docId, format, { t: tEn, uiLang: 'en' });
			expect(out.gaps, format).toEqual({ rows: 6, untranslated: 2, unconfirmed: 1 });
		}
		const txt = await fx.ex.export(fx.docId, 'txt', { t: tEn, uiLang: 'en' });
		expect(gapsWarnings(txt.gaps, tEn)).toEqual([
			'Not finished: 2 segments of 6 have no translation; the source text stands in for them.',
			'1 translation not confirmed (new, draft or rejected) is included as it stands.'
		]);
		expect(gapsWarnings(txt.gaps, createT('fr'))[0]).toBe('Traduction inachevée\u00a0: 2 segments sur 6 n’ont pas de traduction\u202f; le texte source en tient lieu.');
		expect(gapsWarnings({ rows: 6, untranslated: 0, unconfirmed: 0 }, tEn)).toEqual([]);
		for (const format of ['xliff', 'html', 'tsv']) expect((await fx.ex.export(fx.docId, format, { t: tEn, uiLang: 'en' })).gaps, format).toBeUndefined();
		const tmx = await fx.ex.export(fx.docId, 'tmx', { t: tEn, uiLang: 'en' });
		expect(tmx.rows).toBe(3);
		const xml = new TextDecoder().decode(tmx.bytes);
		expect(xml.match(/<tu /g)).toHaveLength(3);
		// each unit dated and signed as the segment was, so a re-import keeps the translator's date
		const tus = xml.match(/<tu [^>]*>/g)!;
		for (const tu of tus) {
			expect(tu).toMatch(/changedate="\d{8}T\d{6}Z"/);
			expect(tu).toContain('changeid="translator"');
		}
	});

	it('the document builds rows with target, status, version, term hits and findings', () => {
		const d = buildBilingual(fx.wb, fx.docId);
		const rows = d.paragraphs.flatMap((p) => p.rows);
		expect(d).toMatchObject({ documentId: fx.docId, origin: 'document', sourceLang: 'fr-FR', targetLang: 'en-GB', title: 'Déclaration « finale »' });
		expect(rows.map((r) => r.status)).toEqual(['reviewed', 'translated', 'draft', 'translated', 'new', 'new']);
		expect(rows[1]).toMatchObject({ id: '1', number: 2, version: 2, source: 'L’OTAN « défend » ses alliés\u00a0: c’est sa mission.' });
		const nato = rows[1].termHits!.findIndex((h) => h.text === 'OTAN');
		expect(nato).toBeGreaterThanOrEqual(0);
		expect(rows[1].termEquivalents![nato]).toContain('NATO');
		// the FIAS row has no target: the missing-term check has nothing to say; a translated row missing ISAF would
		expect(rows.every((r) => Array.isArray(r.issues))).toBe(true);
	});

	it('the TMX holds only confirmed pairs (translated, reviewed) and reads back equal', async () => {
		const d = buildBilingual(fx.wb, fx.docId, { issues: false });
		const units = confirmedUnits(d);
		expect(units.map((u) => u.source)).toEqual([0, 1, 3].map((i) => d.paragraphs.flatMap((p) => p.rows)[i].source));
		const out = await fx.ex.export(fx.docId, 'tmx', { t: tEn, uiLang: 'en' });
		const back: TmUnit[] = [];
		for await (const b of readTmx(out.bytes, { file: 'doc.tmx', targetLang: 'en-GB' })) back.push(...b);
		expect(back.map((u) => [u.source, u.target, u.tuid])).toEqual(units.map((u) => [u.source, u.target, u.tuid]));
		expect(back[0].props).toContainEqual({ type: 'x-atelier-status', value: 'reviewed' });
	});

	it('a document without targets exports its alignment: one row per bead', async () => {
		const { id: fr } = await fx.wb.importDocument({ bytes: new TextEncoder().encode('Le Sommet. Il a réuni les Alliés.\n\nFin.'), file: 'fr.txt', sourceLang: 'fr-FR', targetLang: 'en-GB', pasted: true });
		const en = await fx.wb.importTranslation(fr, { bytes: new TextEncoder().encode('The Summit. It brought the Allies together.\n\nEnd.'), file: 'en.txt', lang: 'en-GB' });
		const aid = fx.wb.alignment.alignDocuments(fr, en);
		const d = buildBilingual(fx.wb, fr);
		expect(d.origin).toBe('alignment');
		const rows = d.paragraphs.flatMap((p) => p.rows);
		expect(rows.map((r) => [r.source, r.target])).toEqual([
			['Le Sommet.', 'The Summit.'],
			['Il a réuni les Alliés.', 'It brought the Allies together.'],
			['Fin.', 'End.']
		]);
		expect(rows.every((r) => r.status === 'draft' && typeof r.confidence === 'number')).toBe(true);
		expect(confirmedUnits(d)).toEqual([]);
		fx.wb.alignment.confirm(aid);
		expect(confirmedUnits(buildBilingual(fx.wb, fr)).map((u) => u.target)).toEqual(['The Summit.', 'It brought the Allies together.', 'End.']);
		expect(buildBilingual(fx.wb, fr, { from: 'document' }).origin).toBe('document');
		expect(() => buildBilingual(fx.wb, fx.docId, { from: 'alignment' })).toThrow(/export_no_alignment/);
	});
});
