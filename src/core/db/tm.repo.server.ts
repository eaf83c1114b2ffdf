import Database from 'better-sqlite3';
import { AtelierError } from '../errors.js';
import type { TmOrigin } from '../model.js';
import type { Db } from './open.server.js';

/** A unit as stored: text plus everything derived for lookups. */
export interface TmRow {
	id?: number;
	source_lang: string;
	target_lang: string;
	source: string;
	target: string;
	source_tags: string | null;
	target_tags: string | null;
	source_key: string;
	pair_key: string;
	tokens: string;
	origin: TmOrigin;
	tuid: string | null;
	document_id: number | null;
	segment_ord: number | null;
	context_prev: string | null;
	context_next: string | null;
	confidence: number | null;
	props: string | null;
	notes: string | null;
	import_file: string | null;
	created_at: string;
	created_by: string | null;
	changed_at: string;
	changed_by: string | null;
	/** TMX usage statistics (migration 012): the tu's, then a tuv's own */
	usage_count: number | null;
	last_used_at: string | null;
	source_usage_count: number | null;
	source_last_used_at: string | null;
	target_usage_count: number | null;
	target_last_used_at: string | null;
}

/** The usage columns, each merged by keeping the larger value (the higher count, the later ISO date). */
export const USAGE_COLUMNS = ['usage_count', 'last_used_at', 'source_usage_count', 'source_last_used_at', 'target_usage_count', 'target_last_used_at'] as const satisfies readonly (keyof TmRow)[];
/** `col` set to the larger of itself and `other`, either NULL (SQLite's max() of a NULL is NULL) */
const keepLarger = (other: (c: string) => string) => USAGE_COLUMNS.map((c) => `${c} = max(coalesce(${c}, ${other(c)}), coalesce(${other(c)}, ${c}))`).join(', ');

/** A unit as a deletion reports it. */
export interface DeletedUnit {
	id: number;
	source_lang: string;
	target_lang: string;
}

export interface TmFilter {
	documentId?: number;
	origin?: TmOrigin;
	sourceLang?: string;
	targetLang?: string;
	/** ISO dates, inclusive */
	from?: string;
	to?: string;
}

/** The columns a unit is written with, in the order of TmRowValues. */
export const ROW_COLUMNS = [
	'source_lang', 'target_lang', 'source', 'target', 'source_tags', 'target_tags', 'source_key', 'pair_key', 'tokens',
	'origin', 'tuid', 'document_id', 'segment_ord', 'context_prev', 'context_next', 'confidence', 'props', 'notes', 'import_file',
	'created_at', 'created_by', 'changed_at', 'changed_by', ...USAGE_COLUMNS
] as const satisfies readonly (keyof TmRow)[];
const COLUMNS = ROW_COLUMNS.join(', ');
const NAMED_VALUES = `VALUES (${ROW_COLUMNS.map((c) => `@${c}`).join(', ')})`;
const DOCUMENT_AT = ROW_COLUMNS.indexOf('document_id');

/**
 * A row as an array in ROW_COLUMNS order, as an import writes it: bound by position, it cost
 * ~3.5 µs less per unit than by name (300k units), and an array crosses from the reader
 * thread cheaper than an object with 23 keys.
 */
export type TmRowValues = TmRow[(typeof ROW_COLUMNS)[number]][];

export function rowValues(r: TmRow): TmRowValues {
	const v: TmRowValues = new Array(ROW_COLUMNS.length);
	for (let i = 0; i < ROW_COLUMNS.length; i++) v[i] = r[ROW_COLUMNS[i]];
	return v;
}

/** The inverse, for tests and tools that read what an import writes. */
export function rowFromValues(v: TmRowValues): TmRow {
	const r: Record<string, unknown> = {};
	for (let i = 0; i < ROW_COLUMNS.length; i++) r[ROW_COLUMNS[i]] = v[i];
	return r as unknown as TmRow;
}

