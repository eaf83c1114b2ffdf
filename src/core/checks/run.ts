import type { Concept, Issue, TermHit } from '../model.js';
import { conceptMap } from '../terms/glossary.js';
import { createScan, createTermIndex, crossWords, findAllInScan, findTermsInScan, type FoundTerms, resolveAmbiguous, scanWords } from '../terms/recognize.js';
import { termAcronym } from './term-acronym.js';
import { termForbidden } from './term-forbidden.js';
import { termInconsistency } from './term-inconsistency.js';
import { termMissing } from './term-missing.js';
import type { AnalyzedPair, CheckContext, CheckIssue, PairCheck, SegmentPair, SetCheck } from './types.js';

export const PAIR_CHECKS: readonly PairCheck[] = [termMissing, termForbidden];
export const SET_CHECKS: readonly SetCheck[] = [termAcronym, termInconsistency];

/** Indexes built once for a glossary and a language pair, reused for every document. */
export function createCheckContext(concepts: readonly Concept[], sourceLang: string, targetLang: string): CheckContext {
	return {
		sourceLang,
		targetLang,
		source: createTermIndex(concepts, sourceLang),
		// a third full recognition pass over every target would cost as much as the other two;
		// only acronyms can be left untranslated in a way the checks report
		sourceAcronyms: createTermIndex(
			concepts.map((c) => ({ ...c, terms: c.terms.filter((t) => t.type === 'acronym' || t.type === 'abbreviation') })),
			sourceLang
		),
		target: createTermIndex(concepts, targetLang),
		concepts: conceptMap(concepts)
	};
}

/**
 * The hits of each distinct text, kept for as long as the caller keeps it: over one document
 * by default, over a batch of documents (and their reference pairs) when the caller passes
 * the same memo to each `runTermChecks` — documents and translation memories repeat whole
 * sentences. Valid for one `CheckContext` only.
 */
export interface AnalysisMemo {
	sources: Map<string, FoundTerms>;
	targets: Map<string, [FoundTerms, TermHit[]]>;
	/**
	 * the texts of this and earlier documents (see `RecentTexts`), which then stand for
	 * `sources` and `targets`: a text met earlier in a long document is kept there too, unless
	 * two generations have gone by since (it is then recognised again)
	 */
	recent?: RecentTexts;
}

export function createAnalysisMemo(recent?: RecentTexts): AnalysisMemo {
	return recent ? { sources: new Map(), targets: new Map(), recent } : { sources: new Map(), targets: new Map() };
}

/**
 * The hits of the texts of the last few documents, for a caller that checks many documents
 * with one context (`createDocumentChecker`): documents repeat sentences from one to the
 * next (boilerplate, headings, the cross-file repetitions of a CAT tool's analysis), and a
 * text met in an earlier document is not recognised again. On the bench's 100,000 pairs in
 * 200 documents, this takes the recognitions from 83,500 to 69,600 sources and from 79,700
 * to 65,200 targets.
 *
 * Bounded, unlike a memo for the whole batch: that one kept ~200,000 texts' hits alive to the
 * end of the batch, which the garbage collector then copied and marked over and over (see
 * `createDocumentChecker`). Two generations of at most `max` texts each side: a text found in
 * the older one moves to the newer, and the older is dropped when the newer is full, so the
 * texts that keep coming back stay, at no cost per lookup beyond one or two map reads.
 */
export interface RecentTexts {
	max: number;
	sources: Map<string, FoundTerms>;
	olderSources: Map<string, FoundTerms>;
	targets: Map<string, [FoundTerms, TermHit[]]>;
	olderTargets: Map<string, [FoundTerms, TermHit[]]>;
}

/** Texts a generation of `RecentTexts` keeps, each side (8,192 texts' hits at most a side: a few megabytes). */
const RECENT_TEXTS = 4096;

export function createRecentTexts(max = RECENT_TEXTS): RecentTexts {
	return { max, sources: new Map(), olderSources: new Map(), targets: new Map(), olderTargets: new Map() };
}

