import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { align, auc, formatBeads, galeChurch, parseBeads, scoreBeads, scoreDocuments, type AlignSentence, type Bead, type SimpleBead } from '../src/core/align/index.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'align');

/** Fixture bitext: one sentence per line, blank line between paragraphs, `# ` before a heading. */
function readBitext(name: string): AlignSentence[] {
	const out: AlignSentence[] = [];
	let paragraph = 0;
	let pending = false;
	for (const line of readFileSync(join(FIXTURES, name), 'utf8').split('\n')) {
		if (!line.trim()) {
			if (pending) paragraph++;
			pending = false;
			continue;
		}
		const heading = line.startsWith('# ');
		out.push({ text: heading ? line.slice(2) : line, paragraph, kind: heading ? 'heading' : 'body' });
		pending = true;
	}
	return out;
}

const plain = (xs: AlignSentence[]) => xs.map((s) => ({ text: s.text }));
const key = (b: SimpleBead) => `[${b.src.join(', ')}]:[${b.tgt.join(', ')}]`;

/** Every sentence of both sides exactly once, in order, no bead empty on both sides. */
function partitions(beads: SimpleBead[], n: number, m: number): boolean {
	let i = 0;
	let j = 0;
	for (const b of beads) {
		if (!b.src.length && !b.tgt.length) return false;
		for (const x of b.src) if (x !== i++) return false;
		for (const y of b.tgt) if (y !== j++) return false;
	}
	return i === n && j === m;
}

/**
 * Parallel pseudo-sentences with a shared reference number each (as numbered articles
 * have): enough material for the long-input and partial-translation cases.
 */
function generated(count: number, seed = 7): { fr: string[]; en: string[] } {
	let a = seed;
	const rand = () => ((a = (a * 1103515245 + 12345) % 2147483648) / 2147483648);
	const nounsFr = ['comité', 'conseil', 'rapport', 'programme', 'budget', 'mandat', 'partenariat', 'territoire'];
	const nounsEn = ['committee', 'council', 'report', 'programme', 'budget', 'mandate', 'partnership', 'territory'];
	const fr: string[] = [];
	const en: string[] = [];
	for (let k = 0; k < count; k++) {
		const w = Math.floor(rand() * nounsFr.length);
		const n = Math.floor(rand() * 900) + 100;
		const long = rand() < 0.3;
		fr.push(`Article ${k + 1} : le ${nounsFr[w]} a examiné ${n} dossiers${long ? ' au cours de sa session ordinaire et en a renvoyé plusieurs aux commissions compétentes' : ''}.`);
		en.push(`Article ${k + 1}: the ${nounsEn[w]} examined ${n} files${long ? ' during its regular session and referred several of them to the relevant committees' : ''}.`);
	}
	return { fr, en };
}

describe('bead format', () => {
	it('parses and writes [i, j]:[k] lines, empty sides included', () => {
		const text = '[0]:[0]\n[1, 2]:[3]\n[]:[4]\n[3]:[]\n[4]:[5, 6, 7]\n';
		const beads = parseBeads(text);
		expect(beads).toEqual([
			{ src: [0], tgt: [0] },
			{ src: [1, 2], tgt: [3] },
			{ src: [], tgt: [4] },
			{ src: [3], tgt: [] },
			{ src: [4], tgt: [5, 6, 7] }
		]);
		expect(formatBeads(beads)).toBe(text);
		expect(parseBeads('\n[0]:[0]\r\n\n')).toEqual([{ src: [0], tgt: [0] }]);
	});

	it('rejects a malformed line, naming it', () => {
		expect(() => parseBeads('[0]:[0]\n[1]-[1]\n')).toThrow(/line 2/);
	});
});