/** The columns of a unit as TmRawUnit holds them, in this order. */
export const UNIT_COLUMN_ORDER = [
	'id', 'source_lang', 'target_lang', 'source', 'target', 'source_tags', 'target_tags', 'origin', 'tuid', 'document_id', 'segment_ord',
	'context_prev', 'context_next', 'confidence', 'props', 'notes', 'import_file', 'created_at', 'created_by', 'changed_at', 'changed_by',
	...USAGE_COLUMNS
] as const;
const UNIT_COLUMNS = UNIT_COLUMN_ORDER.join(', ');

/** A stored unit as a row array, columns in UNIT_COLUMN_ORDER. */
export type TmRawUnit = [
	id: number, source_lang: string, target_lang: string, source: string, target: string, source_tags: string | null, target_tags: string | null,
	origin: TmOrigin, tuid: string | null, document_id: number | null, segment_ord: number | null, context_prev: string | null, context_next: string | null,
	confidence: number | null, props: string | null, notes: string | null, import_file: string | null, created_at: string, created_by: string | null,
	changed_at: string, changed_by: string | null, usage_count: number | null, last_used_at: string | null,
	source_usage_count: number | null, source_last_used_at: string | null, target_usage_count: number | null, target_last_used_at: string | null
];

/**
 * The same pair again updates the unit: newer text details and provenance, original creation
 * kept. The import file stays the one that first brought the unit (none for a unit a
 * translator or an alignment wrote): "delete this import's units" must not take units that
 * were there before that import merely because it had them too. Usage statistics keep the
 * larger of the two (the higher count, the later last use): an older TMX imported again must
 * not set a unit's usage back. Exported for bench/_tm-dev-import-parts.ts, which times inserts with and without it.
 */
export const ON_CONFLICT = `ON CONFLICT (source_key, pair_key) DO UPDATE SET
	source = excluded.source, target = excluded.target, source_tags = excluded.source_tags, target_tags = excluded.target_tags,
	origin = excluded.origin, document_id = coalesce(excluded.document_id, document_id), segment_ord = coalesce(excluded.segment_ord, segment_ord),
	context_prev = coalesce(excluded.context_prev, context_prev), context_next = coalesce(excluded.context_next, context_next),
	confidence = coalesce(excluded.confidence, confidence), props = coalesce(excluded.props, props), notes = coalesce(excluded.notes, notes),
	import_file = CASE WHEN import_file IS NOT NULL OR origin <> 'import' THEN import_file ELSE excluded.import_file END,
	changed_at = excluded.changed_at, changed_by = excluded.changed_by, ${keepLarger((c) => `excluded.${c}`)}`;

function filterSql(f: TmFilter): { where: string; params: unknown[] } {
	const w: string[] = [];
	const p: unknown[] = [];
	if (f.documentId != null) (w.push('document_id = ?'), p.push(f.documentId));
	if (f.origin) (w.push('origin = ?'), p.push(f.origin));
	if (f.sourceLang) (w.push('lower(source_lang) LIKE ?'), p.push(`${f.sourceLang.toLowerCase()}%`));
	if (f.targetLang) (w.push('lower(target_lang) LIKE ?'), p.push(`${f.targetLang.toLowerCase()}%`));
	if (f.from) (w.push('changed_at >= ?'), p.push(f.from));
	// a bare day means all of it: changed_at holds full ISO times, and '2026-11-23T09:00…' sorts
	// after '2026-11-23', so `<=` the day would exclude the very day asked for
	const day = f.to ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(f.to) : null;
	if (day) (w.push('changed_at < ?'), p.push(new Date(Date.UTC(+day[1], +day[2] - 1, +day[3] + 1)).toISOString().slice(0, 10)));
	else if (f.to) (w.push('changed_at <= ?'), p.push(f.to));
	return { where: w.length ? `WHERE ${w.join(' AND ')}` : '', params: p };
}

/** Units between two concordance catch-ups of an import: FTS5 indexes big INSERT … SELECTs much faster than small ones. */
const CATCH_UP_EVERY = 50_000;

