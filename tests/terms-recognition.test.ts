import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTbx } from '../src/core/formats/tbx/read.js';
import type { TermHit } from '../src/core/model.js';
import { createTermIndex, findTerms } from '../src/core/terms/recognize.js';
import { createScan, scanText, sepAt } from '../src/core/terms/scan.js';
import { tokenize } from '../src/core/terms/tokens.js';

/**
 * Terminology recognition table: `tests/fixtures/terms/recognition.tsv`, run against the
 * real project glossary `glossary/nato.tbx`.
 *
 * One case a line, tab-separated: `lang` (fr|en), `text`, `expected` (every hit, in order,
 * as `surface=>conceptKey` joined by ` | `, or `-` for none), `why` (the phenomenon), and an
 * optional `status` column (the expected term statuses, in the same order). `#` lines are
 * comments. In `text` and `expected`, `\uXXXX` stands for that character, so no-break spaces
 * and special hyphens stay visible.
 */
interface Case {
	line: number;
	lang: 'fr' | 'en';
	text: string;
	expected: string[];
	why: string;
	status?: string[];
}

const ROOT = join(import.meta.dirname, '..');
const TABLE = join(ROOT, 'tests/fixtures/terms/recognition.tsv');

const unescape = (s: string) => s.replace(/\\u([0-9A-Fa-f]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
const list = (s: string) => (s === '-' ? [] : s.split(' | ').map(unescape));

function readCases(file: string): Case[] {
	const cases: Case[] = [];
	readFileSync(file, 'utf8')
		.split('\n')
		.forEach((raw, i) => {
			const line = i + 1;
			if (raw.trim() === '' || raw.startsWith('#')) return;
			const cols = raw.split('\t');
			if (cols.length < 4 || cols.length > 5) throw new Error(`${file}:${line}: expected 4 or 5 tab-separated columns, got ${cols.length}`);
			const [lang, text, expected, why, status] = cols;
			if (lang !== 'fr' && lang !== 'en') throw new Error(`${file}:${line}: lang must be fr or en, got ${JSON.stringify(lang)}`);
			if (!text.trim() || !expected.trim() || !why.trim()) throw new Error(`${file}:${line}: empty column`);
			const c: Case = { line, lang, text: unescape(text), expected: list(expected), why };
			if (status !== undefined) {
				c.status = list(status);
				if (c.status.length !== c.expected.length) throw new Error(`${file}:${line}: ${c.status.length} statuses for ${c.expected.length} hits`);
			}
			cases.push(c);
		});
	return cases;
}

const concepts = readTbx(readFileSync(join(ROOT, 'glossary/nato.tbx'), 'utf8'), 'glossary/nato.tbx');
const index = { fr: createTermIndex(concepts, 'fr'), en: createTermIndex(concepts, 'en') };
const cases = readCases(TABLE);
const conceptKeys = new Set(concepts.map((c) => c.key));

const show = (h: TermHit) => `${h.text}=>${h.conceptKey}`;
const run = (c: Case) => findTerms(index[c.lang], c.text);

describe('terminology recognition table', () => {
	it('has at least 150 cases, in both languages, with real concept keys', () => {
		expect(cases.length).toBeGreaterThanOrEqual(150);
		expect(cases.filter((c) => c.lang === 'fr').length).toBeGreaterThan(50);
		expect(cases.filter((c) => c.lang === 'en').length).toBeGreaterThan(50);
		expect(cases.filter((c) => c.why.startsWith('seed')).length).toBeGreaterThanOrEqual(40);
		const unknown = cases.flatMap((c) => c.expected.map((e) => e.split('=>')[1]).filter((k) => !conceptKeys.has(k)).map((k) => `line ${c.line}: ${k}`));
		expect(unknown).toEqual([]);
	});

	for (const c of cases) {
		it(`line ${c.line}: ${c.why}`, () => {
			const hits = run(c);
			expect(hits.map(show), `${c.lang}: ${c.text}`).toEqual(c.expected);
			for (const h of hits) expect(c.text.slice(h.start, h.end)).toBe(h.text);
			if (c.status) expect(hits.map((h) => h.term.status), `statuses in: ${c.text}`).toEqual(c.status);
		});
	}

	it('precision ≥ 0.98 and recall ≥ 0.99 over the whole table', () => {
		let tp = 0;
		let fp = 0;
		let fn = 0;
		for (const c of cases) {
			const found = run(c).map(show);
			const left = [...found];
			for (const e of c.expected) {
				const k = left.indexOf(e);
				if (k >= 0) {
					tp++;
					left.splice(k, 1);
				} else fn++;
			}
			fp += left.length;
		}
		const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
		const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
		console.log(`terminology recognition: ${cases.length} cases, ${tp + fn} expected hits; TP ${tp}, FP ${fp}, FN ${fn}; precision ${precision.toFixed(4)}, recall ${recall.toFixed(4)}`);
		expect(precision).toBeGreaterThanOrEqual(0.98);
		expect(recall).toBeGreaterThanOrEqual(0.99);
	});
});

describe('the scanner behind recognition', () => {
	// a small deterministic generator: the same strings on every run
	let seed = 20081104;
	const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
	const PIECES = ['a', 'Z', 'é', 'É', 'œ', '9', ' ', '\u00A0', '\u202F', '-', '‑', '–', "'", '’', 'ʼ', '.', ',', '@', 'www.', '://', '.org', '.int/x', 'nato', '𝐀', '🙂', '\uD800', '«', 'OTAN'];
	const texts = Array.from({ length: 3000 }, () => Array.from({ length: 1 + Math.floor(rand() * 30) }, () => PIECES[Math.floor(rand() * PIECES.length)]).join(''));

	it('cuts every text into the same tokens and separators as tokenize', () => {
		const scan = createScan();
		for (const text of [...texts, '', 'l’OTAN', 'www.nato-russia-council.info et l’OTAN', 'euro-\n atlantique']) {
			scanText(text, scan);
			const got = Array.from({ length: scan.n }, (_, k) => [scan.starts[k], scan.ends[k], sepAt(scan, k)]);
			expect(got, JSON.stringify(text)).toEqual(tokenize(text).map((t) => [t.start, t.end, t.sep]));
		}
	});

	it('finds the same terms in a text however often its words were met before', () => {
		const fresh = () => createTermIndex(concepts, 'fr');
		const text = 'Le Conseil OTAN-Russie (COR) et la FIAS ; l’OTAN, les Alliés et les Partenaires.';
		const warm = fresh();
		for (const t of texts) findTerms(warm, t);
		expect(findTerms(warm, text).map(show)).toEqual(findTerms(fresh(), text).map(show));
		expect(findTerms(warm, text).map(show)).toContain('Conseil OTAN-Russie=>c-nrc');
	});
});
