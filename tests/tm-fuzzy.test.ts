import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TmUnit } from '../src/core/model.js';
import { FuzzyIndex } from '../src/core/tm/fuzzy-index.js';
import { MyersMatcher } from '../src/core/tm/myers.js';
import { normText, tokenizeForTm } from '../src/core/tm/normalize.js';
import { boundedTokenDistance, prepareQuery, scoreMatch, scoreOnly } from '../src/core/tm/score.js';
import { MAX_PENALTY, penaltyBound } from '../src/core/tm/top-matches.js';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { tempDir } from './helpers/db.js';
import { nearDuplicates } from './helpers/near-duplicates.js';

// few words, so that units share many tokens and every filter is exercised near its bound
const word = fc.constantFrom('le', 'la', 'de', 'otan', 'sécurité', 'défense', 'a', 'mené', 'exercice', '#', 'x', 'y', 'z');
const sentence = fc.array(word, { minLength: 0, maxLength: 16 });
const corpus = fc.array(sentence, { minLength: 1, maxLength: 50 });
const prefixHits = fc.integer({ min: 1, max: 6 });
const key = (cs: { id: number; distance: number }[]) => cs.map((c) => `${c.id}:${c.distance}`);

describe('fuzzy index with the ℓ-prefix filter: never misses a unit the scan finds', () => {
	it('all matches = the scan, for every ℓ and threshold', () => {
		fc.assert(
			fc.property(corpus, sentence, fc.integer({ min: 40, max: 100 }), prefixHits, (units, q, threshold, ell) => {
				const ix = new FuzzyIndex({ prefixHits: ell });
				units.forEach((s, i) => ix.add(i + 1, s));
				const want = q.length === 0 ? [] : ix.scan(q, threshold / 100);
				expect(key(ix.search(q, threshold / 100))).toEqual(key(want));
			}),
			{ numRuns: 2500 }
		);
	});

	it('top-k with the rising threshold = the scan’s first k', () => {
		fc.assert(
			fc.property(corpus, sentence, fc.integer({ min: 50, max: 100 }), fc.integer({ min: 1, max: 8 }), prefixHits, (units, q, threshold, k, ell) => {
				const ix = new FuzzyIndex({ prefixHits: ell });
				units.forEach((s, i) => ix.add(i + 1, s));
				const want = q.length === 0 ? [] : ix.scan(q, threshold / 100).slice(0, k);
				expect(key(ix.search(q, threshold / 100, k))).toEqual(key(want));
			}),
			{ numRuns: 2000 }
		);
	});

	it('searchWith: whatever the caller raises the threshold to, every unit at or above the final one is passed', () => {
		fc.assert(
			fc.property(corpus, sentence, fc.array(fc.integer({ min: 50, max: 100 }), { minLength: 1, maxLength: 20 }), prefixHits, (units, q, raises, ell) => {
				const ix = new FuzzyIndex({ prefixHits: ell });
				units.forEach((s, i) => ix.add(i + 1, s));
				const passed = new Map<number, number>();
				let call = 0;
				const final = ix.searchWith(q, 0.5, (id, distance, sim) => {
					expect(passed.has(id)).toBe(false); // each unit once
					passed.set(id, distance);
					expect(sim).toBeGreaterThanOrEqual(0.5 - 1e-9);
					return raises[call++ % raises.length] / 100;
				});
				for (const c of q.length === 0 ? [] : ix.scan(q, final)) expect(passed.get(c.id)).toBe(c.distance);
			}),
			{ numRuns: 1500 }
		);
	});

	it('stays exact through adds, replacements, removals and re-rankings', () => {
		const op = fc.oneof(
			fc.record({ kind: fc.constant('add' as const), id: fc.integer({ min: 1, max: 40 }), s: sentence }),
			fc.record({ kind: fc.constant('remove' as const), id: fc.integer({ min: 1, max: 40 }) }),
			fc.record({ kind: fc.constant('search' as const), s: sentence, threshold: fc.integer({ min: 50, max: 100 }), k: fc.constantFrom(Infinity, 1, 3) })
		);
		fc.assert(
			fc.property(fc.array(op, { minLength: 1, maxLength: 80 }), prefixHits, (ops, ell) => {
				const ix = new FuzzyIndex({ prefixHits: ell });
				for (const o of ops) {
					if (o.kind === 'add') ix.add(o.id, o.s);
					else if (o.kind === 'remove') ix.remove(o.id);
					else {
						const all = o.s.length === 0 ? [] : ix.scan(o.s, o.threshold / 100);
						expect(key(ix.search(o.s, o.threshold / 100, o.k))).toEqual(key(Number.isFinite(o.k) ? all.slice(0, o.k) : all));
					}
				}
			}),
			{ numRuns: 1500 }
		);
	});

	it('a long query over a skewed vocabulary (many hits per unit, long postings) agrees with the scan', () => {
		let a = 11;
		const rand = () => ((a = (a * 1103515245 + 12345) >>> 0) / 2 ** 32);
		const words = Array.from({ length: 400 }, (_, i) => `w${i}`);
		const pick = () => words[Math.floor(words.length * rand() ** 3)];
		for (const ell of [1, 2, 3, 5]) {
			const ix = new FuzzyIndex({ prefixHits: ell });
			const units: string[][] = [];
			for (let i = 1; i <= 2000; i++) {
				// a quarter are edits of an earlier unit, as in a real memory
				const s = i > 10 && rand() < 0.25 ? units[Math.floor(rand() * units.length)].map((w) => (rand() < 0.2 ? pick() : w)) : Array.from({ length: 1 + Math.floor(rand() * 70) }, pick);
				units.push(s);
				ix.add(i, s);
			}
			for (let k = 0; k < 15; k++) {
				const q = units[Math.floor(rand() * units.length)].map((w) => (rand() < 0.3 ? pick() : w));
				if (q.length === 0) continue;
				const all = ix.scan(q, 0.5);
				expect(key(ix.search(q, 0.5))).toEqual(key(all));
				expect(key(ix.search(q, 0.5, 5))).toEqual(key(all.slice(0, 5)));
			}
		}
	});
});