describe('score (Sennrich & Volk strict and lax)', () => {
	const gold: SimpleBead[] = [
		{ src: [0], tgt: [0] },
		{ src: [1], tgt: [1] }
	];

	it('an identical alignment scores 1 everywhere', () => {
		const s = scoreBeads(gold, gold);
		expect(s.f1).toEqual({ strict: 1, lax: 1 });
	});

	it('a merge of two right beads is a lax hit but not a strict one, both ways', () => {
		const s = scoreBeads(gold, [{ src: [0, 1], tgt: [0, 1] }]);
		expect(s.precision).toEqual({ strict: 0, lax: 1 });
		expect(s.recall).toEqual({ strict: 0, lax: 1 });
	});

	it('a shifted bead is not even a lax hit', () => {
		const s = scoreBeads(gold, [
			{ src: [0], tgt: [1] },
			{ src: [1], tgt: [0] }
		]);
		expect(s.precision.lax).toBe(0);
	});

	it('predicted 1–0 beads count in precision; gold 1–0 and 0–1 beads are left out of recall', () => {
		const withDeletion: SimpleBead[] = [
			{ src: [0], tgt: [0] },
			{ src: [1], tgt: [] },
			{ src: [], tgt: [1] }
		];
		// predicting the deletion exactly: perfect
		expect(scoreBeads(withDeletion, withDeletion).f1.strict).toBe(1);
		// aligning the two unaligned sentences with each other: one wrong bead in precision,
		// while recall (over gold beads that have both sides) is untouched
		const s = scoreBeads(withDeletion, gold);
		expect(s.precision.strict).toBe(0.5);
		expect(s.precision.lax).toBe(0.5);
		expect(s.recall.strict).toBe(1);
		// a predicted deletion that gold aligns is a precision miss, and its gold bead a recall miss
		const t = scoreBeads(gold, [{ src: [0], tgt: [0] }, { src: [1], tgt: [] }, { src: [], tgt: [1] }]);
		expect(t.precision.strict).toBeCloseTo(1 / 3);
		expect(t.recall.strict).toBe(0.5);
	});

	it('sums counts over documents before dividing', () => {
		const docA = { gold, test: gold }; // 2 of 2 right
		const docB = { gold: [{ src: [0], tgt: [0] }], test: [{ src: [0], tgt: [1] }, { src: [], tgt: [0] }] }; // 0 of 2
		const s = scoreDocuments([docA, docB]);
		expect(s.precision.strict).toBe(0.5);
		expect(s.counts.p).toEqual({ tpStrict: 2, fpStrict: 2, tpLax: 2, fpLax: 2 });
	});

	it('AUC of a perfect and of a useless ranking', () => {
		expect(auc([0.9, 0.8, 0.2, 0.1], [true, true, false, false])).toBe(1);
		expect(auc([0.5, 0.5, 0.5, 0.5], [true, false, true, false])).toBe(0.5);
	});
});

