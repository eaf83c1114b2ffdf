import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanup } from '../src/core/text/cleanup.js';
import { lexiconFor } from '../src/core/text/lexicon.js';
import { dumpBlocks } from './helpers/dump.js';

const root = join(import.meta.dirname, '..');
const fr = lexiconFor('fr-FR');

describe('cleanup of the seed documents (expected output verified by hand)', () => {
	for (const key of ['nrc-chairman-statement-2008', 'bucharest-summit-2008']) {
		it(key, () => {
			const raw = readFileSync(join(root, 'segments', key, 'fr.txt'), 'utf8');
			const expected = readFileSync(join(root, 'tests', 'fixtures', 'cleanup', `${key}.expected.txt`), 'utf8');
			expect(dumpBlocks(cleanup(raw, { isWord: fr }).blocks)).toBe(expected);
		});
	}
});

describe('cleanup rules', () => {
	const blocks = (text: string) => cleanup(text, { isWord: fr }).blocks;

	it('keeps a real compound hyphen at a line end and joins typesetting hyphenation', () => {
		const b = blocks('la sécurité euro-\natlantique et un accord-\ncadre ; le gouver-\nnement afghan et la trans-\nformation.');
		expect(b).toHaveLength(1);
		expect(b[0].text).toBe('la sécurité euro-atlantique et un accord-cadre ; le gouvernement afghan et la transformation.');
	});

	it('prefers the form the document itself uses', () => {
		const b = blocks('Le plan anti-\nterroriste est prêt.\n\nUn autre plan antiterroriste existe.');
		expect(b[0].text).toBe('Le plan antiterroriste est prêt.');
	});

	it('treats a spaced hyphen at a line end as a dash', () => {
		expect(blocks('la transformation de l’OTAN -\nnotamment son élargissement.')[0].text).toBe(
			'la transformation de l’OTAN - notamment son élargissement.'
		);
	});

	it('drops a page number that falls inside a sentence and keeps the sentence whole', () => {
		const b = blocks('Il faut ratifier sans délai. Les\n\n\n\n54 5\n\nparticipants au sommet ont dit oui.\n\nSuite.');
		expect(b.map((x) => x.text)).toEqual(['Il faut ratifier sans délai. Les participants au sommet ont dit oui.', 'Suite.']);
	});

	it('drops a footer URL that interrupts a sentence but keeps a URL that is content', () => {
		const b = blocks('agissant d’une manière\n\nhttp://www.example.org/\n\nconforme aux engagements.\n\nVoir le site :\n\nhttp://www.nato.int/');
		expect(b.map((x) => x.text)).toEqual(['agissant d’une manière conforme aux engagements.', 'Voir le site :', 'http://www.nato.int/']);
	});

	it('drops running headers that repeat on every page', () => {
		const page = (n: number) => `Rapport annuel 2008\n\nTexte de la page ${n} qui continue.\n\n${n}`;
		const b = blocks([1, 2, 3].map(page).join('\n\n'));
		expect(b.map((x) => x.text)).toEqual([1, 2, 3].map((n) => `Texte de la page ${n} qui continue.`));
	});

	it('keeps a repeated line that reads as the text’s own: a sentence, a transcript’s stage direction', () => {
		const text = ['Le Président ouvre la séance.', '(Applaudissements)', 'Le Conseil se réunit.', 'Le Secrétaire général prend la parole.', '(Applaudissements)', 'Le Conseil se réunit.', 'La séance est levée.', '(Applaudissements)', 'Le Conseil se réunit.', 'Rapport annuel 2008', 'Fin.', 'Rapport annuel 2008', 'Suite.', 'Rapport annuel 2008'].join('\n\n');
		const r = cleanup(text);
		expect(r.blocks.filter((x) => x.text === '(Applaudissements)')).toHaveLength(3);
		expect(r.blocks.filter((x) => x.text === 'Le Conseil se réunit.')).toHaveLength(3);
		// a title-like line met three times on its own is still a running header
		expect(r.events.filter((e) => e.kind === 'running_line').map((e) => e.text)).toEqual(['Rapport annuel 2008', 'Rapport annuel 2008', 'Rapport annuel 2008']);
	});

	it('drops security markings stamped on each page, even met once, and keeps lettered items as list items', () => {
		const b = blocks(
			'NATO UNCLASSIFIED\n\nLe Conseil a décidé :\n\n  a) premier point ;\n  b) second point qui\ncontinue ici.\n\nNATO UNCLASSIFIED\n\n(iv) un autre point.\n\nOTAN SANS CLASSIFICATION\n\nPUBLICLY DISCLOSED - PDN(2013)0001 - MIS EN LECTURE PUBLIQUE\n\nLa sécurité de l’OTAN reste entière.'
		);
		expect(b.map((x) => [x.kind, x.text])).toEqual([
			['body', 'Le Conseil a décidé :'],
			['list_item', 'premier point ;'],
			['list_item', 'second point qui continue ici.'],
			['list_item', 'un autre point.'],
			['body', 'La sécurité de l’OTAN reste entière.']
		]);
		expect(b.filter((x) => x.kind === 'list_item').map((x) => x.marker)).toEqual(['a)', 'b)', '(iv)']);
		// the words alone, inside a sentence or as a heading of the text, stay
		expect(blocks('Le document NATO UNCLASSIFIED a été publié.')[0].text).toBe('Le document NATO UNCLASSIFIED a été publié.');
		expect(blocks('SECRET DÉFENSE ET DÉMOCRATIE\n\nTexte.')[0].text).toBe('SECRET DÉFENSE ET DÉMOCRATIE');
	});

	it('turns bullets into list items, even when an item wraps over a blank line', () => {
		const b = blocks('quatre principes :\n\n• un engagement ferme ;\n• le soutien à une prise de responsabilité et au \n\nrenforcement de leur leadership ;\n• une approche globale.\n\nEn outre, rien.');
		expect(b.map((x) => [x.kind, x.text])).toEqual([
			['body', 'quatre principes :'],
			['list_item', 'un engagement ferme ;'],
			['list_item', 'le soutien à une prise de responsabilité et au renforcement de leur leadership ;'],
			['list_item', 'une approche globale.'],
			['body', 'En outre, rien.']
		]);
	});

	it('keeps a footnote as its own block, linked to its call', () => {
		const b = blocks('l’ex-République yougoslave de Macédoine* participe.\n\n* La Turquie reconnaît la République de Macédoine.\n\nSuite du texte.');
		expect(b[1]).toMatchObject({ kind: 'footnote', marker: '*', text: 'La Turquie reconnaît la République de Macédoine.' });
		expect(b[1].noteCall).toEqual({ block: 0, offset: b[0].text.indexOf('*') });
	});

	it('recognises headings without final punctuation, a title first', () => {
		const b = blocks('Déclaration du Président\nRéunion du conseil au niveau des chefs\n\nd’Etat et de gouvernement\nLes chefs d’État se sont réunis aujourd’hui à Bucarest et ont décidé de renforcer les travaux que les\n27 pays mènent ensemble.\n\n Aider l’Afghanistan\n\nTexte.');
		expect(b.map((x) => [x.kind, x.level ?? null, x.text])).toEqual([
			['heading', 1, 'Déclaration du Président'],
			['heading', 1, 'Réunion du conseil au niveau des chefs d’Etat et de gouvernement'],
			['body', null, 'Les chefs d’État se sont réunis aujourd’hui à Bucarest et ont décidé de renforcer les travaux que les 27 pays mènent ensemble.'],
			['heading', 2, 'Aider l’Afghanistan'],
			['body', null, 'Texte.']
		]);
	});

	it('keeps French typography and normalises to NFC', () => {
		const decomposed = 'E\u0301tat « d\u2019accord\u00A0» ; oui\u202F!';
		const b = blocks(decomposed);
		expect(b[0].text).toBe('État « d’accord\u00A0» ; oui\u202F!');
		expect(b[0].text).toBe(b[0].text.normalize('NFC'));
	});

	it('with noClean, takes each line as a paragraph', () => {
		expect(cleanup('Ligne un sans point\nligne deux.\n\n', { noClean: true }).blocks.map((b) => b.text)).toEqual([
			'Ligne un sans point',
			'ligne deux.'
		]);
	});
});
