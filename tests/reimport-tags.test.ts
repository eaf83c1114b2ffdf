import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { printPlan } from '../src/cli/reimport.js';
import { withoutTags } from '../src/core/export/reimport.js';
import { createT } from '../src/lib/i18n/index.js';
import { exportFixture, tEn, type ExportFixture } from './helpers/export-workbench.js';

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const enc = (s: string) => new TextEncoder().encode(s);
let fx: ExportFixture;
beforeEach(async () => (fx = await exportFixture()));
afterEach(() => fx.close());

const ORIGINAL = 'NATO “defends” its allies: that is its mission.';
const EDITED = 'NATO “defends” all its allies: that is its mission!';
const exportXliff = async (format: 'xliff' | 'xliff12') => dec((await fx.ex.export(fx.docId, format, { t: tEn, uiLang: 'en' })).bytes);
const segment2 = () => fx.wb.getDocument(fx.docId).paragraphsList.flatMap((p) => p.segments)[1];

/** The reviewer's target of segment 2 (id 1), with inline markup, in an XLIFF 1.2 export. */
async function xliff12With(target: string): Promise<Uint8Array> {
	const xml = await exportXliff('xliff12');
	const before = `<target xml:lang="en-GB" state="translated">${ORIGINAL}</target>`;
	expect(xml).toContain(before);
	return enc(xml.replace(before, `<target xml:lang="en-GB" state="signed-off">${target}</target>`));
}

/** The same in an XLIFF 2.0 export. */
async function xliff20With(target: string): Promise<Uint8Array> {
	const xml = await exportXliff('xliff');
	const re = /(<segment id="1" state=")[a-z]+(" subState="atelier:)[a-z]+(">\s*<source[^>]*>[^<]*<\/source>\s*)<target[^>]*>[^<]*<\/target>/;
	expect(re.test(xml)).toBe(true);
	return enc(xml.replace(re, `$1final$2reviewed$3<target xml:space="preserve">${target}</target>`));
}

function cliLines(plan: Awaited<ReturnType<ExportFixture['ex']['plan']>>, lang: 'en' | 'fr'): string[] {
	let out = '';
	printPlan(plan, { t: createT(lang) as never, io: { stdout: { write: (s: string) => ((out += s), true) } } as never });
	return out.split('\n');
}