/** All SQL of the translation memory. */
export function createTmRepo(db: Db) {
	const st = {
		upsert: db.prepare(`INSERT INTO tm_units (${COLUMNS}) ${NAMED_VALUES} ${ON_CONFLICT} RETURNING id`),
		dropAllStaged: db.prepare('DELETE FROM tm_staging'),
		exact: db.prepare('SELECT * FROM tm_units WHERE source_key = ? ORDER BY changed_at DESC, id DESC'),
		byId: db.prepare('SELECT * FROM tm_units WHERE id = ?'),
		scoringFields: db.prepare('SELECT source, changed_at FROM tm_units WHERE id = ?').raw(),
		maxId: db.prepare('SELECT coalesce(max(id), 0) AS n FROM tm_units'),
		tokensFrom: db.prepare('SELECT id, source_lang, target_lang, tokens FROM tm_units WHERE id > ? ORDER BY id'),
		tokensOfShard: db.prepare('SELECT id, source_lang, target_lang, tokens FROM tm_units WHERE id > ? AND id <= ? AND id % ? = ? ORDER BY id'),
		byOrigin: db.prepare('SELECT origin, count(*) AS n FROM tm_units GROUP BY origin ORDER BY origin'),
		// language pairs and import files in ONE pass: neither has an index (one would cost every
		// imported unit a B-tree insertion), so each is a scan of the whole table, ~0.25 s per
		// 300k units; the TM page needs both
		byPairAndFile: db.prepare('SELECT source_lang, target_lang, import_file, count(*) AS n, max(changed_at) AS last FROM tm_units GROUP BY source_lang, target_lang, import_file').raw(),
		count: db.prepare('SELECT count(*) AS n FROM tm_units'),
		concordance: db.prepare(`SELECT u.id, u.source, u.target, u.origin, u.changed_at, u.source_lang, u.target_lang,
			highlight(tm_fts, 0, char(1), char(2)) AS hs, highlight(tm_fts, 1, char(1), char(2)) AS ht
			FROM tm_fts JOIN tm_units u ON u.id = tm_fts.rowid WHERE tm_fts MATCH ? ORDER BY rank LIMIT ?`),
		// the same within one language pair, by primary language (`fr` takes fr, fr-FR, fr-CA…)
		concordanceInPair: db.prepare(`SELECT u.id, u.source, u.target, u.origin, u.changed_at, u.source_lang, u.target_lang,
			highlight(tm_fts, 0, char(1), char(2)) AS hs, highlight(tm_fts, 1, char(1), char(2)) AS ht
			FROM tm_fts JOIN tm_units u ON u.id = tm_fts.rowid WHERE tm_fts MATCH @match
			AND (lower(u.source_lang) = @src OR lower(u.source_lang) LIKE @src || '-%') AND (lower(u.target_lang) = @tgt OR lower(u.target_lang) LIKE @tgt || '-%')
			ORDER BY rank LIMIT @limit`),
		ftsCandidates: db.prepare('SELECT rowid AS id FROM tm_fts WHERE tm_fts MATCH ? ORDER BY rank LIMIT ?'),
		exists: db.prepare('SELECT 1 FROM tm_units WHERE id = ?').pluck(),
		byKeys: db.prepare('SELECT id FROM tm_units WHERE source_key = ? AND pair_key = ? AND id <> ?').pluck(),
		idOfKeys: db.prepare('SELECT id FROM tm_units WHERE source_key = ? AND pair_key = ?').pluck(),
		// a use in Atelier counts as TMX usagecount does in Trados: one more, and the last use moves on (never back)
		// (a count a file gave only on a tuv is where the unit's own count starts from: Used 58 times, not 1)
		use: db.prepare(`UPDATE tm_units SET usage_count = coalesce(usage_count, target_usage_count, source_usage_count, 0) + 1,
			last_used_at = max(coalesce(last_used_at, target_last_used_at, source_last_used_at, @at), @at) WHERE id = @id`),
		insertRow: db.prepare(`INSERT INTO tm_units (${COLUMNS}) ${NAMED_VALUES} RETURNING id`).pluck(),
		// a unit merged into another by an edit brings its usage along, as an import's duplicate does
		foldUsage: db.prepare(`UPDATE tm_units SET ${keepLarger((c) => `@${c}`)} WHERE id = @id`),
		setText: db.prepare(`UPDATE tm_units SET source = @source, target = @target, source_key = @source_key, pair_key = @pair_key, tokens = @tokens,
			changed_at = @changed_at, changed_by = @changed_by WHERE id = @id`),
		deleteOne: db.prepare('DELETE FROM tm_units WHERE id = ? RETURNING id, source_lang, target_lang'),
		deleteImport: db.prepare('DELETE FROM tm_units WHERE import_file = ? RETURNING id, source_lang, target_lang'),
		// how many deletions the TM has seen, in every process: see TmRepo.deletions
		deletions: db.prepare("SELECT coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'tm_deletions'), 0)").pluck(),
		countDeletion: db.prepare("INSERT INTO settings (key, value) VALUES ('tm_deletions', '1') ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"),
		// where edited units went (migration 010)
		// a move from an id a new unit has since taken is stale: the live unit wins
		movedTo: db.prepare('SELECT m.new_id FROM tm_unit_moves m JOIN tm_units u ON u.id = m.new_id WHERE m.old_id = ? AND NOT EXISTS (SELECT 1 FROM tm_units l WHERE l.id = m.old_id)').pluck(),
		repointMoves: db.prepare('UPDATE tm_unit_moves SET new_id = ? WHERE new_id = ?'),
		addMove: db.prepare(`INSERT INTO tm_unit_moves (old_id, new_id, moved_at) VALUES (?, ?, ?)
			ON CONFLICT (old_id) DO UPDATE SET new_id = excluded.new_id, moved_at = excluded.moved_at`)
	};

	const values = `VALUES (${ROW_COLUMNS.map(() => '?').join(', ')})`;
	const insertSql = `INSERT INTO tm_units (${COLUMNS}) ${values} ${ON_CONFLICT}`;
	const insertNewSql = `INSERT OR IGNORE INTO tm_units (${COLUMNS}) ${values}`;

	/**
	 * One import as ONE transaction, rows written straight into tm_units (and tm_fts, by its
	 * trigger): committed whole or rolled back whole. It runs on a connection of its own when
	 * the database is a file, so the workbench's connection never finds itself inside the
	 * import's transaction while the import awaits the next batch: its readers keep reading
	 * the last committed state (WAL) and its writers wait (busy timeout) for the commit.
	 */
	function importSession() {
		const own = db.memory ? null : new Database(db.name);
		const c = own ?? db;
		try {
			if (own) {
				own.pragma('busy_timeout = 5000');
				// Off for this connection only: with it on, SQLite ran the document_id check on
				// every row, a NULL one included (+12 µs a unit, a third of the insert, measured
				// on 300k units). The ids the import brings are checked once, before COMMIT.
				own.pragma('foreign_keys = OFF');
				own.pragma('synchronous = NORMAL');
				// the B-tree of the random keys (source_key, pair_key) mostly stays in cache: 32 MB, within the import's memory aim
				own.pragma('cache_size = -32768');
			}
			c.exec('BEGIN IMMEDIATE');
			// Concordance rows (tm_fts) for the new units are written by one INSERT … SELECT every
			// CATCH_UP_EVERY units and at the end: several times cheaper than the per-row trigger
			// (and than one per 1,000-unit batch), and done while the reader thread parses the next
			// batches (see tmx-rows.server.ts) rather than all at the end.
			// Inside this transaction only, the insert trigger is dropped and the update trigger
			// replaced by a TEMP one limited to units already indexed (`temp.tm_import_mark`): a new
			// unit updated by a later duplicate in the same batch is indexed with its final text.
			// The main schema's triggers are restored before COMMIT, so no other connection ever
			// sees them changed, and a rollback restores them with everything else.
			const before = (c.prepare('SELECT coalesce(max(id), 0) FROM tm_units').pluck().get() as number) | 0;
			const triggers = c.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN ('tm_units_ai', 'tm_units_au')").pluck().all() as string[];
			const bulkFts = triggers.length === 2;
			if (bulkFts) {
				c.exec(`DROP TRIGGER tm_units_ai; DROP TRIGGER tm_units_au;
					CREATE TEMP TABLE tm_import_mark (indexed INTEGER NOT NULL);
					INSERT INTO temp.tm_import_mark VALUES (${before});
					CREATE TEMP TRIGGER tm_import_au AFTER UPDATE OF source, target ON main.tm_units
					WHEN old.id <= (SELECT indexed FROM temp.tm_import_mark) BEGIN
						INSERT INTO tm_fts (tm_fts, rowid, source, target) VALUES ('delete', old.id, old.source, old.target);
						INSERT INTO tm_fts (rowid, source, target) VALUES (new.id, new.source, new.target);
					END;`);
			}
			// The upsert's conflict handling cost ~10 µs a row even when nothing conflicts
			// (300k units); a plain INSERT OR IGNORE does not, and the rare row it leaves out is
			// written again by the upsert: a duplicate is updated, and a row ignored for another
			// reason (NOT NULL, CHECK) fails there with SQLite's own error.
			const insertNew = c.prepare(insertNewSql);
			const insert = c.prepare(insertSql);
			const documentIds = new Set<number>();
			const documentExists = c.prepare('SELECT 1 FROM documents WHERE id = ?').pluck();
			const maxId = c.prepare('SELECT coalesce(max(id), 0) FROM tm_units').pluck();
			const indexNew = bulkFts ? c.prepare('INSERT INTO tm_fts (rowid, source, target) SELECT id, source, target FROM tm_units WHERE id > ?') : null;
			const mark = bulkFts ? c.prepare('UPDATE temp.tm_import_mark SET indexed = ?') : null;
			let indexed = before;
			const catchUp = () => {
				if (!indexNew) return;
				const top = maxId.get() as number;
				if (top <= indexed) return;
				indexNew.run(indexed);
				mark!.run(top);
				indexed = top;
			};
			let sinceCatchUp = 0;
			let written = 0;
			let open = true;
			const close = () => {
				open = false;
				own?.close();
			};
			return {
				insert(rows: TmRowValues[]) {
					for (let i = 0; i < rows.length; i++) {
						const row = rows[i];
						if (row[DOCUMENT_AT] != null && own) documentIds.add(row[DOCUMENT_AT] as number);
						written += insertNew.run(row).changes || insert.run(row).changes;
					}
					sinceCatchUp += rows.length;
					if (sinceCatchUp >= CATCH_UP_EVERY) {
						sinceCatchUp = 0;
						catchUp();
					}
				},
				/** Commits; returns the number of units written (inserted or updated). */
				commit(): number {
					// what foreign_keys = ON would have refused, row by row
					for (const id of documentIds) if (documentExists.get(id) == null) throw new AtelierError('document_not_found', { id }, { document: id });
					if (bulkFts) {
						catchUp();
						c.exec(`DROP TRIGGER temp.tm_import_au; DROP TABLE temp.tm_import_mark; ${triggers.join(';\n')};`);
					}
					c.exec('COMMIT');
					// the import's pages go from the WAL into the database now, not at some later writer's commit
					if (own) own.pragma('wal_checkpoint(TRUNCATE)');
					close();
					return written;
				},
				rollback(): void {
					if (!open) return;
					try {
						if (c.inTransaction) c.exec('ROLLBACK');
					} finally {
						close();
					}
				}
			};
		} catch (e) {
			own?.close();
			throw e;
		}
	}

	function deleteIds(ids: readonly number[]): DeletedUnit[] {
		const out: DeletedUnit[] = [];
		for (const id of ids) {
			const r = st.deleteOne.get(id) as DeletedUnit | undefined;
			if (r) out.push(r);
		}
		if (out.length) st.countDeletion.run();
		return out;
	}

	/** Counts for the TM page and `tm stats`: total, by origin, by language pair, by import file. */
	function stats() {
		const pairs = new Map<string, { source_lang: string; target_lang: string; n: number }>();
		const files = new Map<string, { importFile: string; units: number; lastChangedAt: string }>();
		for (const [source_lang, target_lang, file, n, last] of st.byPairAndFile.all() as [string, string, string | null, number, string][]) {
			const key = `${source_lang}\u0000${target_lang}`;
			const p = pairs.get(key);
			if (p) p.n += n;
			else pairs.set(key, { source_lang, target_lang, n });
			if (file == null) continue;
			const f = files.get(file);
			if (!f) files.set(file, { importFile: file, units: n, lastChangedAt: last });
			else {
				f.units += n;
				if (last > f.lastChangedAt) f.lastChangedAt = last;
			}
		}
		return {
			total: (st.count.get() as { n: number }).n,
			byOrigin: st.byOrigin.all() as { origin: TmOrigin; n: number }[],
			byPair: [...pairs.values()].sort((x, y) => y.n - x.n),
			/** the files units were imported from, with how many units each still has, latest first */
			imports: [...files.values()].sort((x, y) => (x.lastChangedAt < y.lastChangedAt ? 1 : x.lastChangedAt > y.lastChangedAt ? -1 : x.importFile < y.importFile ? -1 : 1))
		};
	}

	return {
		importSession,
		/** Inserts or updates units, in one transaction; returns their ids. */
		upsert: db.transaction((rows: TmRow[]) => rows.map((r) => (st.upsert.get(r) as { id: number }).id)),
		/** Rows left in tm_staging by an import of an earlier version interrupted by a crash: never part of the TM. */
		dropAllStaged: () => st.dropAllStaged.run().changes,
		exact: (sourceKey: string) => st.exact.all(sourceKey) as TmRow[],
		byId: (id: number) => (st.byId.get(id) as TmRow | undefined) ?? null,
		/** What ranking a fuzzy candidate needs: [source, changed_at], or undefined if it is gone. */
		scoringFields: (id: number) => st.scoringFields.get(id) as [string, string | null] | undefined,
		maxId: () => (st.maxId.get() as { n: number }).n,
		/** Index rows after `afterId`, in id order, without loading them all at once. */
		tokensFrom: (afterId: number) => st.tokensFrom.iterate(afterId) as IterableIterator<{ id: number; source_lang: string; target_lang: string; tokens: string }>,
		/** The same for the units of one shard (id mod `shards` = `shard`) up to `upTo`. */
		tokensOfShard: (afterId: number, upTo: number, shards: number, shard: number) =>
			st.tokensOfShard.iterate(afterId, upTo, shards, shard) as IterableIterator<{ id: number; source_lang: string; target_lang: string; tokens: string }>,
		stats,


		/**
		 * Units matching a filter, in id order, streamed in pages of 2,000 (keyset on id), each
		 * row an array in UNIT_COLUMN_ORDER: one `all()` per page costs far less per row than
		 * stepping a cursor, and raw arrays cost half as much as the objects better-sqlite3
		 * would build (an export reads every column of every unit).
		 */
		*iterate(f: TmFilter): IterableIterator<TmRawUnit> {
			const { where, params } = filterSql(f);
			// everything a TmUnit holds, not the derived match keys and tokens (a third of the row)
			const page = db.prepare(`SELECT ${UNIT_COLUMNS} FROM tm_units ${where ? `${where} AND` : 'WHERE'} id > ? ORDER BY id LIMIT 2000`).raw();
			for (let after = -Infinity; ; ) {
				const rows = page.all(...params, after) as TmRawUnit[];
				for (let i = 0; i < rows.length; i++) yield rows[i];
				if (rows.length < 2000) return;
				after = rows[rows.length - 1][0];
			}
		},
		/** Where the database is: a file another connection (a worker thread's) can open, or memory only. */
		location: () => ({ path: db.name, memory: db.memory }),
		/** Units matching a filter with an id ≤ maxId, counted up to `cap` only (a large export needs no exact count to decide how to run). */
		countUpTo(f: TmFilter, maxId: number, cap: number): number {
			const { where, params } = filterSql(f);
			return db.prepare(`SELECT count(*) FROM (SELECT 1 FROM tm_units ${where ? `${where} AND` : 'WHERE'} id <= ? LIMIT ?)`).pluck().get(...params, maxId, cap) as number;
		},
		concordance: (match: string, limit: number, pair?: { src: string; tgt: string }) =>
			(pair ? st.concordanceInPair.all({ match, limit, ...pair }) : st.concordance.all(match, limit)) as { id: number; source: string; target: string; origin: TmOrigin; changed_at: string; source_lang: string; target_lang: string; hs: string; ht: string }[],
		ftsCandidates: (match: string, limit: number) => (st.ftsCandidates.all(match, limit) as { id: number }[]).map((r) => r.id),
		exists: (id: number) => st.exists.get(id) != null,
		/** Another unit with the same pair (the UNIQUE (source_key, pair_key) index), or null. */
		otherWithKeys: (sourceKey: string, pairKey: string, id: number) => (st.byKeys.get(sourceKey, pairKey, id) as number | undefined) ?? null,
		/** the unit holding this pair, or null */
		idOfKeys: (sourceKey: string, pairKey: string) => (st.idOfKeys.get(sourceKey, pairKey) as number | undefined) ?? null,
		/** one more use of each unit, the last at `at` (ISO 8601) */
		recordUse(ids: readonly number[], at: string): void {
			for (const id of ids) st.use.run({ id, at });
		},
		/** Inserts one unit as given (no upsert: the caller has checked its pair is new); returns its id. */
		insertRow: (r: TmRow) => st.insertRow.get(r) as number,
		/** New text and keys for a unit, its id and provenance kept. */
		setText: (id: number, r: Pick<TmRow, 'source' | 'target' | 'source_key' | 'pair_key' | 'tokens' | 'changed_at' | 'changed_by'>) =>
			st.setText.run({ ...r, id }).changes,
		/** Unit `id` keeps the larger of its usage statistics and `r`'s (see ON_CONFLICT). */
		foldUsage(id: number, r: Pick<TmRow, (typeof USAGE_COLUMNS)[number]>): number {
			const p: Record<string, unknown> = { id };
			for (const c of USAGE_COLUMNS) p[c] = r[c];
			return st.foldUsage.run(p).changes;
		},
		/** Deletes units by id; returns what went (the fuzzy index forgets them by language pair). */
		deleteIds,
		/** The unit an edit moved `oldId` to, if that unit still exists (moves always point at the current id). */
		movedTo: (oldId: number) => (st.movedTo.get(oldId) as number | undefined) ?? null,
		/**
		 * Deletes unit `from`, whose text now lives in unit `to`, and records the move. In this
		 * order: the moves that pointed at `from` are repointed first (the delete trigger of
		 * migration 010 would drop them), and `from → to` is written last (the same trigger
		 * drops any move from `from`'s id, left from an earlier unit that had that id).
		 */
		retireInto(from: number, to: number, at: string): DeletedUnit[] {
			st.repointMoves.run(to, from);
			const gone = deleteIds([from]);
			st.addMove.run(from, to, at);
			return gone;
		},
		deleteImport: (importFile: string) => {
			const out = st.deleteImport.all(importFile) as DeletedUnit[];
			if (out.length) st.countDeletion.run();
			return out;
		},
		/**
		 * A counter every deletion of units moves (in the deleting transaction). SQLite gives the
		 * ids of deleted top rows to the next rows written, and a fuzzy index reads only ids above
		 * what it has indexed: a process that sees this counter move without having deleted
		 * anything itself knows another one did, and reads its index again.
		 */
		deletions: () => st.deletions.get() as number,
		inTransaction: () => db.inTransaction,
		/** The files units were imported from, with how many units each still has, latest first (a scan: see stats). */
		imports: () => stats().imports,
		/** The distinct source languages of the units a filter selects, at most `cap` of them. */
		sourceLangs(f: TmFilter, cap = 2): string[] {
			const { where, params } = filterSql(f);
			return db.prepare(`SELECT DISTINCT source_lang FROM tm_units ${where} LIMIT ?`).pluck().all(...params, cap) as string[];
		},
		/** Runs `fn` in one transaction. */
		// IMMEDIATE: its callers read a unit, then write (see TermsRepo.inTransaction)
		transaction: <T>(fn: () => T): T => db.transaction(fn).immediate()
	};
}

