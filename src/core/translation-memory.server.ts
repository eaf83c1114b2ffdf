import { hash as digest } from 'node:crypto';
import type { TmFilter, TmRawUnit, TmRepo, TmRow } from './db/tm.repo.server.js';
import { primaryLang } from './lang.js';
import type { InlineTag, TmOrigin, TmUnit } from './model.js';
import { FuzzyIndex } from './tm/fuzzy-index.js';
import { normText, tokenizeForTm, tokenString } from './tm/normalize.js';
import { toNfc } from './text/nfc.js';
import { type DiffOp, type Penalty, scoreMatch } from './tm/score.js';
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
function pairOf(src: string, tgt: string): string {
	if (src !== lastPair.src || tgt !== lastPair.tgt) lastPair = { src, tgt, key: `${primaryLang(src)}>${primaryLang(tgt)}` };
	return lastPair.key;
}
const json = (v: unknown) => (v == null || (Array.isArray(v) && v.length === 0) ? null : JSON.stringify(v));

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
		notes: json(u.notes),
		import_file: u.importFile ?? null,
		created_at: u.createdAt ?? now,
		created_by: u.createdBy ?? null,
		changed_at: u.changedAt ?? u.createdAt ?? now,
		changed_by: u.changedBy ?? u.createdBy ?? null
	};
}

export function fromRow(r: TmRow & { id: number }): TmUnit & { id: number } {
	return {
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
		notes: r.notes ? JSON.parse(r.notes) : undefined,
		importFile: r.import_file,
		createdAt: r.created_at,
		createdBy: r.created_by,
		changedAt: r.changed_at,
		changedBy: r.changed_by
	};
}

/** The same from a row array (TmRepo.iterate), for exports that read every unit. */
export function fromRaw(r: TmRawUnit): TmUnit & { id: number } {
	return {
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
		notes: r[15] ? JSON.parse(r[15]) : undefined,
		importFile: r[16],
		createdAt: r[17],
		createdBy: r[18],
		changedAt: r[19],
		changedBy: r[20]
	};
}

/**
 * The translation memory as a service. Units live in SQLite; the fuzzy index lives in memory,
 * built from the stored tokens on the first lookup and then kept up to date incrementally.
 */
export function createTranslationMemory(repo: TmRepo) {
	const indexes = new Map<string, FuzzyIndex>();
	let indexedUpTo = 0;
	// an import interrupted by a crash left staging rows behind: they were never part of the TM
	repo.dropAllStaged();

	function refreshIndex(): void {
		const touched = new Set<FuzzyIndex>();
		for (const r of repo.tokensFrom(indexedUpTo)) {
			const key = pairOf(r.source_lang, r.target_lang);
			let ix = indexes.get(key);
			if (!ix) indexes.set(key, (ix = new FuzzyIndex()));
			ix.add(r.id, r.tokens === '' ? [] : r.tokens.split(' '));
			touched.add(ix);
			indexedUpTo = r.id;
		}
		// the word order and prefix postings now, not in the next lookup
		for (const ix of touched) ix.ensureRanked();
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
		if (ix) {
			// every unit that can be among the `limit` best by final score (see top-matches.ts)
			const fuzzy = topFuzzy<TmMatch>({
				search: (from, accept) => ix.searchWith(q.tokens, from, accept),
				threshold,
				limit,
				maxPenalty: penaltyBound(q.tokens),
				taken: out.map((m) => m.score),
				skip: (id) => seen.has(id),
				score: (id) => {
					const r = repo.byId(id) as (TmRow & { id: number }) | null;
					if (!r) return null;
					const s = scoreMatch(text, r.source, q);
					return { unit: fromRow(r), score: s.score, kind: s.score === 100 ? 'exact' : 'fuzzy', base: s.base, penalties: s.penalties, ops: s.ops };
				}
			});
			out.push(...fuzzy);
		}
		out.sort((a, b) => b.score - a.score || (b.unit.changedAt ?? '').localeCompare(a.unit.changedAt ?? ''));
		return out.slice(0, limit);
	}

	let importing: Promise<void> | null = null;

	async function runImport(batches: AsyncIterable<TmRow[]>, opts: { onUnits?: (n: number) => void }): Promise<{ units: number; written: number }> {
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

	async function importRows(batches: AsyncIterable<TmRow[]>, opts: { onUnits?: (n: number) => void } = {}): Promise<{ units: number; written: number }> {
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
		refreshIndex,
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
						yield batch.map((u) => toRow(u, now));
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
		scan(text: string, o: LookupOptions): { id: number; similarity: number }[] {
			refreshIndex();
			const ix = indexes.get(pairOf(o.sourceLang, o.targetLang));
			return ix ? ix.scan(tokenizeForTm(text).tokens, (o.threshold ?? 50) / 100) : [];
		},
		fuzzyCandidates(text: string, o: LookupOptions): { id: number; similarity: number }[] {
			refreshIndex();
			const ix = indexes.get(pairOf(o.sourceLang, o.targetLang));
			return ix ? ix.search(tokenizeForTm(text).tokens, (o.threshold ?? 50) / 100) : [];
		}
	};
}

export type TranslationMemory = ReturnType<typeof createTranslationMemory>;
