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

	it('top-k with the rising threshold = the scan’s first k (ties by id)', () => {
		fc.assert(
			fc.property(fc.array(sentence, { minLength: 1, maxLength: 60 }), sentence, fc.integer({ min: 50, max: 100 }), fc.integer({ min: 1, max: 8 }), (corpus, query, threshold, k) => {
				const ix = new FuzzyIndex();
				corpus.forEach((s, i) => ix.add(i + 1, s.map((w) => w.toLowerCase())));
				const q = query.map((w) => w.toLowerCase());
				const got = ix.search(q, threshold / 100, k).map((c) => `${c.id}:${c.distance}`);
				const want = q.length === 0 ? [] : ix.scan(q, threshold / 100).slice(0, k).map((c) => `${c.id}:${c.distance}`);
				expect(got).toEqual(want);
			}),
			{ numRuns: 2000 }
		);
	});

	it('stays exact while units are added, replaced and removed between searches (fixed order, re-ranking)', () => {
		const op = fc.oneof(
			fc.record({ kind: fc.constant('add' as const), id: fc.integer({ min: 1, max: 40 }), s: sentence }),
			fc.record({ kind: fc.constant('remove' as const), id: fc.integer({ min: 1, max: 40 }) }),
			fc.record({ kind: fc.constant('search' as const), s: sentence, threshold: fc.integer({ min: 50, max: 100 }), k: fc.constantFrom(Infinity, 1, 3) })
		);
		fc.assert(
			fc.property(fc.array(op, { minLength: 1, maxLength: 80 }), (ops) => {
				const ix = new FuzzyIndex();
				for (const o of ops) {
					if (o.kind === 'add') ix.add(o.id, o.s.map((w) => w.toLowerCase()));
					else if (o.kind === 'remove') ix.remove(o.id);
					else {
						const q = o.s.map((w) => w.toLowerCase());
						const got = ix.search(q, o.threshold / 100, o.k).map((c) => `${c.id}:${c.distance}`);
						const all = q.length === 0 ? [] : ix.scan(q, o.threshold / 100);
						expect(got).toEqual((Number.isFinite(o.k) ? all.slice(0, o.k) : all).map((c) => `${c.id}:${c.distance}`));
					}
				}
			}),
			{ numRuns: 1500 }
		);
	});

	it('re-ranks after growth and still agrees with the scan', () => {
		const rand = (() => {
			let a = 7;
			return () => ((a = (a * 1103515245 + 12345) >>> 0) / 2 ** 32);
		})();
		const words = Array.from({ length: 300 }, (_, i) => `w${i}`);
		const pick = () => words[Math.floor(words.length * rand() ** 3)];
		const ix = new FuzzyIndex();
		const sentences: string[][] = [];
		for (let i = 1; i <= 6000; i++) {
			const s = Array.from({ length: 1 + Math.floor(rand() * 15) }, pick);
			sentences.push(s);
			ix.add(i, s);
			if (i % 1500 === 0) {
				for (let k = 0; k < 20; k++) {
					const q = [...sentences[Math.floor(rand() * sentences.length)]];
					q[Math.floor(rand() * q.length)] = pick();
					const got = ix.search(q, 0.5).map((c) => c.id);
					expect(got).toEqual(ix.scan(q, 0.5).map((c) => c.id));
					expect(got.every((id) => Number.isInteger(id) && id >= 1 && id <= i)).toBe(true);
					expect(ix.search(q, 0.5, 5).map((c) => c.id)).toEqual(got.slice(0, 5));
				}
			}
		}
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

	it('concordance keeps one language pair when asked, by primary language', () => {
		const [fr] = wb.tm.add([unit('Le sommet de l’OTAN.', 'The NATO Summit.')]);
		const [frCa] = wb.tm.add([{ ...unit('Le sommet de l’OTAN à Québec.', 'The NATO Summit in Quebec.'), sourceLang: 'fr-CA', targetLang: 'en-US' }]);
		const [en] = wb.tm.add([{ ...unit('The NATO Summit ended.', 'Le sommet de l’OTAN s’est achevé.'), sourceLang: 'en-GB', targetLang: 'fr-FR' }]);
		const ids = (o: { sourceLang?: string; targetLang?: string }) => wb.tm.concordance('sommet', o).map((h) => h.id).sort((a, b) => a - b);
		expect(ids({})).toEqual([fr, frCa, en].sort((a, b) => a - b));
		expect(ids({ sourceLang: 'fr-FR', targetLang: 'en-GB' })).toEqual([fr, frCa].sort((a, b) => a - b));
		expect(ids({ sourceLang: 'EN', targetLang: 'fr' })).toEqual([en]);
		// `fra` is not `fr`
		expect(ids({ sourceLang: 'fra', targetLang: 'en' })).toEqual([]);
	});

	it('concordance finds a word in either language, elided or accent-folded, highlighted', () => {
		wb.tm.add([unit('La sécurité de l’OTAN.', 'NATO security.'), unit("Le rôle de l'Alliance.", 'The role of the Alliance.'), unit('Sans rapport.', 'Unrelated.')]);
		expect(wb.tm.concordance('OTAN').map((r) => r.sourceHighlighted)).toEqual(['La sécurité de l’\u0001OTAN\u0002.']);
		expect(wb.tm.concordance('securite').map((r) => r.id)).toHaveLength(1);
		expect(wb.tm.concordance('alliance').map((r) => r.targetHighlighted)).toEqual(['The role of the \u0001Alliance\u0002.']);
		expect(wb.tm.concordance('rôle de l’Alliance')).toHaveLength(1);
		expect(wb.tm.concordance('«»')).toEqual([]);
		// a word wrapped in an inline tag (placeholders against it) is a word like any other
		const tag = (i: number) => String.fromCharCode(0xe000 + i);
		wb.tm.add([
			{
				...unit(`Les ${tag(0)}Alliés${tag(1)} et l’${tag(2)}OTAN${tag(3)} sont unis.`, `The ${tag(0)}Allies${tag(1)} and ${tag(2)}NATO${tag(3)} are united.`),
				sourceTags: [0, 1, 2, 3].map((i) => ({ kind: i % 2 ? 'ept' : 'bpt', attrs: { i: String(1 + (i >> 1)) }, content: i % 2 ? '&lt;/b&gt;' : '&lt;b&gt;' })),
				targetTags: [0, 1, 2, 3].map((i) => ({ kind: i % 2 ? 'ept' : 'bpt', attrs: { i: String(1 + (i >> 1)) }, content: i % 2 ? '&lt;/b&gt;' : '&lt;b&gt;' }))
			}
		]);
		for (const q of ['Alliés', 'allies', 'OTAN', 'NATO', 'sont unis']) expect(wb.tm.concordance(q).map((r) => r.target), q).toContain(`The ${tag(0)}Allies${tag(1)} and ${tag(2)}NATO${tag(3)} are united.`);
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

	it('an import still refuses what the schema refuses: a missing document (checked before COMMIT), a bad origin, and changes nothing', async () => {
		const doc = await wb.importDocument({ bytes: new TextEncoder().encode('Le Conseil OTAN-Russie.'), file: 'd.txt', sourceLang: 'fr', targetLang: 'en' });
		wb.tm.add([unit('Avant.', 'Before.')]);
		const snapshot = () => wb.db.prepare('SELECT id, source, target, document_id, origin FROM tm_units ORDER BY id').all();
		const before = snapshot();
		async function* ghost() {
			yield [unit('Un.', 'One.', { documentId: doc.id })];
			yield [unit('Deux.', 'Two.', { documentId: doc.id + 1000 })];
		}
		await expect(wb.tm.importUnits(ghost())).rejects.toMatchObject({ code: 'document_not_found', params: { id: doc.id + 1000 } });
		async function* badOrigin() {
			yield [unit('Un.', 'One.'), unit('Trois.', 'Three.', { origin: 'guess' as TmUnit['origin'] })];
		}
		await expect(wb.tm.importUnits(badOrigin())).rejects.toThrow(/CHECK constraint/);
		// the same bad origin on a unit already stored (its update path) is refused too
		async function* badUpdate() {
			yield [unit('Avant.', 'Before.', { origin: 'guess' as TmUnit['origin'] })];
		}
		await expect(wb.tm.importUnits(badUpdate())).rejects.toThrow(/CHECK constraint/);
		expect(snapshot()).toEqual(before);
		async function* fine() {
			yield [unit('Un.', 'One.', { documentId: doc.id }), unit('Avant.', 'Before.', { documentId: doc.id })];
		}
		expect(await wb.tm.importUnits(fine())).toEqual({ units: 2, written: 2 });
		expect(wb.db.prepare('SELECT source, document_id FROM tm_units ORDER BY id').all()).toEqual([
			{ source: 'Avant.', document_id: doc.id },
			{ source: 'Un.', document_id: doc.id }
		]);
		// the import's connection had its own foreign_keys setting: the workbench's is still on
		expect(wb.db.pragma('foreign_keys', { simple: true })).toBe(1);
	});

	it('an import keeps the concordance index exact (bulk FTS rows, duplicates updating old and new units) and its triggers intact', async () => {
		const triggers = () => wb.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();
		const before = triggers();
		wb.tm.add([unit('Le quartier général allié.', 'Allied headquarters.')]);
		async function* failing() {
			yield [unit('Une frégate.', 'A frigate.')];
			throw new Error('cut');
		}
		await expect(wb.tm.importUnits(failing())).rejects.toThrow('cut');
		expect(triggers()).toEqual(before);
		async function* batches() {
			yield [unit('La brigade blindée.', 'The armoured brigade.'), unit('Le  quartier   général allié.', 'Allied headquarters.')];
			// a unit indexed after the first batch, then a new unit updated within its own batch
			yield [unit('La brigade  blindée.', 'The armoured brigade.', { notes: ['again'] }), unit('Un porte-avions.', 'An aircraft carrier.'), unit('Un  porte-avions.', 'An aircraft carrier.')];
		}
		expect(await wb.tm.importUnits(batches())).toEqual({ units: 5, written: 5 });
		expect(triggers()).toEqual(before);
		expect(wb.tm.stats().total).toBe(3);
		// FTS5's own check of the index against tm_units (throws on any difference)
		expect(() => wb.db.prepare("INSERT INTO tm_fts (tm_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
		expect(wb.tm.concordance('blindée').map((h) => h.source)).toEqual(['La brigade  blindée.']);
		expect(wb.tm.concordance('quartier général').map((h) => h.source)).toEqual(['Le  quartier   général allié.']);
		expect(wb.tm.concordance('frégate')).toEqual([]);
		expect(wb.tm.concordance('porte-avions').map((h) => h.source)).toEqual(['Un  porte-avions.']);
		// the restored insert trigger indexes what is added afterwards
		wb.tm.add([unit('Un sous-marin.', 'A submarine.')]);
		expect(wb.tm.concordance('sous-marin').map((h) => h.target)).toEqual(['A submarine.']);
		expect(() => wb.db.prepare("INSERT INTO tm_fts (tm_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
	});
});

describe('a long import indexes its concordance rows as it goes', () => {
	it('units indexed at a catch-up (every 50,000) and updated by a later duplicate keep the index exact', async () => {
		const t = tempDir();
		const wb = createWorkbench({ dbPath: join(t.dir, 'tm.sqlite') });
		try {
			const u = (i: number, space = ' ') => unit(`Phrase${space}numéro ${i} sur la frégate.`, `Sentence number ${i} on the frigate.`);
			async function* batches() {
				for (let b = 0; b < 52; b++) yield Array.from({ length: 1000 }, (_, k) => u(b * 1000 + k));
				// 10 was indexed at the catch-up after 50,000 units, 51,500 not yet: both updated with a
				// tag placeholder, which the pair's key ignores but the concordance tokens do not
				const tagged = (i: number) => unit(`Phrase\uE000 numéro ${i} sur la frégate.`, `Sentence number ${i} on the frigate.`, { sourceTags: [{ kind: 'ph', attrs: { x: '1' }, content: '' }] });
				yield [tagged(10), tagged(51_500), unit('Un porte-avions.', 'An aircraft carrier.')];
			}
			expect(await wb.tm.importUnits(batches())).toEqual({ units: 52_003, written: 52_003 });
			expect(wb.tm.stats().total).toBe(52_001);
			expect(() => wb.db.prepare("INSERT INTO tm_fts (tm_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
			expect(wb.tm.concordance('numéro 10 sur').map((h) => h.source)).toEqual(['Phrase\uE000 numéro 10 sur la frégate.']);
			expect(wb.tm.concordance('numéro 51500').map((h) => h.source)).toEqual(['Phrase\uE000 numéro 51500 sur la frégate.']);
			expect(wb.tm.concordance('porte-avions')).toHaveLength(1);
			expect(wb.db.prepare("SELECT count(*) AS n FROM sqlite_temp_master").get()).toEqual({ n: 0 });
		} finally {
			wb.close();
			t.remove();
		}
	}, 120_000);
});

describe('migration 006: the leaner tm_units keeps every unit', () => {
	it('units stored under the 005 schema keep their ids and text, and lookups, dedupe and concordance still work', async () => {
		const { copyFileSync, mkdirSync, readdirSync } = await import('node:fs');
		const { defaultMigrationsDir, openDatabase } = await import('../src/core/db/open.server.js');
		const { toRow } = await import('../src/core/translation-memory.server.js');
		const { normText } = await import('../src/core/tm/normalize.js');
		const t = tempDir();
		try {
			const partial = join(t.dir, 'migrations-005');
			mkdirSync(partial);
			for (const f of readdirSync(defaultMigrationsDir()).filter((f) => /^00[1-5]_/.test(f))) copyFileSync(join(defaultMigrationsDir(), f), join(partial, f));
			const dbPath = join(t.dir, 'tm.sqlite');
			const old = openDatabase(dbPath, { migrationsDir: partial, backupBeforeMigration: false });
			const units = [unit('La sécurité de l’OTAN.', 'NATO security.'), unit('Le rôle de l’Alliance en Afghanistan.', 'The role of the Alliance in Afghanistan.'), unit('La FIAS.', 'ISAF.')];
			for (const [i, u] of units.entries()) {
				const r = { ...toRow(u, '2026-01-01T00:00:00.000Z'), source_norm: normText(u.source), id: 10 + i * 7 };
				// the usage columns came with migration 012
				const cols = Object.keys(r).filter((c) => !/_usage_count$|^usage_count$|_used_at$/.test(c));
				old.prepare(`INSERT INTO tm_units (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`).run(r);
			}
			old.close();
			const wb = createWorkbench({ dbPath });
			try {
				expect(wb.db.prepare('SELECT id, source, target FROM tm_units ORDER BY id').all()).toEqual(units.map((u, i) => ({ id: 10 + i * 7, source: u.source, target: u.target })));
				expect(wb.db.prepare("SELECT count(*) AS n FROM pragma_table_info('tm_units') WHERE name = 'source_norm'").get()).toEqual({ n: 0 });
				// the concordance rows written under 005 still point at the right units
				expect(wb.tm.concordance('Afghanistan').map((h) => h.id)).toEqual([17]);
				const exact = wb.tm.lookup('La FIAS.', { sourceLang: 'fr-FR', targetLang: 'en-GB' });
				expect(exact.map((m) => [m.unit.id, m.score])).toEqual([[24, 100]]);
				// the same pair again updates the migrated unit; another target is an alternative
				const [same] = wb.tm.add([unit('La  FIAS.', 'ISAF.')]);
				const [other] = wb.tm.add([unit('La FIAS.', 'The ISAF.')]);
				expect(same).toBe(24);
				expect(other).toBeGreaterThan(24);
				expect(wb.tm.stats().total).toBe(4);
				expect(() => wb.db.prepare("INSERT INTO tm_fts (tm_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
			} finally {
				wb.close();
			}
		} finally {
			t.remove();
		}
	});
});
