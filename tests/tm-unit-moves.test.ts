import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAtelierError } from '../src/core/errors.js';
import type { TmUnit } from '../src/core/model.js';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { tempDir } from './helpers/db.js';

const u = (source: string, target: string, extra: Partial<TmUnit> = {}): TmUnit => ({ sourceLang: 'fr-FR', targetLang: 'en-GB', source, target, origin: 'import', ...extra });

function failure(fn: () => unknown): { code: string; params: Record<string, string | number> } | null {
	try {
		fn();
		return null;
	} catch (e) {
		if (isAtelierError(e)) return { code: e.code, params: e.params };
		throw e;
	}
}

describe('moves of edited TM units (module)', () => {
	let dir: ReturnType<typeof tempDir>;
	let wb: Workbench;
	beforeAll(() => {
		dir = tempDir();
		wb = createWorkbench({ dbPath: join(dir.dir, 'moves.sqlite') });
	});
	afterAll(() => {
		wb.close();
		dir.remove();
	});

	it('follows a chain of edits OLD → A → B to the current unit', () => {
		const [old] = wb.tm.add([u('Le rapport est adopté.', 'The report is adopted.')]);
		expect(wb.tm.resolve(old)).toBe(old);
		const a = wb.tm.updateUnit(old, { source: 'Le rapport final est adopté.' });
		expect(a.idChanged).toBe(true);
		expect(a.unit.id).not.toBe(old);
		expect(wb.tm.get(old)).toBeNull();
		expect(wb.tm.resolve(old)).toBe(a.unit.id);
		const b = wb.tm.updateUnit(a.unit.id, { source: 'Le rapport final est enfin adopté.' });
		expect(b.idChanged).toBe(true);
		expect(wb.tm.resolve(old)).toBe(b.unit.id);
		expect(wb.tm.resolve(a.unit.id)).toBe(b.unit.id);
		expect(wb.tm.get(wb.tm.resolve(old)!)!.source).toBe('Le rapport final est enfin adopté.');
		// a target-only edit keeps the id: nothing moves
		const c = wb.tm.updateUnit(b.unit.id, { target: 'The final report is at last adopted.' });
		expect(c.idChanged).toBe(false);
		expect(wb.tm.resolve(old)).toBe(b.unit.id);
	});

	it('an edit aimed at an id that moved is refused, naming the current id, and changes nothing', () => {
		const [old] = wb.tm.add([u('La séance est ouverte.', 'The meeting is open.')]);
		const moved = wb.tm.updateUnit(old, { source: 'La séance est ouverte à 10 heures.' }).unit;
		const f = failure(() => wb.tm.updateUnit(old, { target: 'Something else.' }));
		expect(f).toEqual({ code: 'tm_unit_moved', params: { id: old, current: moved.id } });
		expect(wb.tm.get(moved.id)!.target).toBe('The meeting is open.');
		expect(wb.tm.missing(old).code).toBe('tm_unit_moved');
		expect(wb.tm.missing(999_999).code).toBe('tm_unit_not_found');
	});

	it('records a merge into an identical unit as a move, and repoints the moves to the merged unit', () => {
		const [p, q] = wb.tm.add([u('Le comité se réunit.', 'The committee meets.'), u('Le comité se réunit demain.', 'The committee meets tomorrow.')]);
		// p was itself reached from an older id
		const [older] = wb.tm.add([u('Le comité se réunira.', 'The committee meets.')]);
		const toP = wb.tm.updateUnit(older, { source: 'Le comité se réunit.' });
		expect(toP.merged).toBe(true);
		expect(toP.unit.id).toBe(p);
		expect(wb.tm.resolve(older)).toBe(p);
		const r = wb.tm.updateUnit(p, { source: 'Le comité se réunit demain.', target: 'The committee meets tomorrow.' });
		expect(r.merged).toBe(true);
		expect(r.unit.id).toBe(q);
		expect(wb.tm.get(p)).toBeNull();
		expect(wb.tm.resolve(p)).toBe(q);
		expect(wb.tm.resolve(older)).toBe(q);
	});

	it('a move to a unit deleted since resolves to null, and the ids SQLite hands out again are units of their own', () => {
		const [old] = wb.tm.add([u('Les Alliés ont décidé.', 'The Allies decided.')]);
		const a = wb.tm.updateUnit(old, { source: 'Les Alliés ont décidé hier.' }).unit;
		expect(wb.tm.resolve(old)).toBe(a.id);
		expect(wb.tm.deleteUnits([a.id]).deleted).toBe(1);
		expect(wb.tm.resolve(old)).toBeNull();
		expect(wb.tm.resolve(a.id)).toBeNull();
		expect(failure(() => wb.tm.updateUnit(old, { target: 'x' }))?.code).toBe('tm_unit_not_found');
		// both were the highest ids: the next units written take them, and are nobody's successor
		const reused = wb.tm.add([u('Un tout autre texte.', 'Some other text.'), u('Encore un autre.', 'Yet another.')]);
		expect(reused).toEqual([old, a.id]);
		expect(wb.tm.resolve(old)).toBe(old);
		expect(wb.tm.resolve(a.id)).toBe(a.id);
		expect(wb.tm.get(old)!.source).toBe('Un tout autre texte.');
	});

	it('a move from an id SQLite handed out again goes when that new unit is deleted', () => {
		const [q] = wb.tm.add([u('Le vote est reporté.', 'The vote is postponed.')]);
		const [x] = wb.tm.add([u('Le vote est ajourné.', 'The vote is postponed.')]);
		expect(wb.tm.updateUnit(x, { source: 'Le vote est reporté.' }).merged).toBe(true);
		expect(wb.tm.resolve(x)).toBe(q);
		// x was the highest id: the next unit takes it
		const [y] = wb.tm.add([u('Sans rapport.', 'Unrelated.')]);
		expect(y).toBe(x);
		expect(wb.tm.resolve(x)).toBe(x);
		wb.tm.deleteUnits([y]);
		// not q: the link to x now named the unrelated unit, which is gone
		expect(wb.tm.resolve(x)).toBeNull();
	});

	it('deleting an import drops the moves to its units', () => {
		const [old] = wb.tm.add([u('Le budget est voté.', 'The budget is passed.', { importFile: 'budget.tmx' })]);
		const a = wb.tm.updateUnit(old, { source: 'Le budget est voté ce jour.' }).unit;
		expect(a.importFile).toBe('budget.tmx');
		expect(wb.tm.resolve(old)).toBe(a.id);
		expect(wb.tm.deleteImport('budget.tmx').deleted).toBe(1);
		expect(wb.tm.resolve(old)).toBeNull();
		expect(wb.db.prepare('SELECT count(*) FROM tm_unit_moves WHERE old_id = ? OR new_id = ?').pluck().get(old, a.id)).toBe(0);
	});
});