function recentSource(recent: RecentTexts, text: string): FoundTerms | undefined {
	const v = recent.sources.get(text);
	if (v !== undefined) return v;
	const older = recent.olderSources.get(text);
	if (older !== undefined) keepSource(recent, text, older);
	return older;
}

function recentTarget(recent: RecentTexts, text: string): [FoundTerms, TermHit[]] | undefined {
	const v = recent.targets.get(text);
	if (v !== undefined) return v;
	const older = recent.olderTargets.get(text);
	if (older !== undefined) keepTarget(recent, text, older);
	return older;
}

/** Into the newer generation, which becomes the older one when full (the older one is dropped). */
function keepSource(recent: RecentTexts, text: string, found: FoundTerms): void {
	if (recent.sources.size >= recent.max) {
		recent.olderSources = recent.sources;
		recent.sources = new Map();
	}
	recent.sources.set(text, found);
}

function keepTarget(recent: RecentTexts, text: string, found: [FoundTerms, TermHit[]]): void {
	if (recent.targets.size >= recent.max) {
		recent.olderTargets = recent.targets;
		recent.targets = new Map();
	}
	recent.targets.set(text, found);
}

/** Texts a reference memo keeps before it starts again: a bound on memory (~100 MB of hits at most), not a cache policy. */
const REFERENCE_MEMO_TEXTS = 200_000;

/**
 * A memo kept across documents for their reference pairs only (see `runTermChecks`): with a
 * project or TM scope every document carries the same other documents or TM units, and
 * recognising them once per checker rather than once per document is the difference between
 * M and N × M recognitions. Emptied past `REFERENCE_MEMO_TEXTS` texts.
 */
export function boundedMemo(memo: AnalysisMemo, max = REFERENCE_MEMO_TEXTS): AnalysisMemo {
	if (memo.sources.size + memo.targets.size > max) {
		memo.sources.clear();
		memo.targets.clear();
	}
	return memo;
}

/**
 * Term hits of every pair, computed once and shared by every check. A target is scanned
 * once for both of its passes (its own language's terms, the source language's acronyms),
 * and a text met again (documents repeat their headings, boilerplate, short segments) reuses
 * its hits.
 */
export function analyze(pairs: readonly SegmentPair[], ctx: CheckContext, memo: AnalysisMemo = createAnalysisMemo()): AnalyzedPair[] {
	const scan = createScan();
	const { sources, targets, recent } = memo;
	// an ambiguous short form (`MD`) counts where its concept was written out earlier in the document, side by side
	const introducedSource = new Set<string>();
	const introducedTarget = new Set<string>();
	const out: AnalyzedPair[] = new Array(pairs.length);
	for (let k = 0; k < pairs.length; k++) {
		const p = pairs[k];
		// with recent texts, they are the document's memo too: one map lookup per text rather than two or three
		let source = recent ? recentSource(recent, p.source) : sources.get(p.source);
		if (!source) {
			source = findAllInScan(ctx.source, scan, scanWords(ctx.source, p.source, scan));
			if (recent) keepSource(recent, p.source, source);
			else sources.set(p.source, source);
		}
		let t: [FoundTerms, TermHit[]] | undefined = NO_TARGET;
		if (p.target) {
			t = recent ? recentTarget(recent, p.target) : targets.get(p.target);
			if (!t) {
				const words = scanWords(ctx.target, p.target, scan);
				t = [findAllInScan(ctx.target, scan, words), findTermsInScan(ctx.sourceAcronyms, scan, crossWords(ctx.sourceAcronyms, words, scan.n))];
				if (recent) keepTarget(recent, p.target, t);
				else targets.set(p.target, t);
			}
		}
		// the fields the checks read, named: a spread copies whatever else the caller's object holds, and showed in profiles
		out[k] = {
			ord: p.ord,
			source: p.source,
			target: p.target,
			document: p.document,
			tmUnit: p.tmUnit,
			sourceHits: resolveAmbiguous(source, introducedSource, ctx.source.ambiguousConcepts),
			targetHits: resolveAmbiguous(t[0], introducedTarget, ctx.target.ambiguousConcepts),
			targetSourceHits: t[1]
		};
	}
	return out;
}

