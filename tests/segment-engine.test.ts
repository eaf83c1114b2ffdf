import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAtelierError } from '../src/core/errors.js';
import { compileSegmenter, explainBreaks, loadSrxFile, parseSrx, segmenterFor, segmentText } from '../src/core/segment/index.js';
import { defaultRulesPath } from '../src/core/paths.js';
import { join } from 'node:path';
import { translateJavaRegex } from '../src/core/segment/srx-regex.js';

const fr = segmenterFor('fr-FR');
const en = segmenterFor('en-GB');

const srx = (rules: string, maps = '<languagemap languagepattern=".*" languagerulename="R"/>', cascade = 'yes') => `<?xml version="1.0"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header segmentsubflows="yes" cascade="${cascade}"/>
  <body>
    <languagerules><languagerule languagerulename="R">${rules}</languagerule>
    <languagerule languagerulename="Other"><rule break="yes"><beforebreak>;</beforebreak><afterbreak>\\s</afterbreak></rule></languagerule></languagerules>
    <maprules>${maps}</maprules>
  </body>
</srx>`;

describe('segments keep offsets: joining the pieces gives the paragraph back exactly', () => {
	const alphabet = fc.constantFrom(...'abc XYZ. ?!…«»’\'(),;:0123456789 éÉ\u00A0\u202F\n'.split(''), 'M.', 'etc.', 'www.nato.int', '...', 'J. ');
	const texts = fc.array(alphabet, { maxLength: 80 }).map((a) => a.join(''));
	it.each([
		['fr', fr],
		['en', en]
	])('%s', (_l, seg) => {
		fc.assert(
			fc.property(texts, fc.string({ unit: 'binary', maxLength: 60 }), (a, b) => {
				for (const text of [a, b, a + b]) {
					const spans = segmentText(seg, text);
					let prevEnd = 0;
					for (const s of spans) {
						expect(text.slice(s.start, s.end)).toBe(s.text);
						expect(s.text.trim()).toBe(s.text);
						expect(s.text.length).toBeGreaterThan(0);
						// what lies between segments is white space only
						expect(text.slice(prevEnd, s.start).trim()).toBe('');
						prevEnd = s.end;
					}
					expect(text.slice(prevEnd).trim()).toBe('');
					expect(spans.map((s, i) => text.slice(i === 0 ? 0 : spans[i - 1].end, s.end)).join('') + text.slice(prevEnd)).toBe(text);
				}
			}),
			{ numRuns: 2000 }
		);
	});
});

