import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAtelierError } from '../src/core/errors.js';
import type { InlineTag, TmUnit } from '../src/core/model.js';
import { TAG_BASE } from '../src/core/model.js';
import { markTags, tagProblem, unmarkTags } from '../src/core/tm/tag-markers.js';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { tempDir } from './helpers/db.js';

const L = { sourceLang: 'fr-FR', targetLang: 'en-GB' };
const unit = (source: string, target: string, extra: Partial<TmUnit> = {}): TmUnit => ({ ...L, source, target, origin: 'translation', ...extra });
const codeOf = (f: () => unknown) => {
	try {
		f();
	} catch (e) {
		return isAtelierError(e) ? e.code : `not an AtelierError: ${String(e)}`;
	}
	return 'no error';
};

// filler so that a lookup has more than the unit under test to choose from
const FILLER = [
	'Le Conseil se réunit chaque année à Bruxelles.',
	'Les ministres ont adopté une déclaration commune.',
	'La coopération navale a été renforcée en 2009.',
	'Le comité examinera la question lors de sa prochaine session.',
	'Les partenaires ont salué les progrès accomplis.'
];
const OLD = 'Le secrétaire général a présenté son rapport annuel aux délégations.';
const NEW = 'La présidente du groupe de travail a ouvert la séance de printemps à Vienne.';

