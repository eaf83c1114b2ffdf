import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentChecker, type DocumentChecker, type DocumentJob } from '../src/core/checks/parallel.server.js';
import { analyze, boundedMemo, createAnalysisMemo, createCheckContext, createRecentTexts, runTermChecks } from '../src/core/checks/run.js';
import type { SegmentPair } from '../src/core/checks/types.js';
import { readTbx } from '../src/core/formats/tbx/read.js';
import { createTermIndex, findTerms } from '../src/core/terms/recognize.js';

/**
 * Checking many documents at once (memos of hits, worker threads) must
 * report exactly what `runTermChecks` reports document by document: the documents of the
 * seeded-violation corpus, with ignores and reference pairs, are checked both ways.
 */

const ROOT = join(import.meta.dirname, '..');
const concepts = readTbx(readFileSync(join(ROOT, 'glossary/nato.tbx'), 'utf8'), 'glossary/nato.tbx');
const ctx = createCheckContext(concepts, 'fr-FR', 'en-GB');

/** The corpus's documents, as the checks take them; the pairs repeat from one document to the next (as real documents do). */
function corpusDocuments(): SegmentPair[][] {
	const lines = readFileSync(join(import.meta.dirname, 'fixtures', 'terms', 'violations.tsv'), 'utf8').split('\n').slice(1);
	const docs = new Map<string, SegmentPair[]>();
	for (const raw of lines) {
		if (raw.trim() === '' || raw.startsWith('#')) continue;
		const [doc, , source, target] = raw.split('\t');
		const list = docs.get(doc) ?? [];
		docs.set(doc, list);
		list.push({ ord: list.length, source, target, document: docs.size });
	}
	return [...docs.values()];
}

const docs = corpusDocuments();

/** Every document; some with ignores of their own findings, some with other documents and TM units as references, and repeats. */
function jobs(): DocumentJob[] {
	const out: DocumentJob[] = docs.map((pairs) => ({ pairs }));
	docs.forEach((pairs, d) => {
		const reference = [
			...docs[(d + 1) % docs.length],
			...docs[(d + 2) % docs.length].map((p, k) => ({ ...p, document: undefined, tmUnit: 100 * d + k }))
		];
		out.push({ pairs, reference });
	});
	// ignore the first finding of each document that has one
	for (const j of out.slice(0, docs.length)) {
		const first = runTermChecks(j.pairs, ctx).issues[0];
		if (first) j.ignores = [{ ord: first.segments[0], check: first.check, fingerprint: first.fingerprint, reason: 'accepted' }];
	}
	return [...out, ...out.slice(0, 3)];
}

const one = (j: DocumentJob) => runTermChecks(j.pairs, ctx, { ignores: j.ignores, reference: j.reference });