describe('SRX 2.0 semantics', () => {
	it('the first matching rule decides, exceptions before breaks', () => {
		const doc = parseSrx(
			srx(`<rule break="no"><beforebreak>\\bDr\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
			     <rule break="yes"><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule>`)
		);
		const seg = compileSegmenter(doc, 'xx');
		expect(segmentText(seg, 'Dr. No is here. Next one.').map((s) => s.text)).toEqual(['Dr. No is here.', 'Next one.']);
		const decisions = explainBreaks(seg, 'Dr. No is here. Next one.');
		expect(decisions.map((d) => [d.position, d.break, d.rule.id])).toEqual([
			[3, false, 'R#1'],
			[15, true, 'R#2']
		]);
	});

	it('a beforebreak matches any text ending at the position (lookbehind), not only the leftmost match', () => {
		const doc = parseSrx(srx(`<rule break="yes"><beforebreak>[.?!]+</beforebreak><afterbreak>\\s\\p{Lu}</afterbreak></rule>`));
		const seg = compileSegmenter(doc, 'xx');
		expect(segmentText(seg, 'Quoi?! Oui. non. Fin').map((s) => s.text)).toEqual(['Quoi?!', 'Oui. non.', 'Fin']);
	});

	it('cascades every matching languagemap in order, or only the first without cascade', () => {
		const maps = '<languagemap languagepattern="fr.*" languagerulename="R"/><languagemap languagepattern=".*" languagerulename="Other"/>';
		const rules = `<rule break="yes"><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule>`;
		const cascading = compileSegmenter(parseSrx(srx(rules, maps, 'yes')), 'fr-FR');
		const first = compileSegmenter(parseSrx(srx(rules, maps, 'no')), 'fr-FR');
		expect(segmentText(cascading, 'a. b; c').length).toBe(3);
		expect(segmentText(first, 'a. b; c').length).toBe(2);
		expect(segmentText(compileSegmenter(parseSrx(srx(rules, maps, 'yes')), 'de'), 'a. b; c').length).toBe(2);
	});

	it('reads Java-isms used by OmegaT and Okapi rule files', () => {
		expect(translateJavaRegex('\\Q...\\E\\p{javaUpperCase}').source).toBe('\\.\\.\\.\\p{Lu}');
		expect(translateJavaRegex('(?i)\\bM\\.').ignoreCase).toBe(true);
		expect(translateJavaRegex('[\\p{Lu}\\-]++\\h').source).toBe('[\\p{Lu}\\-]+[ \\t\\u00A0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000]');
		expect(translateJavaRegex('\\"\\:').source).toBe('":');
		const seg = compileSegmenter(
			parseSrx(srx(`<rule break="no"><beforebreak>(?i)\\bcf\\.</beforebreak><afterbreak>\\s</afterbreak></rule><rule break="yes"><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule>`)),
			'xx'
		);
		expect(segmentText(seg, 'Voir CF. page 3. Fin.').map((s) => s.text)).toEqual(['Voir CF. page 3.', 'Fin.']);
	});

	it('refuses a broken file with its line and column, and a bad pattern with its rule', () => {
		const broken = srx('<rule break="no"><beforebreak>a</beforebreak></rul>');
		try {
			parseSrx(broken, 'mine.srx');
			expect.unreachable();
		} catch (e) {
			expect(isAtelierError(e) && e.code).toBe('srx_invalid');
			expect(isAtelierError(e) && e.location).toMatchObject({ file: 'mine.srx', line: 5 });
		}
		const badPattern = parseSrx(srx('<rule break="yes"><beforebreak>[a-z&amp;&amp;[^b]]</beforebreak><afterbreak></afterbreak></rule>'), 'mine.srx');
		try {
			compileSegmenter(badPattern, 'xx');
			expect.unreachable();
		} catch (e) {
			expect(isAtelierError(e) && e.code).toBe('srx_regex');
			expect(isAtelierError(e) && e.params.rule).toBe('R#1');
			expect(isAtelierError(e) && e.location).toMatchObject({ file: 'mine.srx', line: 5 });
		}
		expect(() => parseSrx('<!DOCTYPE srx [<!ENTITY x SYSTEM "file:///etc/passwd">]><srx/>', 'evil.srx')).toThrow(/srx_invalid/);
	});

	it('a user file placed first refines the shipped rules', () => {
		const mine = parseSrx(srx(`<rule break="no"><beforebreak>\\bSTANAG\\s\\d+\\.</beforebreak><afterbreak>\\s</afterbreak></rule>`, '<languagemap languagepattern="fr.*" languagerulename="R"/>'));
		const base = segmenterFor('fr-FR');
		const text = 'Voir le STANAG 2116. Il fixe les grades.';
		expect(segmentText(base, text)).toHaveLength(2);
		const refined = compileSegmenter([mine, loadSrxFile(defaultRulesPath())], 'fr-FR');
		expect(segmentText(refined, text)).toHaveLength(1);
	});
});

describe('rule files in the dialects of other tools', () => {
	const fixture = (n: string) => loadSrxFile(join(import.meta.dirname, 'fixtures', 'srx', n));
	const text = 'M. Dupont est arrivé, c.-à-d. hier. Mme Martin aussi ! « Oui. » 1. Point un. Fin';
	it.each([
		['okapi-style.srx', ['M. Dupont est arrivé, c.-à-d. hier.', 'Mme Martin aussi !', '« Oui.', '» 1.', 'Point un.', 'Fin']],
		['omegat-style.srx', ['M. Dupont est arrivé, c.-à-d. hier.', 'Mme Martin aussi !', '« Oui.', '» 1.', 'Point un.', 'Fin']]
	])('%s', (name, expected) => {
		const seg = compileSegmenter(fixture(name), 'fr-FR');
		expect(segmentText(seg, text).map((s) => s.text)).toEqual(expected);
	});
});