for (const sharded of [false, true]) {
	describe(`TM maintenance${sharded ? ' with the worker holding half of the fuzzy index' : ''}`, () => {
		let dir: ReturnType<typeof tempDir>;
		let wb: Workbench;
		beforeEach(() => {
			dir = tempDir();
			wb = createWorkbench({ dbPath: join(dir.dir, 'tm.sqlite'), fuzzyShardFrom: sharded ? 1 : undefined });
		});
		afterEach(() => {
			wb.close();
			dir.remove();
		});
		const add = (...u: TmUnit[]) => wb.tm.add(u);
		const lookup = (text: string, limit = 5) => wb.tm.lookup(text, { ...L, limit });

		it('edits a target in place: same id, provenance kept, changed_at/by set, concordance follows', () => {
			const [id] = add(unit(OLD, 'The Secretary General presented his anual report.', { createdAt: '2020-01-01T00:00:00.000Z', createdBy: 'ana', documentId: null, importFile: 'old.tmx', props: [{ type: 'x-domain', value: 'nato' }] }));
			add(...FILLER.map((s) => unit(s, `EN ${s}`)));
			expect(lookup(OLD)[0].unit.id).toBe(id);
			const before = wb.tm.get(id)!;
			const r = wb.tm.updateUnit(id, { target: 'The Secretary General presented his annual report.' }, { expectedChangedAt: before.changedAt, user: 'bea' });
			expect(r).toMatchObject({ previousId: id, idChanged: false, merged: false });
			const after = wb.tm.get(id)!;
			expect(after).toMatchObject({ source: OLD, target: 'The Secretary General presented his annual report.', createdAt: '2020-01-01T00:00:00.000Z', createdBy: 'ana', changedBy: 'bea', importFile: 'old.tmx', props: [{ type: 'x-domain', value: 'nato' }] });
			expect(after.changedAt! > before.changedAt!).toBe(true);
			expect(wb.tm.concordance('annual').map((h) => h.id)).toEqual([id]);
			expect(wb.tm.concordance('anual')).toEqual([]);
			expect(lookup(OLD)[0]).toMatchObject({ score: 100, unit: { id, target: 'The Secretary General presented his annual report.' } });
		});

		it('edits a source under a new id: a fuzzy lookup finds the new source, the old one no longer returns the unit', () => {
			const [id] = add(unit(OLD, 'The Secretary General presented his annual report to the delegations.', { createdBy: 'ana' }));
			add(...FILLER.map((s) => unit(s, `EN ${s}`)));
			// the index is built with the old tokens first
			expect(lookup(OLD.replace('annuel', 'mensuel'))[0].unit.id).toBe(id);
			if (sharded) expect(wb.tm.sharded()).toBe(true);
			const r = wb.tm.updateUnit(id, { source: NEW, target: 'The chair of the working party opened the spring session in Vienna.' });
			expect(r.idChanged).toBe(true);
			expect(r.merged).toBe(false);
			const newId = r.unit.id;
			expect(newId).toBeGreaterThan(id);
			expect(wb.tm.get(id)).toBeNull();
			expect(wb.tm.get(newId)).toMatchObject({ source: NEW, createdBy: 'ana' });
			// fuzzy (not exact): only the index can find it
			const near = lookup(NEW.replace('Vienne', 'Genève'));
			expect(near[0]).toMatchObject({ kind: 'fuzzy', unit: { id: newId, source: NEW } });
			expect(near[0].score).toBeGreaterThanOrEqual(85);
			// the old source: neither the old text nor the unit under its new text comes back
			const old = lookup(OLD.replace('annuel', 'mensuel'), 10);
			expect(old.map((m) => m.unit.source)).not.toContain(OLD);
			expect(old.map((m) => m.unit.id)).not.toContain(id);
			expect(wb.tm.concordance('secrétaire général')).toEqual([]);
			expect(wb.tm.concordance('groupe de travail').map((h) => h.id)).toEqual([newId]);
		});

		it('a second source edit, and a unit added after a delete of the highest id, are found too', () => {
			add(...FILLER.map((s) => unit(s, `EN ${s}`)));
			const [id] = add(unit(OLD, 'Report.'));
			expect(lookup(OLD)[0].unit.id).toBe(id);
			const first = wb.tm.updateUnit(id, { source: NEW }).unit.id;
			expect(lookup(NEW.replace('Vienne', 'Genève'))[0].unit.id).toBe(first);
			// the highest id deleted: SQLite gives it to the next unit, which must be indexed all the same
			expect(wb.tm.deleteUnits([first])).toEqual({ deleted: 1 });
			// the second one gets the deleted id: odd, so the worker's when there is one
			const [, again] = add(unit('Rien de comparable ici.', 'Pad.'), unit('Une toute autre phrase sur la politique de sécurité commune des alliés.', 'Another sentence.'));
			expect(again).toBe(first);
			expect(again % 2).toBe(1);
			const m = lookup('Une toute autre phrase sur la politique de défense commune des alliés.');
			expect(m[0]).toMatchObject({ kind: 'fuzzy', unit: { id: again } });
			expect(lookup(NEW.replace('Vienne', 'Genève')).map((x) => x.unit.id)).not.toContain(again);
		});

		it('merges into the unit that already has the edited pair', () => {
			const [a, b] = add(unit('Le rapport est adopté.', 'The report is adopted.'), unit('Le rapport est adopte.', 'The report was adopted.'));
			const r = wb.tm.updateUnit(b, { source: 'Le rapport est adopté.', target: 'The report is adopted.' }, { user: 'bea' });
			expect(r).toMatchObject({ merged: true, idChanged: true, previousId: b, unit: { id: a, changedBy: 'bea' } });
			expect(wb.tm.get(b)).toBeNull();
			expect(wb.tm.stats().total).toBe(2 - 1);
			expect(lookup('Le rapport est adopté.').map((m) => m.unit.id)).toEqual([a]);
		});

		it('refuses a stale edit, an empty side and an unknown id, writing nothing', () => {
			const [id] = add(unit(OLD, 'Report.'));
			const u = wb.tm.get(id)!;
			wb.tm.updateUnit(id, { target: 'Annual report.' });
			expect(codeOf(() => wb.tm.updateUnit(id, { target: 'Stale.' }, { expectedChangedAt: u.changedAt }))).toBe('tm_unit_conflict');
			// two saves within one millisecond still get two versions
			const v1 = wb.tm.updateUnit(id, { target: 'Annual report!' }).unit.changedAt!;
			const v2 = wb.tm.updateUnit(id, { target: 'Annual report.' }).unit.changedAt!;
			expect(v2 > v1).toBe(true);
			expect(codeOf(() => wb.tm.updateUnit(id, { target: 'Stale.' }, { expectedChangedAt: v1 }))).toBe('tm_unit_conflict');
			expect(codeOf(() => wb.tm.updateUnit(id, { target: ' \u00a0 ' }))).toBe('tm_unit_empty');
			expect(codeOf(() => wb.tm.updateUnit(id, { source: String.fromCharCode(TAG_BASE) }))).toBe('tm_unit_empty');
			expect(codeOf(() => wb.tm.updateUnit(999, { target: 'x' }))).toBe('tm_unit_not_found');
			expect(wb.tm.get(id)).toMatchObject({ source: OLD, target: 'Annual report.' });
			expect(wb.tm.get(999)).toBeNull();
		});

		it('keeps NFC and the French spaces of an edit', () => {
			const [id] = add(unit('Il dit : « non ».', 'He said: “no”.'));
			wb.tm.updateUnit(id, { source: 'Il a dit\u00a0: «\u00a0non\u00a0» ; n’est-ce pas\u202f?'.normalize('NFD') });
			const u = wb.tm.get(wb.tm.concordance('est-ce')[0].id)!;
			expect(u.source).toBe('Il a dit\u00a0: «\u00a0non\u00a0» ; n’est-ce pas\u202f?');
		});

		it('deletes units and a whole import, each in one transaction, and lists the imports', () => {
			const a = add(unit('Première phrase importée du fichier A.', 'First.', { importFile: 'a.tmx', changedAt: '2026-01-02T00:00:00.000Z' }), unit('Deuxième phrase importée du fichier A.', 'Second.', { importFile: 'a.tmx', changedAt: '2026-01-03T00:00:00.000Z' }));
			const [bId] = add(unit('Une phrase du fichier B.', 'B.', { importFile: 'b.tmx', changedAt: '2026-02-01T00:00:00.000Z' }));
			const [own] = add(unit('Une phrase traduite ici, phrase importée du fichier A.', 'Mine.'));
			expect(wb.tm.imports()).toEqual([
				{ importFile: 'b.tmx', units: 1, lastChangedAt: '2026-02-01T00:00:00.000Z' },
				{ importFile: 'a.tmx', units: 2, lastChangedAt: '2026-01-03T00:00:00.000Z' }
			]);
			expect(lookup('Première phrase importée du fichier A.').map((m) => m.unit.id)).toContain(a[0]);
			expect(wb.tm.deleteImport('a.tmx')).toEqual({ deleted: 2 });
			expect(wb.tm.deleteImport('a.tmx')).toEqual({ deleted: 0 });
			expect(wb.tm.imports().map((i) => i.importFile)).toEqual(['b.tmx']);
			expect(wb.tm.concordance('importée').map((h) => h.id)).toEqual([own]);
			const m = lookup('Première phrase importée du fichier A.', 10);
			expect(m.map((x) => x.unit.id).sort()).toEqual([bId, own].sort());
			expect(wb.tm.deleteUnits([bId, bId, 12345])).toEqual({ deleted: 1 });
			expect(wb.tm.stats().total).toBe(1);
		});

		it('an import takes with it only the units it brought: not those already there that it had too', () => {
			const imp = (source: string, target: string, file: string) => unit(source, target, { origin: 'import', importFile: file });
			const [first] = add(imp('Le sommet de Bucarest s’est achevé.', 'The Bucharest Summit ended.', 'small.tmx'));
			const [mine] = add(unit('Les Alliés ont adopté la déclaration.', 'Allies adopted the declaration.'));
			// a corrected copy of the same memory, imported later, has both pairs and one of its own
			expect(add(imp('Le sommet de Bucarest s’est achevé.', 'The Bucharest Summit ended.', 'copy.tmx'), imp('Les Alliés ont adopté la déclaration.', 'Allies adopted the declaration.', 'copy.tmx'))).toEqual([first, mine]);
			const [own] = add(imp('Une phrase que seule la copie apporte.', 'Only the copy brings it.', 'copy.tmx'));
			expect(wb.tm.imports().map((i) => [i.importFile, i.units])).toEqual(expect.arrayContaining([['small.tmx', 1], ['copy.tmx', 1]]));
			expect(wb.tm.deleteImport('copy.tmx')).toEqual({ deleted: 1 });
			expect(wb.tm.get(own)).toBeNull();
			expect(wb.tm.get(first)?.importFile).toBe('small.tmx');
			expect(wb.tm.get(mine)?.importFile ?? null).toBeNull();
		});
	});
}

