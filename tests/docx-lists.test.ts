import { join } from 'node:path';
import JSZip from 'jszip';
import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph } from 'docx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createExports } from '../src/core/export/service.server.js';
import { numberParagraphs } from '../src/core/formats/docx/numbering.js';
import { readDocx } from '../src/core/formats/docx/read.js';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { tempDir } from './helpers/db.js';
import { tEn } from './helpers/export-workbench.js';

const fr = { sourceLang: 'fr-FR', targetLang: 'en-GB' };
const lv = (level: number, format: (typeof LevelFormat)[keyof typeof LevelFormat], text: string) => ({ level, format, text, alignment: AlignmentType.LEFT });

/** A legal text as Word writes it: 1. / a) / i. nested, a restarted list, `%1.%2.` and Roman/capital lists, bullets. */
async function legalDocx(): Promise<Buffer> {
	const item = (text: string, reference: string, level: number, instance?: number) => new Paragraph({ text, numbering: { reference, level, instance } });
	const doc = new Document({
		numbering: {
			config: [
				{ reference: 'legal', levels: [lv(0, LevelFormat.DECIMAL, '%1.'), lv(1, LevelFormat.LOWER_LETTER, '%2)'), lv(2, LevelFormat.LOWER_ROMAN, '%3.')] },
				{ reference: 'multi', levels: [lv(0, LevelFormat.DECIMAL, '%1.'), lv(1, LevelFormat.DECIMAL, '%1.%2.')] },
				{ reference: 'upper', levels: [lv(0, LevelFormat.UPPER_ROMAN, '%1.'), lv(1, LevelFormat.UPPER_LETTER, '%2.')] },
				{ reference: 'bul', levels: [lv(0, LevelFormat.BULLET, '\uF0B7')] }
			]
		},
		sections: [
			{
				children: [
					item('Les Alliés réaffirment leur engagement.', 'legal', 0),
					item('Le Conseil se réunit deux fois par an.', 'legal', 0),
					item('au niveau des ministres ;', 'legal', 1),
					item('au niveau des chefs d’État :', 'legal', 1),
					item('en session ordinaire ;', 'legal', 2),
					item('en session extraordinaire.', 'legal', 2),
					item('Le présent texte entre en vigueur.', 'legal', 0),
					item('dès sa signature.', 'legal', 1),
					new Paragraph('Un paragraphe ordinaire.'),
					item('Une nouvelle liste.', 'legal', 0, 2),
					item('Sa suite.', 'legal', 0, 2),
					item('Chapitre premier.', 'multi', 0),
					item('Première section.', 'multi', 1),
					item('Deuxième section.', 'multi', 1),
					item('Titre romain.', 'upper', 0),
					item('Lettre capitale.', 'upper', 1),
					item('Une puce.', 'bul', 0)
				]
			}
		]
	});
	return Packer.toBuffer(doc);
}

