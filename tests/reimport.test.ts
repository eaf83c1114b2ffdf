import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtelierError } from '../src/core/errors.js';
import type { ReturnedDocument } from '../src/core/export/bilingual.js';
import { buildBilingual } from '../src/core/export/build.js';
import { planReimport } from '../src/core/export/reimport.js';
import { contentChecksum } from './helpers/db.js';
import { exportFixture, tEn, type ExportFixture } from './helpers/export-workbench.js';

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const enc = (s: string) => new TextEncoder().encode(s);
let fx: ExportFixture;
beforeEach(async () => (fx = await exportFixture()));
afterEach(() => fx.close());

const exportXliff = async (format: 'xliff' | 'xliff12' = 'xliff') => dec((await fx.ex.export(fx.docId, format, { t: tEn, uiLang: 'en' })).bytes);
/** Replaces the target of segment `id` in an XLIFF 2.0 export (and its state). */
function editTarget20(xml: string, id: string, target: string, subState = 'reviewed'): string {
	const re = new RegExp(`(<segment id="${id}" state=")[a-z]+(" subState="atelier:)[a-z]+(">\\s*<source[^>]*>[^<]*</source>\\s*)(?:<target[^>]*>[^<]*</target>)?`);
	expect(re.test(xml)).toBe(true);
	return xml.replace(re, `$1${subState === 'reviewed' ? 'reviewed' : 'translated'}$2${subState}$3<target xml:space="preserve">${target}</target>`);
}