describe('an id a new unit took after its unit was moved away (module)', () => {
	let dir: ReturnType<typeof tempDir>;
	let wb: Workbench;
	beforeAll(() => {
		dir = tempDir();
		wb = createWorkbench({ dbPath: join(dir.dir, 'reused.sqlite') });
	});
	afterAll(() => {
		wb.close();
		dir.remove();
	});

	it('the reviewer’s sequence: 2 → 3, 3 merged into 1, a new unit takes id 2; the live unit wins and a delete read before is refused', () => {
		// dated as a TMX import dates them: the new unit's changed_at is then surely another one
		const [one, two] = wb.tm.add([
			u('Le Conseil se réunit.', 'The Council meets.', { changedAt: '2020-01-01T00:00:00.000Z' }),
			u('La Commission décide.', 'The Commission decides.', { changedAt: '2020-01-02T00:00:00.000Z' })
		]);
		expect([one, two]).toEqual([1, 2]);
		const readBefore = wb.tm.get(2)!.changedAt;
		const three = wb.tm.updateUnit(2, { source: 'La Commission décide aujourd’hui.' }).unit.id;
		expect(three).toBe(3);
		const merged = wb.tm.updateUnit(3, { source: 'Le Conseil se réunit.', target: 'The Council meets.' });
		expect(merged.merged).toBe(true);
		expect(merged.unit.id).toBe(1);
		expect(wb.tm.resolve(2)).toBe(1);
		const [fresh] = wb.tm.add([u('Un texte sans rapport.', 'An unrelated text.')]);
		expect(fresh).toBe(2);
		// the move 2 → 1 is stale: never a redirect away from a live unit
		expect(wb.tm.resolve(2)).toBe(2);
		expect(wb.tm.missing(2).code).toBe('tm_unit_not_found');
		expect(wb.tm.resolve(3)).toBe(1);
		// a page read before all this holds unit 2's old changed_at: its delete is refused
		expect(failure(() => wb.tm.deleteUnit(2, { expectedChangedAt: readBefore }))).toEqual({ code: 'tm_unit_conflict', params: { id: 2 } });
		expect(wb.tm.get(2)!.source).toBe('Un texte sans rapport.');
		// and one aimed at the moved id 3 names where it went, deleting nothing
		expect(failure(() => wb.tm.deleteUnit(3, { expectedChangedAt: readBefore }))).toEqual({ code: 'tm_unit_moved', params: { id: 3, current: 1 } });
		expect(wb.tm.get(1)!.source).toBe('Le Conseil se réunit.');
		// the version as read now: deleted; without a version (the CLI): deleted as it is
		expect(wb.tm.deleteUnit(2, { expectedChangedAt: wb.tm.get(2)!.changedAt })).toEqual({ deleted: 1 });
		expect(wb.tm.get(2)).toBeNull();
		expect(wb.tm.deleteUnit(1)).toEqual({ deleted: 1 });
		expect(wb.tm.resolve(3)).toBeNull();
	});
});

const bin = join(import.meta.dirname, '..', 'bin', 'atelier.js');