export type TmRepo = ReturnType<typeof createTmRepo>;

// What a TMX export reads: TMX carries neither the segment position, the contexts, the
// confidence nor the import file, so NULL stands in for them (strings not made for a million
// rows), keeping the row shape of TmRawUnit.
const TMX_COLUMNS = UNIT_COLUMN_ORDER.map((c) => (['segment_ord', 'context_prev', 'context_next', 'confidence', 'import_file'].includes(c) ? 'NULL' : c)).join(', ');

/** The columns of a TmxLeanRow, in this order, then whether the unit has a TMX_RARE value (0/1). */
const TMX_LEAN_COLUMNS = ['id', 'source_lang', 'target_lang', 'source', 'target', 'tuid', 'props', 'created_at', 'created_by', 'changed_at', 'changed_by', 'usage_count', 'last_used_at', 'document_id'] as const;
/** What most units leave NULL: inline tags, notes, a tuv's usage statistics. */
const TMX_RARE = ['source_tags', 'target_tags', 'notes', 'source_usage_count', 'source_last_used_at', 'target_usage_count', 'target_last_used_at'] as const;
const RARE_PRESENT = `coalesce(${TMX_RARE.join(', ')}) IS NOT NULL`;

/** A unit as an export reads it first: TMX_LEAN_COLUMNS, then 1 when the rest must be read too. */
export type TmxLeanRow = [
	id: number, source_lang: string, target_lang: string, source: string, target: string, tuid: string | null, props: string | null,
	created_at: string, created_by: string | null, changed_at: string, changed_by: string | null, usage_count: number | null, last_used_at: string | null,
	document_id: number | null, rare: 0 | 1
];

