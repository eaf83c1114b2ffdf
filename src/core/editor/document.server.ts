import { createCheckContext, runTermChecks } from '../checks/run.js';
import type { CheckContext } from '../checks/types.js';
import { randomUUID } from 'node:crypto';
import type { EditorRepo, EditorRow, StatusCount } from '../db/editor.repo.server.js';
import { AtelierError } from '../errors.js';
import { primaryLang } from '../lang.js';
import type { Concept, Issue, SegmentStatus } from '../model.js';
import type { Terminology } from '../terminology.server.js';
import { conceptMap } from '../terms/glossary.js';
import type { TmMatch, TranslationMemory } from '../translation-memory.server.js';
import { analyse, type Analysis } from './analysis.js';
import { findHits, type FindQuery, planReplace, type PlannedChange } from './replace.js';
import type { EditorSegment, SaveRequest, SaveResult } from './segments.server.js';
import { reason } from '../formats/reason.js';

const STATUSES: readonly SegmentStatus[] = ['new', 'draft', 'translated', 'reviewed', 'rejected'];

/** A source term of the active segment, with what the target should (and must not) say. */
export interface AssistTerm {
	start: number;
	end: number;
	text: string;
	concept: string;
	status: string;
	equivalents: string[];
	/** target-language terms of the concept that must not be used (forbidden, deprecated, superseded) */
	avoid: { text: string; status: string; replacement?: string }[];
}

export interface PretranslateReport {
	/** segments that were empty */
	empty: number;
	filled: number;
	inContext: number;
	exact: number;
	/** filled segments, for the report: ord, score, TM unit */
	segments: { ord: number; score: number; unit: number }[];
}

export interface Progress {
	byStatus: StatusCount[];
	total: { segments: number; words: number };
}

/** Checks that make sense for one segment at a time (the set checks need the whole document). */
const LIVE_TERM_MESSAGES = new Set(['checks.termMissing', 'checks.termForbidden', 'checks.termDeprecated', 'checks.acronymUntranslated']);

/**
 * Document-level editing: the grid's rows, progress, match analysis, pre-translation,
 * find and replace, and the checks of one segment. Writes go through `save`, so every path
 * keeps the version check and feeds the TM the same way the editor does.
 */
