import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinNegativeValues, main } from '../src/cli/main.js';
import { createWorkbench } from '../src/core/workbench.server.js';
import { tempDir } from './helpers/db.js';

// The CLI's answers to what goes wrong around a command rather than in the data: options,
// paths, pipes, terminals, the database file. Each is one translated line and exit 1.
const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'atelier.js');
let dir: ReturnType<typeof tempDir>;
let db: string;

function atelier(args: string[], opts: { lang?: string; env?: Record<string, string> } = {}) {
	const r = spawnSync(process.execPath, [bin, ...args], {
		cwd: dir.dir,
		encoding: 'utf8',
		env: { ...process.env, ATELIER_DB: db, ATELIER_LANG: opts.lang ?? 'en', ATELIER_PROGRESS: '', ...opts.env }
	});
	return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Exit 1 with exactly one line on stderr, in the user's terms. */
function userError(r: { code: number | null; err: string }) {
	expect(r.code, r.err).toBe(1);
	expect(r.err.endsWith('\n')).toBe(true);
	expect(r.err.trimEnd().split('\n'), r.err).toHaveLength(1);
	expect(r.err).not.toMatch(/Internal error|Erreur interne|\.part\b|EISDIR|ENOENT|at .*\.ts:\d+/);
	return r.err.trim();
}

async function docx(paragraphs: string[]): Promise<Buffer> {
	return Packer.toBuffer(new Document({ sections: [{ children: paragraphs.map((p) => new Paragraph(p)) }] }));
}

const FR = 'Le Conseil s’est réuni à Bruxelles. Il a décidé d’agir.\n\nUn second paragraphe suit.\n';

beforeAll(async () => {
	dir = tempDir('atelier-cli-robust-');
	db = join(dir.dir, 'cli.sqlite');
	const wb = createWorkbench({ dbPath: db });
	await wb.seed();
	wb.tm.add([
		{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: 'Le jour même.', target: 'The very day.', origin: 'import', changedAt: '2026-11-23T15:30:00.000Z', createdAt: '2026-11-23T15:30:00.000Z' },
		{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: 'Le lendemain.', target: 'The day after.', origin: 'import', changedAt: '2026-11-24T08:00:00.000Z', createdAt: '2026-11-24T08:00:00.000Z' },
		{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: 'La veille.', target: 'The day before.', origin: 'import', changedAt: '2026-11-22T23:59:00.000Z', createdAt: '2026-11-22T23:59:00.000Z' }
	]);
	wb.close();
	writeFileSync(join(dir.dir, 'fr.txt'), FR);
	writeFileSync(join(dir.dir, 'en.docx'), await docx(['The Council met in Brussels. It decided to act.', 'A second paragraph follows.']));
	mkdirSync(join(dir.dir, 'folder'));
}, 120_000);
afterAll(() => dir.remove());

describe('options parseArgs refuses', () => {
	it('an unknown option, a missing value, an unexpected argument: one translated line naming it', () => {
		const en = userError(atelier(['export', '3', '--bogus']));
		expect(en).toBe('atelier: unknown option --bogus (see atelier export --help)');
		const fr = userError(atelier(['export', '3', '--bogus'], { lang: 'fr' }));
		expect(fr).toBe('atelier: option inconnue --bogus (voir atelier export --help)');
		expect(userError(atelier(['glossary', 'export', '-o']))).toMatch(/the option -o, --output needs a value/);
		expect(userError(atelier(['docs', '--json=yes'], { lang: 'fr' }))).toMatch(/l’option --json ne prend pas de valeur/);
		expect(userError(atelier(['docs', 'extra']))).toBe('atelier: unexpected argument “extra” (see atelier docs --help)');
	});

	it('export: -o and --dir together are refused; the format is case-insensitive', () => {
		expect(userError(atelier(['export', '1', '--format', 'tmx', '-o', 'x.tmx', '--dir', '.']))).toMatch(/-o and --dir cannot be used together/);
		expect(existsSync(join(dir.dir, 'x.tmx'))).toBe(false);
		const r = atelier(['export', '1', '--format', 'TMX', '-o', 'x.tmx']);
		expect(r.code, r.err).toBe(0);
		// the summary line (and the unfinished-translation warnings after it) as before
		expect(r.err.split('\n')[0]).toMatch(/^x\.tmx: tmx, \d+ rows?, [\d,]+ bytes?$/);
		expect(readFileSync(join(dir.dir, 'x.tmx'), 'utf8')).toContain('<tmx version="1.4">');
		// nothing confirmed yet in this database: the TMX is valid and empty, and that is said
		expect(r.err.split('\n').slice(0, 2)).toEqual([expect.stringMatching(/^x\.tmx: tmx, 0 rows, /), 'The TMX holds no unit: only confirmed pairs go into it (confirm the alignment or translate and confirm segments first).']);
		expect(atelier(['glossary', 'export', '--format', 'CSV']).code).toBe(0);
	});

	it('align - - is refused: standard input is read once', () => {
		expect(userError(atelier(['align', '-', '-']))).toBe('atelier: only one side of align can be - (standard input is read once): give the other as a file');
	});

	it('export: a DOCX is not written onto a terminal (asked where to put it); piped, it is', () => {
		// `script` (util-linux, on every Debian) gives the command a terminal as standard output
		const tty = spawnSync('script', ['-qec', `'${process.execPath}' '${bin}' export 1 --format docx`, '/dev/null'], {
			cwd: dir.dir,
			encoding: 'latin1',
			env: { ...process.env, ATELIER_DB: db, ATELIER_LANG: 'en', ATELIER_PROGRESS: '' }
		});
		expect(tty.stdout).toContain('atelier: DOCX is a binary file: give -o FILE or --dir FOLDER, or redirect standard output');
		expect(tty.stdout).not.toContain('PK\u0003\u0004');
		const piped = spawnSync(process.execPath, [bin, 'export', '1', '--format', 'docx'], { cwd: dir.dir, env: { ...process.env, ATELIER_DB: db, ATELIER_LANG: 'en' } });
		expect(piped.status).toBe(0);
		expect(piped.stdout.subarray(0, 2).toString('latin1')).toBe('PK');
	});
});

describe('output paths', () => {
	it('a missing folder, a folder, a missing --dir: exit 1 naming the user’s path, never the temporary file', () => {
		expect(userError(atelier(['tm', 'export', '/nonexistent/x.tmx']))).toBe('atelier: cannot write /nonexistent/x.tmx: the folder /nonexistent does not exist');
		expect(userError(atelier(['tm', 'export', 'folder']))).toBe('atelier: cannot write folder: it is a folder');
		expect(userError(atelier(['glossary', 'export', '-o', '.']))).toBe('atelier: cannot write .: it is a folder');
		expect(userError(atelier(['glossary', 'export', '-o', '/nonexistent/g.tbx'], { lang: 'fr' }))).toBe('atelier: impossible d’écrire /nonexistent/g.tbx\u00a0: le dossier /nonexistent n’existe pas');
		expect(userError(atelier(['export', '1', '--format', 'tmx', '-o', 'folder']))).toBe('atelier: cannot write folder: it is a folder');
		expect(userError(atelier(['export', '1', '--format', 'tmx', '--dir', '/nonexistent']))).toBe('atelier: cannot write into /nonexistent: this folder does not exist');
		expect(readdirSync(dir.dir).filter((f) => f.endsWith('.part'))).toEqual([]);
		expect(readdirSync(join(dir.dir, 'folder'))).toEqual([]);
	});

	it('tm export keeps a symlink a symlink, writes into a FIFO, and writes - to standard output', async () => {
		writeFileSync(join(dir.dir, 'real.tmx'), 'old');
		symlinkSync('real.tmx', join(dir.dir, 'link.tmx'));
		const viaLink = atelier(['tm', 'export', 'link.tmx']);
		expect(viaLink.code, viaLink.err).toBe(0);
		expect(lstatSync(join(dir.dir, 'link.tmx')).isSymbolicLink()).toBe(true);
		expect(readFileSync(join(dir.dir, 'real.tmx'), 'utf8')).toContain('The very day.');

		const fifo = join(dir.dir, 'pipe.tmx');
		expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
		const child = spawn(process.execPath, [bin, 'tm', 'export', fifo], { cwd: dir.dir, env: { ...process.env, ATELIER_DB: db, ATELIER_LANG: 'en' }, stdio: ['ignore', 'pipe', 'pipe'] });
		let got = '';
		for await (const c of createReadStream(fifo)) got += c;
		const [code] = await once(child, 'exit');
		expect(code).toBe(0);
		expect(got).toContain('The day after.');
		expect(lstatSync(fifo).isFIFO()).toBe(true);

		const dash = atelier(['tm', 'export', '-']);
		expect(dash.code).toBe(0);
		expect(dash.out).toMatch(/^<\?xml[\s\S]*<\/tmx>\n?$/);
		expect(dash.err).toBe('Exported 3 units to <stdout>.\n');
		expect(existsSync(join(dir.dir, '-'))).toBe(false);
	});

	it('glossary CSV/TSV written to a file start with a BOM, as the web download does; standard output has none', () => {
		expect(atelier(['glossary', 'export', '--format', 'csv', '-o', 'g.csv']).code).toBe(0);
		expect(readFileSync(join(dir.dir, 'g.csv'), 'utf8').startsWith('\uFEFFForbidden,')).toBe(true);
		expect(atelier(['glossary', 'export', '--format', 'tsv', '-o', 'g.tsv']).code).toBe(0);
		expect(readFileSync(join(dir.dir, 'g.tsv'))[0]).toBe(0xef);
		expect(atelier(['glossary', 'export', '--format', 'csv']).out.startsWith('Forbidden,')).toBe(true);
		expect(atelier(['glossary', 'export', '-o', 'g.tbx']).code).toBe(0);
		expect(readFileSync(join(dir.dir, 'g.tbx'), 'utf8').startsWith('<?xml')).toBe(true);
	});
});

describe('input paths and the database', () => {
	it('tm import and glossary import of a folder say it is a folder', () => {
		expect(userError(atelier(['tm', 'import', 'folder']))).toBe('atelier: cannot read folder: it is a folder');
		expect(userError(atelier(['tm', 'import', 'folder'], { lang: 'fr' }))).toBe('atelier: impossible de lire folder\u00a0: c’est un dossier');
		expect(userError(atelier(['glossary', 'import', 'folder']))).toBe('atelier: cannot read folder: it is a folder');
	});

	it('ATELIER_DB that is a folder, not a database, or in a missing folder: exit 1 naming it, nothing created', () => {
		const folder = join(dir.dir, 'folder');
		expect(userError(atelier(['docs'], { env: { ATELIER_DB: folder } }))).toBe(`atelier: cannot open the database ${folder}: it is a folder`);
		const tmx = join(dir.dir, 'real.tmx');
		expect(userError(atelier(['docs'], { env: { ATELIER_DB: tmx }, lang: 'fr' }))).toBe(`atelier: impossible d’ouvrir la base ${tmx}\u00a0: ce n’est pas une base SQLite`);
		const missing = join(dir.dir, 'nowhere', 'db.sqlite');
		expect(userError(atelier(['docs'], { env: { ATELIER_DB: missing } }))).toMatch(/cannot open the database .*nowhere\/db\.sqlite: the folder .*nowhere does not exist/);
		expect(existsSync(join(dir.dir, 'nowhere'))).toBe(false);
		expect(userError(atelier(['backup'], { env: { ATELIER_DB: folder } }))).toMatch(/it is a folder/);
	});
});

describe('progress and pipes', () => {
	it('no progress bar when stderr is not a terminal: an error is one clean line; ATELIER_PROGRESS=1 draws it once and ends the line', () => {
		writeFileSync(join(dir.dir, 'empty.tmx'), '');
		expect(userError(atelier(['tm', 'import', 'empty.tmx']))).toBe('atelier: empty.tmx is empty.');
		const tmx = atelier(['tm', 'export', 'some.tmx', '--to', '2026-11-22']);
		expect(tmx.code, tmx.err).toBe(0);
		const quiet = atelier(['tm', 'import', 'some.tmx']);
		expect([quiet.code, quiet.err]).toEqual([0, '']);
		expect(quiet.out).toMatch(/^Imported 1 unit from some\.tmx/);
		const shown = atelier(['tm', 'import', 'some.tmx'], { env: { ATELIER_PROGRESS: '1' } });
		expect(shown.code).toBe(0);
		expect(shown.err.match(/100%/g)).toHaveLength(1);
		expect(shown.err.endsWith(' MB\n')).toBe(true);
	});

	it('a reader that closes the pipe early ends the command quietly, exit 0', async () => {
		const seg = join(root, 'segments', 'bucharest-summit-2008');
		const child = spawn(process.execPath, [bin, 'align', join(seg, 'fr.txt'), join(seg, 'en.txt'), '--format', 'tmx'], { cwd: dir.dir, env: { ...process.env, ATELIER_DB: db, ATELIER_LANG: 'en' }, stdio: ['ignore', 'pipe', 'pipe'] });
		// what `| head -0` does: the read end is gone before the first write
		child.stdout.destroy();
		let err = '';
		child.stderr.on('data', (d) => (err += d));
		const [code] = await once(child, 'exit');
		expect(err).not.toMatch(/EPIPE|Error|at /);
		expect(code).toBe(0);
	});
});

describe('tm export filters', () => {
	const count = (args: string[]) => {
		const r = atelier(['tm', 'export', '-', ...args]);
		expect(r.code, r.err).toBe(0);
		return (r.out.match(/<tu[ >]/g) ?? []).length;
	};

	it('a date-only --to includes its whole day; --from D --to D is that day', () => {
		expect(count(['--to', '2026-11-23'])).toBe(2);
		expect(count(['--from', '2026-11-23', '--to', '2026-11-23'])).toBe(1);
		expect(count(['--from', '2026-11-23'])).toBe(2);
		expect(count(['--to', '2026-11-23T12:00:00.000Z'])).toBe(1);
	});

	it('refuses a date that is not one, an unknown document, an undocumented thread count', () => {
		expect(userError(atelier(['tm', 'export', 'f.tmx', '--from', 'yesterday']))).toMatch(/--from must be a date as YYYY-MM-DD .*“yesterday”/);
		expect(userError(atelier(['tm', 'export', 'f.tmx', '--to', '2020-13-45'], { lang: 'fr' }))).toMatch(/--to doit être une date AAAA-MM-JJ .*«\u00a02020-13-45\u00a0»/);
		expect(userError(atelier(['tm', 'export', 'f.tmx', '--doc', '999']))).toMatch(/Document 999 does not exist/);
		expect(userError(atelier(['tm', 'export', 'f.tmx', '--doc', 'abc']))).toMatch(/--doc must be an integer/);
		expect(userError(atelier(['tm', 'export', 'f.tmx', '--threads', '7']))).toBe('atelier: --threads must be one of: auto, 0, 1, 2');
		expect(existsSync(join(dir.dir, 'f.tmx'))).toBe(false);
	});
});

describe('align and segment read Word documents', () => {
	it('align FR.txt EN.docx aligns; --encoding reads a Latin-1 text', () => {
		const r = atelier(['align', 'fr.txt', 'en.docx']);
		expect(r.code, r.err).toBe(0);
		expect(r.out).toBe('[0]:[0]\n[1]:[1]\n[2]:[2]\n');
		writeFileSync(join(dir.dir, 'fr-latin1.txt'), Buffer.from(FR.replace(/’/g, "'"), 'latin1'));
		expect(atelier(['align', 'fr-latin1.txt', 'en.docx']).code).toBe(1);
		const latin1 = atelier(['align', 'fr-latin1.txt', 'en.docx', '--encoding', 'latin1']);
		expect(latin1.code, latin1.err).toBe(0);
		expect(latin1.out).toBe(r.out);
		expect(userError(atelier(['align', 'fr.txt', 'en.docx', '--encoding', 'klingon']))).toMatch(/--encoding must be one of/);
	});

	it('segment prints a .docx segment by segment; a damaged one gets a translated message', () => {
		const r = atelier(['segment', '--lang', 'en', 'en.docx']);
		expect(r.code, r.err).toBe(0);
		expect(r.out).toBe('The Council met in Brussels.\nIt decided to act.\n\nA second paragraph follows.\n');
		writeFileSync(join(dir.dir, 'broken.docx'), Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(40, 1)]));
		expect(userError(atelier(['segment', '--lang', 'en', 'broken.docx'], { lang: 'fr' }))).toMatch(/broken\.docx/);
	});
});

