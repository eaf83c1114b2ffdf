import { hash as digest } from 'node:crypto';
import { AtelierError } from './errors.js';
import { reason } from './formats/reason.js';
import { tagProblem } from './tm/tag-markers.js';
import { rowValues, type DeletedUnit, type TmFilter, type TmRawUnit, type TmRepo, type TmRow, type TmRowValues } from './db/tm.repo.server.js';
import { primaryLang } from './lang.js';
import type { InlineTag, TmOrigin, TmProp, TmUnit, TmUsage } from './model.js';
import { type Accept, type FuzzyCandidate, FuzzyIndex } from './tm/fuzzy-index.js';
import { FuzzyShard, type ShardQuestion } from './tm/fuzzy-shard.server.js';
import { foldHyphens, normText, tokenizeForTm, tokenString } from './tm/normalize.js';
import { dropControls } from './text/controls.js';
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
/** Text left once the tag placeholders and spaces are set aside: a side without any is empty. */
const visible = (s: string) => /[^\s\uE000-\uF8FF]/u.test(s);
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

/** A count as stored: a non-negative integer, else nothing (a unit built by hand could hold anything). */
const countOrNull = (n: number | null | undefined): number | null => (n != null && Number.isSafeInteger(n) && n >= 0 ? n : null);

/** A tuv's usage from its two columns; undefined when it has none (most units), so that units compare and print as before. */
function usageOf(count: number | null, last: string | null): TmUsage | undefined {
	if (count == null && last == null) return undefined;
	const u: TmUsage = {};
	if (count != null) u.count = count;
	if (last != null) u.lastUsedAt = last;
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
		changed_by: u.changedBy ?? u.createdBy ?? null,
		usage_count: countOrNull(u.usageCount),
		last_used_at: u.lastUsedAt ?? null,
		source_usage_count: countOrNull(u.sourceUsage?.count),
		source_last_used_at: u.sourceUsage?.lastUsedAt ?? null,
		target_usage_count: countOrNull(u.targetUsage?.count),
		target_last_used_at: u.targetUsage?.lastUsedAt ?? null
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
		changedBy: r.changed_by,
		usageCount: r.usage_count ?? undefined,
		lastUsedAt: r.last_used_at ?? undefined,
		sourceUsage: usageOf(r.source_usage_count, r.source_last_used_at),
		targetUsage: usageOf(r.target_usage_count, r.target_last_used_at)
	}, r.notes);
}