export function createDocumentEditing(deps: {
	repo: EditorRepo;
	tm: TranslationMemory;
	terminology?: Terminology;
	transaction: <T>(fn: () => T) => T;
	langs: (docId: number) => { sourceLang: string; targetLang: string };
	get: (docId: number, ord: number) => EditorSegment;
	save: (docId: number, ord: number, req: SaveRequest) => SaveResult;
}) {
	const { repo, tm, terminology, transaction, langs, get, save } = deps;
	let checkCache: { concepts: readonly Concept[]; key: string; ctx: CheckContext } | null = null;

	function rows(docId: number): EditorRow[] {
		langs(docId); // a located error for an unknown document, rather than an empty grid
		return repo.rows(docId);
	}

	function checkContext(sourceLang: string, targetLang: string): CheckContext | null {
		if (!terminology) return null;
		const concepts = terminology.concepts();
		const key = `${primaryLang(sourceLang)}>${primaryLang(targetLang)}`;
		// the terminology service hands out a new array after every glossary change
		if (!checkCache || checkCache.concepts !== concepts || checkCache.key !== key)
			checkCache = { concepts, key, ctx: createCheckContext(concepts, sourceLang, targetLang) };
		return checkCache.ctx;
	}

	/** Best TM matches for every segment, from other documents' units and this document's earlier confirmations alike. */
	function bestMatches(docId: number, list: EditorRow[], o: { threshold: number; excludeOwn: boolean }): (TmMatch | null)[] {
		const { sourceLang, targetLang } = langs(docId);
		const cache = new Map<string, TmMatch | null>();
		return list.map((r, i) => {
			const prev = list[i - 1]?.source ?? null;
			const next = list[i + 1]?.source ?? null;
			const key = `${prev}\u0000${r.source}\u0000${next}`;
			if (cache.has(key)) return cache.get(key)!;
			const found = tm.lookup(r.source, { sourceLang, targetLang, prev, next, threshold: o.threshold, limit: o.excludeOwn ? 10 : 3 });
			const best = (o.excludeOwn ? found.filter((m) => m.unit.documentId !== docId) : found)[0] ?? null;
			cache.set(key, best);
			return best;
		});
	}

	function progress(docId: number): Progress {
		langs(docId);
		const got = new Map(repo.progress(docId).map((c) => [c.status, c]));
		const byStatus = STATUSES.map((s) => got.get(s) ?? { status: s, segments: 0, words: 0 });
		return { byStatus, total: byStatus.reduce((t, c) => ({ segments: t.segments + c.segments, words: t.words + c.words }), { segments: 0, words: 0 }) };
	}

	return {
		rows,

		/**
		 * What the editor needs to open at once, whatever the document's length: the rows
		 * around the segment to open (the one asked for, else the first still to translate),
		 * the row count and the progress. The other rows follow through `rows`.
		 */
		opening(docId: number, o: { at?: number | null; before?: number; after?: number } = {}) {
			langs(docId);
			const total = repo.count(docId);
			const at = o.at != null && o.at >= 0 && o.at < total ? o.at : (repo.firstOpen(docId) ?? 0);
			const from = Math.max(0, at - (o.before ?? 40));
			return { total, at, rows: repo.range(docId, from, at + (o.after ?? 120)), progress: progress(docId) };
		},

		progress,

		/**
		 * Match analysis in the standard bands. The document's own confirmed segments are left
		 * out of the TM it is compared with: the analysis says what the TM brought, not what
		 * the translator has already done.
		 */
		analyse(docId: number): Analysis {
			const list = rows(docId);
			const best = bestMatches(docId, list, { threshold: 50, excludeOwn: true });
			return analyse(list.map((r, i) => ({ source: r.source, words: r.words, best: best[i]?.score ?? null })));
		},

		/**
		 * Fills empty targets from exact (100 %) or in-context (101 %) TM matches, with the
		 * status the user chose, in one transaction. Filled segments do not feed the TM: the
		 * pair came from it.
		 */
		pretranslate(docId: number, o: { status: 'draft' | 'translated'; minScore?: 100 | 101; by?: string | null }): PretranslateReport {
			const minScore = o.minScore ?? 100;
			return transaction(() => {
				const list = rows(docId);
				const empty = list.filter((r) => !r.target?.trim());
				const found = bestMatches(docId, list, { threshold: 100, excludeOwn: false });
				const best = new Map(list.map((r, i) => [r.ord, found[i]]));
				const report: PretranslateReport = { empty: empty.length, filled: 0, inContext: 0, exact: 0, segments: [] };
				const batch = randomUUID();
				for (const r of empty) {
					const m = best.get(r.ord);
					if (!m || m.score < minScore) continue;
					const res = save(docId, r.ord, { target: m.unit.target, status: o.status, version: r.version, by: o.by, feedTm: false, kind: 'pretranslate', batch });
					if (!res.ok) continue;
					// a draft counts when the translator confirms it (the confirmation finds the same pair); a confirmed one now
					if (o.status === 'translated') tm.recordUse([m.unit.id]);
					report.filled++;
					if (m.kind === 'in-context') report.inContext++;
					else report.exact++;
					report.segments.push({ ord: r.ord, score: m.score, unit: m.unit.id });
				}
				return report;
			});
		},

		find(docId: number, q: FindQuery) {
			return findHits(rows(docId), q);
		},

		/** The changes a replace-all would make, each with the version it saw. Nothing is written. */
		previewReplace(docId: number, q: Omit<FindQuery, 'in'> & { replace: string }): PlannedChange[] {
			return planReplace(rows(docId), q);
		},

		/**
		 * Applies a previewed replace in one transaction. If any segment changed since the
		 * preview, nothing is written and the changed segments are returned.
		 */
		applyReplace(docId: number, changes: readonly Pick<PlannedChange, 'ord' | 'version' | 'after'>[], by: string | null = null): { ok: true; applied: number } | { ok: false; conflicts: EditorSegment[] } {
			try {
				return transaction(() => {
					const conflicts: EditorSegment[] = [];
					const batch = randomUUID();
					for (const c of changes) {
						const cur = get(docId, c.ord);
						const status: SegmentStatus = cur.status === 'new' ? 'draft' : cur.status;
						const res = save(docId, c.ord, { target: c.after, status, version: c.version, by, kind: 'replace', batch });
						if (!res.ok) conflicts.push(res.current);
					}
					if (conflicts.length) throw new ReplaceConflict(conflicts);
					return { ok: true as const, applied: changes.length };
				});
			} catch (e) {
				if (e instanceof ReplaceConflict) return { ok: false, conflicts: e.conflicts };
				throw e;
			}
		},

		/** Source terms of a segment with their approved target terms and the variants to avoid. */
		terms(docId: number, ord: number): AssistTerm[] {
			if (!terminology) return [];
			const { sourceLang, targetLang } = langs(docId);
			const s = get(docId, ord);
			const map = conceptMap(terminology.concepts());
			const tl = primaryLang(targetLang);
			return terminology.findTerms(s.source, sourceLang, targetLang).map((h) => ({
				start: h.start,
				end: h.end,
				text: h.text,
				concept: h.conceptKey,
				status: h.term.status,
				equivalents: h.equivalents,
				avoid: (map.get(h.conceptKey)?.terms ?? [])
					.filter((t) => primaryLang(t.lang) === tl && (t.status === 'forbidden' || t.status === 'deprecated' || t.status === 'superseded'))
					.map((t) => ({ text: t.text, status: t.status, replacement: t.replacement }))
			}));
		},

		/**
		 * Term checks of one segment against a target (the stored one, or one being typed),
		 * with the warnings the translator accepted marked `ignored`.
		 */
		checkTerms(docId: number, ord: number, target?: string): (Issue & { ignored?: string })[] {
			const { sourceLang, targetLang } = langs(docId);
			const s = get(docId, ord);
			const ctx = checkContext(sourceLang, targetLang);
			const text = target ?? s.target;
			if (!ctx || !text?.trim()) return [];
			const ignores = repo.ignores(docId, ord).map((g) => ({ ord, ...g }));
			return runTermChecks([{ ord, source: s.source, target: text.normalize('NFC'), document: docId }], ctx, { ignores }).issues.filter((i) => LIVE_TERM_MESSAGES.has(i.message));
		}
	};
}

class ReplaceConflict extends Error {
	constructor(readonly conflicts: EditorSegment[]) {
		super('replace conflict');
	}
}

export function assertStatus(s: string): SegmentStatus {
	if (!(STATUSES as readonly string[]).includes(s)) throw new AtelierError('usage', { message: reason('usage.oneOf', { option: '--status', values: STATUSES.join(', ') }) });
	return s as SegmentStatus;
}