/** A "server" and a "CLI" workbench on one database file, the server's fuzzy index whole or split with a worker. */
function twoProcesses(test: (server: Workbench, cli: Workbench, sharded: boolean) => void): void {
	for (const shardFrom of [undefined, 1]) {
		const d = tempDir();
		const path = join(d.dir, 'tm.sqlite');
		const server = createWorkbench({ dbPath: path, fuzzyShardFrom: shardFrom });
		const cli = createWorkbench({ dbPath: path });
		try {
			test(server, cli, shardFrom != null);
		} finally {
			cli.close();
			server.close();
			d.remove();
		}
	}
}

describe('a unit deleted by another process', () => {
	it('does not hide real matches from a TM whose index still holds it (both halves)', () => {
		twoProcesses((server, cli, sharded) => {
			const q = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet';
			// near-copies of the query, indexed by the "server", then deleted by the "CLI"
			const close = server.tm.add(Array.from({ length: 6 }, (_, i) => unit(`${q} kilo${i}`, `close ${i}`)));
			const [real] = server.tm.add([unit('alpha bravo charlie delta echo foxtrot golf lima mike november', 'real')]);
			expect(server.tm.lookup(q, { ...L, limit: 2 }).map((m) => m.unit.target)).toEqual(['close 0', 'close 1']);
			expect(cli.tm.deleteUnits(close)).toEqual({ deleted: 6 });
			// 70%: found although six closer (stale) units are still in the server's index
			expect(server.tm.lookup(q, { ...L, limit: 2 }).map((m) => [m.unit.id, m.unit.target])).toEqual([[real, 'real']]);
			expect(server.tm.lookup(q, { ...L, limit: 1 }).map((m) => m.unit.id)).toEqual([real]);
			if (sharded) expect(server.tm.sharded()).toBe(true);
		});
	});
});