/** The same from a row array (TmRepo.iterate), for exports that read every unit. */
export function fromRaw(r: TmRawUnit, parseProps: (json: string) => TmProp[] = JSON.parse): TmUnit & { id: number } {
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
		props: r[14] ? parseProps(r[14]) : undefined,
		importFile: r[16],
		createdAt: r[17],
		createdBy: r[18],
		changedAt: r[19],
		changedBy: r[20],
		usageCount: r[21] ?? undefined,
		lastUsedAt: r[22] ?? undefined,
		sourceUsage: usageOf(r[23], r[24]),
		targetUsage: usageOf(r[25], r[26])
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

/** What an edit did: the unit as it now is, and whether it changed id or merged into another. */
export interface TmUnitUpdate {
	unit: TmUnit & { id: number };
	previousId: number;
	/** the source's tokens changed: the unit was written again under a new id (see updateUnit) */
	idChanged: boolean;
	/** the edited pair was already in the TM: that unit was updated and the edited one removed */
	merged: boolean;
}

export function createTranslationMemory(repo: TmRepo, options: TranslationMemoryOptions = {}) {
	const indexes = new Map<string, FuzzyIndex>();
	let indexedUpTo = 0;
	/** the worker holding the units with odd ids, once the TM is large enough */
	let shard: FuzzyShard | null = null;
	let canShard = options.dbPath != null && options.dbPath !== ':memory:';
	/** odd ids deleted here since the worker was last asked: it forgets them with the next question */
	let forget: number[] = [];
	/** the lowest id the index went back to since the worker was last asked (see `lowerIndexedTo`) */
	let reread: number | null = null;
	/** TmRepo.deletions as this process last accounted for it: a different value means another process deleted units */
	let seenDeletions = repo.deletions();
	// an import interrupted by a crash left staging rows behind: they were never part of the TM
	repo.dropAllStaged();

	function ensureShard(): void {
		if (!shard && canShard && repo.maxId() >= (options.shardFrom ?? SHARD_FROM)) {
			// this thread keeps the even ids: its index is rebuilt with them (once)
			shard = new FuzzyShard(options.dbPath!);
			indexes.clear();
			indexedUpTo = 0;
			forget = [];
			reread = null;
		}
	}

	/** A question to the worker, with the ids it must forget and read again first. */
	function ask(sh: FuzzyShard, q: Omit<ShardQuestion, 'forget' | 'reread'>): void {
		const extra: Pick<ShardQuestion, 'forget' | 'reread'> = {};
		if (forget.length) extra.forget = forget.splice(0);
		if (reread != null) extra.reread = reread;
		reread = null;
		sh.ask({ ...q, ...extra });
	}

	/**
	 * The highest units were deleted: SQLite gives their ids to the next units written, which
	 * the index must then read rather than take as indexed (it reads ids above indexedUpTo).
	 */
	function lowerIndexedTo(top: number): void {
		if (top >= indexedUpTo) return;
		indexedUpTo = top;
		if (shard) reread = Math.min(reread ?? top, top);
	}

	function refreshIndex(): void {
		ensureShard();
		const deletions = repo.deletions();
		if (deletions !== seenDeletions) {
			// another process deleted units, and may have written new ones under their ids since:
			// both halves read every id again (re-adding an indexed id replaces it)
			seenDeletions = deletions;
			indexes.clear();
			indexedUpTo = 0;
			forget = [];
			if (shard) reread = 0;
		}
		// the highest units were deleted, here or elsewhere: ids above what is left are read again
		lowerIndexedTo(repo.maxId());
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
		forget = [];
		reread = null;
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
		if (sh) ask(sh, { op, pair, tokens, threshold, limit: 0, maxPenalty: 0, upTo: indexedUpTo });
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

	/** The id of the unit that already holds this unit's pair (same languages, normalised source and target), or null. */
	function pairId(u: TmUnit): number | null {
		const r = toRow(u);
		return repo.idOfKeys(r.source_key, r.pair_key);
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
		// a source written with U+2010/U+2011 also finds the unit written with `-` (keys stay as stored)
		const folded = foldHyphens(norm);
		const exact = repo.exact(hash(`${pair}\u0000${norm}`)) as (TmRow & { id: number })[];
		if (folded !== norm) exact.push(...(repo.exact(hash(`${pair}\u0000${folded}`)) as (TmRow & { id: number })[]));
		for (const r of exact) {
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
					if (sh) ask(sh, { op: 'search', pair, tokens: q.tokens, threshold: from, limit, maxPenalty, upTo: indexedUpTo });
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

	/**
	 * Deleted units leave the fuzzy index: a stale entry would never be returned (its row is
	 * gone when scored), but it would still cost a lookup time. This thread's half forgets
	 * them now, the worker's with its next question.
	 */
	function forgetUnits(gone: readonly DeletedUnit[], deletionsBefore: number): void {
		if (gone.length === 0) return;
		// this process's own deletion (one count): no reason to read the index again, unless
		// another process had deleted too since the last look
		if (deletionsBefore === seenDeletions) seenDeletions = deletionsBefore + 1;
		// inside a caller's transaction (the alignment's confirmation), which may still roll
		// back: entries stay (a stale one is harmless, a unit missing from the index is not),
		// only the ids above what is left are read again
		if (repo.inTransaction()) return lowerIndexedTo(repo.maxId());
		for (const g of gone) {
			if (g.id > indexedUpTo) continue;
			if (shard && g.id % 2 === 1) forget.push(g.id);
			else indexes.get(pairOf(g.source_lang, g.target_lang))?.remove(g.id);
		}
		lowerIndexedTo(repo.maxId());
	}

	/**
	 * Why there is no unit `id`: an edit moved it (the error names its current id, so that an
	 * edit or a deletion aimed at the old id never lands silently on the current unit), or
	 * there is none.
	 */
	function missing(id: number): AtelierError {
		const current = repo.movedTo(id);
		return current != null ? new AtelierError('tm_unit_moved', { id, current }) : new AtelierError('tm_unit_not_found', { id });
	}

	function unitOrThrow(id: number): TmRow & { id: number } {
		const r = repo.byId(id) as (TmRow & { id: number }) | null;
		if (!r) throw missing(id);
		return r;
	}

	/**
	 * A unit's new source and/or target (NFC; keys and tokens as `toRow` computes them).
	 * Creation provenance, document, context, props and notes stay; changed_at/by are set.
	 * `expectedChangedAt`: the changed_at the editor read; another value means someone else
	 * changed the unit meanwhile, and nothing is written.
	 *
	 * A new source with other tokens is written as a NEW unit (same provenance) and the old
	 * row deleted, in one transaction: the fuzzy index reads each id once, when it is above
	 * what it has indexed, so only a new id gets the new tokens indexed. When the edited pair
	 * is already in the TM (the same normalised source and target), that unit takes the text
	 * and the edited one goes, as an import of the same pair would do.
	 */
	function updateUnit(id: number, edit: { source?: string; target?: string }, o: { expectedChangedAt?: string | null; user?: string | null } = {}): TmUnitUpdate {
		const now = new Date().toISOString();
		let deletionsBefore = 0;
		const result = repo.transaction((): { unit: TmUnit & { id: number }; idChanged: boolean; merged: boolean; gone: DeletedUnit[] } => {
			deletionsBefore = repo.deletions();
			const row = unitOrThrow(id);
			if (o.expectedChangedAt != null && o.expectedChangedAt !== row.changed_at) throw new AtelierError('tm_unit_conflict', { id });
			// strictly after the last change, even within the same millisecond: the next editor's
			// expectedChangedAt must tell the two versions apart
			const last = Date.parse(row.changed_at);
			const at = Number.isFinite(last) && Date.parse(now) <= last ? new Date(last + 1).toISOString() : now;
			// typed by a person: no control characters, which the TMX export would drop (see dropControls)
			const source = toNfc(dropControls(edit.source ?? row.source));
			const target = toNfc(dropControls(edit.target ?? row.target));
			if (!visible(source) || !visible(target)) throw new AtelierError('tm_unit_empty', { id });
			const held = fromRow(row);
			// only the sides being edited: a unit imported with odd tags stays editable on its other side
			for (const [side, text, tags, edited] of [['source', source, held.sourceTags, edit.source != null], ['target', target, held.targetTags, edit.target != null]] as const) {
				const bad = edited ? tagProblem(text, tags) : null;
				if (bad) throw new AtelierError('tm_unit_tags', { id, side: reason(`tmTags.${side}`), detail: reason(`tmTags.${bad.problem}`, { ...bad }) });
			}
			const keys = toRow({ sourceLang: row.source_lang, targetLang: row.target_lang, source, target, origin: row.origin }, at);
			const text = { source: keys.source, target: keys.target, source_key: keys.source_key, pair_key: keys.pair_key, tokens: keys.tokens, changed_at: at, changed_by: o.user ?? null };
			const other = repo.otherWithKeys(text.source_key, text.pair_key, id);
			if (other != null) {
				// same normalised source as that unit: same tokens, so its id keeps its index entry
				repo.setText(other, text);
				repo.foldUsage(other, row);
				return { unit: fromRow(unitOrThrow(other)), idChanged: true, merged: true, gone: repo.retireInto(id, other, at) };
			}
			if (text.tokens === row.tokens) {
				repo.setText(id, text);
				return { unit: fromRow(unitOrThrow(id)), idChanged: false, merged: false, gone: [] };
			}
			// inserted before the old row goes: the new id is then above every id there was
			const { id: _old, ...rest } = row;
			const fresh = repo.insertRow({ ...rest, ...text });
			// the old id's links (bookmarks, concordance results, messages) can still find it: see resolve
			return { unit: fromRow(unitOrThrow(fresh)), idChanged: true, merged: false, gone: repo.retireInto(id, fresh, at) };
		});
		forgetUnits(result.gone, deletionsBefore);
		return { unit: result.unit, previousId: id, idChanged: result.idChanged, merged: result.merged };
	}

	function deleteUnits(ids: readonly number[]): { deleted: number } {
		const [gone, before] = repo.transaction(() => [repo.deleteIds([...new Set(ids)]), repo.deletions() - 1] as const);
		forgetUnits(gone, before);
		return { deleted: gone.length };
	}

	/**
	 * Deletes one unit, refused as `updateUnit` refuses an edit: `tm_unit_moved` or
	 * `tm_unit_not_found` when there is no unit `id`, and `tm_unit_conflict` when its
	 * changed_at is not `expectedChangedAt`. SQLite hands a deleted top row's id to the next
	 * unit written, so a page read long ago can name an unrelated unit by the same id: its
	 * changed_at tells them apart. Without `expectedChangedAt` (the CLI) the unit is deleted as it is.
	 */
	function deleteUnit(id: number, o: { expectedChangedAt?: string | null } = {}): { deleted: number } {
		let deletionsBefore = 0;
		const gone = repo.transaction(() => {
			const row = unitOrThrow(id);
			if (o.expectedChangedAt != null && o.expectedChangedAt !== row.changed_at) throw new AtelierError('tm_unit_conflict', { id });
			deletionsBefore = repo.deletions();
			return repo.deleteIds([id]);
		});
		forgetUnits(gone, deletionsBefore);
		return { deleted: gone.length };
	}

	function deleteImport(importFile: string): { deleted: number } {
		const [gone, before] = repo.transaction(() => [repo.deleteImport(importFile), repo.deletions() - 1] as const);
		forgetUnits(gone, before);
		return { deleted: gone.length };
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
		pairId,
		/**
		 * Units a translation reused (pre-translation filled a segment from them, or a segment
		 * was confirmed with a pair the TM already held): each counts one use more, the last
		 * at `at`. Exported as TMX usagecount/lastusagedate, as Trados keeps them.
		 */
		recordUse(ids: readonly number[], at = new Date().toISOString()): void {
			repo.recordUse(ids, at);
		},
		/** One unit, or null when there is none with that id. */
		get(id: number): (TmUnit & { id: number }) | null {
			const r = repo.byId(id) as (TmRow & { id: number }) | null;
			return r ? fromRow(r) : null;
		},
		/**
		 * The id a unit has now: `id` itself while it exists, else the id an edit moved it to
		 * (a new source, or a merge into an identical unit; chains are followed), else null
		 * (never existed, or deleted since: a move to a deleted unit is dropped with it).
		 */
		resolve(id: number): number | null {
			return repo.exists(id) ? id : repo.movedTo(id);
		},
		/** The error for an id that has no unit: `tm_unit_moved` (naming the current id) or `tm_unit_not_found`. */
		missing,
		updateUnit,
		/** Deletes units by id, in one transaction; ids not found are not counted. */
		deleteUnits,
		deleteUnit,
		/** Deletes every unit imported from `importFile` (as the TM page lists it), in one transaction. */
		deleteImport,
		/** The files units came from, with their unit count and last change, latest first. */
		imports: () => repo.imports(),
		/** The one source language of the units a filter selects, else null (several, or none). */
		singleSourceLang(f: TmFilter = {}): string | null {
			const langs = repo.sourceLangs(f, 2);
			return langs.length === 1 ? langs[0] : null;
		},
		/** Brings the index up to date now rather than at the next lookup: both halves, built side by side. */
		refreshIndex(): void {
			ensureShard();
			const sh = shard;
			if (sh) ask(sh, { op: 'refresh', pair: '', tokens: [], threshold: 1, limit: 0, maxPenalty: 0, upTo: repo.maxId() });
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
		/** Units holding the words (accents and elision folded), best first; within one language pair when both languages are given. */
		concordance(query: string, o: { limit?: number; sourceLang?: string; targetLang?: string } = {}) {
			const words = [...query.normalize('NFC').matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m[0]);
			if (words.length === 0) return [];
			// a phrase query on folded tokens: "l’OTAN" and "OTAN" both become the token otan
			const match = `"${words.join(' ')}"`;
			const pair = o.sourceLang && o.targetLang ? { src: primaryLang(o.sourceLang), tgt: primaryLang(o.targetLang) } : undefined;
			return repo.concordance(match, o.limit ?? 50, pair).map((r) => ({
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