/**
 * Reading units by id range, for a TMX export split across worker threads, each with its own
 * read-only connection (tm/tmx-export.worker.ts). Two statements in one read transaction (one
 * snapshot, even while other connections write): the columns most units fill, for every
 * unit; then every column, only for the units that have one of the rarely filled ones.
 * Why two: each column read costs ~0.1–0.3 µs a row even when NULL; measured on 300k units,
 * a worker's time per unit went from 12.5 to 10.1 µs (best of 8). A range where every unit
 * has tags pays for both (the second is what a single statement read before).
 */
export function createTmRangeReader(db: Db, f: TmFilter) {
	const { where, params } = filterSql(f);
	const scope = `FROM tm_units ${where ? `${where} AND` : 'WHERE'} id BETWEEN ? AND ?`;
	const lean = db.prepare(`SELECT ${TMX_LEAN_COLUMNS.join(', ')}, ${RARE_PRESENT} ${scope} ORDER BY id`).raw();
	const full = db.prepare(`SELECT ${TMX_COLUMNS} ${scope} AND ${RARE_PRESENT} ORDER BY id`).raw();
	const read = db.transaction((from: number, to: number) => {
		const rows = lean.all(...params, from, to) as TmxLeanRow[];
		const rare = rows.some((r) => r[14] === 1) ? (full.all(...params, from, to) as TmRawUnit[]) : [];
		return { rows, rare };
	});
	return {
		/**
		 * Units with from ≤ id ≤ to matching the filter, in id order: every one as a TmxLeanRow,
		 * and, in id order too, those marked `rare` as row arrays in UNIT_COLUMN_ORDER (the
		 * columns TMX does not carry are null).
		 */
		range: (from: number, to: number): { rows: TmxLeanRow[]; rare: TmRawUnit[] } => read(from, to)
	};
}
