import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyse, bandOf, BANDS } from '../src/core/editor/analysis.js';
import { compileFind, findHits, planReplace } from '../src/core/editor/replace.js';
import { wordDiff } from '../src/core/editor/worddiff.js';
import { isAtelierError } from '../src/core/errors.js';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { tempDir } from './helpers/db.js';

describe('match analysis bands', () => {
	it('puts each score in its standard band, in-context before repetition', () => {
		expect([101, 100, 99, 95, 94, 85, 84, 75, 74, 50, 49].map((s) => bandOf(s, false))).toEqual([
			'in-context', 'exact', '95-99', '95-99', '85-94', '85-94', '75-84', '75-84', '50-74', '50-74', 'none'
		]);
		expect(bandOf(null, false)).toBe('none');
		expect(bandOf(null, true)).toBe('repetition');
		expect(bandOf(100, true)).toBe('repetition');
		expect(bandOf(101, true)).toBe('in-context');
	});

	it('counts a repeated source once by its match and then as repetitions, words included', () => {
		const a = analyse([
			{ source: 'Le Conseil s’est réuni.', words: 4, best: null },
			{ source: 'Le  Conseil s\'est réuni.', words: 4, best: null },
			{ source: 'Autre phrase ici.', words: 3, best: 87 },
			{ source: 'Le Conseil s’est réuni.', words: 4, best: 100 }
		]);
		const by = Object.fromEntries(a.bands.map((b) => [b.band, [b.segments, b.words]]));
		expect(a.bands.map((b) => b.band)).toEqual([...BANDS]);
		expect(by.none).toEqual([1, 4]);
		expect(by.repetition).toEqual([2, 8]);
		expect(by['85-94']).toEqual([1, 3]);
		expect(a.total).toEqual({ segments: 4, words: 15 });
	});
});

describe('find and replace (pure)', () => {
	const rows = [
		{ ord: 0, source: 'Le sommet de Bucarest.', target: 'The Bucharest summit.', version: 3 },
		{ ord: 1, source: 'Le sommet.', target: 'The summit of the summit.', version: 1 },
		{ ord: 2, source: 'Rien.', target: null, version: 1 }
	];
	it('finds in source or target, case-insensitive unless asked', () => {
		expect(findHits(rows, { find: 'SOMMET', in: 'source' }).map((h) => [h.ord, h.ranges])).toEqual([[0, [[3, 9]]], [1, [[3, 9]]]]);
		expect(findHits(rows, { find: 'SUMMIT', in: 'target', caseSensitive: true })).toEqual([]);
		expect(findHits(rows, { find: 'summit', in: 'target' })[1].ranges).toHaveLength(2);
	});
	it('previews replacements with the version each segment had, literal or with regex groups', () => {
		const lit = planReplace(rows, { find: 'summit', replace: 'Summit ($1)' });
		expect(lit).toEqual([
			{ ord: 0, version: 3, before: 'The Bucharest summit.', after: 'The Bucharest Summit ($1).', count: 1 },
			{ ord: 1, version: 1, before: 'The summit of the summit.', after: 'The Summit ($1) of the Summit ($1).', count: 2 }
		]);
		const re = planReplace(rows, { find: '(\\w+) summit', replace: '$1 meeting', regex: true });
		expect(re.map((c) => c.after)).toEqual(['The Bucharest meeting.', 'The meeting of the meeting.']);
	});
	it('a malformed pattern is an error, not a crash', () => {
		try {
			compileFind({ find: '(unclosed', in: 'target', regex: true });
			expect.unreachable();
		} catch (e) {
			expect(isAtelierError(e) && e.code).toBe('find_invalid');
		}
	});
});

describe('word diff (diff-match-patch at word level)', () => {
	it('marks whole words inserted and deleted', () => {
		expect(wordDiff('Les ministres ont discuté de la sécurité.', 'Les ministres ont longuement discuté de la défense.')).toEqual([
			{ op: 'equal', text: 'Les ministres ont ' },
			{ op: 'insert', text: 'longuement ' },
			{ op: 'equal', text: 'discuté de la ' },
			{ op: 'delete', text: 'sécurité' },
			{ op: 'insert', text: 'défense' },
			{ op: 'equal', text: '.' }
		]);
	});
	it('rebuilds both texts exactly', () => {
		const a = 'Le Conseil OTAN-Russie (COR) s’est réuni le 4 avril 2008 à Bucarest.';
		const b = 'Le Conseil OTAN-Russie s’est réuni à Bucarest, le 4 avril 2008.';
		const d = wordDiff(a, b);
		expect(d.filter((p) => p.op !== 'insert').map((p) => p.text).join('')).toBe(a);
		expect(d.filter((p) => p.op !== 'delete').map((p) => p.text).join('')).toBe(b);
	});
});

