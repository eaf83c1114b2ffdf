import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BilingualDocument } from '../src/core/export/bilingual.js';
import { readDocx } from '../src/core/formats/docx/read.js';
import { writeTranslatedDocx } from '../src/core/formats/docx/translated-write.js';
import { writeTranslatedText } from '../src/core/formats/text/translated.js';
import { hostileDocument, HOSTILE, seedAlignment, seedDocument } from './helpers/bilingual-fixture.js';

const root = join(import.meta.dirname, '..');
/** en.txt as paragraphs: one per line, blank lines between (what the translated text must reproduce) */
const enParagraphs = (seed: string) =>
	readFileSync(join(root, 'segments', seed, 'en.txt'), 'utf8')
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean);

let dir: string;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'atelier-translated-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeTranslatedText', () => {
	it('rebuilds en.txt from the aligned seed: paragraphs, bullets and the footnote in place', () => {
		for (const seed of ['bucharest-summit-2008', 'nrc-chairman-statement-2008'] as const) {
			const text = writeTranslatedText(seedAlignment(seed));
			expect(text.endsWith('\n')).toBe(true);
			expect(text.trimEnd().split('\n\n')).toEqual(enParagraphs(seed));
		}
	});

	it('falls back to the source for untranslated segments, or omits them when asked', () => {
		const doc = seedDocument('nrc-chairman-statement-2008');
		const untranslated = doc.paragraphs.flatMap((p) => p.rows).filter((r) => r.target == null);
		expect(untranslated.length).toBeGreaterThan(0);
		const withSource = writeTranslatedText(doc);
		for (const r of untranslated) expect(withSource).toContain(r.source);
		const omitted = writeTranslatedText(doc, { untranslated: 'omit' });
		for (const r of untranslated) expect(omitted).not.toContain(r.source);
		for (const r of doc.paragraphs.flatMap((p) => p.rows).filter((x) => x.target)) expect(omitted).toContain(r.target);
	});

	it('drops inline tag placeholders', () => {
		const doc = hostileDocument();
		const row = doc.paragraphs[1].rows[0];
		row.target = 'Click \uE000here\uE001 \uE002 now.';
		row.targetTags = [
			{ kind: 'bpt', attrs: { i: '1' }, content: '&lt;b&gt;' },
			{ kind: 'ept', attrs: { i: '1' }, content: '&lt;/b&gt;' },
			{ kind: 'ph', attrs: { x: '2' }, content: '&lt;br/&gt;' }
		];
		expect(writeTranslatedText(doc)).toContain('\n\nClick here now. ');
	});

	it('writes list items with their bullet and the footnote with its mark', () => {
		const text = writeTranslatedText(hostileDocument());
		expect(text).toContain('\n\n• a firm commitment;\n\n• a comprehensive approach.\n\n* Turkey recognises the Republic.\n');
		expect(text.startsWith('Consolidating Europe\n\n')).toBe(true);
		expect(text).toContain(HOSTILE.long);
	});
});

async function documentXml(bytes: Uint8Array, part = 'word/document.xml'): Promise<string> {
	return (await JSZip.loadAsync(bytes)).file(part)!.async('string');
}

describe('writeTranslatedDocx: tabs and line breaks', () => {
	it('are Word elements, not characters Word shows as spaces', async () => {
		const d = structuredClone(seedAlignment('bucharest-summit-2008'));
		d.paragraphs[1].rows[0].target = 'Line one\nline two\tend';
		const xml = await documentXml(await writeTranslatedDocx(d));
		expect(xml).toMatch(/Line one<\/w:t><\/w:r><w:r>(<w:rPr>.*?<\/w:rPr>)?<w:br\/><w:t xml:space="preserve">line two<\/w:t><\/w:r><w:r>(<w:rPr>.*?<\/w:rPr>)?<w:tab\/><\/w:r>/);
		expect(xml).not.toMatch(/<w:t[^>]*>[^<]*[\t\n][^<]*<\/w:t>/);
	});
});