const NO_TARGET: [FoundTerms, TermHit[]] = [{ hits: [], ambiguous: null, text: '' }, []];

export interface IgnoreEntry {
	ord: number;
	check: string;
	fingerprint: string;
	reason: string;
}

export interface CheckReport {
	issues: (CheckIssue & { ignored?: string })[];
	counts: { error: number; warning: number; info: number; ignored: number };
}

/**
 * Every terminology check over a document's pairs (plus, for consistency, reference pairs:
 * other documents' segments, translation-memory units with `tmUnit` set; they are compared
 * but not reported on, and appear as a finding's `references`). An issue that a translator accepted
 * for a segment stays listed, marked with the reason, and does not count. `memo` holds the
 * hits of the document's texts (one per call by default); `referenceMemo`, when given, those
 * of the reference, kept by a caller that checks many documents against the same reference;
 * `recent`, those of the texts of this document and the ones checked before it.
 */
export function runTermChecks(
	pairs: readonly SegmentPair[],
	ctx: CheckContext,
	opts: { ignores?: IgnoreEntry[]; reference?: readonly SegmentPair[]; memo?: AnalysisMemo; referenceMemo?: AnalysisMemo; recent?: RecentTexts } = {}
): CheckReport {
	const memo = opts.memo ?? createAnalysisMemo(opts.recent);
	const analyzed = analyze(pairs, ctx, memo);
	const issues: CheckIssue[] = [];
	// by hand rather than `push(...list)`: two checks a pair, and most give none
	for (const p of analyzed)
		for (const c of PAIR_CHECKS) {
			const found = c.run(p, ctx);
			for (let k = 0; k < found.length; k++) issues.push(found[k]);
		}
	for (const i of termAcronym.run(analyzed, ctx)) issues.push(i);
	// the reference after the document's own pairs: the check reports on the first pair's document, with the rest as the other side
	// the reference's texts stay out of the recent texts: those are the documents' own
	const refAnalyzed = opts.reference?.length ? analyze(opts.reference, ctx, opts.referenceMemo ?? (memo.recent ? createAnalysisMemo() : memo)) : [];
	for (const i of termInconsistency.run(refAnalyzed.length ? [...analyzed, ...refAnalyzed] : analyzed, ctx)) issues.push(i);
	// an untranslated acronym that the glossary also lists as forbidden is one finding, not two
	let deduped = issues;
	if (issues.some((i) => i.check === 'term-acronym' && i.message === 'checks.acronymUntranslated')) {
		const forbiddenSpans = new Set(issues.filter((i) => i.check === 'term-forbidden' && i.span).map((i) => `${i.segments[0]}:${i.span!.start}`));
		deduped = issues.filter((i) => !(i.check === 'term-acronym' && i.message === 'checks.acronymUntranslated' && forbiddenSpans.has(`${i.segments[0]}:${i.span?.start}`)));
	}
	let out: CheckReport['issues'] = deduped;
	// a key per issue and segment only when there are ignores to look up
	if (opts.ignores?.length) {
		const ignoreMap = new Map(opts.ignores.map((g) => [`${g.ord}\u0000${g.check}\u0000${g.fingerprint}`, g.reason]));
		out = deduped.map((i) => {
			const reason = i.segments.map((s) => ignoreMap.get(`${s}\u0000${i.check}\u0000${i.fingerprint}`)).find((r) => r != null);
			return reason != null ? { ...i, ignored: reason } : i;
		});
	}
	out.sort((a, b) => a.segments[0] - b.segments[0] || (a.check < b.check ? -1 : a.check > b.check ? 1 : 0));
	const counts = { error: 0, warning: 0, info: 0, ignored: 0 };
	for (const i of out) i.ignored != null ? counts.ignored++ : counts[i.severity]++;
	return { issues: out, counts };
}
