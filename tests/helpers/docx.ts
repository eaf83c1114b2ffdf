import { Document, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';

/** A real .docx (written by the `docx` library, as Word would read it) with a heading, body, bullets and a footnote. */
export async function sampleDocx(): Promise<Buffer> {
	const doc = new Document({
		footnotes: { 1: { children: [new Paragraph('La Turquie reconnaît la République de Macédoine sous son nom constitutionnel.')] } },
		numbering: {
			config: [
				{
					reference: 'bullets',
					levels: [{ level: 0, format: 'bullet', text: '•', alignment: 'left' }]
				}
			]
		},
		sections: [
			{
				children: [
					new Paragraph({ text: 'Consolider l’Europe', heading: HeadingLevel.HEADING_1 }),
					new Paragraph({
						children: [
							new TextRun('Comme l’Albanie, l’ex-République yougoslave de Macédoine'),
							new FootnoteReferenceRun(1),
							new TextRun(' participe au MAP. M. Dupont l’a confirmé à Bucarest.')
						]
					}),
					new Paragraph({ text: 'un engagement ferme et commun ;', numbering: { reference: 'bullets', level: 0 } }),
					new Paragraph({ text: 'une approche globale.', numbering: { reference: 'bullets', level: 0 } }),
					new Paragraph('Les « Alliés » ont dit\u00A0: oui\u202F!')
				]
			}
		]
	});
	return Packer.toBuffer(doc);
}