describe('Myers bit-parallel word distance', () => {
	it('equals the banded dynamic programme, across 32-token blocks and cut-offs', () => {
		const seq = fc.array(fc.integer({ min: -1, max: 4 }), { maxLength: 110 });
		fc.assert(
			fc.property(seq, seq, fc.integer({ min: 0, max: 120 }), (q, u, limit) => {
				const m = new MyersMatcher();
				m.setQuery(q, 5);
				// units hold only known tokens (≥ 0); -1 in the query is a word the index never saw
				const unit = Int32Array.from(u.map((x) => Math.max(0, x)));
				expect(m.distance(unit, 0, unit.length, limit)).toBe(boundedTokenDistance(q, unit, limit));
			}),
			{ numRuns: 3000 }
		);
	});
});

describe('penalties are bounded (the lookup’s early threshold relies on it)', () => {
	it('a score is never more than MAX_PENALTY below its base', () => {
		const w = fc.constantFrom('Le', 'le', 'LE', 'OTAN', 'otan', '12', '2008', '3,5', 'a', 'mené', '\uE001', '\uE002', 'x');
		const text = fc.array(fc.tuple(w, fc.constantFrom(' ', ', ', '. ', ' ; ', ' « ', ' » ')), { maxLength: 14 }).map((ws) => ws.map(([a, b]) => a + b).join(''));
		fc.assert(
			fc.property(text, text, (a, b) => {
				const s = scoreMatch(a, b);
				expect(s.score).toBeLessThanOrEqual(s.base);
				expect(s.base - s.score).toBeLessThanOrEqual(MAX_PENALTY);
				expect(s.base - s.score).toBeLessThanOrEqual(penaltyBound(tokenizeForTm(a).tokens));
			}),
			{ numRuns: 3000 }
		);
	});

	it('scoreOnly (how a lookup ranks candidates) gives scoreMatch’s score and base', () => {
		const w = fc.constantFrom('Le', 'le', 'LE', 'OTAN', 'otan', '12', '2008', '3,5', 'a', 'mené', 'l’OTAN', 'l\'otan', '\uE001', '\uE002', 'x', 'É');
		const text = fc.array(fc.tuple(w, fc.constantFrom(' ', ', ', '. ', ' ; ', ' « ', ' » ', '\u00a0', '  ')), { maxLength: 14 }).map((ws) => ws.map(([a, b]) => a + b).join(''));
		fc.assert(
			fc.property(text, text, (a, b) => {
				const full = scoreMatch(a, b);
				expect(scoreOnly(prepareQuery(a), b)).toEqual({ score: full.score, base: full.base });
			}),
			{ numRuns: 5000 }
		);
	});
});

