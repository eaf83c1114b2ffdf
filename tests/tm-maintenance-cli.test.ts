import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAG_BASE, type TmUnit } from '../src/core/model.js';
import { createWorkbench } from '../src/core/workbench.server.js';
import { tempDir } from './helpers/db.js';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'atelier.js');
let dir: ReturnType<typeof tempDir>;
let db: string;

function atelier(args: string[], lang = 'en') {
	const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir.dir, encoding: 'utf8', env: { ...process.env, ATELIER_DB: db, ATELIER_LANG: lang } });
	return { code: r.status, out: r.stdout, err: r.stderr };
}

const u = (source: string, target: string, extra: Partial<TmUnit> = {}): TmUnit => ({ sourceLang: 'fr-FR', targetLang: 'en-GB', source, target, origin: 'import', ...extra });
const B = String.fromCharCode(TAG_BASE);
const E = String.fromCharCode(TAG_BASE + 1);

beforeAll(() => {
	dir = tempDir();
	db = join(dir.dir, 'cli.sqlite');
	// seeded units of a fresh database stay out of the counts below: only ours are looked at
	const wb = createWorkbench({ dbPath: db });
	wb.tm.add([
		u(`Le ${B}rapport${E} est adopté.`, `The ${B}report${E} is adopted.`, {
			importFile: 'wrong.tmx',
			sourceTags: [{ kind: 'bpt', attrs: { i: '1' }, content: '&lt;b&gt;' }, { kind: 'ept', attrs: { i: '1' }, content: '&lt;/b&gt;' }],
			targetTags: [{ kind: 'bpt', attrs: { i: '1' }, content: '&lt;b&gt;' }, { kind: 'ept', attrs: { i: '1' }, content: '&lt;/b&gt;' }],
			props: [{ type: 'x-client', value: 'OTAN' }],
			notes: ['aligné à la main']
		}),
		u('La séance est levée.', 'The meeting is closed.', { importFile: 'wrong.tmx' }),
		u('Le comité se réunit demain.', 'The committee meets tomorow.', { origin: 'translation' })
	]);
	wb.close();
});
afterAll(() => dir.remove());

const idOf = (source: string) => {
	const r = atelier(['tm', 'concordance', source, '--json']);
	return (JSON.parse(r.out) as { id: number; source: string }[]).find((h) => h.source.replace(/[\uE000-\uF8FF]/g, '') === source.replace(/[⟦⟧\d]/g, ''))!.id;
};

