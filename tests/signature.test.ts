import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUserName, readUser, USER_COOKIE } from '../src/lib/server/user.js';
import { userFrom } from '../src/cli/user.js';
import { createT } from '../src/lib/i18n/index.js';
import { tempDir } from './helpers/db.js';

// Signed changes: the name a browser sets on /settings (cookie atelier_user, read by the hooks)
// and the CLI's --by, defaulting to ATELIER_USER, end up in changed_by / created_by.

describe('the signing name a cookie carries', () => {
	const cookie = (v: string | undefined) => readUser({ get: (n: string) => (n === USER_COOKIE ? v : undefined) } as never);

	it('is trimmed and NFC', () => {
		expect(USER_COOKIE).toBe('atelier_user');
		expect(cookie('  Marie Curie \t')).toBe('Marie Curie');
		// É typed as E + combining acute (NFD, as macOS file names and some keyboards give it)
		const nfd = 'E\u0301lodie Lefe\u0300vre';
		expect(cookie(nfd)).toBe('Élodie Lefèvre');
		expect(cookie(nfd)!.length).toBe(14);
		// typography inside a name stays as typed
		expect(cookie('Jean\u00a0d’Alembert')).toBe('Jean\u00a0d’Alembert');
	});

	it('is ignored when absent, blank, too long or carrying control characters', () => {
		expect(cookie(undefined)).toBeNull();
		expect(cookie('')).toBeNull();
		expect(cookie(' \u00a0 ')).toBeNull();
		expect(cookie('a'.repeat(100))).toBe('a'.repeat(100));
		expect(cookie('a'.repeat(101))).toBeNull();
		// 100 characters outside the BMP are 200 UTF-16 code units: still 100 characters
		expect(cookie('𝔄'.repeat(100))).toBe('𝔄'.repeat(100));
		expect(cookie('Marie\nCurie')).toBeNull();
		expect(cookie('Marie\u0000')).toBeNull();
		expect(cookie('Marie\u0085Curie')).toBeNull();
		expect(cookie('Marie\u2028Curie')).toBeNull();
		// a right-to-left override would show the name reversed: somebody else's
		expect(cookie('\u202Eeiruc eiram')).toBeNull();
		expect(cleanUserName(42)).toBeNull();
	});
});

describe('the CLI’s signing name', () => {
	const t = createT('en');
	const sink = () => {
		let text = '';
		return { io: { stderr: { write: (s: string) => ((text += s), true) } } as never, t, text: () => text };
	};

	it('is --by when given, else ATELIER_USER, else nobody — never the system user', () => {
		expect(userFrom('Ada Lovelace', undefined, { ATELIER_USER: 'Marie Curie' })).toBe('Ada Lovelace');
		expect(userFrom(undefined, undefined, { ATELIER_USER: ' Marie Curie ' })).toBe('Marie Curie');
		expect(userFrom(undefined, undefined, { USER: 'root', LOGNAME: 'root' })).toBeNull();
		// --by "" signs nothing even when ATELIER_USER is set
		expect(userFrom('', undefined, { ATELIER_USER: 'Marie Curie' })).toBeNull();
		expect(userFrom('E\u0301lodie', undefined, {})).toBe('Élodie');
		expect(userFrom('  Ada Lovelace ', undefined, {})).toBe('Ada Lovelace');
		expect(() => userFrom('x'.repeat(101), undefined, {})).toThrow(expect.objectContaining({ code: 'usage' }));
		expect(() => userFrom('Jean\u202eX', undefined, {})).toThrow(expect.objectContaining({ code: 'usage' }));
	});

	it('an ATELIER_USER that is no name signs nothing, and says so', () => {
		const s = sink();
		expect(userFrom(undefined, s, { ATELIER_USER: 'x'.repeat(101) })).toBeNull();
		expect(s.text()).toBe('ATELIER_USER ignored: a name of at most 100 characters, without control characters, is expected. Changes are not signed.\n');
		const blank = sink();
		expect(userFrom(undefined, blank, { ATELIER_USER: '  ' })).toBeNull();
		expect(blank.text()).toBe('');
	});
});