describe('Word list labels on DOCX import', () => {
	it('gives each item the label Word shows: levels, restarts, %1.%2., Roman and capital letters; bullets stay •', async () => {
		const blocks = await readDocx(await legalDocx(), 'legal.docx');
		expect(blocks.map((b) => [b.kind, b.marker ?? null, b.text])).toEqual([
			['list_item', '1.', 'Les Alliés réaffirment leur engagement.'],
			['list_item', '2.', 'Le Conseil se réunit deux fois par an.'],
			['list_item', 'a)', 'au niveau des ministres ;'],
			['list_item', 'b)', 'au niveau des chefs d’État :'],
			['list_item', 'i.', 'en session ordinaire ;'],
			['list_item', 'ii.', 'en session extraordinaire.'],
			['list_item', '3.', 'Le présent texte entre en vigueur.'],
			// a sub-level restarts under a new parent
			['list_item', 'a)', 'dès sa signature.'],
			['body', null, 'Un paragraphe ordinaire.'],
			['list_item', '1.', 'Une nouvelle liste.'],
			['list_item', '2.', 'Sa suite.'],
			['list_item', '1.', 'Chapitre premier.'],
			['list_item', '1.1.', 'Première section.'],
			['list_item', '1.2.', 'Deuxième section.'],
			['list_item', 'I.', 'Titre romain.'],
			['list_item', 'A.', 'Lettre capitale.'],
			['list_item', '•', 'Une puce.']
		]);
	});

	it('a numbered heading stays a heading, with its label (`Article 2`) as its mark', async () => {
		const h = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_1, numbering: { reference: 'art', level: 0 } });
		const doc = new Document({
			numbering: { config: [{ reference: 'art', levels: [lv(0, LevelFormat.DECIMAL, 'Article %1')] }] },
			sections: [{ children: [h('Objet'), new Paragraph('Le présent accord.'), h('Portée')] }]
		});
		const blocks = await readDocx(await Packer.toBuffer(doc), 'articles.docx');
		expect(blocks.map((b) => [b.kind, b.marker ?? null, b.text])).toEqual([
			['heading', 'Article 1', 'Objet'],
			['body', null, 'Le présent accord.'],
			['heading', 'Article 2', 'Portée']
		]);
	});

	it('counts as Word does: two w:num on one definition continue, a startOverride restarts, lvlRestart 0 never restarts, styles carry numbering', () => {
		const numbering = `<w:numbering xmlns:w="w">
			<w:abstractNum w:abstractNumId="7">
				<w:lvl w:ilvl="0"><w:start w:val="4"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1)"/></w:lvl>
				<w:lvl w:ilvl="1"><w:start w:val="1"/><w:lvlRestart w:val="0"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%2)"/></w:lvl>
				<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="%1.%2.%3"/></w:lvl>
			</w:abstractNum>
			<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
			<w:num w:numId="2"><w:abstractNumId w:val="7"/></w:num>
			<w:num w:numId="3"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="26"/></w:lvlOverride></w:num>
		</w:numbering>`;
		const styles = `<w:styles xmlns:w="w"><w:style w:styleId="Point"><w:pPr><w:numPr><w:numId w:val="1"/><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
			<w:style w:styleId="PointBis"><w:basedOn w:val="Point"/></w:style></w:styles>`;
		const p = (numId: string | null, ilvl: number | null, text: string, style?: string) =>
			`<w:p><w:pPr>${style ? `<w:pStyle w:val="${style}"/>` : ''}${numId ? `<w:numPr>${ilvl !== null ? `<w:ilvl w:val="${ilvl}"/>` : ''}<w:numId w:val="${numId}"/></w:numPr>` : ''}</w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
		const doc = `<w:document xmlns:w="w"><w:body>${[
			p('1', 0, 'Un'),
			p('1', 1, 'Deux'),
			p('2', 0, 'Trois'),
			p(null, null, 'Quatre', 'PointBis'),
			p('1', 2, 'Cinq'),
			p('0', 0, 'Sans numéro'),
			p('3', 0, 'Six')
		].join('')}</w:body></w:document>`;
		expect(numberParagraphs(doc, numbering, styles).map((n) => [n.level, n.label, n.key])).toEqual([
			[0, 'D)', 'Un'],
			[1, '(i)', 'Deux'],
			// numId 2 continues numId 1 (same definition, no override); level 1 never restarts
			[0, 'E)', 'Trois'],
			[1, '(ii)', 'Quatre'],
			// isLgl: every level as a decimal
			[2, '5.2.1', 'Cinq'],
			[0, 'Z)', 'Six']
		]);
	});

	it('keeps the labels through the workbench into the editor rows and the HTML, text and translated DOCX exports', async () => {
		const dir = tempDir();
		const wb: Workbench = createWorkbench({ dbPath: join(dir.dir, 'atelier.sqlite') });
		try {
			const res = await wb.importDocument({ bytes: await legalDocx(), file: 'legal.docx', ...fr });
			const doc = wb.getDocument(res.id)!;
			const para = doc.paragraphsList.find((x) => x.segments[0]?.source === 'au niveau des chefs d’État :')!;
			expect(para.marker).toBe('b)');
			wb.setTarget(res.id, para.segments[0].ord, 'at the level of Heads of State:', { status: 'translated' });
			const ex = createExports(wb);
			const html = new TextDecoder().decode((await ex.export(res.id, 'html', { t: tEn, uiLang: 'en' })).bytes);
			expect(html).toContain('<span class="mark">b)</span>at the level of Heads of State:');
			const txt = new TextDecoder().decode((await ex.export(res.id, 'txt', { t: tEn, uiLang: 'en' })).bytes);
			expect(txt).toContain('b) at the level of Heads of State:');
			const out = await ex.export(res.id, 'docx-translated', { t: tEn, uiLang: 'en' });
			const xml = await (await JSZip.loadAsync(out.bytes)).file('word/document.xml')!.async('string');
			expect(xml).toMatch(/<w:t xml:space="preserve">b\)<\/w:t><\/w:r><w:r><w:tab\/><\/w:r><w:r><w:t xml:space="preserve">at the level of Heads of State:/);
			// and the translated file reads back with its labels as text
			const back = await readDocx(out.bytes, 'back.docx');
			expect(back.find((b) => b.text.includes('Heads of State'))!.text).toBe('b) at the level of Heads of State:');
		} finally {
			wb.close();
			dir.remove();
		}
	});
});
