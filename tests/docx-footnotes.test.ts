import { join } from 'node:path';
import JSZip from 'jszip';
import { Document, FootnoteReferenceRun, Packer, Paragraph, TextRun } from 'docx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createExports } from '../src/core/export/service.server.js';
import { htmlToBlocks, readDocx } from '../src/core/formats/docx/read.js';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { tempDir } from './helpers/db.js';
import { sampleDocx } from './helpers/docx.js';
import { tEn } from './helpers/export-workbench.js';

const fr = { sourceLang: 'fr-FR', targetLang: 'en-GB' };

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

/** Two notes: one called in the middle of a sentence, one after a full stop (where Word usually puts it). */
async function twoNotes(): Promise<Buffer> {
	const doc = new Document({
		footnotes: {
			1: { children: [new Paragraph('Sous son nom constitutionnel.')] },
			2: { children: [new Paragraph('Déclaration du 3 avril 2008.')] }
		},
		sections: [
			{
				children: [
					new Paragraph({
						children: [
							new TextRun('L’ex-République yougoslave de Macédoine'),
							new FootnoteReferenceRun(1),
							new TextRun(' participe au MAP. M. Dupont l’a confirmé à Bucarest.'),
							new FootnoteReferenceRun(2),
							new TextRun(' Ensuite il est parti.')
						]
					})
				]
			}
		]
	});
	return Packer.toBuffer(doc);
}

/** Word's custom mark: the reference says `customMarkFollows` and the mark is the run's text. */
async function customMark(bytes: Buffer, mark: string): Promise<Buffer> {
	const zip = await JSZip.loadAsync(bytes);
	const xml = await zip.file('word/document.xml')!.async('string');
	const patched = xml.replace(/<w:footnoteReference w:id="1"\/>/, `<w:footnoteReference w:customMarkFollows="1" w:id="1"/><w:t>${mark}</w:t>`);
	expect(patched).not.toBe(xml);
	zip.file('word/document.xml', patched);
	return zip.generateAsync({ type: 'nodebuffer' });
}

describe('DOCX footnote calls', () => {
	it('keep their mark in the text, where Word shows it, and the note is linked to that place', async () => {
		const blocks = await readDocx(await sampleDocx(), 'exemple.docx');
		const body = blocks[1];
		expect(body.text).toBe('Comme l’Albanie, l’ex-République yougoslave de Macédoine¹ participe au MAP. M. Dupont l’a confirmé à Bucarest.');
		const note = blocks.find((b) => b.kind === 'footnote')!;
		expect(note.marker).toBe('¹');
		expect(note.noteCall).toEqual({ block: 1, offset: body.text.indexOf('¹') });
	});

	it('are stored in the segment that holds them, as the TXT import does', async () => {
		const res = await wb.importDocument({ bytes: await sampleDocx(), file: 'exemple.docx', ...fr });
		const doc = wb.getDocument(res.id)!;
		const call = doc.paragraphsList[1].segments[0];
		expect(call.source).toBe('Comme l’Albanie, l’ex-République yougoslave de Macédoine¹ participe au MAP.');
		const note = doc.paragraphsList.find((p) => p.kind === 'footnote')!;
		expect(note.marker).toBe('¹');
		expect(note.segments[0].noteRef).toBe(call.id);
	});

	it('after a full stop do not hide the sentence end, and go with the sentence they follow', async () => {
		const res = await wb.importDocument({ bytes: await twoNotes(), file: 'deux-notes.docx', ...fr });
		const doc = wb.getDocument(res.id)!;
		const p = doc.paragraphsList[0];
		expect(p.text).toBe('L’ex-République yougoslave de Macédoine¹ participe au MAP. M. Dupont l’a confirmé à Bucarest.² Ensuite il est parti.');
		const segs = p.segments;
		expect(segs.map((s) => s.source)).toEqual([
			'L’ex-République yougoslave de Macédoine¹ participe au MAP.',
			'M. Dupont l’a confirmé à Bucarest.²',
			'Ensuite il est parti.'
		]);
		for (const s of segs) expect(p.text.slice(s.start, s.end)).toBe(s.source);
		const notes = doc.paragraphsList.filter((x) => x.kind === 'footnote');
		expect(notes.map((n) => [n.marker, n.text, n.segments[0].noteRef])).toEqual([
			['¹', 'Sous son nom constitutionnel.', segs[0].id],
			['²', 'Déclaration du 3 avril 2008.', segs[1].id]
		]);
	});

	it('keep a custom mark as Word shows it (`*`), not a number', async () => {
		const blocks = await readDocx(await customMark(await sampleDocx(), '*'), 'etoile.docx');
		expect(blocks[1].text).toBe('Comme l’Albanie, l’ex-République yougoslave de Macédoine* participe au MAP. M. Dupont l’a confirmé à Bucarest.');
		const note = blocks.find((b) => b.kind === 'footnote')!;
		expect(note.marker).toBe('*');
		expect(note.noteCall).toEqual({ block: 1, offset: blocks[1].text.indexOf('*') });
	});

	it('tell a footnote and an endnote with the same Word id apart', () => {
		const html =
			'<p>Un<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup> deux<sup><a href="#endnote-1" id="endnote-ref-1">[2]</a></sup>.</p>' +
			'<ol><li id="footnote-1"><p>Note. <a href="#footnote-ref-1">↑</a></p></li><li id="endnote-1"><p>Fin. <a href="#endnote-ref-1">↑</a></p></li></ol>';
		const blocks = htmlToBlocks(html);
		expect(blocks[0].text).toBe('Un¹ deux².');
		expect(blocks.slice(1).map((b) => [b.text, b.marker, b.noteCall])).toEqual([
			['Note.', '¹', { block: 0, offset: 2 }],
			['Fin.', '²', { block: 0, offset: 8 }]
		]);
	});

	it('come back as real footnote references in the translated DOCX, where the translator kept the mark', async () => {
		const res = await wb.importDocument({ bytes: await sampleDocx(), file: 'exemple.docx', ...fr });
		const doc = wb.getDocument(res.id)!;
		const call = doc.paragraphsList[1].segments[0];
		const note = doc.paragraphsList.find((p) => p.kind === 'footnote')!.segments[0];
		wb.setTarget(res.id, call.ord, 'Like Albania, the former Yugoslav Republic of Macedonia¹ takes part in the MAP.', { status: 'translated' });
		wb.setTarget(res.id, note.ord, 'Turkey recognises the Republic of Macedonia with its constitutional name.', { status: 'translated' });
		const out = await createExports(wb).export(res.id, 'docx-translated', { t: tEn, uiLang: 'en' });
		const zip = await JSZip.loadAsync(out.bytes);
		const xml = await zip.file('word/document.xml')!.async('string');
		expect(xml).toMatch(/Republic of Macedonia<\/w:t><\/w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteReference w:id="1"\/><\/w:r><w:r><w:t xml:space="preserve"> takes part/);
		expect(xml).not.toContain('¹');
		expect(await zip.file('word/footnotes.xml')!.async('string')).toContain('Turkey recognises the Republic of Macedonia');
		// and read back, the call is where it was
		const back = await readDocx(out.bytes, 'back.docx');
		expect(back[1].text).toContain('Macedonia¹ takes part');
		expect(back.find((b) => b.kind === 'footnote')!.noteCall).toEqual({ block: 1, offset: back[1].text.indexOf('¹') });
	});
});
