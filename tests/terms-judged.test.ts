import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTbx } from '../src/core/formats/tbx/read.js';
import type { TermHit } from '../src/core/model.js';
import { createTermIndex, findTerms } from '../src/core/terms/recognize.js';

/**
 * Recognition keeps, per glossary entry, the outcome of its last match test with the words
 * and separators it was worked out for (`TermIndex.judged`), and a one-word entry's winner
 * on the word. An index that has seen many other writings of the same terms must find
 * exactly what a fresh index finds: the glossary's terms written in generated ways (case,
 * capitals without accents, every kind of separator), one after the other through one index.
 */
const ROOT = join(import.meta.dirname, '..');
const concepts = readTbx(readFileSync(join(ROOT, 'glossary/nato.tbx'), 'utf8'), 'glossary/nato.tbx');

let seed = 20081123;
const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

const SEPARATORS = [' ', ' ', ' ', '-', '-', '\u00A0', '\u202F', '–', '’', "'", '/', ', ', '  ', '-\n'];
const FILLERS = ['et la', 'des', 'the', 'of', '(', ')', ';', 'les', 'and', '«', '»', 'l’', 'd’', '2008'];

function writeWord(w: string): string {
	const r = rand();
	if (r < 0.55) return w;
	if (r < 0.7) return w.toLowerCase();
	if (r < 0.82) return w.toUpperCase();
	if (r < 0.9) return w.normalize('NFD').replace(/\p{M}+/gu, '').toUpperCase();
	if (r < 0.95) return w[0].toUpperCase() + w.slice(1);
	return `${w}s`;
}

function writeTerm(text: string): string {
	const parts = text.split(/([\s\-‐‑–’']+)/u);
	return parts.map((p, k) => (k % 2 ? (rand() < 0.7 ? p : pick(SEPARATORS)) : writeWord(p))).join('');
}

function texts(lang: string, count: number): string[] {
	const terms = concepts.flatMap((c) => c.terms.filter((t) => t.lang.startsWith(lang)).map((t) => t.text));
	// the longer terms more often: they go through the kept outcomes
	const long = terms.filter((t) => t.split(/\s+/).length >= 3);
	return Array.from({ length: count }, () =>
		Array.from({ length: 1 + Math.floor(rand() * 4) }, () => `${pick(FILLERS)} ${writeTerm(rand() < 0.6 ? pick(long) : pick(terms))}`).join(' ')
	);
}

const show = (h: TermHit) => `${h.start}-${h.end} ${JSON.stringify(h.text)}=>${h.conceptKey}/${h.term.text}/${h.term.status}`;

describe('recognition with outcomes kept from earlier texts', () => {
	for (const lang of ['fr', 'en']) {
		it(`finds in each text what a fresh index finds (${lang})`, () => {
			const warm = createTermIndex(concepts, lang);
			let hits = 0;
			let long = 0;
			for (const text of texts(lang, 400)) {
				const got = findTerms(warm, text).map(show);
				expect(got, JSON.stringify(text)).toEqual(findTerms(createTermIndex(concepts, lang), text).map(show));
				hits += got.length;
				long += findTerms(warm, text).filter((h) => h.text.split(/[\s\-‐‑–’'/,]+/u).length >= 3).length;
			}
			// the texts do hold terms, long ones among them (not a comparison of empty lists)
			expect(hits).toBeGreaterThan(400);
			expect(long).toBeGreaterThan(100);
		});
	}
});
