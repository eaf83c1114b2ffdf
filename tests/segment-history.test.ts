import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHistoryRepo, REIMPORT_KINDS } from '../src/core/db/history.repo.server.js';
import { defaultMigrationsDir, openDatabase } from '../src/core/db/open.server.js';
import { COALESCE_MS, recordChange } from '../src/core/editor/history.js';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { tempDir } from './helpers/db.js';

const FR = ['Déclaration du sommet', '', 'Le Conseil s’est réuni à Bucarest. Les Alliés ont approuvé le plan.', '', 'Un autre paragraphe ici.', ''].join('\n');

describe('segment history: every change of a target is kept', () => {
	let dir: ReturnType<typeof tempDir>;
	let wb: Workbench;
	let doc: number;
	const ver = (ord: number) => wb.editing.get(doc, ord).version;
	const save = (ord: number, target: string, status: 'draft' | 'translated' | 'new', by: string | null = 'anne', extra: { kind?: 'edit' | 'restore' } = {}) => {
		const r = wb.editing.save(doc, ord, { target, status, version: ver(ord), by, ...extra });
		expect(r.ok).toBe(true);
		return r;
	};
	const hist = (ord: number) => wb.editing.history(doc, ord);
	const texts = (ord: number) => hist(ord).entries.map((e) => [e.kind, e.oldTarget, e.newTarget, e.oldStatus, e.newStatus, e.changedBy]);

	beforeEach(async () => {
		dir = tempDir();
		wb = createWorkbench({ dbPath: join(dir.dir, 'h.sqlite') });
		doc = (await wb.importDocument({ bytes: new TextEncoder().encode(FR), file: 'fr.txt', sourceLang: 'fr-FR', targetLang: 'en-GB' })).id;
	});
	afterEach(() => {
		wb.close();
		dir.remove();
	});

	it('autosaves of one burst of typing are one change; a confirmation and another person’s edit are changes of their own; a save that changes nothing is none', () => {
		expect(hist(1)).toEqual({ entries: [], total: 0 });
		save(1, 'The', 'draft');
		save(1, 'The Council', 'draft');
		save(1, 'The Council met in Bucharest.', 'draft');
		expect(texts(1)).toEqual([['edit', null, 'The Council met in Bucharest.', 'new', 'draft', 'anne']]);
		save(1, 'The Council met in Bucharest.', 'translated');
		save(1, 'The Council met in Bucharest.', 'translated');
		save(1, 'The Council met in Bucharest!', 'draft', 'paul');
		expect(texts(1)).toEqual([
			['edit', 'The Council met in Bucharest.', 'The Council met in Bucharest!', 'translated', 'draft', 'paul'],
			['edit', 'The Council met in Bucharest.', 'The Council met in Bucharest.', 'draft', 'translated', 'anne'],
			['edit', null, 'The Council met in Bucharest.', 'new', 'draft', 'anne']
		]);
		expect(hist(1).total).toBe(3);
		// another segment's history is its own
		expect(hist(0).total).toBe(0);
		// newest first, and a limit keeps the newest
		expect(wb.editing.history(doc, 1, { limit: 1 })).toMatchObject({ total: 3, entries: [{ changedBy: 'paul' }] });
	});

	it('a burst that ends where it started leaves nothing; typing after the coalescing window is a new change', () => {
		save(1, 'Draft one', 'draft');
		expect(hist(1).total).toBe(1);
		save(1, 'Draft one, longer', 'draft', 'bea');
		save(1, 'Draft one', 'draft', 'bea');
		// bea's burst was undone by bea: only anne's change stays
		expect(texts(1)).toEqual([['edit', null, 'Draft one', 'new', 'draft', 'anne']]);
		// the same person later than COALESCE_MS after the last change: a change of its own
		const h = createHistoryRepo(wb.db);
		const seg = wb.getDocument(doc).paragraphsList[1].segments[0];
		const last = hist(1).entries[0];
		const later = new Date(Date.parse(last.changedAt) + COALESCE_MS + 1000);
		wb.db.transaction(() =>
			recordChange(h, { documentId: doc, segmentId: seg.id, ord: 1, before: { target: 'Draft one', status: 'draft', version: 5 }, after: { target: 'Draft two', status: 'draft' }, kind: 'edit', by: 'anne', batch: 'x', now: later })
		)();
		expect(texts(1).map((e) => e[2])).toEqual(['Draft two', 'Draft one']);
		// within the window it would have carried on
		const soon = new Date(Date.parse(later.toISOString()) + 1000);
		recordChange(h, { documentId: doc, segmentId: seg.id, ord: 1, before: { target: 'Draft two', status: 'draft', version: 6 }, after: { target: 'Draft three', status: 'draft' }, kind: 'edit', by: 'anne', batch: 'y', now: soon });
		expect(texts(1).map((e) => e[2])).toEqual(['Draft three', 'Draft one']);
		expect(hist(1).entries[0].changedAt).toBe(soon.toISOString());
	});

	it('a restore is never merged into the typing around it, and typing after it is a change of its own', () => {
		save(1, 'First text', 'translated');
		save(1, 'Second text', 'draft');
		save(1, 'First text', 'draft', 'anne', { kind: 'restore' });
		save(1, 'First text, edited', 'draft');
		expect(texts(1).map((e) => [e[0], e[1], e[2]])).toEqual([
			['edit', 'First text', 'First text, edited'],
			['restore', 'Second text', 'First text'],
			['edit', 'First text', 'Second text'],
			['edit', null, 'First text']
		]);
	});

	it('pre-translation and replace-all are recorded as such, one batch per operation; the re-import page lists only re-imports and reviews', async () => {
		save(1, 'The Council met in Bucharest.', 'translated');
		save(2, 'The Allies approved the plan.', 'translated');
		// the same source in a second document: pre-translated from the TM
		const doc2 = (await wb.importDocument({ bytes: new TextEncoder().encode(FR), file: 'fr2.txt', sourceLang: 'fr-FR', targetLang: 'en-GB' })).id;
		const pre = wb.editing.pretranslate(doc2, { status: 'draft', by: 'tm-bot' });
		expect(pre.filled).toBe(2);
		const p1 = wb.editing.history(doc2, 1).entries;
		const p2 = wb.editing.history(doc2, 2).entries;
		expect(p1.map((e) => [e.kind, e.oldTarget, e.newTarget, e.newStatus, e.changedBy])).toEqual([['pretranslate', null, 'The Council met in Bucharest.', 'draft', 'tm-bot']]);
		expect(p2[0].kind).toBe('pretranslate');
		expect(p2[0].batch).toBe(p1[0].batch);

		const changes = wb.editing.previewReplace(doc, { find: 'The ', replace: 'the ', caseSensitive: true });
		expect(changes.length).toBe(2);
		expect(wb.editing.applyReplace(doc, changes, 'rita')).toEqual({ ok: true, applied: 2 });
		const r1 = hist(1).entries[0];
		const r2 = hist(2).entries[0];
		expect([r1.kind, r1.oldTarget, r1.newTarget, r1.changedBy]).toEqual(['replace', 'The Council met in Bucharest.', 'the Council met in Bucharest.', 'rita']);
		expect(r2.kind).toBe('replace');
		expect(r2.batch).toBe(r1.batch);
		expect(r1.batch).not.toBe(p1[0].batch);

		const h = createHistoryRepo(wb.db);
		expect(h.forDocument(doc).length).toBe(4);
		expect(h.forDocument(doc, REIMPORT_KINDS)).toEqual([]);
	});

	it('a save that fails (conflict, empty confirmation) records nothing', () => {
		save(1, 'Text', 'draft');
		const v = ver(1);
		save(1, 'Text 2', 'translated');
		expect(wb.editing.save(doc, 1, { target: 'Stale tab', status: 'draft', version: v, by: 'anne' }).ok).toBe(false);
		expect(() => wb.editing.save(doc, 1, { target: '  ', status: 'translated', version: ver(1), by: 'anne' })).toThrow();
		expect(texts(1).map((e) => e[2])).toEqual(['Text 2', 'Text']);
	});

	it('a document’s changes: newest first, with the segment’s number now, filtered by signer or kind', () => {
		save(0, 'Summit declaration', 'translated', 'anne');
		save(1, 'The Council met.', 'draft', 'paul');
		save(2, 'Another paragraph.', 'translated', 'anne');
		const all = wb.editing.documentHistory(doc);
		expect(all.total).toBe(3);
		expect(all.signers).toEqual(['anne', 'paul']);
		expect(all.entries.map((e) => [e.currentOrd, e.newTarget, e.changedBy])).toEqual([
			[2, 'Another paragraph.', 'anne'],
			[1, 'The Council met.', 'paul'],
			[0, 'Summit declaration', 'anne']
		]);
		expect(wb.editing.documentHistory(doc, { by: 'anne' }).entries.map((e) => e.currentOrd)).toEqual([2, 0]);
		expect(wb.editing.documentHistory(doc, { by: 'anne' }).total).toBe(2);
		expect(wb.editing.documentHistory(doc, { kind: 'replace' }).total).toBe(0);
		expect(wb.editing.documentHistory(doc, { limit: 1 })).toMatchObject({ total: 3, entries: [{ currentOrd: 2 }] });
		// the next page: the changes after the newest `offset`, with the same total
		expect(wb.editing.documentHistory(doc, { limit: 1, offset: 1 })).toMatchObject({ total: 3, entries: [{ currentOrd: 1 }] });
		expect(wb.editing.documentHistory(doc, { limit: 2, offset: 2 }).entries.map((e) => e.currentOrd)).toEqual([0]);
		expect(wb.editing.documentHistory(doc, { offset: 3 }).entries).toEqual([]);
		// the changes nobody signed (an import, a script without ATELIER_USER)
		expect(wb.editing.documentHistory(doc, { unsigned: true }).total).toBe(0);
		save(3, 'Unsigned.', 'draft', null);
		const unsigned = wb.editing.documentHistory(doc, { unsigned: true });
		expect(unsigned.entries.map((e) => [e.currentOrd, e.newTarget, e.changedBy])).toEqual([[3, 'Unsigned.', null]]);
		expect(unsigned.total).toBe(1);
		expect(wb.editing.documentHistory(doc).total).toBe(4);
		// a split before segment 2 moves it: its change now names segment 3 (ord 3), where it was made at ord 2
		wb.editing.splitSegment(doc, 1, wb.editing.get(doc, 1).source.indexOf('à Bucarest'), { version: ver(1) });
		const moved = wb.editing.documentHistory(doc).entries.find((e) => e.newTarget === 'Another paragraph.')!;
		expect([moved.ord, moved.currentOrd]).toEqual([2, 3]);
		expect(() => wb.editing.documentHistory(9999)).toThrow(/9999|document/);
	});

	it('the history follows the segment through a join and a split, each recorded as a change that ends the coalescing', () => {
		save(1, 'The Council met in Bucharest.', 'draft');
		save(2, 'The Allies approved the plan.', 'draft', 'paul');
		wb.editing.joinSegments(doc, 1, { versions: [ver(1), ver(2)], by: 'anne' });
		const joined = 'The Council met in Bucharest. The Allies approved the plan.';
		expect(texts(1)).toEqual([
			['join', 'The Council met in Bucharest.', joined, 'draft', 'draft', 'anne'],
			['edit', null, 'The Allies approved the plan.', 'new', 'draft', 'paul'],
			['edit', null, 'The Council met in Bucharest.', 'new', 'draft', 'anne']
		]);
		// what is now segment 2 (the next paragraph) has no history
		expect(hist(2).total).toBe(0);
		// typing after the join is a change of its own, not carried into the join
		save(1, joined + ' More.', 'draft');
		expect(hist(1).entries.map((e) => e.kind)).toEqual(['edit', 'join', 'edit', 'edit']);
		wb.editing.splitSegment(doc, 1, wb.editing.get(doc, 1).source.indexOf('Les Alliés'), { version: ver(1), by: 'anne' });
		expect(texts(1)[0]).toEqual(['split', joined + ' More.', joined + ' More.', 'draft', 'draft', 'anne']);
		// the second part starts its own history with the split
		expect(texts(2)).toEqual([['split', null, null, null, 'new', 'anne']]);
	});

	it('saving an empty text on a segment never written is no change; the document list is ordered by last save', async () => {
		save(1, '', 'new');
		expect(hist(1).total).toBe(0);
		// typed and deleted again: the editor leaves a draft with no text, and no change
		save(1, 'abc', 'draft', 'anne');
		save(1, '', 'draft', 'anne');
		expect(hist(1).total).toBe(0);
		save(1, 'Anne one', 'draft', 'anne');
		save(2, 'Paul two', 'draft', 'paul');
		// anne goes on typing (a few ms later, so the times differ): her change, made first, is now the latest saved
		await new Promise((r) => setTimeout(r, 5));
		save(1, 'Anne one, more', 'draft', 'anne');
		expect(wb.editing.documentHistory(doc).entries.map((e) => e.changedBy)).toEqual(['anne', 'paul']);
	});
});

