import type { HistoryEntry, HistoryKind } from '../db/history.repo.server.js';
import type { SegmentStatus } from '../model.js';

/**
 * Autosaves of one segment by one person within this long of the previous one are one change.
 * The editor saves a draft half a second after the last key: without coalescing, a minute of
 * typing is a hundred versions, and the one a translator wants back is lost among them.
 */
export const COALESCE_MS = 10 * 60_000;

/** Statuses that mean "a person stands by this translation": each such save stays a change of its own. */
const CONFIRMED: ReadonlySet<SegmentStatus> = new Set(['translated', 'reviewed']);

/** Typed into an untranslated segment and deleted again: the editor leaves it a draft with no text, which is no change to keep. */
const emptied = (oldStatus: SegmentStatus | null, after: { target: string | null; status: SegmentStatus }) =>
	oldStatus === 'new' && after.status === 'draft' && (after.target ?? '') === '';

export interface HistoryWriter {
	add(e: HistoryEntry): void;
	latest(segmentId: number): HistoryEntry | null;
	extend(id: number, e: { newTarget: string | null; newStatus: SegmentStatus; changedAt: string }): void;
	remove(id: number): void;
}

export interface SegmentChange {
	documentId: number;
	segmentId: number;
	ord: number;
	before: { target: string | null; status: SegmentStatus; version: number };
	after: { target: string | null; status: SegmentStatus };
	kind: HistoryKind;
	by: string | null;
	/** shared by the changes of one operation (a replace-all, a pre-translation) */
	batch: string;
	now: Date;
}

/**
 * Records a segment's change in its history, in the caller's transaction. A save that changes
 * nothing is not a change. An unconfirmed edit that follows the same person's unconfirmed edit
 * of the same text within COALESCE_MS carries that change on (its "before" stays the text before
 * the burst of typing); a burst that ends where it started leaves no change at all.
 */
export function recordChange(history: HistoryWriter, c: SegmentChange): void {
	// no text and an empty text are the same to a translator (a segment never written, then saved empty)
	if ((c.before.target ?? '') === (c.after.target ?? '') && c.before.status === c.after.status) return;
	const changedAt = c.now.toISOString();
	if (c.kind === 'edit' && c.after.status === c.before.status && !CONFIRMED.has(c.after.status)) {
		const last = history.latest(c.segmentId);
		if (
			last &&
			last.kind === 'edit' &&
			last.changedBy === c.by &&
			// nothing else wrote the segment since (a re-import, a replace, another tab)
			last.newTarget === c.before.target &&
			last.newStatus === c.before.status &&
			c.now.getTime() - Date.parse(last.changedAt) < COALESCE_MS
		) {
			if ((last.oldTarget ?? '') === (c.after.target ?? '') && (last.oldStatus === c.after.status || emptied(last.oldStatus, c.after))) history.remove(last.id!);
			else history.extend(last.id!, { newTarget: c.after.target, newStatus: c.after.status, changedAt });
			return;
		}
	}
	history.add({
		documentId: c.documentId,
		ord: c.ord,
		oldTarget: c.before.target,
		newTarget: c.after.target,
		oldStatus: c.before.status,
		newStatus: c.after.status,
		oldVersion: c.before.version,
		kind: c.kind,
		format: null,
		originFile: null,
		batch: c.batch,
		changedBy: c.by,
		changedAt
	});
}

/**
 * The i18n key naming a change for a reader: an edit that confirmed, approved or rejected the
 * segment is called that (a reviser scanning a history looks for confirmations), any other
 * change by its kind.
 */
export function changeLabelKey(e: { kind: HistoryKind; oldStatus: SegmentStatus | null; newStatus: SegmentStatus }): string {
	if (e.kind === 'edit' && e.oldStatus !== e.newStatus) {
		if (e.newStatus === 'translated') return 'history.kind.confirm';
		if (e.newStatus === 'reviewed') return 'history.kind.approve';
		if (e.newStatus === 'rejected') return 'history.kind.reject';
	}
	return `history.kind.${e.kind}`;
}