describe('TM lookup: the top k by final score = scoring every unit', () => {
	const unit = (source: string, changedAt: string): TmUnit => ({ sourceLang: 'fr-FR', targetLang: 'en-GB', source, target: `EN ${source}`, origin: 'translation', changedAt });
	let wb: Workbench;
	let dir: ReturnType<typeof tempDir>;
	const sources: string[] = [];
	// near-duplicates with case, number, punctuation and word changes: penalties reorder them
	const { rand, pick, vary, base } = nearDuplicates(5);
	beforeAll(() => {
		dir = tempDir();
		wb = createWorkbench({ dbPath: join(dir.dir, 'tm.sqlite') });
		const units: TmUnit[] = [];
		for (let i = 0; i < 600; i++) {
			const s = vary(pick(base));
			sources.push(s);
			// few distinct dates: ties on score and date are common
			units.push(unit(s, `2024-0${1 + Math.floor(rand() * 3)}-01T00:00:00.000Z`));
		}
		wb.tm.add(units);
	});
	afterAll(() => {
		wb.close();
		dir.remove();
	});

	it('on a generated memory of near-duplicates, for random queries, thresholds and limits', () => {
		const all = [...wb.tm.iterate()];
		let compared = 0;
		for (let k = 0; k < 120; k++) {
			const text = rand() < 0.2 ? pick(sources) : vary(pick(rand() < 0.5 ? base : sources));
			const threshold = pick([50, 50, 60, 75, 85, 95]);
			const limit = pick([1, 3, 5, 5, 10]);
			const qt = tokenizeForTm(text).tokens;
			// the reference: every unit scored in full, ranked as lookups rank (score, then date;
			// exact ones by id descending, fuzzy ones by word similarity, then id)
			const ranked = all
				.map((u) => {
					const exact = normText(u.source) === normText(text);
					const ut = tokenizeForTm(u.source).tokens;
					const longest = Math.max(qt.length, ut.length);
					const sim = longest === 0 ? 0 : (longest - boundedTokenDistance(qt, ut, longest)) / longest;
					return { id: u.id, score: exact ? 100 : scoreMatch(text, u.source).score, exact, sim, changedAt: u.changedAt ?? '' };
				})
				.filter((r) => r.exact || (r.score >= threshold && qt.length > 0))
				.sort((x, y) => y.score - x.score || y.changedAt.localeCompare(x.changedAt) || (x.exact ? y.id - x.id : y.sim - x.sim || x.id - y.id));
			const want = ranked.slice(0, limit).map((r) => `${r.id}:${r.score}`);
			const got = wb.tm.lookup(text, { sourceLang: 'fr-FR', targetLang: 'en-GB', threshold, limit }).map((m) => `${m.unit.id}:${m.score}`);
			expect(got).toEqual(want);
			if (want.length) compared++;
		}
		// the memory really is dense in matches (the comparison is not vacuous)
		expect(compared).toBeGreaterThan(80);
	});

	it('a unit whose base equals the k-th score is still scored: it may tie and win on date', () => {
		for (const laterFirst of [false, true]) {
			const d = tempDir();
			const w = createWorkbench({ dbPath: join(d.dir, 'tm.sqlite') });
			try {
				const q = 'un deux trois quatre cinq six sept huit neuf dix';
				// both 90 % (one word of ten replaced), no penalty: equal scores, different dates
				const older = unit('un deux trois quatre cinq six sept huit neuf onze', '2020-01-01T00:00:00.000Z');
				const newer = unit('zéro deux trois quatre cinq six sept huit neuf dix', '2024-01-01T00:00:00.000Z');
				const ids = w.tm.add(laterFirst ? [newer, older] : [older, newer]);
				const newerId = laterFirst ? ids[0] : ids[1];
				const r = w.tm.lookup(q, { sourceLang: 'fr-FR', targetLang: 'en-GB', limit: 1 });
				expect(r.map((m) => [m.unit.id, m.score])).toEqual([[newerId, 90]]);
			} finally {
				w.close();
				d.remove();
			}
		}
	});

	it('a closer unit heavy with penalties does not hide a less close one without', () => {
		for (const closerFirst of [false, true]) {
			const d = tempDir();
			const w = createWorkbench({ dbPath: join(d.dir, 'tm.sqlite') });
			try {
				const q = 'alpha bravo charlie delta echo foxtrot golf hotel india 11 22 33 44 55 juliet kilo lima mike november oscar';
				// 19 of 20 words (base 95), but 5 numbers, 3 cases and the punctuation differ: 86
				const closer = unit('Alpha Bravo Charlie delta echo foxtrot golf hotel india 12 23 34 45 56 juliet kilo lima mike november papa.', '2020-01-01T00:00:00.000Z');
				// 18 of 20 words (base 90), nothing else: 90
				const plain = unit('alpha bravo charlie delta echo foxtrot golf hotel india 11 22 33 44 55 juliet kilo lima mike quebec papa', '2020-01-01T00:00:00.000Z');
				const ids = w.tm.add(closerFirst ? [closer, plain] : [plain, closer]);
				const plainId = closerFirst ? ids[1] : ids[0];
				const r = w.tm.lookup(q, { sourceLang: 'fr-FR', targetLang: 'en-GB', limit: 1 });
				expect(r.map((m) => [m.unit.id, m.score])).toEqual([[plainId, 90]]);
				expect(w.tm.lookup(q, { sourceLang: 'fr-FR', targetLang: 'en-GB', limit: 2 }).map((m) => m.score)).toEqual([90, 86]);
			} finally {
				w.close();
				d.remove();
			}
		}
	});
});