describe('migration 011 keeps the re-import history written before it', () => {
	let dir: ReturnType<typeof tempDir>;
	beforeEach(() => {
		dir = tempDir();
	});
	afterEach(() => dir.remove());

	it('rows of a database at version 10 survive, and the new kinds are accepted', async () => {
		const old = join(dir.dir, 'migrations-010');
		mkdirSync(old);
		for (const f of readdirSync(defaultMigrationsDir())) if (/^0(0\d|10)_/.test(f)) copyFileSync(join(defaultMigrationsDir(), f), join(old, f));
		const path = join(dir.dir, 'old.sqlite');
		const db = openDatabase(path, { migrationsDir: old });
		db.prepare("INSERT INTO documents (id, title, source_lang, target_lang, created_at, changed_at) VALUES (1, 't', 'fr-FR', 'en-GB', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')").run();
		db.prepare(`INSERT INTO segment_history (document_id, ord, old_target, new_target, old_status, new_status, old_version, kind, format, origin_file, batch, changed_by, changed_at)
			VALUES (1, 0, 'a', 'b', 'draft', 'translated', 3, 'review', 'docx', 'r.docx', 'B', 'rev', '2026-01-02T00:00:00Z')`).run();
		expect(() => db.prepare("INSERT INTO segment_history (document_id, ord, new_status, old_version, kind, batch, changed_at) VALUES (1, 0, 'draft', 1, 'edit', 'x', 'now')").run()).toThrow(/CHECK/);
		db.close();
		const wb = createWorkbench({ dbPath: path });
		try {
			const h = createHistoryRepo(wb.db);
			expect(h.forDocument(1).map((e) => [e.kind, e.oldTarget, e.newTarget, e.changedBy, e.originFile])).toEqual([['review', 'a', 'b', 'rev', 'r.docx']]);
			wb.db.prepare("INSERT INTO segment_history (document_id, ord, new_status, old_version, kind, batch, changed_at) VALUES (1, 0, 'draft', 1, 'edit', 'x', 'now')").run();
			expect(h.forDocument(1, REIMPORT_KINDS).length).toBe(1);
			expect(h.forDocument(1).length).toBe(2);
		} finally {
			wb.close();
		}
	});
});