describe('re-import of a target with inline tags', () => {
	it('XLIFF 1.2: the text is planned and applied without its tags, and the row says so', async () => {
		const bytes = await xliff12With('NATO “<g id="1" ctype="bold">defends</g>” all <x id="2"/> its allies: that is its <g id="3" ctype="italic">mission</g>!');
		const plan = await fx.ex.plan(fx.docId, bytes, 'back.xliff12.xlf');
		expect(plan.rejected).toEqual([]);
		expect(plan.changes).toHaveLength(1);
		expect(plan.changes[0]).toMatchObject({ number: 2, oldTarget: ORIGINAL, newTarget: EDITED, newStatus: 'reviewed' });
		expect(plan.changes[0].notices).toEqual([{ code: 'inline_tags_dropped', detail: { row: 2, tags: 'bold, x, italic' } }]);
		expect(fx.ex.apply(plan, { by: 'relectrice' }).applied).toBe(1);
		expect(segment2()).toMatchObject({ target: EDITED, status: 'reviewed' });
		expect(fx.ex.history(fx.docId)[0]).toMatchObject({ ord: 1, newTarget: EDITED, kind: 'reimport', format: 'xliff12' });
	});

	it('XLIFF 2.0: `pc` keeps its text, a `ph` its stated equivalent', async () => {
		const bytes = await xliff20With('NATO “<pc id="1" type="fmt" subType="xlf:b">defends</pc>” all its allies<ph id="2" equiv=":"/> that is its mission!');
		const plan = await fx.ex.plan(fx.docId, bytes, 'back.xlf');
		expect(plan.rejected).toEqual([]);
		expect(plan.changes.map((c) => [c.number, c.newTarget, c.notices])).toEqual([
			[2, EDITED, [{ code: 'inline_tags_dropped', detail: { row: 2, tags: 'xlf:b, ph' } }]]
		]);
		fx.ex.apply(plan);
		expect(segment2().target).toBe(EDITED);
	});

	it('a conflict keeps its notice; a row without tags has none', async () => {
		const tagged = await xliff12With('NATO “<g id="1" ctype="bold">defends</g>” all its allies: that is its mission!');
		const untagged = await xliff12With(EDITED);
		fx.wb.setTarget(fx.docId, 1, 'Edited in Atelier.', { status: 'translated' });
		const plan = await fx.ex.plan(fx.docId, tagged, 'back.xlf');
		expect(plan.conflicts.map((c) => [c.newTarget, c.notices?.map((n) => n.code)])).toEqual([[EDITED, ['inline_tags_dropped']]]);
		const plain = await fx.ex.plan(fx.docId, untagged, 'plain.xlf');
		expect(plain.conflicts[0].notices).toBeUndefined();
	});

	it('a target made only of tags is an empty target: the stored one is kept', async () => {
		const plan = await fx.ex.plan(fx.docId, await xliff12With('<x id="1"/>'), 'back.xlf');
		expect(plan.changes).toEqual([]);
		expect(plan.rejected.map((r) => [r.reason, r.detail])).toEqual([['empty_target', { row: 2 }]]);
	});

	it('the CLI prints the notice under its row, in English and in French', async () => {
		const plan = await fx.ex.plan(fx.docId, await xliff12With('NATO “<g id="1" ctype="bold">defends</g>” all its allies: that is its mission!'), 'back.xlf');
		const en = cliLines(plan, 'en');
		const row = en.findIndex((l) => l.startsWith('  2: '));
		expect(en[row + 1]).toBe('      segment 2: inline tags dropped (bold), their text kept, as a segment stores plain text');
		const fr = cliLines(plan, 'fr');
		expect(fr).toContain('      segment 2\u00A0: balises internes retirées (bold) et leur texte conservé, un segment ne contenant que du texte brut');
		expect(en.join('\n')).not.toContain('cannot be stored');
	});
});

describe('withoutTags', () => {
	const tag = (kind: string, attrs: Record<string, string> = {}) => ({ kind, attrs, content: '' });
	it('leaves no doubled space, and none at either end, where a code stood', () => {
		expect(withoutTags('\uE000 Oui \uE001 non \uE002', [tag('x'), tag('x'), tag('x')])).toEqual({ text: 'Oui non', dropped: ['x'] });
		expect(withoutTags('a\uE000b', [tag('x', { 'equiv-text': '-' })]).text).toBe('a-b');
		// a Private Use character that is not one of the target's tags is text
		expect(withoutTags('a\uE005b', []).text).toBe('a\uE005b');
	});
});

describe('re-import of a bilingual DOCX with formatting in a target', () => {
	it('a bold run typed in Word is planned and applied as text', async () => {
		const out = await fx.ex.export(fx.docId, 'docx', { t: tEn, uiLang: 'en' });
		const file = join(fx.dir, 'review.docx');
		writeFileSync(file, out.bytes);
		const r = spawnSync(
			'/usr/bin/python3',
			[
				'-c',
				`import sys, docx
d = docx.Document(sys.argv[1])
t = d.tables[0]
hdr = [c.text.strip().lower() for c in t.rows[0].cells]
col = next(i for i, h in enumerate(hdr) if h.startswith('target'))
p = t.rows[2].cells[col].paragraphs[0]
for r in p.runs: r.text = ''
p.runs[0].text = 'NATO “'
b = p.add_run('defends')
b.bold = True
p.add_run('” all its allies: that is its mission!')
d.save(sys.argv[2])`,
				file,
				join(fx.dir, 'bold.docx')
			],
			{ encoding: 'utf8' }
		);
		expect(r.status, r.stderr).toBe(0);
		const plan = await fx.ex.plan(fx.docId, readFileSync(join(fx.dir, 'bold.docx')), 'bold.docx');
		expect(plan.rejected).toEqual([]);
		expect(plan.changes.map((c) => [c.number, c.newTarget])).toEqual([[2, EDITED]]);
		fx.ex.apply(plan);
		expect(segment2().target).toBe(EDITED);
	});
});
