import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applySuggestions, countIssues, QA_CHECKS, runQa, runQaOnDocument } from '../src/core/qa/index.js';
import { romanValue, softNumbers, wordValue } from '../src/core/qa/number-words.js';
import { extractNumbers } from '../src/core/qa/numbers.js';
import { createSegmentation } from '../src/core/segment/plain.js';
import { createT } from '../src/lib/i18n/index.js';

const root = join(import.meta.dirname, '..');
const NB = '\u00A0';
const NN = '\u202F';

interface Case {
	id: string;
	from: string;
	to: string;
	source: string;
	target: string;
	/** message names (without `checks.qa.`) the case must produce; any other is a false alarm */
	expect: string[];
	note: string;
}

const cases: Case[] = JSON.parse(readFileSync(join(root, 'tests/fixtures/qa/cases.json'), 'utf8'));
const kinds = (source: string, target: string, from: string, to: string) =>
	new Set(runQa({ source, target, sourceLang: from, targetLang: to }).map((i) => i.message.replace(/^checks\.qa\./, '')));

describe('QA fixture table (tests/fixtures/qa/cases.json)', () => {
	it('covers both directions, findings and non-findings', () => {
		expect(cases.length).toBeGreaterThanOrEqual(150);
		for (const dir of ['fr>en', 'en>fr']) {
			const mine = cases.filter((c) => `${c.from}>${c.to}` === dir);
			expect(mine.filter((c) => c.expect.length).length, dir).toBeGreaterThan(30);
			expect(mine.filter((c) => !c.expect.length).length, dir).toBeGreaterThan(30);
		}
		expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
	});

	it('precision ≥ 0.98 and recall ≥ 0.99 over (case, finding kind)', () => {
		let tp = 0;
		let fp = 0;
		let fn = 0;
		const wrong: string[] = [];
		for (const c of cases) {
			const got = kinds(c.source, c.target, c.from, c.to);
			const want = new Set(c.expect);
			const falseAlarms = [...got].filter((g) => !want.has(g));
			const missed = [...want].filter((w) => !got.has(w));
			tp += want.size - missed.length;
			fp += falseAlarms.length;
			fn += missed.length;
			if (falseAlarms.length || missed.length) wrong.push(`${c.id} (${c.note}): false ${falseAlarms.join(',') || '-'}; missed ${missed.join(',') || '-'}`);
		}
		const precision = tp / (tp + fp);
		const recall = tp / (tp + fn);
		expect(tp).toBeGreaterThan(100);
		expect(precision, wrong.join('\n')).toBeGreaterThanOrEqual(0.98);
		expect(recall, wrong.join('\n')).toBeGreaterThanOrEqual(0.99);
	});

	it('every check of QA_CHECKS is exercised by the table', () => {
		const seen = new Set<string>();
		for (const c of cases) for (const i of runQa({ source: c.source, target: c.target, sourceLang: c.from, targetLang: c.to })) seen.add(i.check);
		// consistency compares segments with one another: a document-level check, tested in tests/qa-consistency.test.ts
		expect([...QA_CHECKS].filter((id) => !seen.has(id) && id !== 'qa.consistency')).toEqual([]);
	});
});

