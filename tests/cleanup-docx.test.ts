import JSZip from 'jszip';
import { Document, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, Tab, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { segmenterFor } from '../src/core/segment/index.js';
import { importFile } from '../src/core/text/import.js';

/**
 * A French original as Word holds it: optional hyphens (`<w:softHyphen/>`, which the docx
 * library cannot write, so they are patched into its XML as Word writes them), U+00A0 and
 * U+202F, a tab, French abbreviations and a footnote called after the hyphenated words.
 */
async function wordDocx(): Promise<Uint8Array> {
	const doc = new Document({
		footnotes: { 1: { children: [new Paragraph('Sous son nom constitutionnel.')] } },
		sections: [
			{
				children: [
					new Paragraph({ text: 'Rapport sur la coopération', heading: HeadingLevel.HEADING_1 }),
					new Paragraph({
						children: [
							new TextRun('La coopération\u200B euro-SOFTatlantique reste essentielle\u00A0; le gouverSOFTnement de l’ex-République yougoslave de Macédoine'),
							new FootnoteReferenceRun(1),
							new TextRun(' l’a rappelé. M.\u00A0Dupont l’a confirmé le 4\u00A0avr.\u00A02008 à Bucarest\u202F!')
						]
					}),
					new Paragraph({ children: [new TextRun('Article\u00A01'), new Tab(), new TextRun('Objet de la décision.')] }),
					new Paragraph({ children: [new TextRun('SOFT')] })
				]
			}
		]
	});
	const zip = await JSZip.loadAsync(await Packer.toBuffer(doc));
	const xml = await zip.file('word/document.xml')!.async('string');
	const patched = xml.replace(/SOFT/g, '</w:t></w:r><w:r><w:softHyphen/></w:r><w:r><w:t xml:space="preserve">');
	expect(patched).not.toBe(xml);
	zip.file('word/document.xml', patched);
	return new Uint8Array(await zip.generateAsync({ type: 'nodebuffer' }));
}

describe('DOCX import', () => {
	it('drops Word’s optional hyphens and zero-width spaces, keeps the footnote on its call, and segments as a translator expects', async () => {
		const doc = await importFile({ bytes: await wordDocx(), file: 'rapport.docx' }, { sourceLang: 'fr-FR', segmenter: segmenterFor('fr-FR') });
		expect(doc.blocks.map((b) => [b.kind, b.segments.map((s) => s.text)])).toEqual([
			['heading', ['Rapport sur la coopération']],
			[
				'body',
				[
					'La coopération euro-atlantique reste essentielle\u00A0; le gouvernement de l’ex-République yougoslave de Macédoine¹ l’a rappelé.',
					'M.\u00A0Dupont l’a confirmé le 4\u00A0avr.\u00A02008 à Bucarest\u202F!'
				]
			],
			['body', ['Article\u00A01 Objet de la décision.']],
			['footnote', ['Sous son nom constitutionnel.']]
		]);
		const note = doc.blocks[3];
		expect(note.noteCall).toEqual({ block: 1, offset: doc.blocks[1].text.indexOf('¹') });
		expect(doc.blocks.some((b) => /[\u00AD\u200B]/.test(b.text))).toBe(false);
	});
});
