import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/db.js';

const bin = join(import.meta.dirname, '..', 'bin', 'atelier.js');
let dir: ReturnType<typeof tempDir>;
let doc: string;

function atelier(args: string[], lang = 'en') {
	const r = spawnSync(process.execPath, [bin, ...args], {
		cwd: dir.dir,
		encoding: 'utf8',
		env: { ...process.env, ATELIER_DB: join(dir.dir, 'cli.sqlite'), ATELIER_LANG: lang, ATELIER_PROGRESS: '0' }
	});
	return { code: r.status, out: r.stdout, err: r.stderr };
}
const show = () => JSON.parse(atelier(['edit', 'show', doc, '--json']).out) as { ord: number; source: string; target: string | null; status: string; version: number }[];

beforeAll(() => {
	dir = tempDir();
	writeFileSync(join(dir.dir, 'd.txt'), 'Titre du document\n\nLe Conseil s’est réuni avec M. Dupont. Les Alliés ont dit\u00a0: « oui\u00a0». Fin du texte.\n\nAutre paragraphe.\n');
	const r = atelier(['import', 'd.txt', '--lang', 'fr-FR']);
	expect(r.code).toBe(0);
	doc = /^(\d+)/m.exec(atelier(['docs']).out.split('\n').filter((l) => l.includes('Titre du document'))[0])![1];
});
afterAll(() => dir.remove());

describe('atelier join / split', () => {
	it('help in both languages names the same options', () => {
		expect(atelier(['join', '--help']).out).toMatch(/^Usage: atelier join DOC SEG/);
		expect(atelier(['split', '--help'], 'fr').out).toMatch(/^Utilisation\u00a0: atelier split DOC SEG --at TEXTE/);
	});

	it('joins segment N with N+1 (numbers as shown), printing the joined row; a stale version is refused', () => {
		const before = show();
		expect(before.map((r) => r.source)).toEqual(['Titre du document', 'Le Conseil s’est réuni avec M. Dupont.', 'Les Alliés ont dit\u00a0: « oui\u00a0».', 'Fin du texte.', 'Autre paragraphe.']);
		const stale = atelier(['join', doc, '2', '--version', `${before[1].version},${before[2].version + 5}`], 'fr');
		expect(stale.code).toBe(1);
		expect(stale.err).toMatch(/Le segment 3 a changé depuis la version 6/);
		const r = atelier(['join', doc, '2']);
		expect(r.code).toBe(0);
		expect(r.out.split('\n')[0]).toBe('Joined segments 2 and 3; later segments moved up one.');
		expect(r.out.split('\n')[1]).toMatch(/^2\tnew\tv\d+\tLe Conseil s’est réuni avec M\. Dupont\. Les Alliés ont dit\u00a0: « oui\u00a0»\.\t$/);
		expect(show().map((x) => x.source)).toEqual(['Titre du document', 'Le Conseil s’est réuni avec M. Dupont. Les Alliés ont dit\u00a0: « oui\u00a0».', 'Fin du texte.', 'Autre paragraphe.']);
	});

	it('refuses a join across paragraphs, in the reader’s language, with exit 1', () => {
		const r = atelier(['join', doc, '3'], 'fr');
		expect(r.code).toBe(1);
		expect(r.err).toContain('Les segments 3 et 4 sont dans des paragraphes différents');
	});

	it('splits at a text (the second part starts with it) or at an offset', () => {
		// where the previous test joined them, nothing changed since: the cut undoes that join, and says so
		const r = atelier(['split', doc, '2', '--at', 'Les Alliés'], 'fr');
		expect(r.code).toBe(0);
		expect(r.out.split('\n').slice(0, 4)).toEqual([
			'Segment 2 coupé en 2 et 3\u202f; les segments suivants descendent d’un rang.',
			'Cette coupure a annulé la jonction qui avait créé le segment 2\u00a0: les deux segments ont retrouvé leur cible et leur statut.',
			expect.stringMatching(/^2\tnew\tv\d+\tLe Conseil s’est réuni avec M\. Dupont\.\t$/),
			expect.stringMatching(/^3\tnew\tv\d+\tLes Alliés ont dit\u00a0: « oui\u00a0»\.\t$/)
		]);
		const o = atelier(['split', doc, '2', '--offset', '10']);
		expect(o.code).toBe(0);
		expect(o.out.split('\n')[1]).toMatch(/^2\tnew\tv\d+\tLe Conseil\t$/);
		// joining those two parts again undoes that split (the segment gets its status back); an undo is said
		const j = atelier(['join', doc, '2']);
		expect(j.out.split('\n').slice(0, 2)).toEqual(['Joined segments 2 and 3; later segments moved up one.', 'This join undid the split that had made segments 2 and 3: the segment has its status back.']);
		expect(atelier(['split', doc, '2', '--offset', '10']).code).toBe(0);
		expect(show().slice(1, 4).map((x) => x.source)).toEqual(['Le Conseil', 's’est réuni avec M. Dupont.', 'Les Alliés ont dit\u00a0: « oui\u00a0».']);
	});

	it('a text found twice or not at all, or a cut leaving an empty part, is a user error', () => {
		expect(atelier(['split', doc, '4', '--at', 'i'], 'fr').err).toMatch(/«\u00a0i\u00a0» figure \d+ fois dans le segment 4/);
		expect(atelier(['split', doc, '4', '--at', 'absent']).err).toContain('“absent” is not in the source of segment 4');
		const edge = atelier(['split', doc, '4', '--offset', '0']);
		expect(edge.code).toBe(1);
		expect(edge.err).toContain('Segment 4 cannot be cut at position 0');
		expect(atelier(['split', doc, '4']).code).toBe(1);
		// both given is the same mistake as none, and said so
		expect(atelier(['split', doc, '4', '--offset', '1', '--at', 'x']).err.trim()).toBe('atelier: split needs exactly one of --at TEXT or --offset K');
		// a negative offset is that option's value, told as such (not "--offset needs a value")
		const negative = atelier(['split', doc, '4', '--offset', '-1']);
		expect(negative.code).toBe(1);
		expect(negative.err.trim()).toBe('atelier: --offset must be an integer ≥ 0');
		expect(atelier(['split', doc, '4', '--offset', '-1'], 'fr').err).toMatch(/^atelier\u00a0?: --offset doit être un entier/);
	});
});