describe('units another process deleted, then wrote again under the same ids', () => {
	it('are found by a TM that had indexed the old ones (both halves)', () => {
		twoProcesses((server, cli, sharded) => {
			server.tm.add(FILLER.map((s) => unit(s, `EN ${s}`)));
			const top = server.tm.add([unit('Une phrase qui sera supprimée puis remplacée.', 'Gone.'), unit('Une autre phrase qui sera supprimée aussi.', 'Gone too.')]);
			// the server has indexed up to the highest id
			expect(server.tm.lookup('Une phrase qui sera supprimée puis remplacée.', L).map((m) => m.unit.target)).toContain('Gone.');
			// the "CLI" deletes the highest units and writes new ones: SQLite gives them the same ids
			expect(cli.tm.deleteUnits(top)).toEqual({ deleted: 2 });
			const again = cli.tm.add([unit('La présidente du groupe de travail a ouvert la séance à Vienne.', 'The chair opened the session in Vienna.'), unit('Le comité a reporté sa décision à la session suivante.', 'The committee postponed its decision.')]);
			expect(again).toEqual(top);
			const m = server.tm.lookup('La présidente du groupe de travail a ouvert la séance de printemps à Vienne.', L);
			expect(m.map((x) => x.unit.target)).toContain('The chair opened the session in Vienna.');
			expect(server.tm.lookup('Le comité a reporté sa décision à la prochaine session.', L).map((x) => x.unit.target)).toContain('The committee postponed its decision.');
			if (sharded) expect(server.tm.sharded()).toBe(true);
		});
	});
});