describe('the seed translations (segments/*) raise only the recorded findings', () => {
	const recorded: { findings: { doc: string; bead: number; direction: string; message: string; count: number }[]; reasons: Record<string, string> } = JSON.parse(
		readFileSync(join(root, 'tests/fixtures/qa/seed-findings.json'), 'utf8')
	);
	const docs = readdirSync(join(root, 'segments')).filter((d) => !d.includes('.'));

	it('finds the seed documents', () => expect(docs.length).toBeGreaterThanOrEqual(2));

	it.each(docs)('%s, both directions', (doc) => {
		const seg = (lang: string, file: string) =>
			createSegmentation({ lang })
				.run(readFileSync(join(root, 'segments', doc, file), 'utf8'))
				.blocks.flatMap((b) => b.segments.map((s) => s.text));
		const fr = seg('fr-FR', 'fr.txt');
		const en = seg('en-GB', 'en.txt');
		const got: string[] = [];
		let pairs = 0;
		readFileSync(join(root, 'segments', doc, 'gold.fr-en.beads'), 'utf8')
			.split('\n')
			.filter(Boolean)
			.forEach((line, bead) => {
				const m = /^\[(.*)\]:\[(.*)\]$/.exec(line)!;
				const fi = m[1] ? m[1].split(', ').map(Number) : [];
				const ei = m[2] ? m[2].split(', ').map(Number) : [];
				if (!fi.length || !ei.length) return;
				pairs++;
				const f = fi.map((i) => fr[i]).join(' ');
				const e = ei.map((i) => en[i]).join(' ');
				for (const [direction, s, t, a, b] of [
					['fr-en', f, e, 'fr-FR', 'en-GB'],
					['en-fr', e, f, 'en-GB', 'fr-FR']
				] as const) {
					const counts = new Map<string, number>();
					for (const i of runQa({ source: s, target: t, sourceLang: a, targetLang: b })) counts.set(i.message.replace(/^checks\.qa\./, ''), (counts.get(i.message.replace(/^checks\.qa\./, '')) ?? 0) + 1);
					for (const [message, count] of counts) got.push(`${bead} ${direction} ${message} ×${count}`);
				}
			});
		expect(pairs).toBeGreaterThan(20);
		const want = recorded.findings.filter((f) => f.doc === doc).map((f) => `${f.bead} ${f.direction} ${f.message} ×${f.count}`);
		expect(got.sort()).toEqual(want.sort());
		// the published English (fr → en) raises nothing at all; every recorded finding has a stated reason
		expect(got.filter((g) => g.includes(' fr-en '))).toEqual([]);
		for (const f of recorded.findings) expect(recorded.reasons[f.message], f.message).toBeTruthy();
	});
});