// each run of the CLI starts a process (a few seconds on a busy machine)
describe('atelier tm show / edit / delete', { timeout: 180_000 }, () => {
	it('shows a unit with its tags as ⟦n⟧, props and notes', () => {
		const id = idOf('Le rapport est adopté.');
		const r = atelier(['tm', 'show', String(id)]);
		expect(r.code).toBe(0);
		expect(r.out).toContain(`id\t${id}\n`);
		expect(r.out).toContain('source\tfr-FR\tLe ⟦1⟧rapport⟦2⟧ est adopté.\n');
		expect(r.out).toContain('target\ten-GB\tThe ⟦1⟧report⟦2⟧ is adopted.\n');
		expect(r.out).toContain('import file\twrong.tmx\n');
		expect(r.out).toContain('props\tx-client=OTAN\n');
		expect(r.out).toContain('notes\taligné à la main\n');
		const fr = atelier(['tm', 'show', String(id)], 'fr');
		expect(fr.out).toContain('fichier importé\twrong.tmx\n');
		const json = JSON.parse(atelier(['tm', 'show', String(id), '--json']).out);
		expect(json).toMatchObject({ id, source: `Le ${B}rapport${E} est adopté.`, importFile: 'wrong.tmx' });
	});

	it('edits a target (tags kept), then a source (new id), and refuses what it cannot do', () => {
		const id = idOf('Le comité se réunit demain.');
		const r = atelier(['tm', 'edit', String(id), '--target', 'The committee meets tomorrow.', '--by', 'bea']);
		expect(r).toMatchObject({ code: 0, out: `Unit ${id} updated.\n` });
		expect(JSON.parse(atelier(['tm', 'show', String(id), '--json']).out)).toMatchObject({ target: 'The committee meets tomorrow.', changedBy: 'bea', origin: 'translation' });

		const tagged = idOf('Le rapport est adopté.');
		expect(atelier(['tm', 'edit', String(tagged), '--target', 'The ⟦1⟧report⟦2⟧ was adopted.']).code).toBe(0);
		expect(JSON.parse(atelier(['tm', 'show', String(tagged), '--json']).out).target).toBe(`The ${B}report${E} was adopted.`);
		// tags a CAT tool would choke on are refused, saying where and why; a whole pair may go
		for (const [target, en] of [
			['The ⟦9⟧report⟦2⟧ was adopted.', `Translation memory unit ${tagged}, target: ⟦9⟧ is not one of the unit’s tags (keep them as shown: ⟦1⟧, ⟦2⟧…); nothing was written.`],
			['The ⟦2⟧report⟦1⟧ was adopted.', `Translation memory unit ${tagged}, target: tag ⟦1⟧ and its closing tag ⟦2⟧ must both stay, ⟦1⟧ first (or delete both); nothing was written.`],
			['The ⟦1⟧report was adopted.', `Translation memory unit ${tagged}, target: tag ⟦1⟧ and its closing tag ⟦2⟧ must both stay, ⟦1⟧ first (or delete both); nothing was written.`],
			['The ⟦1⟧report⟦2⟧ was ⟦1⟧adopted.', `Translation memory unit ${tagged}, target: tag ⟦1⟧ appears twice; nothing was written.`]
		]) {
			const bad = atelier(['tm', 'edit', String(tagged), '--target', target]);
			expect([bad.code, bad.err.trim()], target).toEqual([1, `atelier: ${en}`]);
		}
		expect(atelier(['tm', 'edit', String(tagged), '--source', 'Le ⟦2⟧rapport est adopté.'], 'fr').err.trim()).toBe(
			`atelier: Unité ${tagged} de la mémoire de traduction, source\u00a0: la balise ⟦1⟧ et sa balise fermante ⟦2⟧ doivent rester toutes deux, ⟦1⟧ d’abord (ou supprimez les deux)\u202f; rien n’a été écrit.`
		);
		expect(JSON.parse(atelier(['tm', 'show', String(tagged), '--json']).out).target).toBe(`The ${B}report${E} was adopted.`);

		const s = atelier(['tm', 'edit', String(id), '--source', 'Le comité se réunira après-demain à Bruxelles.'], 'fr');
		expect(s.code).toBe(0);
		const m = /^Unité (\d+) modifiée\u202f; sa source a changé, c’est désormais l’unité (\d+)\.\n$/.exec(s.out);
		expect(m, s.out).not.toBeNull();
		expect(Number(m![1])).toBe(id);
		const newId = Number(m![2]);
		expect(newId).toBeGreaterThan(id);
		const lookup = atelier(['tm', 'lookup', 'Le comité se réunira après-demain à Genève.', '--json']);
		expect(JSON.parse(lookup.out)[0]).toMatchObject({ kind: 'fuzzy', unit: { id: newId, target: 'The committee meets tomorrow.' } });

		// control characters typed or pasted are not stored (a TMX export would drop them: the file would no longer say what the TM does)
		expect(atelier(['tm', 'edit', String(newId), '--target', 'The committee\u0001 meets\u000b tomorrow.']).code).toBe(0);
		expect(JSON.parse(atelier(['tm', 'show', String(newId), '--json']).out).target).toBe('The committee meets tomorrow.');
		expect(atelier(['tm', 'edit', String(newId)])).toMatchObject({ code: 1, err: expect.stringContaining('--source TEXT, --target TEXT or both') });
		expect(atelier(['tm', 'edit', String(newId), '--target', '  '])).toMatchObject({ code: 1, err: expect.stringContaining('the source and the target both need text') });
		// the old id now leads to the new one (tests/tm-unit-moves.test.ts); an id never used does not exist
		expect(atelier(['tm', 'show', String(id)])).toMatchObject({ code: 0, err: `Unit ${id} was edited; showing its current version, unit ${newId}.\n` });
		expect(atelier(['tm', 'show', '999999'])).toMatchObject({ code: 1, err: expect.stringContaining('Translation memory unit 999999 does not exist.') });
		expect(atelier(['tm', 'show', '999999'], 'fr').err).toContain('L’unité 999999 de la mémoire de traduction n’existe pas.');
		expect(atelier(['tm', 'delete', 'abc']).code).toBe(1);
	});

	it('deletes units by id (all or nothing) and a whole import', () => {
		const keep = idOf('Le comité se réunira après-demain à Bruxelles.');
		const missing = atelier(['tm', 'delete', String(keep), '999999']);
		expect(missing.code).toBe(1);
		expect(atelier(['tm', 'show', String(keep)]).code).toBe(0);

		const none = atelier(['tm', 'delete', '--import', 'nope.tmx']);
		expect(none.code).toBe(1);
		expect(none.err).toBe('No unit was imported from nope.tmx. Imported files: wrong.tmx\n');
		const imp = atelier(['tm', 'delete', '--import', 'wrong.tmx']);
		expect(imp).toMatchObject({ code: 0, out: 'Units imported from wrong.tmx deleted: 2 units.\n' });
		expect(atelier(['tm', 'concordance', 'séance']).err).not.toBe('');
		expect(atelier(['tm', 'concordance', 'séance']).out).toBe('');

		const del = atelier(['tm', 'delete', String(keep)], 'fr');
		expect(del).toMatchObject({ code: 0, out: 'Unités supprimées\u00a0: 1 unité.\n' });
		expect(atelier(['tm', 'show', String(keep)]).code).toBe(1);
	});

	it('documents the new subcommands in both languages', () => {
		const en = atelier(['tm', '--help']).out;
		expect(en).toContain('atelier tm delete ID... | --import FILE');
		expect(en).toMatch(/\nedit {9}a unit's new source/);
		expect(en).not.toContain('$t(');
		const fr = atelier(['tm', '--help'], 'fr').out;
		expect(fr).toContain('atelier tm delete ID... | --import FICHIER');
		expect(fr).not.toContain('$t(');
	});

	it('exports with the units’ one source language in the header, else *all*', () => {
		const out = join(dir.dir, 'one.tmx');
		const w1 = createWorkbench({ dbPath: db });
		w1.tm.add([u('La séance est ouverte.', 'The meeting is open.')]);
		w1.close();
		expect(atelier(['tm', 'export', out]).code).toBe(0);
		const one = readFileSync(out, 'utf8');
		expect(one).toMatch(/<header\s[^>]*srclang="fr-FR"/);
		const wb = createWorkbench({ dbPath: db });
		wb.tm.add([{ sourceLang: 'en-GB', targetLang: 'fr-FR', source: 'The meeting is adjourned.', target: 'La séance est suspendue.', origin: 'translation' }]);
		wb.close();
		expect(atelier(['tm', 'export', out]).code).toBe(0);
		const all = readFileSync(out, 'utf8');
		expect(all).toMatch(/<header\s[^>]*srclang="\*all\*"/);
		// valid TMX 1.4 (srclang *all* is the DTD's own value for a mixed memory)
		execFileSync('xmllint', ['--noout', '--dtdvalid', join(root, '..', 'shared', 'standards', 'tmx14.dtd'), out], { stdio: ['ignore', 'pipe', 'pipe'] });
		// each tu's first tuv is its source (tmx/write.ts)
		expect(all).toMatch(/<tuv xml:lang="en-GB">\s*<seg>The meeting is adjourned\.<\/seg>\s*<\/tuv>\s*<tuv xml:lang="fr-FR">/);
		expect(atelier(['tm', 'export', out, '--source-lang', 'en-GB']).code).toBe(0);
		expect(readFileSync(out, 'utf8')).toMatch(/<header\s[^>]*srclang="en-GB"/);
		// a file the import reads back: every unit, each with its own source language
		writeFileSync(join(dir.dir, 'again.tmx'), all);
		const again = join(dir.dir, 'again.sqlite');
		const r = spawnSync(process.execPath, [bin, 'tm', 'import', join(dir.dir, 'again.tmx')], { cwd: dir.dir, encoding: 'utf8', env: { ...process.env, ATELIER_DB: again, ATELIER_LANG: 'en' } });
		expect(r.status, r.stderr).toBe(0);
		const w2 = createWorkbench({ dbPath: again });
		expect(w2.tm.stats().byPair.find((p) => p.source_lang === 'en-GB')).toMatchObject({ target_lang: 'fr-FR', n: 1 });
		w2.close();
	});
});