describe('re-import: the plan', () => {
	it('a changed target and status is planned, nothing is written until applied', async () => {
		const xml = editTarget20(await exportXliff(), '1', 'NATO “defends” its Allies: that is its mission.');
		const before = contentChecksum(fx.wb.db);
		const plan = await fx.ex.plan(fx.docId, enc(xml), 'back.xlf');
		expect(contentChecksum(fx.wb.db)).toBe(before);
		expect(plan.blocking).toEqual([]);
		expect(plan.rejected).toEqual([]);
		expect(plan.conflicts).toEqual([]);
		expect(plan.changes).toHaveLength(1);
		expect(plan.changes[0]).toMatchObject({ id: '1', number: 2, oldTarget: 'NATO “defends” its allies: that is its mission.', newTarget: 'NATO “defends” its Allies: that is its mission.', oldStatus: 'translated', newStatus: 'reviewed' });
		expect(plan.unchanged).toBe(fx.wb.getDocument(fx.docId).segments - 1);
		const res = fx.ex.apply(plan, { by: 'reviewer' });
		expect(res.applied).toBe(1);
		const seg = fx.wb.getDocument(fx.docId).paragraphsList.flatMap((p) => p.segments)[1];
		expect(seg).toMatchObject({ target: 'NATO “defends” its Allies: that is its mission.', status: 'reviewed' });
		const h = fx.ex.history(fx.docId);
		expect(h).toHaveLength(1);
		expect(h[0]).toMatchObject({ ord: 1, oldTarget: 'NATO “defends” its allies: that is its mission.', newTarget: 'NATO “defends” its Allies: that is its mission.', oldStatus: 'translated', newStatus: 'reviewed', kind: 'reimport', format: 'xliff', originFile: 'back.xlf', changedBy: 'reviewer' });
		// a confirmed target that came back is a confirmation: its pair is in the TM, signed, as the editor would write it
		const units = fx.wb.db.prepare('SELECT target, origin, created_by AS by FROM tm_units WHERE document_id = ? AND segment_ord = 1 ORDER BY id').all(fx.docId);
		expect(units).toContainEqual({ target: 'NATO “defends” its Allies: that is its mission.', origin: 'translation', by: 'reviewer' });
	});

	it('a re-imported draft does not reach the TM; a re-imported confirmation does', async () => {
		const count = () => fx.wb.db.prepare('SELECT count(*) FROM tm_units WHERE target = ?').pluck().get('A draft only.') as number;
		const draft = editTarget20(await exportXliff(), '1', 'A draft only.', 'draft');
		fx.ex.apply(await fx.ex.plan(fx.docId, enc(draft), 'draft.xlf'));
		expect(fx.wb.getDocument(fx.docId).paragraphsList.flatMap((p) => p.segments)[1]).toMatchObject({ target: 'A draft only.' });
		expect(count()).toBe(0);
		const confirmed = editTarget20(await exportXliff(), '1', 'A draft only.', 'translated');
		fx.ex.apply(await fx.ex.plan(fx.docId, enc(confirmed), 'confirmed.xlf'));
		expect(count()).toBe(1);
	});

	it('an untouched export changes nothing (XLIFF 2.0 and 1.2)', async () => {
		for (const f of ['xliff', 'xliff12'] as const) {
			const plan = await fx.ex.plan(fx.docId, enc(await exportXliff(f)), `same.${f}`);
			expect(plan.changes).toEqual([]);
			expect(plan.rejected).toEqual([]);
			expect(plan.unchanged).toBe(fx.wb.getDocument(fx.docId).segments);
			expect(plan.missing).toEqual([]);
		}
	});

	it('a segment edited in Atelier after the export is a conflict, applied only when asked', async () => {
		const xml = editTarget20(await exportXliff(), '0', 'Final statement');
		fx.wb.setTarget(fx.docId, 0, 'Closing declaration', { status: 'translated' });
		const plan = await fx.ex.plan(fx.docId, enc(xml), 'back.xlf');
		expect(plan.changes).toEqual([]);
		expect(plan.conflicts).toHaveLength(1);
		expect(plan.conflicts[0]).toMatchObject({ number: 1, oldTarget: 'Closing declaration', newTarget: 'Final statement', exportedVersion: 2 });
		expect(fx.ex.apply(plan).applied).toBe(0);
		expect(fx.wb.getDocument(fx.docId).paragraphsList[0].segments[0].target).toBe('Closing declaration');
		const again = await fx.ex.plan(fx.docId, enc(xml), 'back.xlf');
		expect(fx.ex.apply(again, { overwriteConflicts: true }).applied).toBe(1);
		expect(fx.wb.getDocument(fx.docId).paragraphsList[0].segments[0].target).toBe('Final statement');
	});

	it('an edit between the plan and the confirmation applies nothing at all', async () => {
		let xml = await exportXliff();
		xml = editTarget20(xml, '0', 'Final statement');
		xml = editTarget20(xml, '3', 'The Council adopted 12\u202f500 decisions.');
		const plan = await fx.ex.plan(fx.docId, enc(xml), 'back.xlf');
		expect(plan.changes.map((c) => c.number)).toEqual([1, 4]);
		fx.wb.setTarget(fx.docId, 3, 'Someone else’s edit', { status: 'draft' });
		const before = contentChecksum(fx.wb.db);
		let err: unknown;
		try {
			fx.ex.apply(plan);
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(AtelierError);
		expect((err as AtelierError).code).toBe('reimport_stale');
		expect((err as AtelierError).params).toEqual({ row: 4 });
		expect(contentChecksum(fx.wb.db)).toBe(before);
	});

	it('an XLIFF from another document, or in other languages, applies nothing and says why', async () => {
		const { id: other } = await fx.wb.importDocument({ bytes: enc('Autre texte.\n\nDeuxième paragraphe.'), file: 'autre.txt', sourceLang: 'fr-FR', targetLang: 'en-GB', pasted: true });
		fx.wb.setTarget(other, 0, 'Other text.', { status: 'translated' });
		const foreign = dec((await fx.ex.export(other, 'xliff', { t: tEn, uiLang: 'en' })).bytes);
		const plan = await fx.ex.plan(fx.docId, enc(foreign), 'autre.xlf');
		expect(plan.blocking.map((b) => [b.reason, b.detail])).toEqual([['wrong_document', { found: other, expected: fx.docId }]]);
		expect(plan.changes).toEqual([]);
		expect(plan.rejected.every((r) => r.reason === 'wrong_document')).toBe(true);
		expect(() => fx.ex.apply(plan)).toThrow(AtelierError);

		const de = (await exportXliff('xliff12')).replace('target-language="en-GB"', 'target-language="de-DE"').replace(/xml:lang="en-GB"/g, 'xml:lang="de-DE"');
		const p2 = await fx.ex.plan(fx.docId, enc(de), 'de.xlf');
		expect(p2.blocking[0]).toMatchObject({ reason: 'languages', detail: { found: 'fr-FR→de-DE', expected: 'fr-FR→en-GB' } });
	});

	it('unknown ids, edited or moved sources, duplicates, added rows and empty targets are reported with their place', async () => {
		const stored = buildBilingual(fx.wb, fx.docId, { issues: false });
		const rows = stored.paragraphs.flatMap((p) => p.rows);
		const returned: ReturnedDocument = {
			format: 'docx',
			file: 'review.docx',
			documentId: fx.docId,
			sourceLang: 'fr-FR',
			targetLang: 'en-GB',
			rows: [
				{ id: '0', number: 1, source: rows[3].source, target: 'Moved row', status: 'reviewed', comment: null, location: { file: 'review.docx', line: 2 } },
				{ id: '99', number: 9, source: 'Inconnu', target: 'Unknown', status: null, comment: null, location: { file: 'review.docx', line: 3 } },
				{ id: '1', number: 2, source: 'L’OTAN « défend » ses alliés : c’est sa mission.', target: 'Same spacing, other spaces', status: null, comment: null, location: { file: 'review.docx', line: 4 } },
				{ id: '1', number: 2, source: rows[1].source, target: 'twice', status: null, comment: null, location: { file: 'review.docx', line: 5 } },
				{ id: null, number: null, source: 'Ajout du relecteur.', target: 'Reviewer’s addition.', status: null, comment: null, location: { file: 'review.docx', line: 6 } },
				{ id: '2', number: 3, source: rows[2].source + ' Modifié.', target: 'Edited source', status: null, comment: null, location: { file: 'review.docx', line: 7 } },
				{ id: '3', number: 4, source: rows[3].source, target: '', status: null, comment: null, location: { file: 'review.docx', line: 8 } }
			]
		};
		const plan = planReimport(stored, returned);
		expect(plan.rejected.map((r) => [r.reason, r.location.line, r.detail])).toEqual([
			['source_differs', 2, { row: 1, belongsTo: 4 }],
			['unknown_id', 3, { id: '99' }],
			['duplicate_id', 5, { id: '1', row: 2 }],
			['added_row', 6, {}],
			['source_differs', 7, { row: 3 }],
			['empty_target', 8, { row: 4 }]
		]);
		// U+00A0 turned into a plain space by a word processor is the same source
		expect(plan.changes.map((c) => [c.number, c.newTarget, c.newStatus])).toEqual([[2, 'Same spacing, other spaces', 'translated']]);
		expect(plan.missing).toEqual(rows.slice(4).map((r) => r.number));
		// a DOCX re-import is recorded as a review
		fx.ex.apply(plan, { by: 'relectrice' });
		expect(fx.ex.history(fx.docId).map((h) => [h.kind, h.format, h.originFile, h.changedBy])).toEqual([['review', 'docx', 'review.docx', 'relectrice']]);
		expect(fx.wb.getDocument(fx.docId).paragraphsList.flatMap((p) => p.segments)[3].target).toBe('The Council adopted 12\u202f500 measures.');
	});

	it('refuses files it cannot read, with their location', async () => {
		await expect(fx.ex.plan(fx.docId, enc('hello'), 'notes.txt')).rejects.toMatchObject({ code: 'reimport_format' });
		await expect(fx.ex.plan(fx.docId, enc('<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0">\n<file id="f">\n<unit>'), 'cut.xlf')).rejects.toMatchObject({
			code: 'xliff_invalid',
			location: { file: 'cut.xlf', line: 3 }
		});
	});
});

describe('re-import: the CLI', () => {
	const bin = join(import.meta.dirname, '..', 'bin', 'atelier.js');
	const run = (args: string[]) => {
		const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ATELIER_DB: join(fx.dir, 'db.sqlite'), ATELIER_LANG: 'en' } });
		return { code: r.status, out: r.stdout, err: r.stderr };
	};
	it('export, edit, reimport prints the plan; only --apply applies', async () => {
		fx.wb.close();
		const out = join(fx.dir, 'doc.xlf');
		const e = run(['export', String(fx.docId), '--format', 'xliff', '-o', out]);
		expect(e.code, e.err).toBe(0);
		const xml = editTarget20(readText(out), '2', 'The Heads of State met in Bucharest!', 'reviewed');
		writeFileSync(out, xml);
		const dry = run(['reimport', String(fx.docId), out]);
		expect(dry.code, dry.err).toBe(0);
		expect(dry.out).toContain('1 to apply, 0 conflicts, 0 cannot be applied');
		expect(dry.out).toContain('3: The Heads of State met in Bucharest! → The Heads of State met in Bucharest! [draft → reviewed]');
		expect(dry.out).toContain('Nothing applied');
		const applied = run(['reimport', String(fx.docId), out, '--apply', '--by', 'cli']);
		expect(applied.code, applied.err).toBe(0);
		expect(applied.out).toMatch(/Applied 1 change \(history batch [0-9a-f-]+\)/);
		const after = run(['reimport', String(fx.docId), out]);
		expect(after.out).toContain('0 to apply');
		const bad = run(['export', String(fx.docId), '--format', 'pdf']);
		expect(bad.code).toBe(1);
		expect(bad.err).toContain('Unknown export format “pdf”');
	}, 240_000);
});