describe('numbers', () => {
	const num = (source: string, target: string, from = 'fr', to = 'en') => runQa({ source, target, sourceLang: from, targetLang: to, ord: 4 }).filter((i) => i.check === 'qa.numbers');

	it('reads French and English number formats as values', () => {
		expect(extractNumbers(`1${NN}386 et 2,5 et 1.386.000`, 'fr').map((t) => t.value)).toEqual(['1386', '2.5', '1386000']);
		expect(extractNumbers('1,386 and 2.5 and 1,386,000', 'en').map((t) => t.value)).toEqual(['1386', '2.5', '1386000']);
		expect(extractNumbers('le 27e, le 1er, en 2008', 'fr').map((t) => t.value)).toEqual(['27', '1', '2008']);
	});

	it('knows numbers written in words and roman numerals, and nothing else', () => {
		expect(['vingt-septième', 'quatre-vingt-dix', 'dix-sept', 'twenty-first', 'sixtieth', 'soixantième', 'thirds', 'neuvième', 'cinquième'].map(wordValue)).toEqual([27, 90, 17, 21, 60, 60, 3, 9, 5]);
		expect(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'Alliance', 'quatre-saisons'].map(wordValue)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
		expect(['XXI', 'MCMXCIX', 'IIX', 'CIMIC', 'VV'].map(romanValue)).toEqual([21, 1999, undefined, undefined, undefined]);
		expect([...softNumbers('au XXIe siècle, Napoléon Ier, I think, CIMIC')].sort((a, b) => a - b)).toEqual([1, 21]);
	});

	it('reports a number written differently once, on the target, with the source’s value as the fix', () => {
		const source = 'Les 27 pays se sont réunis en 2008.';
		const target = 'The 26 countries met in 2008.';
		const issues = num(source, target);
		expect(issues.map((i) => i.message)).toEqual(['checks.qa.numberChanged']);
		const [changed] = issues;
		expect(changed.severity).toBe('error');
		expect(changed.params).toEqual({ number: '27', found: '26' });
		expect(target.slice(changed.span!.start, changed.span!.end)).toBe('26');
		expect(changed.span!.side).toBe('target');
		expect(changed.suggestions).toEqual(['27']);
		expect(applySuggestions(target, issues)).toBe('The 27 countries met in 2008.');
		expect(changed.segments).toEqual([4]);
	});

	it('pairs each changed number with its nearest counterpart; what is left is missing or added, with no lists in the message', () => {
		const t = createT('en');
		const issues = num('En 2008, les 27 pays.', 'In 2009, the countries, 3 times in 4 days.');
		expect(issues.map((i) => [i.message, i.params])).toEqual([
			['checks.qa.numberChanged', { number: '2008', found: '2009' }],
			['checks.qa.numberMissing', { number: '27' }],
			['checks.qa.numberExtra', { number: '3' }],
			['checks.qa.numberExtra', { number: '4' }]
		]);
		expect(issues.map((i) => t(i.message, i.params))).toEqual([
			'Number 2008 of the source is 2009 in the target',
			'Number 27 of the source is not in the target',
			'Number 3 is not in the source',
			'Number 4 is not in the source'
		]);
		for (const lang of ['en', 'fr'] as const) for (const i of issues) expect(createT(lang)(i.message, i.params)).not.toMatch(/[(:;]\s*[;)]|\(\s*\)|\{\{/);
		expect(createT('fr')(issues[0].message, issues[0].params)).toBe('Le nombre 2008 de la source est devenu 2009 dans la cible');
	});

	it('suggests the missing number written the target language’s way', () => {
		expect(num('Un budget de 1 386 000,5 euros.', 'A budget of euros.')[0].suggestions).toEqual(['1,386,000.5']);
		expect(num('A budget of 1,386,000.5 euros.', 'Un budget d’euros.', 'en', 'fr')[0].suggestions).toEqual([`1${NN}386${NN}000,5`]);
	});

	it('keeps the fingerprint while the translator types elsewhere, and tells two equal numbers apart', () => {
		const a = num('En 2008 et 2008.', 'In 2007 and.');
		const b = num('En 2008 et 2008.', 'Back in 2007 and then.');
		expect(a.map((i) => i.fingerprint)).toEqual(b.map((i) => i.fingerprint));
		expect(new Set(a.map((i) => i.fingerprint)).size).toBe(a.length);
	});
});

describe('typography suggestions', () => {
	it('fixing every French finding leaves none, and keeps the words', () => {
		const target = 'Il a dit : « oui » ; pourquoi? Les 1 386 soldats.';
		const issues = runQa({ source: 'He said: “yes”; why? The 1,386 troops.', target, sourceLang: 'en', targetLang: 'fr' });
		expect(issues.filter((i) => i.check === 'qa.typography').length).toBeGreaterThanOrEqual(5);
		const fixed = applySuggestions(target, issues);
		expect(fixed).toBe(`Il a dit${NB}: «${NB}oui${NB}»${NN}; pourquoi${NN}? Les 1${NN}386 soldats.`);
		expect(runQa({ source: 'He said: “yes”; why? The 1,386 troops.', target: fixed, sourceLang: 'en', targetLang: 'fr' })).toEqual([]);
	});

	it('fixing every English finding leaves none', () => {
		const target = 'He said : « yes » ; why ?';
		const issues = runQa({ source: 'Il a dit : « oui » ; pourquoi ?', target, sourceLang: 'fr', targetLang: 'en' });
		const fixed = applySuggestions(target, issues);
		expect(fixed).toBe('He said: “yes”; why?');
		expect(runQa({ source: 'Il a dit : « oui » ; pourquoi ?', target: fixed, sourceLang: 'fr', targetLang: 'en' })).toEqual([]);
	});

	it('French rules only for French targets, English rules only for English ones', () => {
		expect(kinds('Why?', 'Pourquoi ?', 'en', 'fr')).toEqual(new Set(['frSpaceOrdinary']));
		// the narrow space is named as such (« espace fine insécable »), the wide one before « : » as « espace insécable »
		const say = (target: string, lang: 'fr' | 'en') => runQa({ source: 'x', target, sourceLang: 'en', targetLang: 'fr' }).map((i) => createT(lang)(i.message, i.params));
		expect(say('Pourquoi ?', 'fr')).toEqual(['Espace ordinaire (U+0020) avant «\u00a0?\u00a0»\u00a0: mettez une espace fine insécable (U+202F) pour que la ligne ne puisse pas se couper là']);
		expect(say('Voici :', 'fr')[0]).toContain('mettez une espace insécable (U+00A0)');
		expect(say('Pourquoi?', 'en')).toEqual(['No space before “?”: French puts a narrow no-break space (U+202F) there']);
		expect(kinds('Pourquoi ?', 'Why ?', 'fr', 'en')).toEqual(new Set(['spaceBefore']));
		expect(kinds('Pourquoi ?', 'Warum ?', 'fr', 'de')).toEqual(new Set());
	});
});

describe('runQa contract', () => {
	it('lists its checks', () => {
		expect([...QA_CHECKS].sort()).toEqual(['qa.brackets', 'qa.consistency', 'qa.copied', 'qa.footnotes', 'qa.numbers', 'qa.punctuation', 'qa.tags', 'qa.typography', 'qa.untranslated', 'qa.urls', 'qa.whitespace']);
	});

	it('skips disabled checks', () => {
		const input = { source: 'Les 27 pays.', target: 'The 26  countries.', sourceLang: 'fr', targetLang: 'en' };
		expect(new Set(runQa(input).map((i) => i.check))).toEqual(new Set(['qa.numbers', 'qa.whitespace']));
		expect(runQa(input, { disabled: ['qa.numbers'] }).map((i) => i.check)).toEqual(['qa.whitespace']);
	});

	it('reports an empty target once, not as missing numbers besides', () => {
		const issues = runQa({ source: 'Les 27 pays \ue000.', target: '', sourceLang: 'fr', targetLang: 'en', ord: 2 });
		expect(issues.map((i) => [i.check, i.severity, i.segments])).toEqual([['qa.untranslated', 'error', [2]]]);
	});

	it('puts errors first', () => {
		const sev = runQa({ source: 'Les 27 pays (OTAN).', target: ' The countries (NATO.', sourceLang: 'fr', targetLang: 'en' }).map((i) => i.severity);
		expect(sev).toEqual([...sev].sort((a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b)));
		expect(sev[0]).toBe('error');
		expect(sev).toContain('info');
	});

	it('never throws, whatever the text', () => {
		let seed = 42;
		const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
		const alphabet = ['a', 'É', ' ', NB, NN, '\t', '\n', '«', '»', '“', '”', '‘', '’', "'", '"', '(', ')', '[', ']', '{', '}', ';', ':', '!', '?', '.', ',', '1', '0', '9', '%', '\ue000', '\ue001', '\ud83d', '\ude00', '/', 'w', 'h', 't', 'p', '@', 'X', 'I', 'V', '-', '*'];
		const text = () => Array.from({ length: Math.floor(rnd() * 60) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
		for (let n = 0; n < 2000; n++) {
			const source = text();
			const target = text();
			const langs = [['fr', 'en'], ['en', 'fr'], ['fr-FR', 'en-GB'], ['', '']][n % 4];
			const issues = runQa({ source, target, sourceLang: langs[0], targetLang: langs[1], ord: n });
			for (const i of issues) {
				expect(i.fingerprint.startsWith(i.check)).toBe(true);
				if (i.span) {
					const len = (i.span.side === 'source' ? source : target).length;
					expect(i.span.start >= 0 && i.span.end <= len && i.span.start <= i.span.end, JSON.stringify({ source, target, i })).toBe(true);
				}
			}
		}
	});

	it('runs over a document: skips segments never translated, marks the document', () => {
		const issues = runQaOnDocument(
			[
				{ ord: 0, source: 'Les 27 pays.', target: 'The 27 countries.', document: 9 },
				{ ord: 1, source: 'Les 27 pays.', target: null, document: 9 },
				{ ord: 2, source: 'Les 27 pays.', target: 'The 28 countries.', document: 9 },
				{ ord: 3, source: 'Les 27 pays.', target: '', document: 9 }
			],
			{ sourceLang: 'fr-FR', targetLang: 'en-GB' }
		);
		expect(issues.map((i) => [i.segments[0], i.message, i.document])).toEqual([
			[2, 'checks.qa.numberChanged', 9],
			[3, 'checks.qa.untranslated', 9],
			// one source, two translations: the document-level finding, after the segments' own
			[0, 'checks.qa.sourceTranslatedDifferently', 9]
		]);
		expect(issues[2].segments).toEqual([0, 2]);
		expect(countIssues(issues)).toEqual({ error: 2, warning: 1, info: 0 });
	});

	it('every message it can produce reads well in French and English', () => {
		const all = cases.flatMap((c) => runQa({ source: c.source, target: c.target, sourceLang: c.from, targetLang: c.to }));
		expect(new Set(all.map((i) => i.message)).size).toBeGreaterThan(25);
		for (const lang of ['fr', 'en'] as const) {
			const t = createT(lang);
			for (const i of all) {
				const text = t(i.message, i.params);
				expect(text, i.message).not.toMatch(/checks\.|\{\{/);
				expect(t(`checks.names.${i.check}`)).not.toMatch(/^checks\./);
			}
		}
	});

	it('is browser-safe: no node: import, nothing outside the model', () => {
		const dir = join(root, 'src/core/qa');
		for (const f of readdirSync(dir)) {
			const src = readFileSync(join(dir, f), 'utf8');
			const imports = [...src.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
			expect(imports.filter((m) => !m.startsWith('./') && m !== '../model.js'), f).toEqual([]);
		}
	});
});