describe('inline tag markers', () => {
	it('turn placeholders into ⟦n⟧ and back, leaving unknown numbers as text', () => {
		const tags = [{ kind: 'bpt', attrs: { i: '1' }, content: '&lt;b&gt;' }, { kind: 'ept', attrs: { i: '1' }, content: '&lt;/b&gt;' }];
		const text = `Le ${String.fromCharCode(TAG_BASE)}rapport${String.fromCharCode(TAG_BASE + 1)} est adopté.`;
		expect(markTags(text, tags)).toBe('Le ⟦1⟧rapport⟦2⟧ est adopté.');
		expect(unmarkTags('Le ⟦1⟧rapport⟦2⟧ ⟦3⟧ est adopté.', tags)).toBe(`Le ${String.fromCharCode(TAG_BASE)}rapport${String.fromCharCode(TAG_BASE + 1)} ⟦3⟧ est adopté.`);
		expect(unmarkTags('⟦1⟧', [])).toBe('⟦1⟧');
	});
});

describe('tag checks on an edited unit', () => {
	it('refuses unknown markers, a tag twice and half a pair; a whole pair or a standalone tag may go', () => {
		const tags: InlineTag[] = [
			{ kind: 'bpt', attrs: { i: '1' }, content: '&lt;b&gt;' },
			{ kind: 'ept', attrs: { i: '1' }, content: '&lt;/b&gt;' },
			{ kind: 'ph', attrs: {}, content: '&lt;br/&gt;' }
		];
		const [b, e, ph] = [0, 1, 2].map((i) => String.fromCharCode(TAG_BASE + i));
		expect(tagProblem(`a ${b}b${e} c${ph}`, tags)).toBeNull();
		expect(tagProblem('a b c', tags)).toBeNull();
		expect(tagProblem(`a ${b}b${e} c`, tags)).toBeNull();
		expect(tagProblem(`a b c${ph}`, tags)).toBeNull();
		expect(tagProblem('a ⟦4⟧ b', tags)).toEqual({ problem: 'unknown', marker: '⟦4⟧' });
		expect(tagProblem('a ⟦1⟧ b', undefined)).toEqual({ problem: 'unknown', marker: '⟦1⟧' });
		expect(tagProblem(`${ph}a${ph}`, tags)).toEqual({ problem: 'twice', marker: '⟦3⟧' });
		expect(tagProblem(`a ${e}b${b}`, tags)).toEqual({ problem: 'unpaired', marker: '⟦1⟧', other: '⟦2⟧' });
		expect(tagProblem(`a ${e}b`, tags)).toEqual({ problem: 'unpaired', marker: '⟦1⟧', other: '⟦2⟧' });
		expect(tagProblem(`a ${b}b`, tags)).toEqual({ problem: 'unpaired', marker: '⟦1⟧', other: '⟦2⟧' });
	});

	it('only the edited side is checked: a unit imported with a lone tag on one side stays editable on the other', () => {
		const dir = tempDir();
		const wb = createWorkbench({ dbPath: join(dir.dir, 'tags.sqlite') });
		try {
			const B = String.fromCharCode(TAG_BASE);
			const tags: InlineTag[] = [
				{ kind: 'bpt', attrs: { i: '1' }, content: '&lt;b&gt;' },
				{ kind: 'ept', attrs: { i: '1' }, content: '&lt;/b&gt;' }
			];
			const [id] = wb.tm.add([{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: `Le ${B}rapport est adopté.`, target: 'The report is adopted.', origin: 'import', sourceTags: tags }]);
			expect(wb.tm.updateUnit(id, { target: 'The report was adopted.' }).unit.target).toBe('The report was adopted.');
			expect(codeOf(() => wb.tm.updateUnit(id, { source: `Le ${B}rapport a été adopté.` }))).toBe('tm_unit_tags');
		} finally {
			wb.close();
			dir.remove();
		}
	});
});