describe('aligner on a small French→English bitext', () => {
	const fr = readBitext('summit.fr.txt');
	const en = readBitext('summit.en.txt');
	const gold = parseBeads(readFileSync(join(FIXTURES, 'summit.gold.beads'), 'utf8'));
	const glossaryPairs: [string, string][] = [
		['OTAN', 'NATO'],
		['FIAS', 'ISAF']
	];

	it('finds the merge, the split, the deletion and the headings (two levels)', () => {
		const r = align(fr, en, { srcLang: 'fr', tgtLang: 'en', glossaryPairs });
		const got = r.beads.map(key);
		expect(got).toEqual(gold.map(key));
		expect(r.stats.paragraphBeads).toBeGreaterThan(1);
		expect(partitions(r.beads, fr.length, en.length)).toBe(true);
	});

	it('does as well on presegmented text without structure (one level)', () => {
		const r = align(plain(fr), plain(en), { srcLang: 'fr', tgtLang: 'en', glossaryPairs });
		expect(r.stats.paragraphBeads).toBeUndefined();
		expect(scoreBeads(gold, r.beads).f1.strict).toBeGreaterThanOrEqual(0.85);
	});

	it('explains a bead with structured evidence', () => {
		const r = align(fr, en, { srcLang: 'fr', tgtLang: 'en', glossaryPairs });
		const afghan = r.beads.find((b) => b.src[0] === 2)!;
		const kinds = afghan.evidence.map((e) => e.kind);
		expect(kinds).toEqual(expect.arrayContaining(['numbers', 'term', 'names', 'length']));
		expect(afghan.evidence).toContainEqual({ kind: 'term', pair: ['FIAS', 'ISAF'], origin: 'glossary' });
		const numbers = afghan.evidence.find((e) => e.kind === 'numbers');
		expect(numbers).toMatchObject({ kind: 'numbers', match: expect.arrayContaining(['47 000', '40']) });
		const untranslated = r.beads.find((b) => b.src[0] === 11)!;
		expect(untranslated.tgt).toEqual([]);
		expect(untranslated.evidence).toEqual([{ kind: 'no_counterpart', side: 'src' }]);
		const question = r.beads.find((b) => b.src[0] === 16)!;
		expect(question.evidence).toContainEqual({ kind: 'punctuation', marks: ['?'] });
		const heading = r.beads[0];
		expect(heading.evidence).toContainEqual({ kind: 'structure', role: 'heading' });
		for (const b of r.beads) expect(JSON.parse(JSON.stringify(b))).toEqual(b);
	});

	it('never aligns a heading with body text', () => {
		// the English drops its second heading: the French heading must stay unaligned
		const enNoHeading = en.filter((s, k) => !(s.kind === 'heading' && k > 0));
		const r = align(fr, enNoHeading, { srcLang: 'fr', tgtLang: 'en' });
		for (const b of r.beads) {
			const fk = b.src.map((i) => fr[i].kind);
			const ek = b.tgt.map((j) => enNoHeading[j].kind);
			if (fk.includes('heading') || ek.includes('heading')) expect(b.src.length && b.tgt.length ? [...fk, ...ek].every((k) => k === 'heading') : true).toBe(true);
		}
		expect(r.beads).toContainEqual(expect.objectContaining({ src: [5], tgt: [] }));
	});

	it('lets numbers decide between sentences of the same length', () => {
		const src = ['Le budget de 2005 était de 120 millions.', 'Le budget de 2006 était de 135 millions.', 'Le budget de 2007 était de 150 millions.', 'Le budget de 2008 était de 170 millions.'];
		// the 2006 sentence is missing from the translation
		const tgt = ['The 2005 budget was 120 million.', 'The 2007 budget was 150 million.', 'The 2008 budget was 170 million.'];
		const r = align(
			src.map((text) => ({ text })),
			tgt.map((text) => ({ text }))
		);
		expect(r.beads.map(key)).toEqual(['[0]:[0]', '[1]:[]', '[2]:[1]', '[3]:[2]']);
		expect(r.beads[2].evidence).toContainEqual({ kind: 'numbers', match: ['2007', '150'] });
	});

	it('is unsure of an alignment between texts that do not correspond', () => {
		// the English in reverse order: whatever the aligner makes of it, it must say so
		const mean = (bs: Bead[]) => bs.reduce((s, b) => s + b.confidence, 0) / bs.length;
		const good = align(plain(fr), plain(en));
		expect(mean(good.beads)).toBeGreaterThan(0.85);
		expect(good.warnings).toEqual([]);
		const reversed = align(plain(fr), plain(en).reverse());
		const unrelated = align(plain(fr), generated(15).en.map((text) => ({ text })));
		for (const bad of [reversed, unrelated]) {
			expect(mean(bad.beads)).toBeLessThan(mean(good.beads) - 0.25);
			expect(bad.warnings.map((w) => w.code)).toContain('weak_evidence');
		}
	});

	it('the Gale–Church baseline partitions too', () => {
		const g = galeChurch(
			fr.map((s) => s.text),
			en.map((s) => s.text)
		);
		expect(partitions(g, fr.length, en.length)).toBe(true);
		expect(galeChurch([], [])).toEqual([]);
		expect(galeChurch(['a'], [])).toEqual([{ src: [0], tgt: [] }]);
	});
});

