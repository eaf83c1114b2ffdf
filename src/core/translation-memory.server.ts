import { hash as digest } from 'node:crypto';
import { rowValues, type TmFilter, type TmRawUnit, type TmRepo, type TmRow, type TmRowValues } from './db/tm.repo.server.js';
import { primaryLang } from './lang.js';
import type { InlineTag, TmOrigin, TmUnit } from './model.js';
import { type Accept, type FuzzyCandidate, FuzzyIndex } from './tm/fuzzy-index.js';
import { FuzzyShard } from './tm/fuzzy-shard.server.js';
import { normText, tokenizeForTm, tokenString } from './tm/normalize.js';
import { toNfc } from './text/nfc.js';
import { type DiffOp, type Penalty, prepareQuery, scoreMatch, scoreOnly } from './tm/score.js';
import { penaltyBound, topFuzzy } from './tm/top-matches.js';
import { exportTmx, type TmxExportOptions } from './tm/tmx-export.server.js';

export interface TmMatch {
	unit: TmUnit & { id: number };
	/** 101 in context, 100 exact, else the fuzzy score */
	score: number;
	kind: 'in-context' | 'exact' | 'fuzzy';
	base: number;
	penalties: Penalty[];
	ops: DiffOp[];
}

export interface LookupOptions {
	sourceLang: string;
	targetLang: string;
	/** neighbouring source segments, for 101% matches */
	prev?: string | null;
	next?: string | null;
	/** lowest percentage returned; default 50, the lowest analysis band */
	threshold?: number;
	limit?: number;
}

const hash = (s: string) => digest('sha1', s, 'base64url').slice(0, 20);
let lastPair = { src: '', tgt: '', key: '' };
/** `fr>en`; the last answer kept, since an import's units all share their languages */
export function pairOf(src: string, tgt: string): string {
	if (src !== lastPair.src || tgt !== lastPair.tgt) lastPair = { src, tgt, key: `${primaryLang(src)}>${primaryLang(tgt)}` };
	return lastPair.key;
}
const json = (v: unknown) => (v == null || (Array.isArray(v) && v.length === 0) ? null : JSON.stringify(v));

/**
 * The notes column: the tu's notes as a JSON array, as always; when a TMX put notes on a tuv,
 * an object that also says which side they belong to (no column of their own: few units have
 * any, and every reader of the column goes through `withNotes`).
 */
function notesJson(u: TmUnit): string | null {
	if (!u.sourceNotes?.length && !u.targetNotes?.length) return json(u.notes);
	return JSON.stringify({ tu: u.notes ?? [], source: u.sourceNotes ?? [], target: u.targetNotes ?? [] });
}

function withNotes<T extends TmUnit>(u: T, column: string | null): T {
	if (!column) return u;
	const v = JSON.parse(column) as string[] | { tu: string[]; source: string[]; target: string[] };
	if (Array.isArray(v)) u.notes = v;
	else {
		if (v.tu.length) u.notes = v.tu;
		if (v.source.length) u.sourceNotes = v.source;
		if (v.target.length) u.targetNotes = v.target;
	}
	return u;
}

/** TmUnit → row: the normalised forms and keys every lookup relies on, computed once here. */
export function toRow(u: TmUnit, now = new Date().toISOString()): TmRow {
	const pair = pairOf(u.sourceLang, u.targetLang);
	const sourceNorm = normText(u.source);
	return {
		source_lang: u.sourceLang,
		target_lang: u.targetLang,
		source: toNfc(u.source),
		target: toNfc(u.target),
		source_tags: json(u.sourceTags),
		target_tags: json(u.targetTags),
		source_key: hash(`${pair}\u0000${sourceNorm}`),
		pair_key: hash(`${pair}\u0000${sourceNorm}\u0000${normText(u.target)}`),
		tokens: tokenString(sourceNorm),
		origin: u.origin,
		tuid: u.tuid ?? null,
		document_id: u.documentId ?? null,
		segment_ord: u.segmentOrd ?? null,
		context_prev: u.context?.prev != null ? normText(u.context.prev) : null,
		context_next: u.context?.next != null ? normText(u.context.next) : null,
		confidence: u.confidence ?? null,
		props: json(u.props),
		notes: notesJson(u),
		import_file: u.importFile ?? null,
		created_at: u.createdAt ?? now,
		created_by: u.createdBy ?? null,
		changed_at: u.changedAt ?? u.createdAt ?? now,
		changed_by: u.changedBy ?? u.createdBy ?? null
	};
}

/** The same as written by an import: an array in ROW_COLUMNS order (tm.repo.server.ts). */
export function toRowValues(u: TmUnit, now?: string): TmRowValues {
	return rowValues(toRow(u, now));
}