describe('checking a batch of documents', () => {
	const all = jobs();
	const expected = all.map(one);

	it('has documents with findings, ignored findings and findings against references', () => {
		expect(docs.length).toBeGreaterThanOrEqual(5);
		expect(expected.reduce((n, r) => n + r.issues.length, 0)).toBeGreaterThan(100);
		expect(expected.some((r) => r.counts.ignored > 0)).toBe(true);
		expect(expected.some((r) => r.issues.some((i) => i.references?.length))).toBe(true);
	});

	it('one memo of hits for every document and its references reports what separate runs report', () => {
		const memo = createAnalysisMemo();
		const got = all.map((j) => runTermChecks(j.pairs, ctx, { ignores: j.ignores, reference: j.reference, memo }));
		expect(got).toEqual(expected);
		expect(memo.sources.size).toBeGreaterThan(0);
	});

	// a memo of the batch's texts, or the recent texts: either way the hits are kept, the choice among them is the document's
	it.each([
		['one memo for the batch', () => ({ memo: createAnalysisMemo() })],
		['recent texts', () => ({ recent: createRecentTexts() })]
	] as const)('%s: an ambiguous short form written out in one document does not count in the next one', (_, kept) => {
		const opts = kept();
		const later = { source: 'Les pays du Dialogue méditerranéen se sont réunis.', target: 'The MD countries met in Rabat.' };
		const intro = { ord: 0, source: 'Le Dialogue méditerranéen réunit sept pays.', target: 'The Mediterranean Dialogue (MD) brings together seven countries.', document: 1 };
		const first = runTermChecks([intro, { ord: 1, ...later, document: 1 }], ctx, opts);
		expect(first.issues.filter((i) => i.segments[0] === 1)).toEqual([]);
		// the second document is handed the hits kept from the first
		expect(('memo' in opts ? opts.memo.targets : opts.recent.targets).has(later.target)).toBe(true);
		const second = runTermChecks([{ ord: 0, ...later, document: 2 }], ctx, opts);
		expect(second.issues.map((i) => i.message)).toEqual(['checks.termMissing']);
	});

	it('the texts of earlier documents are recognised once, and the reports are what separate runs report', () => {
		const recent = createRecentTexts();
		const got = all.map((j) => runTermChecks(j.pairs, ctx, { ignores: j.ignores, reference: j.reference, recent }));
		expect(got).toEqual(expected);
		// a later document with a text of an earlier one is handed that text's hits, not new ones
		const text = docs[0].find((p) => recent.sources.get(p.source)?.hits.length)!.source;
		const [again] = analyze([{ ord: 0, source: text, target: null }], ctx, createAnalysisMemo(recent));
		expect(again.sourceHits.length).toBeGreaterThan(0);
		expect(again.sourceHits).toBe(recent.sources.get(text)!.hits);
		// reference texts stay out of it (they have a memo of their own)
		const ownSources = new Set(all.flatMap((j) => j.pairs.map((p) => p.source)));
		expect([...recent.sources.keys()].every((s) => ownSources.has(s))).toBe(true);
	});

	it('recent texts keep two generations: a text met again moves to the newer, the older goes when the newer is full', () => {
		const recent = createRecentTexts(2);
		const pair = (source: string) => ({ ord: 0, source, target: null });
		const check = (...sources: string[]) => runTermChecks(sources.map(pair), ctx, { recent });
		check('l’OTAN', 'la FIAS');
		expect([...recent.sources.keys()]).toEqual(['l’OTAN', 'la FIAS']);
		check('le COR');
		expect([...recent.olderSources.keys()]).toEqual(['l’OTAN', 'la FIAS']);
		expect([...recent.sources.keys()]).toEqual(['le COR']);
		const fias = recent.olderSources.get('la FIAS')!;
		check('la FIAS');
		expect(recent.sources.get('la FIAS')).toBe(fias);
		check('le CPEA');
		expect([...recent.olderSources.keys()]).toEqual(['le COR', 'la FIAS']);
		expect([...recent.sources.keys()]).toEqual(['le CPEA']);
		expect(recent.sources.get('le CPEA')!.hits.map((h) => h.text)).toEqual(['CPEA']);
	});

	it('a reference memo kept across documents holds the reference texts only, and reports what separate runs report', () => {
		const referenceMemo = createAnalysisMemo();
		const got = all.map((j) => runTermChecks(j.pairs, ctx, { ignores: j.ignores, reference: j.reference, referenceMemo }));
		expect(got).toEqual(expected);
		const referenceSources = new Set(all.flatMap((j) => (j.reference ?? []).map((p) => p.source)));
		expect([...referenceMemo.sources.keys()].sort()).toEqual([...referenceSources].sort());
		// a document's own texts stay out of it
		const before = referenceMemo.sources.size;
		runTermChecks([{ ord: 0, source: 'Un texte que personne ne cite en référence : l’OTAN.', target: 'A text nobody cites: NATO.' }], ctx, { referenceMemo });
		expect(referenceMemo.sources.size).toBe(before);
	});

	it('a reference memo starts again past its bound', () => {
		const memo = createAnalysisMemo();
		runTermChecks([], ctx, { reference: docs[0], referenceMemo: memo });
		const n = memo.sources.size + memo.targets.size;
		expect(n).toBeGreaterThan(2);
		expect(boundedMemo(memo, n)).toBe(memo);
		expect(memo.sources.size + memo.targets.size).toBe(n);
		boundedMemo(memo, n - 1);
		expect(memo.sources.size + memo.targets.size).toBe(0);
	});

	describe('on worker threads', () => {
		let checker: DocumentChecker;
		beforeAll(async () => {
			checker = await createDocumentChecker(concepts, 'fr-FR', 'en-GB', { threads: 3 });
		}, 60_000);
		afterAll(() => checker?.close());

		it('reports what runTermChecks reports, document by document and in order, batch after batch', async () => {
			expect(checker.threads).toBe(3);
			expect(await checker.check(all)).toEqual(expected);
			const some = all.slice(2, 9);
			expect(await checker.check(some)).toEqual(expected.slice(2, 9));
		});

		it('checks nothing and one document too', async () => {
			expect(await checker.check([])).toEqual([]);
			expect(await checker.check([all[1]])).toEqual([expected[1]]);
		});
	});

	it('one thread: no workers, the same reports', async () => {
		const single = await createDocumentChecker(concepts, 'fr-FR', 'en-GB', { threads: 1 });
		expect(single.threads).toBe(1);
		expect(await single.check(all)).toEqual(expected);
		expect(await single.check(all)).toEqual(expected);
		await single.close();
		const none = await createDocumentChecker(concepts, 'fr-FR', 'en-GB', { threads: 1, recentTexts: 0 });
		expect(await none.check(all)).toEqual(expected);
		await none.close();
	});
});

describe('the recognition index after its word table starts again', () => {
	it('finds the same terms as a fresh index', () => {
		const texts = docs.flat().flatMap((p) => [p.source]);
		const fresh = createTermIndex(concepts, 'fr-FR');
		const expected = texts.map((t) => findTerms(fresh, t));
		const ix = createTermIndex(concepts, 'fr-FR');
		const got = texts.map((t, k) => {
			// a long-lived server's table starts again when it is full: the word-pair cache must go with it
			if (k % 7 === 0) ix.words.clear();
			return findTerms(ix, t);
		});
		expect(got).toEqual(expected);
		expect(expected.flat().length).toBeGreaterThan(100);
	});
});
