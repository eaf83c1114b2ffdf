import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/db.js';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'atelier.js');
let dir: ReturnType<typeof tempDir>;

function atelier(args: string[], lang = 'en') {
	const r = spawnSync(process.execPath, [bin, ...args], {
		cwd: dir.dir,
		encoding: 'utf8',
		env: { ...process.env, ATELIER_DB: join(dir.dir, 'cli.sqlite'), ATELIER_LANG: lang }
	});
	return { code: r.status, out: r.stdout, err: r.stderr };
}
const ids = () => atelier(['docs']).out.trim().split('\n').map((l) => Number(l.split('\t')[0]));

beforeAll(() => {
	dir = tempDir();
});
afterAll(() => dir.remove());

describe('atelier import of a file imported before, and atelier delete', () => {
	it('says which document came from the same file; delete removes the copy, says so, and refuses a second time', () => {
		const seeded = ids();
		const file = join(root, 'segments', 'nrc-chairman-statement-2008', 'fr.txt');
		const imp = atelier(['import', file, '--lang', 'fr-FR', '--title', 'Copie'], 'fr');
		expect(imp.code).toBe(0);
		expect(imp.err).toMatch(/^Le même fichier avait déjà été importé\u00a0: document \d+ «\u00a0Déclaration du Président/);
		const copy = ids().find((id) => !seeded.includes(id))!;
		expect(copy).toBeGreaterThan(0);

		const del = atelier(['delete', String(copy)]);
		expect(del).toMatchObject({ code: 0, out: '' });
		expect(del.err).toBe('Document “Copie” deleted.\n');
		expect(ids()).toEqual(seeded);
		const again = atelier(['delete', String(copy)]);
		expect(again.code).toBe(1);
		expect(again.err).toBe(`atelier: Document ${copy} does not exist.\n`);
		expect(atelier(['delete']).code).toBe(1);
		expect(atelier(['delete', '--help'], 'fr').out).toMatch(/^Utilisation\u00a0: atelier delete DOC/);
	});
});