describe('edge cases: warnings, never exceptions', () => {
	it('empty sides', () => {
		expect(align([], [])).toMatchObject({ beads: [], warnings: [{ code: 'empty_source' }, { code: 'empty_target' }] });
		const r = align([], [{ text: 'Hello.' }, { text: 'Bye.' }]);
		expect(r.beads.map(key)).toEqual(['[]:[0]', '[]:[1]']);
		expect(r.warnings).toEqual([{ code: 'empty_source' }]);
		const t = align([{ text: 'Bonjour.' }], []);
		expect(t.beads.map(key)).toEqual(['[0]:[]']);
		expect(t.warnings).toEqual([{ code: 'empty_target' }]);
		const e = align([{ text: '' }, { text: '   ' }], [{ text: '' }]);
		expect(partitions(e.beads, 2, 1)).toBe(true);
	});

	it('a partial translation is reported with its coverage', () => {
		const { fr, en } = generated(200);
		const r = align(
			fr.map((text) => ({ text })),
			en.slice(0, 80).map((text) => ({ text })),
			{ srcLang: 'fr', tgtLang: 'en' }
		);
		const w = r.warnings.find((x) => x.code === 'partial_coverage');
		expect(w).toBeDefined();
		expect(w).toMatchObject({ side: 'src' });
		if (w?.code === 'partial_coverage') {
			expect(w.coverage).toBeGreaterThan(0.3);
			expect(w.coverage).toBeLessThan(0.5);
			expect(w.unaligned).toContainEqual({ from: 80, to: 199 });
		}
		expect(r.beads.slice(0, 80).every((b) => b.src.length === 1 && b.tgt.length === 1 && b.src[0] === b.tgt[0])).toBe(true);
	});

	it('identical languages: same text aligns 1–1 and is flagged', () => {
		const { fr } = generated(60);
		const r = align(
			fr.map((text) => ({ text })),
			fr.map((text) => ({ text })),
			{ srcLang: 'fr-FR', tgtLang: 'fr-CA' }
		);
		expect(r.beads.every((b, k) => b.src[0] === k && b.tgt[0] === k && b.src.length === 1 && b.tgt.length === 1)).toBe(true);
		expect(r.warnings).toContainEqual({ code: 'same_language', identicalShare: 1 });
		expect(r.beads[5].evidence).toContainEqual({ kind: 'identical' });
	});

	it('a 20k-sentence input completes, in linear memory', { timeout: 240_000 }, () => {
		const { fr, en } = generated(20_000);
		// a few untranslated sentences and a merge, so the path is not a plain diagonal
		en.splice(5000, 2, en[5000] + ' ' + en[5001]);
		en.splice(12_000, 3);
		const r = align(
			fr.map((text) => ({ text })),
			en.map((text) => ({ text }))
		);
		expect(partitions(r.beads, fr.length, en.length)).toBe(true);
		expect(r.beads).toContainEqual(expect.objectContaining({ src: [5000, 5001], tgt: [5000] }));
		// the band, not the n × m matrix
		expect(r.stats.cells).toBeLessThan(200 * (fr.length + en.length));
	});
});

describe('property: beads always partition both sides in order', () => {
	const word = fc.constantFrom('le', 'conseil', 'OTAN', 'NATO', 'council', '2008', '47 000', '«', '»', '?', '!', '(', ')', 'Élargissement', 'the', 'a', 'x', '', '—', 'https://nato.int');
	const sentence = fc.array(word, { maxLength: 12 }).map((ws) => ws.join(' '));
	const side = fc.array(
		fc.record({
			text: sentence,
			paragraph: fc.integer({ min: 0, max: 4 }),
			kind: fc.constantFrom('heading', 'body', 'list_item', 'footnote') as fc.Arbitrary<AlignSentence['kind']>
		}),
		{ maxLength: 25 }
	);

	it('300 random bitexts', () => {
		fc.assert(
			fc.property(side, side, fc.boolean(), (src, tgt, structured) => {
				// paragraph numbers must be non-decreasing to describe paragraphs
				const shape = (xs: AlignSentence[]) => (structured ? [...xs].sort((a, b) => a.paragraph! - b.paragraph!) : xs.map((s) => ({ text: s.text })));
				const s = shape(src);
				const t = shape(tgt);
				const r = align(s, t, { glossaryPairs: [['OTAN', 'NATO']], tmPairs: [['le conseil', 'the council']] });
				expect(partitions(r.beads, s.length, t.length)).toBe(true);
				for (const b of r.beads as Bead[]) {
					expect(b.confidence).toBeGreaterThanOrEqual(0);
					expect(b.confidence).toBeLessThanOrEqual(1);
					expect(Array.isArray(b.evidence)).toBe(true);
				}
			}),
			{ numRuns: 300, seed: 2008 }
		);
	});
});
