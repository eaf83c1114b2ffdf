import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normText, normTextRegex, tokenizeNorm, tokenString } from '../src/core/tm/normalize.js';
import { toNfc } from '../src/core/text/nfc.js';
import { tmxDateToIso } from '../src/core/formats/tmx/units.js';

// the fast paths are checked against the regular expressions they replace, on texts made of
// the characters that matter to them: every kind of space, apostrophes, tags, digits and separators,
// accents composed and decomposed, letters outside the BMP
const ALPHABET = [
	'a', 'B', 'é', 'É', 'e\u0301', 'ß', 'œ', ' ', '  ', '\u00A0', '\u202F', '\u2009', '\u200B', '\t', '\n', '\uFEFF', '\u3000',
	'’', "'", '‘', 'ʼ', '`', '´', '«', '»', '-', '.', ',', ';', '1', '9', '²', '½', '٣', '\uE000', '\uE001', '\uF8FF',
	'𝐀', '😀', 'Ω', '\u2126', 'K', '\u212A', 'ﬁ', '\u0300', 'x',
	// lower-cased differently in context (final sigma) or to two code units (İ)
	'Σ', 'ς', 'ΟΔΟΣ', 'İ', 'Ǆ'
];
const text = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }).map((a) => a.join(''));

function tokenizeRegex(norm: string) {
	const tokens: string[] = [];
	const raw: string[] = [];
	for (const m of norm.matchAll(/[\p{L}\p{N}]+(?:[.,][\p{N}]+)*/gu)) {
		raw.push(m[0]);
		tokens.push(/^\p{N}[\p{N}.,]*$/u.test(m[0]) ? '#' : m[0].toLowerCase());
	}
	return { tokens, raw };
}

describe('TM normalisation fast paths', () => {
	it('normText equals the regular-expression version', () => {
		fc.assert(fc.property(text, (s) => {
			expect(normText(s)).toBe(normTextRegex(s));
		}), { numRuns: 20_000 });
	});

	it('tokenizeNorm and tokenString equal the regular-expression version', () => {
		fc.assert(
			fc.property(text, (s) => {
				const n = normText(s);
				expect(tokenizeNorm(n)).toEqual(tokenizeRegex(n));
				expect(tokenString(n)).toBe(tokenizeRegex(n).tokens.join(' '));
			}),
			{ numRuns: 20_000 }
		);
	});

	it('toNfc equals String.prototype.normalize', () => {
		fc.assert(fc.property(text, (s) => {
			expect(toNfc(s)).toBe(s.normalize("NFC"));
		}), { numRuns: 20_000 });
		// decomposed input is composed, not passed through
		expect(toNfc('e\u0301te\u0301')).toBe('été');
		expect(toNfc('\u212A')).toBe('K');
	});

	it('keeps numbers, elisions and typography as the matcher expects', () => {
		expect(tokenizeNorm(normText('L’OTAN a 1 386,5 km et 2,5 %')).tokens).toEqual(["l", 'otan', 'a', '#', '#', 'km', 'et', '#']);
		expect(normText(' \u00A0«\u202Fvoilà\u202F» \uE000 l’Alliance ')).toBe("« voilà » l'Alliance");
	});

	it('reads TMX dates as the Date-based path does', () => {
		// both paths (day ≤ 28 sliced, the rest through Date) keep years before 100 as written
		expect(tmxDateToIso('00500115T101500Z')).toBe('0050-01-15T10:15:00.000Z');
		expect(tmxDateToIso('00500131T101500Z')).toBe('0050-01-31T10:15:00.000Z');
		expect(tmxDateToIso('20240230T000000Z')).toBeNull();
		expect(tmxDateToIso('20240229T235959Z')).toBe('2024-02-29T23:59:59.000Z');
		const slow = (v: string) => {
			const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v)!;
			const d = new Date(Date.UTC(2000, 0, 1, +m[4], +m[5], +m[6]));
			d.setUTCFullYear(+m[1], +m[2] - 1, +m[3]);
			return d.getUTCDate() !== +m[3] || d.getUTCHours() !== +m[4] || d.getUTCMinutes() !== +m[5] || d.getUTCSeconds() !== +m[6] || d.getUTCMonth() !== +m[2] - 1 ? null : d.toISOString();
		};
		const two = (a: number, b: number) => fc.integer({ min: a, max: b }).map((n) => String(n).padStart(2, '0'));
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 9999 }).map((y) => String(y).padStart(4, '0')), two(0, 13), two(0, 32), two(0, 24), two(0, 60), two(0, 60), (y, mo, d, h, mi, s) => {
				const v = `${y}${mo}${d}T${h}${mi}${s}Z`;
				expect(tmxDateToIso(v)).toBe(slow(v));
			}),
			{ numRuns: 20_000 }
		);
	});
});
