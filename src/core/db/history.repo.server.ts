import type { SegmentStatus } from '../model.js';
import type { Db } from './open.server.js';

/** What made a change: a re-import or a reviewer's DOCX, or a write in the editor, the API or the CLI. */
export type HistoryKind = 'review' | 'reimport' | 'edit' | 'pretranslate' | 'replace' | 'restore' | 'join' | 'split' | 'propagate';
/** The kinds a re-import page lists. */
export const REIMPORT_KINDS: readonly HistoryKind[] = ['review', 'reimport'];
export const HISTORY_KINDS: readonly HistoryKind[] = ['edit', 'restore', 'pretranslate', 'propagate', 'replace', 'join', 'split', 'review', 'reimport'];

export interface HistoryEntry {
	id?: number;
	documentId: number;
	ord: number;
	oldTarget: string | null;
	newTarget: string | null;
	oldStatus: SegmentStatus | null;
	newStatus: SegmentStatus;
	oldVersion: number;
	kind: HistoryKind;
	format: string | null;
	originFile: string | null;
	batch: string;
	changedBy: string | null;
	changedAt: string;
}

/** A change as a document's history lists it: with the segment's number now. */
export type DocumentChange = HistoryEntry & { currentOrd: number | null };

interface HistoryRow {
	id: number;
	document_id: number;
	ord: number;
	old_target: string | null;
	new_target: string | null;
	old_status: SegmentStatus | null;
	new_status: SegmentStatus;
	old_version: number;
	kind: HistoryKind;
	format: string | null;
	origin_file: string | null;
	batch: string;
	changed_by: string | null;
	changed_at: string;
}

/** All SQL about the history of segment targets (what edits, re-imports and reviews changed). */
export function createHistoryRepo(db: Db) {
	const st = {
		insert: db.prepare(`INSERT INTO segment_history
			(document_id, segment_id, ord, old_target, new_target, old_status, new_status, old_version, kind, format, origin_file, batch, changed_by, changed_at)
			VALUES (@documentId, (SELECT id FROM segments WHERE document_id = @documentId AND ord = @ord), @ord, @oldTarget, @newTarget, @oldStatus,
			@newStatus, @oldVersion, @kind, @format, @originFile, @batch, @changedBy, @changedAt)`),
		forDocument: db.prepare('SELECT * FROM segment_history WHERE document_id = ? ORDER BY id'),
		// by the segment's id, not the ord column (where it stood then): joins and splits move segments, their history follows the id
		ofSegment: db.prepare(`SELECT * FROM segment_history WHERE segment_id = (SELECT id FROM segments WHERE document_id = ? AND ord = ?)
			ORDER BY id DESC LIMIT ?`),
		countOfSegment: db.prepare('SELECT count(*) FROM segment_history WHERE segment_id = (SELECT id FROM segments WHERE document_id = ? AND ord = ?)').pluck(),
		latest: db.prepare('SELECT * FROM segment_history WHERE segment_id = ? ORDER BY id DESC LIMIT 1'),
		// the segment's number now (joins and splits move it), null when the segment is gone
		changes: db.prepare(`SELECT h.*, s.ord AS current_ord FROM segment_history h LEFT JOIN segments s ON s.id = h.segment_id
			WHERE h.document_id = @doc AND (@by IS NULL OR h.changed_by = @by) AND (@unsigned = 0 OR h.changed_by IS NULL) AND (@kind IS NULL OR h.kind = @kind)
			ORDER BY h.changed_at DESC, h.id DESC LIMIT @limit OFFSET @offset`),
		countChanges: db.prepare(`SELECT count(*) FROM segment_history h
			WHERE h.document_id = @doc AND (@by IS NULL OR h.changed_by = @by) AND (@unsigned = 0 OR h.changed_by IS NULL) AND (@kind IS NULL OR h.kind = @kind)`).pluck(),
		signers: db.prepare('SELECT DISTINCT changed_by FROM segment_history WHERE document_id = ? AND changed_by IS NOT NULL ORDER BY changed_by').pluck(),
		extend: db.prepare('UPDATE segment_history SET new_target = @newTarget, new_status = @newStatus, changed_at = @changedAt WHERE id = @id'),
		remove: db.prepare('DELETE FROM segment_history WHERE id = ?'),
		changedAt: db.prepare('SELECT ord, changed_at FROM segments WHERE document_id = ? AND changed_at IS NOT NULL')
	};
	const toEntry = (r: HistoryRow): HistoryEntry => ({
		id: r.id,
		documentId: r.document_id,
		ord: r.ord,
		oldTarget: r.old_target,
		newTarget: r.new_target,
		oldStatus: r.old_status,
		newStatus: r.new_status,
		oldVersion: r.old_version,
		kind: r.kind,
		format: r.format,
		originFile: r.origin_file,
		batch: r.batch,
		changedBy: r.changed_by,
		changedAt: r.changed_at
	});
	return {
		add(e: HistoryEntry): void {
			st.insert.run(e);
		},
		/** a document's changes, oldest first; only those of `kinds` when given */
		forDocument: (docId: number, kinds?: readonly HistoryKind[]): HistoryEntry[] =>
			(st.forDocument.all(docId) as HistoryRow[]).filter((r) => !kinds || kinds.includes(r.kind)).map(toEntry),
		/** the changes of the segment now at `ord`, newest first, at most `limit`, and how many there are */
		ofSegment(docId: number, ord: number, limit: number): { entries: HistoryEntry[]; total: number } {
			return { entries: (st.ofSegment.all(docId, ord, limit) as HistoryRow[]).map(toEntry), total: st.countOfSegment.get(docId, ord) as number };
		},
		/**
		 * A document's changes, newest first (by their last save: coalesced autosaves move a change's
		 * time on, not its id), at most `limit` after the first `offset`, those of one signer, of
		 * no signer (`unsigned`) or of one kind when given; each with the segment's number now (`currentOrd`, null for a segment deleted since),
		 * the number of changes the filters keep, and every signer of the document's changes.
		 */
		changes(docId: number, o: { by?: string | null; unsigned?: boolean; kind?: HistoryKind | null; limit: number; offset?: number }): { entries: DocumentChange[]; total: number; signers: string[] } {
			const p = { doc: docId, by: o.by ?? null, unsigned: o.unsigned ? 1 : 0, kind: o.kind ?? null, limit: o.limit, offset: o.offset ?? 0 };
			return {
				entries: (st.changes.all(p) as (HistoryRow & { current_ord: number | null })[]).map((r) => ({ ...toEntry(r), currentOrd: r.current_ord })),
				total: st.countChanges.get(p) as number,
				signers: st.signers.all(docId) as string[]
			};
		},
		/** the segment's newest change, or null */
		latest(segmentId: number): HistoryEntry | null {
			const r = st.latest.get(segmentId) as HistoryRow | undefined;
			return r ? toEntry(r) : null;
		},
		/** a change carried on by a later save (autosaves of one burst of typing are one change) */
		extend(id: number, e: { newTarget: string | null; newStatus: SegmentStatus; changedAt: string }): void {
			st.extend.run({ id, ...e });
		},
		/** a change undone by the rest of its burst (typed, then deleted again): nothing to keep */
		remove(id: number): void {
			st.remove.run(id);
		},
		/** When each segment's target last changed (segments never written are absent). */
		changedAt(docId: number): Map<number, string> {
			return new Map((st.changedAt.all(docId) as { ord: number; changed_at: string }[]).map((r) => [r.ord, r.changed_at]));
		}
	};
}

export type HistoryRepo = ReturnType<typeof createHistoryRepo>;
