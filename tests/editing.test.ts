import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAtelierError } from '../src/core/errors.js';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { tempDir } from './helpers/db.js';

let dir: ReturnType<typeof tempDir>;
let wb: Workbench;
let doc: number;

beforeAll(async () => {
	dir = tempDir();
	wb = createWorkbench({ dbPath: join(dir.dir, 'e.sqlite') });
	const text = 'Titre\n\nLe Conseil OTAN-Russie s’est réuni. Les ministres ont discuté de la sécurité.\n\nLes ministres ont discuté de la défense.\n';
	doc = (await wb.importDocument({ bytes: new TextEncoder().encode(text), file: 'e.txt', sourceLang: 'fr', targetLang: 'en' })).id;
});
afterAll(() => {
	wb.close();
	dir.remove();
});

describe('segment editing (core)', () => {
	it('a draft save writes the segment and bumps its version, but does not feed the TM', () => {
		const s = wb.editing.get(doc, 1);
		expect(s.source).toBe('Le Conseil OTAN-Russie s’est réuni.');
		expect(s.prev).toBe('Titre');
		const before = wb.tm.stats();
		const r = wb.editing.save(doc, 1, { target: 'The NATO-Russia Council met.', status: 'draft', version: s.version });
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.segment.version).toBe(s.version + 1);
		expect(r.segment.status).toBe('draft');
		expect(r.tmUnit).toBeNull();
		expect(wb.tm.stats()).toEqual(before);
	});

	it('a save against an old version is a conflict that returns the stored text, and changes nothing', () => {
		const s = wb.editing.get(doc, 1);
		const r = wb.editing.save(doc, 1, { target: 'Overwritten?', status: 'draft', version: s.version - 1 });
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.current.target).toBe('The NATO-Russia Council met.');
		expect(wb.editing.get(doc, 1)).toEqual(s);
	});

	it('confirming writes the pair into the TM with its neighbours: the same segment then gets a 101% match', () => {
		const s = wb.editing.get(doc, 2);
		const r = wb.editing.save(doc, 2, { target: 'Ministers discussed security.', status: 'translated', version: s.version, by: 'anna' });
		expect(r.ok && r.tmUnit).toBeGreaterThan(0);
		const m = wb.editing.matches(doc, 2);
		expect(m[0]).toMatchObject({ score: 101, kind: 'in-context' });
		expect(m[0].unit).toMatchObject({ origin: 'translation', documentId: doc, segmentOrd: 2, target: 'Ministers discussed security.' });
		// the similar sentence in the next paragraph gets a fuzzy match from it
		const f = wb.editing.matches(doc, 3);
		expect(f[0].kind).toBe('fuzzy');
		expect(f[0].score).toBeGreaterThanOrEqual(50);
		expect(f[0].score).toBeLessThan(100);
	});

	it('re-confirming the same pair updates the unit instead of adding one', () => {
		const units = wb.tm.stats();
		const s = wb.editing.get(doc, 2);
		wb.editing.save(doc, 2, { target: 'Ministers discussed security.', status: 'reviewed', version: s.version });
		expect(wb.tm.stats()).toEqual(units);
	});

	it('an empty translation cannot be confirmed, and the refusal changes nothing', () => {
		const s = wb.editing.get(doc, 3);
		const units = wb.tm.stats();
		for (const status of ['translated', 'reviewed'] as const) {
			try {
				wb.editing.save(doc, 3, { target: ' \u00a0 ', status, version: s.version });
				expect.unreachable();
			} catch (e) {
				expect(isAtelierError(e) && e.code).toBe('target_empty_confirmed');
				expect(isAtelierError(e) && e.location).toMatchObject({ document: doc, segment: 4 });
			}
		}
		expect(wb.editing.get(doc, 3)).toEqual(s);
		expect(wb.tm.stats()).toEqual(units);
		// an empty draft is allowed: the translator cleared the box
		expect(wb.editing.save(doc, 3, { target: '', status: 'draft', version: s.version }).ok).toBe(true);
	});

	it('control characters are not stored (tabs and line breaks are); French typography is kept exactly', () => {
		const s = wb.editing.get(doc, 3);
		const r = wb.editing.save(doc, 3, { target: 'Ministers\u0001 discussed\u000b defence\u007f:\tyes\r\nno\u00a0; « ok »\u202f!', status: 'draft', version: s.version });
		expect(r.ok && r.segment.target).toBe('Ministers discussed defence:\tyes\nno\u00a0; « ok »\u202f!');
	});

	it('pre-translation from a TM unit with inline tags writes the text without the tag placeholders', () => {
		const source = wb.editing.get(doc, 3).source;
		wb.tm.add([
			{
				sourceLang: 'fr', targetLang: 'en', source: `Les ministres ont \ue000discuté\ue001 de la défense.`, target: `Ministers \ue000discussed\ue001 defence.`, origin: 'import',
				sourceTags: [{ kind: 'bpt', attrs: { i: '1' }, content: '&lt;b&gt;' }, { kind: 'ept', attrs: { i: '1' }, content: '&lt;/b&gt;' }],
				targetTags: [{ kind: 'bpt', attrs: { i: '1' }, content: '&lt;b&gt;' }, { kind: 'ept', attrs: { i: '1' }, content: '&lt;/b&gt;' }]
			}
		]);
		const s = wb.editing.get(doc, 3);
		expect(s.source).toBe(source);
		expect(wb.editing.save(doc, 3, { target: '', status: 'draft', version: s.version }).ok).toBe(true);
		const report = wb.editing.pretranslate(doc, { status: 'draft' });
		expect(report.segments.map((x) => x.ord)).toContain(3);
		expect(wb.editing.get(doc, 3).target).toBe('Ministers discussed defence.');
	});

	it('an unknown segment is a located error', () => {
		try {
			wb.editing.get(doc, 99);
			expect.unreachable();
		} catch (e) {
			expect(isAtelierError(e) && e.code).toBe('segment_not_found');
			expect(isAtelierError(e) && e.location.segment).toBe(100);
		}
	});
});
