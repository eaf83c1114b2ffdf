import fc from 'fast-check';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TmUnit } from '../src/core/model.js';
import { FuzzyIndex } from '../src/core/tm/fuzzy-index.js';
import { boundedTokenDistance, scoreMatch } from '../src/core/tm/score.js';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { tempDir } from './helpers/db.js';

const unit = (source: string, target: string, extra: Partial<TmUnit> = {}): TmUnit => ({ sourceLang: 'fr-FR', targetLang: 'en-GB', source, target, origin: 'translation', ...extra });

describe('fuzzy index: never misses a unit the exhaustive scan finds', () => {
	const word = fc.constantFrom('le', 'la', 'de', 'COR', 'OTAN', 'sécurité', 'défense', 'alliés', 'a', 'mené', 'exercice', 'en', '2008', 'Afghanistan', 'partenariat', 'x', 'y', 'z');
	const sentence = fc.array(word, { minLength: 0, maxLength: 14 });
	it('on random corpora, queries and thresholds (index results = scan results)', () => {
		fc.assert(
			fc.property(fc.array(sentence, { minLength: 1, maxLength: 60 }), sentence, fc.integer({ min: 30, max: 100 }), (corpus, query, threshold) => {
				const ix = new FuzzyIndex();
				corpus.forEach((s, i) => ix.add(i + 1, s.map((w) => w.toLowerCase())));
				const q = query.map((w) => w.toLowerCase());
				const got = ix.search(q, threshold / 100).map((c) => `${c.id}:${c.distance}`);
				const want = q.length === 0 ? [] : ix.scan(q, threshold / 100).map((c) => `${c.id}:${c.distance}`);
				expect(got).toEqual(want);
			}),
			{ numRuns: 3000 }
		);
	});

	it('bounded distance equals the plain distance within the bound', () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 12 }), fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 12 }), fc.integer({ min: 0, max: 12 }), (a, b, k) => {
				const full = boundedTokenDistance(a, b, 100);
				const bounded = boundedTokenDistance(a, b, k);
				expect(bounded).toBe(full <= k ? full : k + 1);
			}),
			{ numRuns: 3000 }
		);
	});
});

describe('match scoring', () => {
	it('100 only for the same text; case, numbers, punctuation and tags are small penalties', () => {
		const q = 'Le COR a mené avec succès en janvier 2008 un exercice.';
		expect(scoreMatch(q, 'Le  COR a mené avec succès en janvier 2008 un exercice.').score).toBe(100);
		const s = scoreMatch(q, 'le COR a mené avec succès en janvier 2009 un exercice');
		expect(s.base).toBe(100);
		expect(s.penalties.map((p) => p.kind)).toEqual(['case', 'number', 'punctuation']);
		expect(s.score).toBe(97);
		const f = scoreMatch(q, 'Le COR a mené en janvier 2008 un exercice de défense.');
		expect(f.ops.filter((o) => o.op !== 'equal')).toEqual([
			{ op: 'delete', query: 'avec' },
			{ op: 'delete', query: 'succès' },
			{ op: 'insert', match: 'de' },
			{ op: 'insert', match: 'défense' }
		]);
		expect(f.score).toBe(Math.floor((100 * (11 - 4)) / 11));
	});
});

describe('the TM in SQLite', () => {
	let wb: Workbench;
	let dir: ReturnType<typeof tempDir>;
	beforeEach(() => {
		dir = tempDir();
		wb = createWorkbench({ dbPath: join(dir.dir, 'tm.sqlite') });
	});
	afterEach(() => {
		wb.close();
		dir.remove();
	});

	it('the same pair twice updates one unit; another target is an alternative', () => {
		const [a] = wb.tm.add([unit('La FIAS.', 'ISAF.')]);
		const [b] = wb.tm.add([unit('La  FIAS.', 'ISAF.', { origin: 'alignment' })]);
		const [c] = wb.tm.add([unit('La FIAS.', 'The ISAF.')]);
		expect(b).toBe(a);
		expect(c).not.toBe(a);
		expect(wb.tm.stats().total).toBe(2);
		const m = wb.tm.lookup('La FIAS.', { sourceLang: 'fr-FR', targetLang: 'en-GB' });
		expect(m.map((x) => [x.score, x.unit.target]).sort()).toEqual([[100, 'ISAF.'], [100, 'The ISAF.']]);
		expect(m.find((x) => x.unit.target === 'ISAF.')!.unit.origin).toBe('alignment');
	});

	it('exact, in-context (101%) and fuzzy matches, best first, above the threshold only', () => {
		wb.tm.add([
			unit('Le COR a mené un exercice.', 'The NRC conducted an exercise.', { context: { prev: 'Avant.', next: 'Après.' } }),
			unit('Le COR a mené un exercice naval.', 'The NRC conducted a naval exercise.'),
			unit('Tout autre chose.', 'Something else.')
		]);
		const opts = { sourceLang: 'fr-FR', targetLang: 'en-GB' };
		expect(wb.tm.lookup('Le COR a mené un exercice.', { ...opts, prev: 'Avant.', next: 'Après.' }).map((m) => [m.score, m.kind])).toEqual([
			[101, 'in-context'],
			[85, 'fuzzy']
		]);
		expect(wb.tm.lookup('Le COR a mené un exercice.', { ...opts, prev: 'Autre.', next: 'Après.' })[0].score).toBe(100);
		expect(wb.tm.lookup('Le COR a mené un exercice.', { ...opts, threshold: 90 }).map((m) => m.score)).toEqual([100]);
		expect(wb.tm.lookup('Le COR a mené un exercice.', { sourceLang: 'fr-FR', targetLang: 'de-DE' })).toEqual([]);
	});

	it('concordance finds a word in either language, elided or accent-folded, highlighted', () => {
		wb.tm.add([unit('La sécurité de l’OTAN.', 'NATO security.'), unit("Le rôle de l'Alliance.", 'The role of the Alliance.'), unit('Sans rapport.', 'Unrelated.')]);
		expect(wb.tm.concordance('OTAN').map((r) => r.sourceHighlighted)).toEqual(['La sécurité de l’\u0001OTAN\u0002.']);
		expect(wb.tm.concordance('securite').map((r) => r.id)).toHaveLength(1);
		expect(wb.tm.concordance('alliance').map((r) => r.targetHighlighted)).toEqual(['The role of the \u0001Alliance\u0002.']);
		expect(wb.tm.concordance('rôle de l’Alliance')).toHaveLength(1);
		expect(wb.tm.concordance('«»')).toEqual([]);
	});

	it('an import is all or nothing', async () => {
		wb.tm.add([unit('Avant.', 'Before.')]);
		async function* batches() {
			yield [unit('Un.', 'One.'), unit('Deux.', 'Two.')];
			throw new Error('the file was truncated');
		}
		await expect(wb.tm.importUnits(batches())).rejects.toThrow('truncated');
		expect(wb.tm.stats().total).toBe(1);
		async function* good() {
			yield [unit('Un.', 'One.')];
			yield [unit('Deux.', 'Two.'), unit('Avant.', 'Before.')];
		}
		expect(await wb.tm.importUnits(good())).toEqual({ units: 3, written: 3 });
		expect(wb.tm.stats().total).toBe(3);
	});
});