export function fromRow(r: TmRow & { id: number }): TmUnit & { id: number } {
	return withNotes({
		id: r.id,
		sourceLang: r.source_lang,
		targetLang: r.target_lang,
		source: r.source,
		target: r.target,
		sourceTags: r.source_tags ? (JSON.parse(r.source_tags) as InlineTag[]) : undefined,
		targetTags: r.target_tags ? (JSON.parse(r.target_tags) as InlineTag[]) : undefined,
		origin: r.origin,
		tuid: r.tuid ?? undefined,
		documentId: r.document_id,
		segmentOrd: r.segment_ord,
		context: r.context_prev != null || r.context_next != null ? { prev: r.context_prev, next: r.context_next } : undefined,
		confidence: r.confidence,
		props: r.props ? JSON.parse(r.props) : undefined,
		importFile: r.import_file,
		createdAt: r.created_at,
		createdBy: r.created_by,
		changedAt: r.changed_at,
		changedBy: r.changed_by
	}, r.notes);
}

/** The same from a row array (TmRepo.iterate), for exports that read every unit. */
export function fromRaw(r: TmRawUnit): TmUnit & { id: number } {
	return withNotes({
		id: r[0],
		sourceLang: r[1],
		targetLang: r[2],
		source: r[3],
		target: r[4],
		sourceTags: r[5] ? (JSON.parse(r[5]) as InlineTag[]) : undefined,
		targetTags: r[6] ? (JSON.parse(r[6]) as InlineTag[]) : undefined,
		origin: r[7],
		tuid: r[8] ?? undefined,
		documentId: r[9],
		segmentOrd: r[10],
		context: r[11] != null || r[12] != null ? { prev: r[11], next: r[12] } : undefined,
		confidence: r[13],
		props: r[14] ? JSON.parse(r[14]) : undefined,
		importFile: r[16],
		createdAt: r[17],
		createdBy: r[18],
		changedAt: r[19],
		changedBy: r[20]
	}, r[15]);
}

/**
 * The translation memory as a service. Units live in SQLite; the fuzzy index lives in memory,
 * built from the stored tokens on the first lookup and then kept up to date incrementally.
 */
export interface TranslationMemoryOptions {
	/**
	 * The database file: from `shardFrom` units on, a worker thread reading it holds and
	 * searches half of the fuzzy index (fuzzy-shard.server.ts). Without it, all in this thread.
	 */
	dbPath?: string;
	/** unit ids from which the index is split (default 100,000: below, a lookup takes a few ms) */
	shardFrom?: number;
}

const SHARD_FROM = 100_000;

