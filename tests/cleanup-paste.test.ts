import { describe, expect, it } from 'vitest';
import { cleanup } from '../src/core/text/cleanup.js';
import { lexiconFor } from '../src/core/text/lexicon.js';
import { segmentBlocks } from '../src/core/text/import.js';
import { segmenterFor } from '../src/core/segment/index.js';

/**
 * Text as translators paste it from Word or a web page ("keep text only"): a paragraph per
 * line, CRLF, tabs after list labels, Symbol bullets, soft hyphens, U+00A0 and U+202F.
 * Cleanup was written for text extracted from PDF and must not treat these line breaks
 * as wrapping.
 */
const fr = lexiconFor('fr-FR');
const blocks = (text: string) => cleanup(text, { isWord: fr }).blocks.map((b) => [b.kind, b.marker ?? null, b.text]);

const P1 =
	'Le Conseil de l’Atlantique Nord s’est réuni le 4\u00A0avril\u00A02008 à Bucarest sous la présidence du Secrétaire général, M.\u00A0Jaap de Hoop Scheffer, qui a ouvert la séance par une déclaration sur l’Afghanistan.';
const P2 =
	'Les Alliés ont examiné les progrès réalisés depuis le sommet de Riga\u202F; ils ont noté que la mission de la FIAS, qui opère sous mandat des Nations Unies, reste la première priorité de l’OTAN\u202F!';
const P3 = 'Le budget de la défense antimissile sera examiné par le Comité des plans de défense, qui fera rapport aux ministres en juin prochain.';

describe('text pasted from Word', () => {
	it('keeps each pasted paragraph a paragraph, however long its lines', () => {
		expect(blocks(`Rapport sur la coopération\r\n${P1}\r\n${P2}\r\n${P3}\r\n`)).toEqual([
			['heading', null, 'Rapport sur la coopération'],
			['body', null, P1],
			['body', null, P2],
			['body', null, P3]
		]);
	});

	it('ends a paragraph after a line no PDF page could hold, even with a single such line', () => {
		const long = `${P1} ${P3}`;
		expect(long.length).toBeGreaterThan(160);
		expect(blocks(`${long}\n${P3}\n`)).toEqual([
			['body', null, long],
			['body', null, P3]
		]);
	});

	it('still joins text wrapped at the page width, sentence ends at a line end included', () => {
		const wrapped =
			'À Bucarest, les dirigeants alliés ont souligné l’engagement à long\nterme de l’Alliance à l’égard de l’Afghanistan, et l’importance d’une\ncollaboration étroite avec tous les pays qui contribuent à la paix.\nRéaffirmant la politique de la porte ouverte suivie par l’OTAN, et\nla détermination de l’Alliance, ils ont invité l’Albanie.';
		expect(blocks(wrapped)).toEqual([
			[
				'body',
				null,
				'À Bucarest, les dirigeants alliés ont souligné l’engagement à long terme de l’Alliance à l’égard de l’Afghanistan, et l’importance d’une collaboration étroite avec tous les pays qui contribuent à la paix. Réaffirmant la politique de la porte ouverte suivie par l’OTAN, et la détermination de l’Alliance, ils ont invité l’Albanie.'
			]
		]);
	});

	it('takes Word’s list labels and Symbol bullets before a tab as list items', () => {
		const text = [
			'Les décisions suivantes ont été prises\u00A0:',
			'1.\tRenforcer la FIAS en Afghanistan.',
			'2.\tDévelopper la coopération avec l’UE.',
			'a.\tle premier point\u00A0;',
			'\uF0B7\tune puce Symbol\u00A0;',
			'o\tune puce de second niveau\u00A0;',
			'\u2013\tun tiret.',
			'1. Introduction'
		].join('\r\n');
		expect(blocks(text)).toEqual([
			['body', null, 'Les décisions suivantes ont été prises\u00A0:'],
			['list_item', '1.', 'Renforcer la FIAS en Afghanistan.'],
			['list_item', '2.', 'Développer la coopération avec l’UE.'],
			['list_item', 'a.', 'le premier point\u00A0;'],
			['list_item', '•', 'une puce Symbol\u00A0;'],
			['list_item', '•', 'une puce de second niveau\u00A0;'],
			['list_item', '\u2013', 'un tiret.'],
			// without a tab, a number is a heading's or a paragraph's own label
			['heading', null, '1. Introduction']
		]);
	});

	it('drops soft hyphens inside a line, joins at one that ends a line, and keeps French spaces exactly', () => {
		const text = 'La coopération euro\u00ADatlantique reste essentielle\u00A0; le gouver\u00ADnement afghan l’a rap\u00AD\npelé «\u00A0sans délai\u00A0» ici\u202F!';
		const b = cleanup(text, { isWord: fr }).blocks;
		expect(b.map((x) => x.text)).toEqual(['La coopération euroatlantique reste essentielle\u00A0; le gouvernement afghan l’a rappelé «\u00A0sans délai\u00A0» ici\u202F!']);
	});

	it('segments a pasted text as a translator expects', () => {
		const text = `Rapport\r\n${P1}\r\n${P2}\r\n1.\tRenforcer la paix. Puis la stabilité.\r\n`;
		const seg = segmentBlocks(cleanup(text, { isWord: fr }).blocks, segmenterFor('fr-FR'));
		expect(seg.map((b) => b.segments.map((s) => s.text))).toEqual([
			['Rapport'],
			[P1],
			[P2],
			['Renforcer la paix.', 'Puis la stabilité.']
		]);
	});
});
