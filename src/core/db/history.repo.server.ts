import type { SegmentStatus } from '../model.js';
import type { Db } from './open.server.js';

export interface HistoryEntry {
	id?: number;
	documentId: number;
	ord: number;
	oldTarget: string | null;
	newTarget: string | null;
	oldStatus: SegmentStatus | null;
	newStatus: SegmentStatus;
	oldVersion: number;
	kind: 'review' | 'reimport';
	format: string | null;
	originFile: string | null;
	batch: string;
	changedBy: string | null;
	changedAt: string;
}

interface HistoryRow {
	id: number;
	document_id: number;
	ord: number;
	old_target: string | null;
	new_target: string | null;
	old_status: SegmentStatus | null;
	new_status: SegmentStatus;
	old_version: number;
	kind: 'review' | 'reimport';
	format: string | null;
	origin_file: string | null;
	batch: string;
	changed_by: string | null;
	changed_at: string;
}

/** All SQL about the history of segment targets (what re-imports and reviews changed). */
export function createHistoryRepo(db: Db) {
	const st = {
		insert: db.prepare(`INSERT INTO segment_history
			(document_id, segment_id, ord, old_target, new_target, old_status, new_status, old_version, kind, format, origin_file, batch, changed_by, changed_at)
			VALUES (@documentId, (SELECT id FROM segments WHERE document_id = @documentId AND ord = @ord), @ord, @oldTarget, @newTarget, @oldStatus,
			@newStatus, @oldVersion, @kind, @format, @originFile, @batch, @changedBy, @changedAt)`),
		forDocument: db.prepare('SELECT * FROM segment_history WHERE document_id = ? ORDER BY id'),
		forSegment: db.prepare('SELECT * FROM segment_history WHERE document_id = ? AND ord = ? ORDER BY id'),
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
		forDocument: (docId: number): HistoryEntry[] => (st.forDocument.all(docId) as HistoryRow[]).map(toEntry),
		forSegment: (docId: number, ord: number): HistoryEntry[] => (st.forSegment.all(docId, ord) as HistoryRow[]).map(toEntry),
		/** When each segment's target last changed (segments never written are absent). */
		changedAt(docId: number): Map<number, string> {
			return new Map((st.changedAt.all(docId) as { ord: number; changed_at: string }[]).map((r) => [r.ord, r.changed_at]));
		}
	};
}

export type HistoryRepo = ReturnType<typeof createHistoryRepo>;
