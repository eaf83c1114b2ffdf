import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findHits, planReplace, type FindRow } from '../src/core/editor/replace.js';
import { readTbx } from '../src/core/formats/tbx/read.js';
import type { Concept, Term } from '../src/core/model.js';
import { runQa } from '../src/core/qa/index.js';
import { approvedTerms } from '../src/core/terms/glossary.js';
import { editorQa } from '../src/lib/editor/session.js';
import { glossaryEntries, usesTerm, type AssistTerm } from '../src/lib/editor/terms.js';

const root = join(import.meta.dirname, '..');
const rows = (...targets: string[]): FindRow[] => targets.map((target, ord) => ({ ord, source: `Source ${ord}`, target, version: 1 }));

describe('find and replace fold apostrophes', () => {
	it('finds l’OTAN when asked for l\'OTAN, and the other way round, at the right offsets', () => {
		const r = rows('Le rôle de l’OTAN.', "Le rôle de l'OTAN.", 'Le rôle de lʼOTAN.');
		expect(findHits(r, { find: "l'OTAN", in: 'target' }).map((h) => h.ranges)).toEqual([[[11, 17]], [[11, 17]], [[11, 17]]]);
		expect(findHits(r, { find: 'l’otan', in: 'target' }).length).toBe(3);
		expect(findHits(r, { find: "l[’']OTAN", in: 'target', regex: true }).length).toBe(3);
	});

	it('keeps the segment’s apostrophe unless the replacement chose one', () => {
		const r = rows('Le rôle de l’OTAN.', "Le rôle de l'OTAN.");
		// a straight apostrophe typed on the keyboard takes the segment's own
		expect(planReplace(r, { find: "l'OTAN", replace: "l'Alliance" }).map((c) => c.after)).toEqual(['Le rôle de l’Alliance.', "Le rôle de l'Alliance."]);
		// a typographic one is a choice
		expect(planReplace(r, { find: "l'OTAN", replace: 'l’Alliance' }).map((c) => c.after)).toEqual(['Le rôle de l’Alliance.', 'Le rôle de l’Alliance.']);
		// so is a straight one replacing a typographic one searched for
		expect(planReplace(r, { find: 'l’OTAN', replace: "l'OTAN" }).map((c) => c.after)).toEqual(["Le rôle de l'OTAN."]);
		// no apostrophe in the match: the segment's first one
		expect(planReplace(rows('L’Alliance et l’OTAN.'), { find: 'OTAN', replace: "OTAN et l'UE" })[0].after).toBe('L’Alliance et l’OTAN et l’UE.');
	});

	it('expands regex groups from the text as written', () => {
		const r = rows('Le rôle de l’OTAN et de l’UE.');
		expect(planReplace(r, { find: "l'(\\w+)", replace: '[$1|$&]', regex: true })[0]).toMatchObject({ after: 'Le rôle de [OTAN|l’OTAN] et de [UE|l’UE].', count: 2 });
		expect(planReplace(r, { find: "l'(?<x>\\w+)", replace: '<$<x>>', regex: true })[0].after).toBe('Le rôle de <OTAN> et de <UE>.');
		expect(planReplace(rows('abc'), { find: '^', replace: '> ', regex: true })[0].after).toBe('> abc');
		expect(planReplace(rows('a-b'), { find: 'b', replace: '$$1', regex: true })[0].after).toBe('a-$1');
	});
});

describe('glossary panel', () => {
	it('marks a term as used only when written as such, as a whole word', () => {
		expect(usesTerm('NATO’s security', 'Nato')).toBe(false);
		expect(usesTerm('NATO’s security', 'NATO')).toBe(true);
		expect(usesTerm('the Alliance', 'alliance')).toBe(false);
		expect(usesTerm('an alliance', 'alliance')).toBe(true);
		expect(usesTerm('Natoli', 'Nato')).toBe(false);
		expect(usesTerm('the North\u00a0Atlantic Council', 'North Atlantic Council')).toBe(true);
		expect(usesTerm("the Secretary General's", 'Secretary General’s')).toBe(true);
	});

	it('lists a concept once, and equivalents differing only in case once', () => {
		const hit = (start: number, concept: string, equivalents: string[]): AssistTerm => ({ start, end: start + 3, text: 'COR', concept, status: 'preferred', equivalents, avoid: [] });
		const out = glossaryEntries([hit(0, 'c-nrc', ['NRC', 'NATO-Russia Council']), hit(10, 'c-allies', ['Allies', 'allies']), hit(20, 'c-nrc', ['NRC', 'NATO-Russia Council'])]);
		expect(out.map((x) => [x.concept, x.equivalents])).toEqual([
			['c-nrc', ['NRC', 'NATO-Russia Council']],
			['c-allies', ['Allies']]
		]);
	});
});

describe('approved terms', () => {
	const concepts: Concept[] = readTbx(readFileSync(join(root, 'glossary', 'nato.tbx'), 'utf8'), 'nato.tbx');
	const byKey = new Map(concepts.map((c) => [c.key, c]));
	const texts = (key: string, matched?: Term) => approvedTerms(byKey.get(key)!, 'en-GB', matched).map((t) => t.text);

	it('come acronym first for a concept the source writes as an acronym (OTAN, FIAS, COR)', () => {
		expect(texts('c-nato')[0]).toBe('NATO');
		expect(texts('c-isaf')[0]).toBe('ISAF');
		expect(texts('c-nrc')[0]).toBe('NRC');
	});

	it('follow the matched source term when the caller gives it', () => {
		const nato = byKey.get('c-nato')!;
		const full = nato.terms.find((t) => t.lang.startsWith('fr') && t.type === 'fullForm')!;
		const acronym = nato.terms.find((t) => t.lang.startsWith('fr') && t.type === 'acronym')!;
		expect(texts('c-nato', full)[0]).toBe('North Atlantic Treaty Organization');
		expect(texts('c-nato', acronym)[0]).toBe('NATO');
		// the memo keeps the orders apart
		expect(texts('c-nato')[0]).toBe('NATO');
	});

	it('keep preferred before admitted when no acronym is involved', () => {
		for (const c of concepts) {
			if (c.terms.some((t) => t.type === 'acronym' || t.type === 'abbreviation')) continue;
			const list = approvedTerms(c, 'en');
			const firstAdmitted = list.findIndex((t) => t.status === 'admitted');
			if (firstAdmitted >= 0) expect(list.slice(firstAdmitted).every((t) => t.status === 'admitted')).toBe(true);
		}
	});
});

describe('the editor’s checks panel', () => {
	it('does not call the empty segment being translated an error; document runs still do', () => {
		const all = runQa({ source: 'Les 27 pays.', target: '', sourceLang: 'fr', targetLang: 'en' });
		expect(all.map((i) => i.check)).toEqual(['qa.untranslated']);
		expect(editorQa(all)).toEqual([]);
		const typed = runQa({ source: 'Les 27 pays.', target: 'The 26', sourceLang: 'fr', targetLang: 'en' });
		expect(editorQa(typed)).toEqual(typed);
	});
});