describe('docs', () => {
	async function docsTo(isTTY: boolean) {
		const stdout = Object.assign(new PassThrough(), { isTTY });
		let out = '';
		stdout.on('data', (c) => (out += c));
		const saved = { db: process.env.ATELIER_DB, lang: process.env.ATELIER_LANG };
		process.env.ATELIER_DB = db;
		process.env.ATELIER_LANG = 'fr';
		try {
			expect(await main(['docs'], { stdout, stderr: new PassThrough(), stdin: Readable.from([]) })).toBe(0);
		} finally {
			process.env.ATELIER_DB = saved.db;
			process.env.ATELIER_LANG = saved.lang;
		}
		return out.split('\n');
	}

	it('names its columns on a terminal only: a pipe keeps the machine format', async () => {
		expect((await docsTo(true))[0]).toBe('id\tlangues\tparagraphes\tsegments\tmots\ttitre');
		expect((await docsTo(false))[0]).toMatch(/^1\tfr-FR→en-GB\t/);
		expect(atelier(['docs']).out.split('\n')[0]).toMatch(/^1\t/);
	});
});

describe('a negative number after an option', () => {
	it('is that option\'s value; other arguments and everything after -- stay as they are', () => {
		expect(joinNegativeValues(['split', '1', '2', '--offset', '-1', '--json'])).toEqual(['split', '1', '2', '--offset=-1', '--json']);
		expect(joinNegativeValues(['x', '--offset', '-2.5'])).toEqual(['x', '--offset=-2.5']);
		expect(joinNegativeValues(['x', '--offset=3', '-1'])).toEqual(['x', '--offset=3', '-1']);
		expect(joinNegativeValues(['x', '--at', '-tiret'])).toEqual(['x', '--at', '-tiret']);
		expect(joinNegativeValues(['x', '--', '--offset', '-1'])).toEqual(['x', '--', '--offset', '-1']);
	});
});