describe('atelier edit history / restore', () => {
	const bin = join(import.meta.dirname, '..', 'bin', 'atelier.js');
	let dir: ReturnType<typeof tempDir>;
	beforeAll(() => {
		dir = tempDir();
	});
	afterAll(() => dir.remove());
	function atelier(args: string[], lang = 'en') {
		const env: NodeJS.ProcessEnv = { ...process.env, ATELIER_DB: join(dir.dir, 'cli.sqlite'), ATELIER_LANG: lang };
		delete env.ATELIER_USER;
		const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir.dir, encoding: 'utf8', env });
		return { code: r.status, out: r.stdout, err: r.stderr };
	}

	it('lists the changes numbered from the oldest, restores one (0: the text before the first), and refuses a change that does not exist', () => {
		expect(atelier(['edit', 'history', '3', '5']).out).toBe('No change recorded for segment 5.\n');
		expect(atelier(['edit', 'set', '3', '5', '--target', 'First.', '--status', 'draft', '--by', 'ann']).code).toBe(0);
		expect(atelier(['edit', 'set', '3', '5', '--target', 'Second.', '--by', 'bob']).code).toBe(0);
		const list = atelier(['edit', 'history', '3', '5']);
		expect(list.err).toBe('');
		const lines = list.out.split('\n');
		expect(lines[0]).toBe('Changes of segment 5, newest first:');
		expect(lines[1]).toMatch(/^2\t\d{4}-\d\d-\d\dT[\d:.]+Z\tConfirmed\tby bob\tDraft → Translated$/);
		expect(lines[2]).toBe('\tSecond.');
		expect(lines[3]).toMatch(/^1\t.*\tEdited\tby ann\tNew → Draft$/);
		expect(lines[4]).toBe('\tFirst.');
		// the segment had no text before the first change: nothing to list as change 0
		expect(lines.slice(5)).toEqual(['']);

		const restored = atelier(['edit', 'restore', '3', '5', '1', '--by', 'cy']);
		expect(restored.err).toBe('');
		expect(restored.out).toMatch(/^Segment 5: change 1 restored as a draft \(version \d+\)\.\n$/);
		const seg = JSON.parse(atelier(['edit', 'show', '3', '5', '--json']).out);
		expect([seg.target, seg.status, seg.changedBy]).toEqual(['First.', 'draft', 'cy']);
		const json = JSON.parse(atelier(['edit', 'history', '3', '5', '--json']).out);
		expect(json.total).toBe(3);
		expect(json.entries[0]).toMatchObject({ change: 3, kind: 'restore', oldTarget: 'Second.', newTarget: 'First.', changedBy: 'cy' });
		expect(json.entries.map((e: { change: number }) => e.change)).toEqual([3, 2, 1]);

		// change 0 of a segment whose first change had a text before it: listed last, restorable
		// (a target written with no history: as a re-import's own write path does, before its history row)
		const wb = createWorkbench({ dbPath: join(dir.dir, 'cli.sqlite') });
		expect(wb.setTarget(3, 5, 'Old.', { status: 'translated' })).toBe(true);
		wb.close();
		atelier(['edit', 'set', '3', '6', '--target', 'New.', '--by', 'ann']);
		const withOriginal = atelier(['edit', 'history', '3', '6']).out.split('\n');
		expect(withOriginal.slice(-3)).toEqual(['0\tbefore the first change', '\tOld.', '']);

		// the whole document: newest first, each with its segment's number
		const docLines = atelier(['edit', 'history', '3']).out.split('\n');
		expect(docLines[0]).toMatch(/^6\t\d{4}-[\d-]+T[\d:.]+Z\tEdited\tby ann$/);
		expect(docLines[1]).toBe('\tNew.');
		expect(docLines.filter((l) => /^5\t/.test(l)).length).toBe(3);

		// segment 5 had no text before its first change: there is no change 0 to restore
		expect(atelier(['edit', 'restore', '3', '5', '0']).err).toContain('Segment 5 had no text before its first change, so there is no change 0 to restore (its changes are numbered 1 to 3)');
		// a segment never changed: nothing to restore, said as such
		expect(atelier(['edit', 'restore', '3', '12', '1'], 'fr').err).toContain('Le segment 12 n’a aucune modification enregistrée\u00a0: il n’y a rien à rétablir.');
		const missing = atelier(['edit', 'restore', '3', '5', '9'], 'fr');
		expect(missing.code).not.toBe(0);
		expect(missing.err).toContain('Le segment 5 n’a pas de modification 9\u00a0: son historique en compte 3');
		expect(JSON.parse(atelier(['edit', 'history', '3', '5', '--json']).out).total).toBe(3);
	}, 90_000);

	it('edit history DOC --unsigned lists the changes nobody signed only', () => {
		const before = JSON.parse(atelier(['edit', 'history', '3', '--unsigned', '--json']).out);
		expect(before.entries.every((e: { changedBy: string | null }) => e.changedBy === null)).toBe(true);
		// no --by, no ATELIER_USER: unsigned
		expect(atelier(['edit', 'set', '3', '7', '--target', 'Unsigned.']).code).toBe(0);
		expect(atelier(['edit', 'set', '3', '8', '--target', 'Signed.', '--by', 'ann']).code).toBe(0);
		const unsigned = atelier(['edit', 'history', '3', '--unsigned']).out.split('\n');
		expect(unsigned.slice(0, 2)).toEqual([expect.stringMatching(/^7\t\d{4}-[\d-]+T[\d:.]+Z\tConfirmed\tNew → Translated$/), '\tUnsigned.']);
		expect(unsigned.some((l) => l.includes('Signed.'))).toBe(false);
		expect(JSON.parse(atelier(['edit', 'history', '3', '--unsigned', '--json']).out).total).toBe(before.total + 1);
	}, 60_000);
});
