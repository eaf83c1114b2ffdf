import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMigrationsDir, openDatabase } from '../src/core/db/open.server.js';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { inProcessCli } from './helpers/cli.js';
import { tempDir } from './helpers/db.js';

/** Auto-propagation: a confirmed translation fills the document's empty repetitions of its source, as drafts. */
const dir = tempDir('atelier-propagate-');
const dbPath = join(dir.dir, 'p.sqlite');
let wb: Workbench;
let doc: number;

// segments: 0 A, 1 B | 2 A, 3 C | 4 A, 5 A (typed) | 6 B — whole paragraphs of one repeated line would be dropped as page furniture
const TEXT = [
	'Le Conseil se réunit. La séance est ouverte.',
	'Le Conseil se réunit. Les Alliés en ont décidé ainsi.',
	'Le Conseil se réunit. Le Conseil se réunit.',
	'La séance est ouverte.'
].join('\n\n');

beforeAll(async () => {
	wb = createWorkbench({ dbPath });
	doc = (await wb.importDocument({ bytes: Buffer.from(TEXT), file: 'repetitions.txt', sourceLang: 'fr-FR', targetLang: 'en-GB' })).id;
	// a translator already wrote something in segment 6 (the fourth A): never overwritten
	expect(wb.setTarget(doc, 5, 'The Council is meeting.', { status: 'draft' })).toBe(true);
});
afterAll(() => {
	wb.close();
	dir.remove();
});

const save = (ord: number, target: string, status: 'draft' | 'translated' | 'reviewed', extra: { propagate?: boolean; kind?: 'restore' } = {}) => {
	const r = wb.editing.save(doc, ord, { target, status, version: wb.editing.get(doc, ord).version, by: 'ann', ...extra });
	if (!r.ok) throw new Error('conflict');
	return r;
};

const atelier = inProcessCli(dbPath);

describe('auto-propagation', () => {
	it('a draft propagates nothing; a confirmation fills the empty repetitions as drafts, and only those', () => {
		expect(save(0, 'The Council', 'draft').propagated).toEqual([]);
		const r = save(0, 'The Council meets.', 'translated');
		expect(r.propagated.map((s) => [s.ord, s.target, s.status])).toEqual([
			[2, 'The Council meets.', 'draft'],
			[4, 'The Council meets.', 'draft']
		]);
		// the typed one and the other sources are left alone
		expect(wb.editing.get(doc, 5).target).toBe('The Council is meeting.');
		expect(wb.editing.get(doc, 1).target).toBeNull();
		expect(wb.editing.get(doc, 2).changedBy).toBe('ann');
		// the drafts do not feed the TM: one unit, the confirmed pair
		expect(wb.tm.stats().byOrigin).toEqual([{ origin: 'translation', n: 1 }]);
	});

	it('each fill is a change of its own in the history, in the confirmation’s batch', () => {
		const h = wb.editing.history(doc, 2);
		expect(h.entries.map((e) => [e.kind, e.oldTarget, e.newTarget, e.newStatus, e.changedBy])).toEqual([['propagate', null, 'The Council meets.', 'draft', 'ann']]);
		const confirm = wb.editing.history(doc, 0).entries[0];
		expect(h.entries[0].batch).toBe(confirm.batch);
		const kinds = wb.editing.documentHistory(doc, { kind: 'propagate' }).entries.map((e) => e.ord);
		expect(kinds.sort()).toEqual([2, 4]);
	});

	it('confirming a filled repetition, or confirming again, fills nothing more', () => {
		expect(save(2, 'The Council meets.', 'translated').propagated).toEqual([]);
		expect(save(0, 'The Council meets today.', 'reviewed').propagated).toEqual([]);
		expect(wb.editing.get(doc, 4).target).toBe('The Council meets.');
	});

	it('propagate: false, a restore and pre-translation leave repetitions alone', () => {
		expect(save(1, 'The meeting is open.', 'translated', { propagate: false }).propagated).toEqual([]);
		expect(wb.editing.get(doc, 6).target).toBeNull();
		expect(save(1, 'The sitting is open.', 'translated', { kind: 'restore' }).propagated).toEqual([]);
		expect(wb.editing.get(doc, 6).target).toBeNull();
	});

	it('`atelier edit set` says on stderr what it filled; --no-propagate does not fill', async () => {
		const off = await atelier(['edit', 'set', String(doc), '2', '--target', 'The sitting is open.', '--no-propagate']);
		expect(off.code).toBe(0);
		expect(off.err).toBe('');
		expect(wb.editing.get(doc, 6).target).toBeNull();
		const on = await atelier(['edit', 'set', String(doc), '2', '--target', 'The sitting is now open.']);
		expect(on.code).toBe(0);
		expect(on.out).toMatch(/^2\ttranslated\tv\d+\ttm \d+\n$/);
		expect(on.err).toBe('Also filled the repetition of this source as a draft: segment 7.\n');
		expect(wb.editing.get(doc, 6)).toMatchObject({ target: 'The sitting is now open.', status: 'draft' });
	});
});

describe('migration 014', () => {
	it('keeps the history of a database at version 13, a join’s detail included, and accepts the new kind', () => {
		const old = join(dir.dir, 'migrations-013');
		mkdirSync(old);
		for (const f of readdirSync(defaultMigrationsDir())) if (/^0(0\d|1[0-3])_/.test(f)) copyFileSync(join(defaultMigrationsDir(), f), join(old, f));
		const path = join(dir.dir, 'v13.sqlite');
		const db = openDatabase(path, { migrationsDir: old, backupBeforeMigration: false });
		db.prepare("INSERT INTO documents (id, title, source_lang, target_lang, created_at, changed_at) VALUES (1, 't', 'fr-FR', 'en-GB', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')").run();
		db.prepare(`INSERT INTO segment_history (document_id, ord, old_target, new_target, old_status, new_status, old_version, kind, batch, changed_by, changed_at, detail)
			VALUES (1, 0, 'a', 'a b', 'draft', 'draft', 3, 'join', 'J', 'ann', '2026-01-02T00:00:00Z', '{"at":2}')`).run();
		expect(() => db.prepare("INSERT INTO segment_history (document_id, ord, new_status, old_version, kind, batch, changed_at) VALUES (1, 0, 'draft', 1, 'propagate', 'x', 'now')").run()).toThrow(/CHECK/);
		db.close();
		const upgraded = openDatabase(path, { backupBeforeMigration: false });
		try {
			expect(upgraded.prepare('SELECT kind, old_target, new_target, batch, changed_by, detail FROM segment_history').all()).toEqual([
				{ kind: 'join', old_target: 'a', new_target: 'a b', batch: 'J', changed_by: 'ann', detail: '{"at":2}' }
			]);
			upgraded.prepare("INSERT INTO segment_history (document_id, ord, new_status, old_version, kind, batch, changed_at) VALUES (1, 0, 'draft', 1, 'propagate', 'x', 'now')").run();
			expect(upgraded.prepare("SELECT count(*) FROM segment_history WHERE kind = 'propagate'").pluck().get()).toBe(1);
		} finally {
			upgraded.close();
		}
	});
});