describe('atelier edit signs with ATELIER_USER (the real CLI)', () => {
	const bin = join(import.meta.dirname, '..', 'bin', 'atelier.js');
	let dir: ReturnType<typeof tempDir>;
	beforeAll(() => {
		dir = tempDir();
	});
	afterAll(() => dir.remove());

	function atelier(args: string[], user?: string) {
		const env: NodeJS.ProcessEnv = { ...process.env, ATELIER_DB: join(dir.dir, 'cli.sqlite'), ATELIER_LANG: 'en' };
		delete env.ATELIER_USER;
		if (user != null) env.ATELIER_USER = user;
		const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir.dir, encoding: 'utf8', env });
		return { code: r.status, out: r.stdout, err: r.stderr };
	}
	const segment = (ord: number) => JSON.parse(atelier(['edit', 'show', '3', String(ord), '--json']).out);

	it('edit set: the segment and its TM unit are signed by ATELIER_USER; --by wins; without either, nobody', () => {
		const set = atelier(['edit', 'set', '3', '5', '--target', 'The Council met in Bucharest.', '--json'], 'Marie Curie');
		expect(set.err).toBe('');
		expect(set.code).toBe(0);
		const r = JSON.parse(set.out);
		expect(r.segment.changedBy).toBe('Marie Curie');
		expect(segment(5).changedBy).toBe('Marie Curie');
		const unit = JSON.parse(atelier(['tm', 'show', String(r.tmUnit), '--json']).out);
		expect(unit.createdBy).toBe('Marie Curie');

		expect(atelier(['edit', 'set', '3', '6', '--target', 'Draft', '--status', 'draft', '--by', 'Ada Lovelace'], 'Marie Curie').code).toBe(0);
		expect(segment(6).changedBy).toBe('Ada Lovelace');

		expect(atelier(['edit', 'set', '3', '7', '--target', 'Unsigned', '--status', 'draft']).code).toBe(0);
		expect(segment(7).changedBy).toBeNull();
	});

	it('edit replace --apply signs every segment it changes', () => {
		const applied = atelier(['edit', 'replace', '3', 'Unsigned', 'Signed now', '--apply'], 'Émilie du Châtelet');
		expect(applied.code).toBe(0);
		expect(segment(7)).toMatchObject({ target: 'Signed now', changedBy: 'Émilie du Châtelet' });
	});

	it('an invalid ATELIER_USER: the change is made, unsigned, with a warning', () => {
		const r = atelier(['edit', 'set', '3', '8', '--target', 'Warned', '--status', 'draft'], 'Marie\u0007Curie');
		expect(r.code).toBe(0);
		expect(r.err).toMatch(/^ATELIER_USER ignored: /);
		expect(segment(8).changedBy).toBeNull();
	});

	it('a --by that is no name is a usage error: exit 1, one translated line, nothing written', () => {
		const before = segment(9);
		const long = atelier(['edit', 'set', '3', '9', '--target', 'T.', '--by', 'x'.repeat(120)], 'Marie Curie');
		expect(long.code).toBe(1);
		expect(long.err).toBe('atelier: the name given to --by is longer than 100 characters\n');
		expect(long.out).toBe('');
		const rlo = atelier(['edit', 'set', '3', '9', '--target', 'T.', '--by', 'Jean\u202eX']);
		expect(rlo.code).toBe(1);
		expect(rlo.err).toBe('atelier: the name given to --by contains control characters (line breaks, tabs or text-direction marks)\n');
		expect(segment(9)).toMatchObject({ target: before.target, version: before.version, changedBy: before.changedBy });

		const fr = (args: string[]) => {
			const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir.dir, encoding: 'utf8', env: { ...process.env, ATELIER_DB: join(dir.dir, 'cli.sqlite'), ATELIER_LANG: 'fr', ATELIER_USER: '' } });
			return { code: r.status, err: r.stderr };
		};
		expect(fr(['edit', 'set', '3', '9', '--target', 'T.', '--by', '𝔄'.repeat(101)])).toEqual({ code: 1, err: 'atelier: le nom donné à --by dépasse 100 caractères\n' });
		expect(fr(['edit', 'replace', '3', 'Signed now', 'X', '--apply', '--by', 'Marie\u0007Curie'])).toEqual({
			code: 1,
			err: 'atelier: le nom donné à --by contient des caractères de contrôle (sauts de ligne, tabulations ou marques de sens d’écriture)\n'
		});
		expect(segment(7).target).toBe('Signed now');
		// 100 characters outside the BMP are still 100 characters; the name is stored trimmed and NFC
		const ok = atelier(['edit', 'set', '3', '9', '--target', 'T.', '--status', 'draft', '--by', ' E\u0301lodie ' + '𝔄'.repeat(93)]);
		expect(ok.code).toBe(0);
		expect(segment(9).changedBy).toBe('Élodie ' + '𝔄'.repeat(93));
		// --by "" still signs nothing, even with ATELIER_USER set
		expect(atelier(['edit', 'set', '3', '10', '--target', 'T.', '--status', 'draft', '--by', ''], 'Marie Curie').code).toBe(0);
		expect(segment(10).changedBy).toBeNull();
	});

	it('the help names ATELIER_USER where --by is described', () => {
		expect(atelier(['edit', '--help']).out).toMatch(/--by NAME\s+signs what set, pretranslate, replace and restore write[\s\S]*ATELIER_USER/);
		expect(atelier(['reimport', '--help']).out).toMatch(/--by NAME .*default: \$ATELIER_USER/);
	});
});