describe('document editing on a workbench', () => {
	let dir: ReturnType<typeof tempDir>;
	let wb: Workbench;
	let doc: number;
	const text =
		'Titre\n\nLe Conseil OTAN-Russie s’est réuni. Les ministres ont discuté de la sécurité.\n\nLes ministres ont discuté de la sécurité.\n\nUne phrase sans aucun rapport avec le reste.\n';
	beforeAll(async () => {
		dir = tempDir();
		wb = createWorkbench({ dbPath: join(dir.dir, 'ed.sqlite') });
		doc = (await wb.importDocument({ bytes: new TextEncoder().encode(text), file: 'e.txt', sourceLang: 'fr', targetLang: 'en' })).id;
	});
	afterAll(() => {
		wb.close();
		dir.remove();
	});

	it('lists rows with paragraph structure and counts progress by status', () => {
		const rows = wb.editing.rows(doc);
		expect(rows.map((r) => [r.ord, r.para, r.inPara, r.kind])).toEqual([
			[0, 0, 0, 'heading'],
			[1, 1, 0, 'body'],
			[2, 1, 1, 'body'],
			[3, 2, 0, 'body'],
			[4, 3, 0, 'body']
		]);
		const p = wb.editing.progress(doc);
		expect(p.byStatus.find((c) => c.status === 'new')).toEqual({ status: 'new', segments: 5, words: p.total.words });
		expect(() => wb.editing.rows(999)).toThrow(/document_not_found/);
	});

	it('analysis before translating: the repeated sentence is a repetition, nothing matches', () => {
		const a = wb.editing.analyse(doc);
		const by = Object.fromEntries(a.bands.map((b) => [b.band, b.segments]));
		expect(by.repetition).toBe(1);
		expect(by.none).toBe(4);
	});

	it('pre-translation fills empty targets from exact matches with the chosen status, and reports them', () => {
		const s = wb.editing.get(doc, 2);
		// without auto-propagation, which would fill the repetition (segment 3) itself: tests/propagation.test.ts
		expect(wb.editing.save(doc, 2, { target: 'Ministers discussed security.', status: 'translated', version: s.version, propagate: false }).ok).toBe(true);
		const tmBefore = wb.tm.stats().total;
		const r = wb.editing.pretranslate(doc, { status: 'draft' });
		expect(r).toMatchObject({ empty: 4, filled: 1, exact: 1, inContext: 0 });
		expect(r.segments.map((x) => [x.ord, x.score])).toEqual([[3, 100]]);
		expect(wb.editing.get(doc, 3)).toMatchObject({ target: 'Ministers discussed security.', status: 'draft' });
		expect(wb.tm.stats().total).toBe(tmBefore);
		// nothing left to fill: a second run changes nothing
		expect(wb.editing.pretranslate(doc, { status: 'translated' }).filled).toBe(0);
		// the analysis leaves the document's own confirmations out: still one repetition, no TM match
		const by = Object.fromEntries(wb.editing.analyse(doc).bands.map((b) => [b.band, b.segments]));
		expect(by.repetition).toBe(1);
		expect(by.exact).toBe(0);
	});

	it('applies a previewed replace in one transaction, and refuses all of it when a segment moved on', () => {
		const preview = wb.editing.previewReplace(doc, { find: 'security', replace: 'safety' });
		expect(preview.map((c) => c.ord)).toEqual([2, 3]);
		// someone edits segment 3 after the preview
		const s3 = wb.editing.get(doc, 3);
		wb.editing.save(doc, 3, { target: 'Ministers talked about security.', status: 'draft', version: s3.version });
		const r = wb.editing.applyReplace(doc, preview);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.conflicts.map((c) => c.ord)).toEqual([3]);
		expect(wb.editing.get(doc, 2).target).toBe('Ministers discussed security.');
		const again = wb.editing.previewReplace(doc, { find: 'security', replace: 'safety' });
		expect(wb.editing.applyReplace(doc, again)).toEqual({ ok: true, applied: 2 });
		expect(wb.editing.get(doc, 2)).toMatchObject({ target: 'Ministers discussed safety.', status: 'translated' });
		expect(wb.editing.get(doc, 3)).toMatchObject({ target: 'Ministers talked about safety.', status: 'draft' });
		// the confirmed segment's new text is in the TM
		expect(wb.editing.matches(doc, 2)[0].unit.target).toBe('Ministers discussed safety.');
	});
});
