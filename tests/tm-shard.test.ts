import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TmUnit } from '../src/core/model.js';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { tempDir } from './helpers/db.js';
import { nearDuplicates } from './helpers/near-duplicates.js';

// The fuzzy index split between this thread (even ids) and a worker (odd ids) must answer
// exactly as the whole index in one thread: two workbenches on the same database file, one
// forced to split from the first unit, the other never.
describe('TM fuzzy index split with a worker thread', () => {
	const L = { sourceLang: 'fr-FR', targetLang: 'en-GB' };
	let whole: Workbench;
	let split: Workbench;
	let dir: ReturnType<typeof tempDir>;
	const g = nearDuplicates(17, ['', '.', ' !']);
	const { rand, pick, vary } = g;
	const base = [...g.base, 'Voir le paragraphe 115.'];
	const units = (n: number, lang = 'en-GB'): TmUnit[] =>
		Array.from({ length: n }, () => {
			const source = vary(pick(base));
			return { sourceLang: 'fr-FR', targetLang: lang, source, target: `EN ${source} ${rand()}`, origin: 'translation', changedAt: `2024-0${1 + Math.floor(rand() * 3)}-01T00:00:00.000Z` };
		});
	const view = (wb: Workbench, text: string, o: { threshold: number; limit: number }) => wb.tm.lookup(text, { ...L, ...o }).map((m) => ({ id: m.unit.id, score: m.score, kind: m.kind, base: m.base, penalties: m.penalties, ops: m.ops }));
	function compare(queries: number): number {
		let matches = 0;
		for (let k = 0; k < queries; k++) {
			const text = vary(pick(base));
			const o = { threshold: pick([50, 50, 60, 75, 90]), limit: pick([1, 3, 5, 10]) };
			const want = view(whole, text, o);
			expect(view(split, text, o)).toEqual(want);
			matches += want.length;
			if (k % 10 === 0) {
				expect(split.tm.scan(text, { ...L, threshold: o.threshold })).toEqual(whole.tm.scan(text, { ...L, threshold: o.threshold }));
				expect(split.tm.fuzzyCandidates(text, { ...L, threshold: o.threshold })).toEqual(whole.tm.fuzzyCandidates(text, { ...L, threshold: o.threshold }));
			}
		}
		return matches;
	}

	beforeAll(() => {
		dir = tempDir();
		const dbPath = join(dir.dir, 'tm.sqlite');
		whole = createWorkbench({ dbPath });
		split = createWorkbench({ dbPath, fuzzyShardFrom: 1 });
		whole.tm.add(units(800));
	});
	afterAll(() => {
		split.close();
		whole.close();
		dir.remove();
	});

	it('gives the same matches, scans and candidates as the whole index', () => {
		expect(compare(80)).toBeGreaterThan(200);
		expect(split.tm.sharded()).toBe(true);
		expect(whole.tm.sharded()).toBe(false);
	});

	it('stays the same as units are added after the first lookups (and in another language pair)', () => {
		whole.tm.add(units(300));
		whole.tm.add(units(50, 'de-DE'));
		// both halves brought up to date at once (as the server does before its first lookup)
		split.tm.refreshIndex();
		compare(40);
		const de = 'Le Conseil a mené un exercice naval en 2009';
		expect(split.tm.lookup(de, { sourceLang: 'fr-FR', targetLang: 'de-DE' })).toEqual(whole.tm.lookup(de, { sourceLang: 'fr-FR', targetLang: 'de-DE' }));
		expect(split.tm.sharded()).toBe(true);
	});

	it('neither half drops a less close unit without penalties that beats a closer one with many', () => {
		const unit = (source: string): TmUnit => ({ sourceLang: 'fr-FR', targetLang: 'en-GB', source, target: `EN ${source}`, origin: 'translation', changedAt: '2020-01-01T00:00:00.000Z' });
		const q = 'alpha bravo charlie delta echo foxtrot golf hotel india 11 22 33 44 55 juliet kilo lima mike november oscar';
		// 19 of 20 words (base 95), but 5 numbers, 3 cases and the punctuation differ: 86
		const closer = unit('Alpha Bravo Charlie delta echo foxtrot golf hotel india 12 23 34 45 56 juliet kilo lima mike november papa.');
		// 18 of 20 words (base 90), nothing else: 90
		const plain = unit('alpha bravo charlie delta echo foxtrot golf hotel india 11 22 33 44 55 juliet kilo lima mike quebec papa');
		const filler = unit('rien à voir avec la requête');
		// both in the worker's half (ids 1 and 3), or one in each half: the thresholds each half
		// takes from the other must not drop the plain one
		const orders = [
			[closer, filler, plain],
			[plain, filler, closer],
			[closer, plain],
			[plain, closer]
		];
		for (const order of orders) {
			const d = tempDir();
			const w = createWorkbench({ dbPath: join(d.dir, 'tm.sqlite'), fuzzyShardFrom: 1 });
			try {
				const ids = w.tm.add(order);
				const plainId = ids[order.indexOf(plain)];
				expect(w.tm.lookup(q, { ...L, limit: 1 }).map((m) => [m.unit.id, m.score])).toEqual([[plainId, 90]]);
				expect(w.tm.sharded()).toBe(true);
			} finally {
				w.close();
				d.remove();
			}
		}
	});

	it('when the worker dies, the next lookup takes the whole index back and answers the same', () => {
		split.tm.stopShardWorker();
		compare(20);
		expect(split.tm.sharded()).toBe(false);
	});
});
