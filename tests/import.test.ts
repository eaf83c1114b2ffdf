import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAtelierError } from '../src/core/errors.js';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { contentChecksum, tempDir } from './helpers/db.js';
import { sampleDocx } from './helpers/docx.js';

const root = join(import.meta.dirname, '..');
const seed = (key: string) => readFileSync(join(root, 'segments', key, 'fr.txt'));

let wb: Workbench;
let dir: ReturnType<typeof tempDir>;

beforeEach(() => {
	dir = tempDir();
	wb = createWorkbench({ dbPath: join(dir.dir, 'atelier.sqlite') });
});
afterEach(() => {
	wb.close();
	dir.remove();
});

async function expectRefused(req: Parameters<Workbench['importDocument']>[0], code: string) {
	const before = contentChecksum(wb.db);
	const err = await wb.importDocument(req).then(
		() => null,
		(e) => e
	);
	expect(isAtelierError(err), `expected an AtelierError, got ${err}`).toBe(true);
	expect(err.code).toBe(code);
	expect(err.location.file).toBe(req.file);
	expect(contentChecksum(wb.db)).toBe(before);
	return err;
}

const fr = { sourceLang: 'fr-FR', targetLang: 'en-GB' };

describe('the store', () => {
	it('is a WAL-mode SQLite file with foreign keys and the numbered migrations applied', () => {
		expect(wb.db.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(wb.db.pragma('foreign_keys', { simple: true })).toBe(1);
		const versions = wb.db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
		expect(versions[0]).toBe(1);
	});

	it('seeds the documents of segments/ once, however often it starts', async () => {
		const first = await wb.seed();
		expect(first).toHaveLength(2);
		const again = await wb.seed();
		expect(again).toEqual([]);
		wb.close();
		wb = createWorkbench({ dbPath: join(dir.dir, 'atelier.sqlite') });
		expect(await wb.seed()).toEqual([]);
		const docs = wb.listDocuments();
		// each original with its English translation, linked to it and aligned with it
		expect(docs.map((d) => [d.sourceLang, d.role])).toEqual([
			['fr-FR', 'original'],
			['en-GB', 'translation'],
			['fr-FR', 'original'],
			['en-GB', 'translation']
		]);
		expect(docs[1].translationOf).toBe(docs[0].id);
		expect(wb.alignment.alignmentsOf(docs[0].id)).toHaveLength(1);
		const nrc = docs.find((d) => d.title.startsWith('Déclaration'))!;
		expect(nrc.paragraphs).toBe(11);
		expect(nrc.segments).toBeGreaterThan(30);
		expect(nrc.words).toBeGreaterThan(1000);
	});
});

describe('importing a seed', () => {
	it('stores paragraphs and segments whose offsets rebuild each paragraph', async () => {
		const res = await wb.importDocument({ bytes: seed('bucharest-summit-2008'), file: 'brochure.txt', ...fr });
		const doc = wb.getDocument(res.id);
		expect(doc.title.startsWith('Aider l’Afghanistan')).toBe(true);
		expect(doc.paragraphsList.map((p) => p.kind).filter((k) => k !== 'body')).toEqual([
			'heading', 'heading', 'list_item', 'list_item', 'list_item', 'list_item', 'heading', 'footnote', 'heading', 'heading', 'heading'
		]);
		let ord = 0;
		for (const p of doc.paragraphsList) {
			for (const s of p.segments) {
				expect(s.ord).toBe(ord++);
				expect(p.text.slice(s.start, s.end)).toBe(s.source);
				expect(s.status).toBe('new');
				expect(s.version).toBe(1);
			}
			// between segments there is only white space
			const gaps = p.segments.map((s, i) => p.text.slice(i === 0 ? 0 : p.segments[i - 1].end, s.start));
			for (const g of gaps) expect(g.trim()).toBe('');
		}
		const note = doc.paragraphsList.find((p) => p.kind === 'footnote')!;
		const call = doc.paragraphsList.flatMap((p) => p.segments).find((s) => s.id === note.segments[0].noteRef)!;
		expect(call.source).toContain('Macédoine*');
		const report = wb.importReport(res.id)!;
		expect(report.filter((e) => e.kind === 'page_number').map((e) => e.text)).toEqual(['54 5', '76 7']);
	});
});

describe('bad input changes nothing and says what is wrong, where', () => {
	beforeEach(async () => {
		await wb.seed();
	});

	it('an empty file', () => expectRefused({ bytes: new Uint8Array(), file: 'vide.txt', ...fr }, 'file_empty'));

	it('a file with only blank lines', () => expectRefused({ bytes: Buffer.from('\n  \n\t\n'), file: 'blanc.txt', ...fr }, 'no_text'));

	it('a binary file', async () => {
		const bytes = Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01'), Buffer.alloc(64), Buffer.from('abc')]);
		const e = await expectRefused({ bytes, file: 'programme.txt', ...fr }, 'file_binary');
		expect(e.location.offset).toBe(7);
	});

	it('invalid UTF-8, located by line and column', async () => {
		const bytes = Buffer.concat([Buffer.from('Première ligne.\nDeuxième '), Buffer.from([0xc3, 0x28]), Buffer.from(' fin.')]);
		const e = await expectRefused({ bytes, file: 'casse.txt', ...fr }, 'encoding_invalid_utf8');
		expect(e.location).toMatchObject({ line: 2, column: 10 });
	});

	it('Latin-1 text is recognised as such, and imports when the user says so', async () => {
		const bytes = Buffer.from('Le Conseil OTAN-Russie s\'est réuni à Bucarest.', 'latin1');
		const e = await expectRefused({ bytes, file: 'latin1.txt', ...fr }, 'encoding_latin1');
		expect(e.location).toMatchObject({ line: 1, column: 31 });
		const ok = await wb.importDocument({ bytes, file: 'latin1.txt', encoding: 'latin1', ...fr });
		expect(wb.getDocument(ok.id).paragraphsList[0].text).toBe('Le Conseil OTAN-Russie s\'est réuni à Bucarest.');
	});

	it('a Windows-1252 text whose first non-ASCII character is ’ is recognised as such, not just "not UTF-8"', async () => {
		// 0x92 is ’ in Windows-1252, a lone continuation byte in UTF-8
		const bytes = Buffer.from([...'L’OTAN s’est réunie.'].map((c) => (c === '’' ? 0x92 : c.charCodeAt(0))));
		const e = await expectRefused({ bytes, file: 'word.txt', ...fr }, 'encoding_latin1');
		expect(e.location).toMatchObject({ line: 1, column: 2 });
	});

	it('Windows-1252 (Word\'s "Text" format) keeps ’ œ € … – — “ ”, whether the user calls it Latin-1 or Windows-1252', async () => {
		const text = 'L’OTAN met en œuvre… – « 5 € » — “oui”.';
		// the bytes Word writes: 0x92 ’, 0x9C œ, 0x85 …, 0x96 –, 0x80 €, 0x97 —, 0x93 “, 0x94 ”, 0xAB «, 0xBB », 0xA0 no-break space
		const cp = new Map([['’', 0x92], ['œ', 0x9c], ['…', 0x85], ['–', 0x96], ['€', 0x80], ['—', 0x97], ['“', 0x93], ['”', 0x94]]);
		const bytes = Buffer.from([...text].map((c) => cp.get(c) ?? c.charCodeAt(0)));
		expect(bytes.every((b) => b < 0x100)).toBe(true);
		for (const encoding of ['windows-1252', 'latin1'] as const) {
			const ok = await wb.importDocument({ bytes, file: `cp1252-${encoding}.txt`, encoding, ...fr });
			const stored = wb.getDocument(ok.id).paragraphsList[0].text;
			expect(stored, encoding).toBe(text);
			expect(stored, encoding).not.toMatch(/[\u0080-\u009f]/);
		}
	});

	it('UTF-16 with a BOM is decoded, and without one is refused with a hint', async () => {
		const text = 'L’OTAN « approche globale ». Deuxième phrase.';
		const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
		const res = await wb.importDocument({ bytes: le, file: 'utf16.txt', ...fr });
		expect(wb.getDocument(res.id).paragraphsList[0].segments.map((s) => s.source)).toEqual([
			'L’OTAN « approche globale ».',
			'Deuxième phrase.'
		]);
		const e = await expectRefused({ bytes: Buffer.from(text, 'utf16le'), file: 'utf16-sans-bom.txt', ...fr }, 'encoding_unknown');
		expect(e.params.guess).toBe('utf-16le');
	});

	it('a 50 MB file', async () => {
		const bytes = Buffer.alloc(50 * 1024 * 1024, 'Le COR se réunit. ');
		const e = await expectRefused({ bytes, file: 'enorme.txt', ...fr }, 'file_too_large');
		expect(e.params).toMatchObject({ size: 50, limit: 10 });
	});

	it('a .docx that is not a zip', () =>
		expectRefused({ bytes: Buffer.from('Ceci est du texte, pas un document Word.'), file: 'faux.docx', ...fr }, 'docx_not_zip'));

	it('a truncated .docx', async () => {
		const real = await sampleDocx();
		await expectRefused({ bytes: real.subarray(0, 300), file: 'tronque.docx', ...fr }, 'docx_invalid');
	});

	it('an invalid language tag', async () => {
		const before = contentChecksum(wb.db);
		await expect(wb.importDocument({ bytes: Buffer.from('Texte.'), file: 'a.txt', sourceLang: 'français', targetLang: 'en-GB' })).rejects.toMatchObject({
			code: 'lang_invalid'
		});
		expect(contentChecksum(wb.db)).toBe(before);
	});

	it('the same language on both sides', async () => {
		const before = contentChecksum(wb.db);
		await expect(wb.importDocument({ bytes: Buffer.from('Texte.'), file: 'a.txt', sourceLang: 'en-GB', targetLang: 'en-US' })).rejects.toMatchObject({
			code: 'lang_same',
			params: { source: 'en-GB', target: 'en-US' },
			location: { file: 'a.txt' }
		});
		expect(contentChecksum(wb.db)).toBe(before);
	});
});

describe('pasted text', () => {
	it('is named by its heading, else by its first words (never "pasted")', async () => {
		const paste = (text: string) => wb.importDocument({ bytes: Buffer.from(text), file: 'pasted.txt', pasted: true, sourceLang: 'fr-FR', targetLang: 'en-GB' });
		const plain = await paste('Les ministres des Affaires étrangères des pays de l’OTAN se sont réunis à Bruxelles pour examiner la situation en Afghanistan.');
		expect(plain.title).toBe('Les ministres des Affaires étrangères des pays de l’OTAN se sont réunis à…');
		expect(wb.getDocument(plain.id).title).toBe(plain.title);
		expect((await paste('Une phrase courte.')).title).toBe('Une phrase courte.');
		expect((await paste('Communiqué final\n\nLe Conseil s’est réuni.')).title).toBe('Communiqué final');
	});
});

describe('DOCX import through mammoth', () => {
	it('keeps headings, body, list items and the footnote linked to its call', async () => {
		const res = await wb.importDocument({ bytes: await sampleDocx(), file: 'exemple.docx', ...fr });
		const doc = wb.getDocument(res.id);
		expect(doc.paragraphsList.map((p) => [p.kind, p.text])).toEqual([
			['heading', 'Consolider l’Europe'],
			['body', 'Comme l’Albanie, l’ex-République yougoslave de Macédoine¹ participe au MAP. M. Dupont l’a confirmé à Bucarest.'],
			['list_item', 'un engagement ferme et commun ;'],
			['list_item', 'une approche globale.'],
			['body', 'Les « Alliés » ont dit\u00A0: oui\u202F!'],
			['footnote', 'La Turquie reconnaît la République de Macédoine sous son nom constitutionnel.']
		]);
		expect(doc.paragraphsList[1].segments.map((s) => s.source)).toEqual([
			'Comme l’Albanie, l’ex-République yougoslave de Macédoine¹ participe au MAP.',
			'M. Dupont l’a confirmé à Bucarest.'
		]);
		const note = doc.paragraphsList[5].segments[0];
		expect(note.noteRef).toBe(doc.paragraphsList[1].segments[0].id);
		expect(doc.title).toBe('Consolider l’Europe');
	});
});
