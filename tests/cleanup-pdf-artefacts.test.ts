import { describe, expect, it } from 'vitest';
import { cleanup } from '../src/core/text/cleanup.js';
import { lexiconFor } from '../src/core/text/lexicon.js';

/** What PDF extraction (and web pages) leave in a text beyond what the two seeds carry. */
const fr = lexiconFor('fr-FR');

describe('cleanup of PDF and web artefacts', () => {
	it('keeps a range or a code whole at a line-end hyphen, hyphen and all, without a space', () => {
		const { blocks, events } = cleanup('Le plan couvre les années 2008-\n2009, les pages 12-\n15 et les pays du G-\n8, puis la co-\nopération.', { isWord: fr });
		expect(blocks.map((b) => b.text)).toEqual(['Le plan couvre les années 2008-2009, les pages 12-15 et les pays du G-8, puis la coopération.']);
		expect(events.filter((e) => e.kind === 'hyphen_kept').map((e) => [e.line, e.text])).toEqual([
			[1, '2008-2009'],
			[2, '12-15'],
			[3, 'G-8']
		]);
	});

	it('treats U+2010, the hyphen some PDF producers write, like "-" at a line end', () => {
		const b = cleanup('la sécurité euro\u2010\natlantique et le gouver\u2010\nnement afghan.', { isWord: fr }).blocks;
		expect(b.map((x) => x.text)).toEqual(['la sécurité euro\u2010atlantique et le gouvernement afghan.']);
	});

	it('spells out typesetting ligatures and drops zero-width spaces, French spaces kept exactly', () => {
		const b = cleanup('La conﬁance des Alliés\u200B est ﬂagrante\u00A0: un déﬁ\uFEFF relevé «\u00A0eﬃcacement\u00A0»\u202F!', { isWord: fr }).blocks;
		expect(b.map((x) => x.text)).toEqual(['La confiance des Alliés est flagrante\u00A0: un défi relevé «\u00A0efficacement\u00A0»\u202F!']);
	});

	it('takes a numbered footnote out of the sentence it interrupts and gives its call back its superscript', () => {
		const text = [
			'Comme l’Albanie et la Croatie, l’ex-République yougoslave de Macédoine1 participe depuis',
			'plusieurs années au plan d’action pour l’adhésion (MAP) mis en place par l’OTAN. Les',
			'',
			'1 La Turquie reconnaît la République de Macédoine sous son nom',
			'constitutionnel.',
			'',
			'12',
			'',
			'participants au sommet ont dit oui.',
			'',
			'27 pays mènent leurs travaux ensemble.'
		].join('\n');
		const b = cleanup(text, { isWord: fr }).blocks;
		expect(b.map((x) => [x.kind, x.marker ?? null, x.text])).toEqual([
			[
				'body',
				null,
				'Comme l’Albanie et la Croatie, l’ex-République yougoslave de Macédoine¹ participe depuis plusieurs années au plan d’action pour l’adhésion (MAP) mis en place par l’OTAN. Les participants au sommet ont dit oui.'
			],
			['footnote', '¹', 'La Turquie reconnaît la République de Macédoine sous son nom constitutionnel.'],
			// no call "27" anywhere: a paragraph that opens with a number
			['body', null, '27 pays mènent leurs travaux ensemble.']
		]);
		expect(b[1].noteCall).toEqual({ block: 0, offset: b[0].text.indexOf('¹') });
	});
});