describe('writeTranslatedDocx', () => {
	const doc = seedAlignment('bucharest-summit-2008');
	let bytes: Uint8Array;
	beforeAll(async () => {
		bytes = await writeTranslatedDocx(doc);
	});

	it('uses Heading styles, bullets and a real footnote called where its mark stood', async () => {
		const xml = await documentXml(bytes);
		const headings = doc.paragraphs.filter((p) => p.kind === 'heading');
		expect(xml.match(/<w:pStyle w:val="Heading1"\/>/g)?.length).toBe(headings.filter((h) => (h.level ?? 1) === 1).length);
		expect(xml.match(/<w:numPr>/g)?.length).toBe(doc.paragraphs.filter((p) => p.kind === 'list_item').length);
		expect(xml).toMatch(/the former Yugoslav Republic of Macedonia<\/w:t><\/w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteReference w:id="1"\/><\/w:r><w:r><w:t xml:space="preserve"> has for several years/);
		expect(xml).not.toContain('Turkey recognises');
		const notes = await documentXml(bytes, 'word/footnotes.xml');
		expect(notes).toContain('Turkey recognises the Republic of Macedonia with its constitutional name.');
	});

	it('re-imports through our own DOCX reader with the same structure and text', async () => {
		const blocks = await readDocx(bytes, 'translated.docx');
		const expected = enParagraphs('bucharest-summit-2008');
		const kinds = doc.paragraphs.map((p) => p.kind).filter((k) => k !== 'footnote');
		expect(blocks.map((b) => b.kind)).toEqual([...kinds, 'footnote']);
		// mammoth puts the footnote last; every paragraph's text is there, without the bullet, the
		// call now Word's numbered reference (`¹`)
		const texts = blocks.map((b) => b.text);
		for (const p of expected) {
			const bare = p.replace(/^[•*] /, '').replace('Macedonia*', 'Macedonia¹');
			expect(texts).toContain(bare);
		}
		expect(blocks.find((b) => b.kind === 'footnote')!.noteCall).toBeDefined();
	});

	it('is read by python-docx: paragraph styles and texts', async () => {
		const file = join(dir, 't.docx');
		writeFileSync(file, bytes);
		const out = JSON.parse(
			execFileSync(
				'/usr/bin/python3',
				['-c', 'import docx,json,sys; d=docx.Document(sys.argv[1]); print(json.dumps([[p.style.name, p.text] for p in d.paragraphs]))', file],
				{ encoding: 'utf8' }
			)
		) as [string, string][];
		expect(out[0]).toEqual(['Heading 1', expected(0)]);
		expect(out.filter(([s]) => /^Heading \d$/.test(s)).map(([s]) => Number(s.slice(8)))).toEqual(
			doc.paragraphs.filter((p) => p.kind === 'heading').map((p) => p.level ?? 1)
		);
		expect(out.filter(([s]) => s === 'Normal').length).toBeGreaterThan(10);
		expect(out.find(([, t]) => t.startsWith('a firm and shared'))?.[0]).toMatch(/List Paragraph|Normal/);

		function expected(i: number) {
			return enParagraphs('bucharest-summit-2008')[i];
		}
	});

	it('keeps a footnote whose call mark was lost as a paragraph in place', async () => {
		const d: BilingualDocument = structuredClone(hostileDocument());
		const xml = await documentXml(await writeTranslatedDocx(d));
		expect(xml).toContain('Turkey recognises the Republic.');
		expect(xml).not.toContain('<w:footnoteReference');
		// with the call in the text it becomes a real footnote
		d.paragraphs[1].rows[0].target = 'The Allies* said: yes!';
		const bytes2 = await writeTranslatedDocx(d);
		expect(await documentXml(bytes2)).toContain('The Allies</w:t></w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/>');
		expect(await documentXml(bytes2, 'word/footnotes.xml')).toContain('Turkey recognises the Republic.');
	});

	it('hostile text stays text, and control characters Word refuses are dropped', async () => {
		const d = hostileDocument();
		d.paragraphs[1].rows[0].target = 'bad\u0001\u000Cchars';
		const xml = await documentXml(await writeTranslatedDocx(d));
		expect(xml).toContain('badchars');
		expect(xml).toContain('&lt;img src=x onerror=');
		expect(xml).not.toMatch(/<w:hyperlink|<w:instrText/);
		expect(xml).toContain('abc⟦U+202E⟧evil.exe⟦U+202C⟧ def');
		expect(xml).not.toMatch(/[\u202E\u200B]/);
		const txt = writeTranslatedText(d);
		expect(txt).toContain('abc⟦U+202E⟧evil.exe⟦U+202C⟧ def');
		expect(txt).toContain('badchars');
	});
});