export function createTranslationMemory(repo: TmRepo, options: TranslationMemoryOptions = {}) {
	const indexes = new Map<string, FuzzyIndex>();
	let indexedUpTo = 0;
	/** the worker holding the units with odd ids, once the TM is large enough */
	let shard: FuzzyShard | null = null;
	let canShard = options.dbPath != null && options.dbPath !== ':memory:';
	// an import interrupted by a crash left staging rows behind: they were never part of the TM
	repo.dropAllStaged();

	function ensureShard(): void {
		if (!shard && canShard && repo.maxId() >= (options.shardFrom ?? SHARD_FROM)) {
			// this thread keeps the even ids: its index is rebuilt with them (once)
			shard = new FuzzyShard(options.dbPath!);
			indexes.clear();
			indexedUpTo = 0;
		}
	}

	function refreshIndex(): void {
		ensureShard();
		const touched = new Set<FuzzyIndex>();
		for (const r of repo.tokensFrom(indexedUpTo)) {
			indexedUpTo = r.id;
			if (shard && r.id % 2 === 1) continue;
			const key = pairOf(r.source_lang, r.target_lang);
			let ix = indexes.get(key);
			if (!ix) indexes.set(key, (ix = new FuzzyIndex()));
			ix.add(r.id, r.tokens === '' ? [] : r.tokens.split(' '));
			touched.add(ix);
		}
		// the word order and prefix postings now, not in the next lookup
		for (const ix of touched) ix.ensureRanked();
	}

	/** The worker failed (it should not): the whole index comes back to this thread, for good. */
	function unshard(): void {
		shard?.close();
		shard = null;
		canShard = false;
		indexes.clear();
		indexedUpTo = 0;
		refreshIndex();
	}

	/**
	 * Units of `pair` with word similarity ≥ threshold over the whole index, for the scans and
	 * candidate lists of benchmarks and tests; the worker's half asked first, answered meanwhile.
	 */
	function allCandidates(op: 'all' | 'scan', text: string, o: LookupOptions): FuzzyCandidate[] {
		refreshIndex();
		const pair = pairOf(o.sourceLang, o.targetLang);
		const tokens = tokenizeForTm(text).tokens;
		const threshold = (o.threshold ?? 50) / 100;
		const sh = shard;
		sh?.ask({ op, pair, tokens, threshold, limit: 0, maxPenalty: 0, upTo: indexedUpTo });
		const ix = indexes.get(pair);
		const out = ix ? (op === 'scan' ? ix.scan(tokens, threshold) : ix.search(tokens, threshold)) : [];
		if (sh) {
			const a = sh.answer();
			if (!a) {
				unshard();
				return allCandidates(op, text, o);
			}
			for (let i = 0; i < a.ids.length; i++) out.push({ id: a.ids[i], distance: a.distances[i], similarity: a.similarities[i] });
			out.sort((x, y) => y.similarity - x.similarity || x.id - y.id);
		}
		return out;
	}

	function add(units: TmUnit[]): number[] {
		const now = new Date().toISOString();
		return repo.upsert(units.map((u) => toRow(u, now)));
	}

	function lookup(text: string, o: LookupOptions): TmMatch[] {
		refreshIndex();
		const threshold = o.threshold ?? 50;
		const limit = o.limit ?? 5;
		const pair = pairOf(o.sourceLang, o.targetLang);
		const norm = normText(text);
		const prev = o.prev != null ? normText(o.prev) : null;
		const next = o.next != null ? normText(o.next) : null;
		const out: TmMatch[] = [];
		const seen = new Set<number>();
		for (const r of repo.exact(hash(`${pair}\u0000${norm}`)) as (TmRow & { id: number })[]) {
			const inContext = prev != null && next != null && r.context_prev === prev && r.context_next === next;
			const s = scoreMatch(text, r.source);
			out.push({ unit: fromRow(r), score: inContext ? 101 : 100, kind: inContext ? 'in-context' : 'exact', base: 100, penalties: [], ops: s.ops });
			seen.add(r.id);
		}
		const q = tokenizeForTm(text);
		const ix = indexes.get(pair);
		// candidates are ranked on score and date alone; only those returned are read and scored in full
		type Ranked = { score: number; changedAt: string; match?: TmMatch; id: number };
		const ranked: Ranked[] = out.map((m) => ({ score: m.score, changedAt: m.unit.changedAt ?? '', match: m, id: m.unit.id }));
		const sh = shard;
		let shardFailed = false;
		if (ix || sh) {
			const prepared = prepareQuery(text, q);
			const maxPenalty = penaltyBound(q.tokens);
			// every unit that can be among the `limit` best by final score (see top-matches.ts)
			const fuzzy = topFuzzy<Ranked>({
				search: (from, accept) => {
					sh?.ask({ op: 'search', pair, tokens: q.tokens, threshold: from, limit, maxPenalty, upTo: indexedUpTo });
					// each half rises to the other's threshold as it goes: both hold for the whole index
					// (the worker's: k units there score at least it; this one: see top-matches.ts)
					const shared: Accept | null = sh
						? (id, d, sim) => {
								const t = accept(id, d, sim);
								sh.publish(t);
								return Math.max(t, sh.workerFloor());
							}
						: null;
					let theta = ix ? ix.searchWith(q.tokens, from, shared ?? accept, undefined, sh ? () => sh.workerFloor() : undefined) : from;
					if (!sh) return theta;
					const a = sh.answer();
					if (!a) {
						shardFailed = true;
						return theta;
					}
					// the worker's half: every unit there that can still matter (its own rising
					// threshold never passes the one here); the order units come in does not matter
					for (let i = 0; i < a.ids.length; i++) {
						if (a.similarities[i] < theta - 1e-9) continue;
						const t = accept(a.ids[i], a.distances[i], a.similarities[i]);
						if (t > theta) theta = t;
					}
					return theta;
				},
				threshold,
				limit,
				maxPenalty,
				taken: out.map((m) => m.score),
				skip: (id) => seen.has(id),
				score: (id) => {
					const r = repo.scoringFields(id);
					return r ? { id, score: scoreOnly(prepared, r[0]).score, changedAt: r[1] ?? '' } : null;
				}
			});
			if (shardFailed) {
				unshard();
				return lookup(text, o);
			}
			ranked.push(...fuzzy);
		}
		ranked.sort((a, b) => b.score - a.score || b.changedAt.localeCompare(a.changedAt));
		const result: TmMatch[] = [];
		for (const m of ranked.slice(0, limit)) {
			if (m.match) {
				result.push(m.match);
				continue;
			}
			const r = repo.byId(m.id) as (TmRow & { id: number }) | null;
			if (!r) continue;
			const s = scoreMatch(text, r.source, q);
			result.push({ unit: fromRow(r), score: s.score, kind: s.score === 100 ? 'exact' : 'fuzzy', base: s.base, penalties: s.penalties, ops: s.ops });
		}
		return result;
	}

	let importing: Promise<void> | null = null;

	async function runImport(batches: AsyncIterable<TmRowValues[]>, opts: { onUnits?: (n: number) => void }): Promise<{ units: number; written: number }> {
		const session = repo.importSession();
		let seq = 0;
		try {
			for await (const batch of batches) {
				session.insert(batch);
				seq += batch.length;
				opts.onUnits?.(seq);
			}
			const written = session.commit();
			return { units: seq, written };
		} catch (e) {
			session.rollback();
			throw e;
		}
	}

	async function importRows(batches: AsyncIterable<TmRowValues[]>, opts: { onUnits?: (n: number) => void } = {}): Promise<{ units: number; written: number }> {
		let done!: () => void;
		const finished = new Promise<void>((r) => (done = r));
		// one import at a time: a second one would only meet the first one's write lock
		while (importing) await importing;
		importing = finished;
		try {
			return await runImport(batches, opts);
		} finally {
			importing = null;
			done();
		}
	}

	return {
		add,
		lookup,
		/** Brings the index up to date now rather than at the next lookup: both halves, built side by side. */
		refreshIndex(): void {
			ensureShard();
			const sh = shard;
			sh?.ask({ op: 'refresh', pair: '', tokens: [], threshold: 1, limit: 0, maxPenalty: 0, upTo: repo.maxId() });
			refreshIndex();
			if (sh && !sh.answer()) unshard();
		},
		stats: () => repo.stats(),
		iterate: (f: TmFilter = {}) => {
			const it = repo.iterate(f);
			return (function* () {
				for (const r of it) yield fromRaw(r);
			})();
		},
		/** The TM (or a filtered part) as TMX 1.4 pieces, rendered by worker threads when large: see tm/tmx-export.server.ts. */
		exportTmx: (o: TmxExportOptions) => exportTmx(repo, o),
		/**
		 * Streams units into the TM as one all-or-nothing import: every batch is written as it
		 * comes, inside one transaction (on a connection of its own, see TmRepo.importSession)
		 * committed at the end. Any error (a malformed file, a crash) leaves the TM as it was.
		 */
		importUnits(batches: AsyncIterable<TmUnit[]>, opts: { onUnits?: (n: number) => void } = {}): Promise<{ units: number; written: number }> {
			return importRows(
				(async function* () {
					for await (const batch of batches) {
						const now = new Date().toISOString();
						yield batch.map((u) => toRowValues(u, now));
					}
				})(),
				opts
			);
		},
		/** The same with units already turned into rows (tmxRows does that in a worker thread). */
		importRows,
		/**
		 * The running import, or null. An import holds SQLite's write lock until it commits
		 * (that is what makes it all or nothing), so this process's other writers wait for this
		 * promise rather than block the event loop on the lock and fail with SQLITE_BUSY.
		 */
		importing: (): Promise<void> | null => importing,
		concordance(query: string, o: { limit?: number } = {}) {
			const words = [...query.normalize('NFC').matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m[0]);
			if (words.length === 0) return [];
			// a phrase query on folded tokens: "l’OTAN" and "OTAN" both become the token otan
			const match = `"${words.join(' ')}"`;
			return repo.concordance(match, o.limit ?? 50).map((r) => ({
				id: r.id,
				source: r.source,
				target: r.target,
				origin: r.origin as TmOrigin,
				changedAt: r.changed_at,
				sourceLang: r.source_lang,
				targetLang: r.target_lang,
				sourceHighlighted: r.hs,
				targetHighlighted: r.ht
			}));
		},
		/** For benchmarks and tests: the same lookup by scoring every unit. */
		scan: (text: string, o: LookupOptions): { id: number; similarity: number }[] => allCandidates('scan', text, o),
		fuzzyCandidates: (text: string, o: LookupOptions): { id: number; similarity: number }[] => allCandidates('all', text, o),
		/** Whether half of the fuzzy index is in a worker thread (benchmarks, tests). */
		sharded: (): boolean => shard != null,
		/** For tests: stops the worker as a crash would; the next lookup takes the whole index back. */
		stopShardWorker: (): void => shard?.close(),
		close(): void {
			shard?.close();
			shard = null;
		}
	};
}

export type TranslationMemory = ReturnType<typeof createTranslationMemory>;