// each run of the CLI starts a process (a few seconds on a busy machine)
describe('atelier tm show / edit / delete with an id an edit replaced', { timeout: 180_000 }, () => {
	let dir: ReturnType<typeof tempDir>;
	let db: string;
	let old: number;
	let current: number;
	const atelier = (args: string[], lang = 'en') => {
		const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir.dir, encoding: 'utf8', env: { ...process.env, ATELIER_DB: db, ATELIER_LANG: lang } });
		return { code: r.status, out: r.stdout, err: r.stderr };
	};
	beforeAll(() => {
		dir = tempDir();
		db = join(dir.dir, 'cli.sqlite');
		const wb = createWorkbench({ dbPath: db });
		[old] = wb.tm.add([u('Le traité est signé.', 'The treaty is signed.')]);
		wb.close();
	});
	afterAll(() => dir.remove());

	it('edit gives a new id; show OLD shows the current unit, saying so on stderr in both languages', () => {
		const e = atelier(['tm', 'edit', String(old), '--source', 'Le traité est enfin signé.', '--json']);
		expect(e.code).toBe(0);
		current = JSON.parse(e.out).unit.id;
		expect(current).not.toBe(old);
		const r = atelier(['tm', 'show', String(old)]);
		expect(r.code).toBe(0);
		expect(r.out).toContain(`id\t${current}\n`);
		expect(r.out).toContain('source\tfr-FR\tLe traité est enfin signé.\n');
		expect(r.err).toBe(`Unit ${old} was edited; showing its current version, unit ${current}.\n`);
		const fr = atelier(['tm', 'show', String(old), '--json'], 'fr');
		expect(fr.code).toBe(0);
		expect(JSON.parse(fr.out).id).toBe(current);
		expect(fr.err).toBe(`L’unité ${old} a été modifiée\u202f; voici sa version actuelle, l’unité ${current}.\n`);
		// the current id itself: no note
		expect(atelier(['tm', 'show', String(current)]).err).toBe('');
	});

	it('edit OLD and delete OLD are refused with the current id named, and the current unit is untouched', () => {
		const e = atelier(['tm', 'edit', String(old), '--target', 'Overwritten.']);
		expect(e.code).toBe(1);
		expect(e.err).toContain(`Translation memory unit ${old} was edited and is now unit ${current}: nothing was done.`);
		const d = atelier(['tm', 'delete', String(old)], 'fr');
		expect(d.code).toBe(1);
		expect(d.err).toContain(`L’unité ${old} de la mémoire de traduction a été modifiée et porte désormais le numéro ${current}\u00a0: rien n’a été fait.`);
		const now = atelier(['tm', 'show', String(current), '--json']);
		expect(JSON.parse(now.out).target).toBe('The treaty is signed.');
	});

	it('once the current unit is deleted, OLD is a plain “does not exist”', () => {
		expect(atelier(['tm', 'delete', String(current)]).code).toBe(0);
		const r = atelier(['tm', 'show', String(old)]);
		expect(r.code).toBe(1);
		expect(r.err).toContain(`Translation memory unit ${old} does not exist.`);
	});
});

describe('atelier tm show with an id a new unit took (real CLI)', { timeout: 180_000 }, () => {
	let dir: ReturnType<typeof tempDir>;
	let db: string;
	const atelier = (args: string[], lang = 'en') => {
		const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir.dir, encoding: 'utf8', env: { ...process.env, ATELIER_DB: db, ATELIER_LANG: lang } });
		return { code: r.status, out: r.stdout, err: r.stderr };
	};
	beforeAll(() => {
		dir = tempDir();
		db = join(dir.dir, 'reused-cli.sqlite');
		const wb = createWorkbench({ dbPath: db });
		// segment_ord 2 is the third segment
		wb.tm.add([u('Le Conseil se réunit.', 'The Council meets.', { segmentOrd: 2 }), u('La Commission décide.', 'The Commission decides.')]);
		wb.close();
	});
	afterAll(() => dir.remove());

	it('tm edit 2 --source, tm edit 3 into unit 1, a new unit 2: tm show 2 shows it with no moved note; segments counted from 1', () => {
		const e = atelier(['tm', 'edit', '2', '--source', 'La Commission décide aujourd’hui.', '--json']);
		expect(e.code).toBe(0);
		expect(JSON.parse(e.out).unit.id).toBe(3);
		const m = atelier(['tm', 'edit', '3', '--source', 'Le Conseil se réunit.', '--target', 'The Council meets.', '--json']);
		expect(m.code).toBe(0);
		expect(JSON.parse(m.out)).toMatchObject({ merged: true, unit: { id: 1 } });
		const wb = createWorkbench({ dbPath: db });
		const [fresh] = wb.tm.add([u('Un texte sans rapport.', 'An unrelated text.')]);
		wb.close();
		expect(fresh).toBe(2);
		const r = atelier(['tm', 'show', '2']);
		expect(r.code).toBe(0);
		expect(r.err).toBe('');
		expect(r.out).toContain('id\t2\n');
		expect(r.out).toContain('source\tfr-FR\tUn texte sans rapport.\n');
		const one = atelier(['tm', 'show', '1']);
		expect(one.out).toContain('segment\t3\n');
		expect(one.out).not.toContain('segment\t2\n');
		const json = atelier(['tm', 'show', '1', '--json']);
		expect(JSON.parse(json.out).segmentOrd).toBe(2);
	});
});