import { readFileSync } from 'node:fs';
const readText = (f: string) => readFileSync(f, 'utf8');

describe('re-import: a bilingual DOCX back from a reviewer', () => {
	const py = (script: string, ...args: string[]) => {
		const r = spawnSync('/usr/bin/python3', ['-c', script, ...args], { encoding: 'utf8' });
		if (r.status !== 0) throw new Error(r.stderr);
		return r.stdout;
	};
	it('a target edited in Word is planned as a review; an older reordered copy conflicts instead of undoing it', async () => {
		const out = await fx.ex.export(fx.docId, 'docx', { t: tEn, uiLang: 'en' });
		expect(out.filename).toBe('Déclaration « finale ».fr-en.review.docx');
		const same = await fx.ex.plan(fx.docId, out.bytes, out.filename);
		expect(same.changes).toEqual([]);
		expect(same.rejected).toEqual([]);
		const file = join(fx.dir, 'review.docx');
		writeFileSync(file, out.bytes);
		// the reviewer rewrites the third segment's target (table row 3: row 0 is the header)
		py(
			`import sys, docx
d = docx.Document(sys.argv[1])
t = d.tables[0]
hdr = [c.text.strip().lower() for c in t.rows[0].cells]
col = next(i for i, h in enumerate(hdr) if h.startswith('target'))
t.rows[3].cells[col].paragraphs[0].runs[0].text = 'The Heads of State and Government met in Bucharest!'
for r in t.rows[3].cells[col].paragraphs[0].runs[1:]: r.text = ''
d.save(sys.argv[2])`,
			file,
			join(fx.dir, 'edited.docx')
		);
		const plan = await fx.ex.plan(fx.docId, readFileSync(join(fx.dir, 'edited.docx')), 'edited.docx');
		expect(plan.rejected).toEqual([]);
		expect(plan.changes.map((c) => [c.number, c.oldTarget, c.newTarget])).toEqual([[3, 'The Heads of State met in Bucharest!', 'The Heads of State and Government met in Bucharest!']]);
		fx.ex.apply(plan, { by: 'relectrice' });
		expect(fx.ex.history(fx.docId)[0]).toMatchObject({ kind: 'review', format: 'docx', originFile: 'edited.docx', newTarget: 'The Heads of State and Government met in Bucharest!' });

		// rows 2 and 3 swapped: the number column no longer matches the source text
		py(
			`import sys, docx, copy
d = docx.Document(sys.argv[1])
tbl = d.tables[0]._tbl
rows = tbl.findall('{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tr')
rows[2].addprevious(rows[3])
d.save(sys.argv[2])`,
			file,
			join(fx.dir, 'swapped.docx')
		);
		const swapped = await fx.ex.plan(fx.docId, readFileSync(join(fx.dir, 'swapped.docx')), 'swapped.docx');
		// the ids travel with the rows, so a reordered table applies row by row; the old export's
		// row 3 now conflicts with the review applied above instead of silently undoing it
		expect(swapped.changes).toEqual([]);
		expect(swapped.rejected).toEqual([]);
		expect(swapped.conflicts.map((c) => [c.number, c.oldTarget, c.newTarget, c.exportedVersion])).toEqual([[3, 'The Heads of State and Government met in Bucharest!', 'The Heads of State met in Bucharest!', 2]]);
		expect(swapped.unchanged).toBe(fx.wb.getDocument(fx.docId).segments - 1);
	});
});
