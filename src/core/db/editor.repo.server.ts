import type { BlockKind, SegmentStatus } from '../model.js';
import type { Db } from './open.server.js';

/** A segment as the editor grid lists it: enough to draw the row, nothing more. */
export interface EditorRow {
	ord: number;
	kind: BlockKind;
	/** paragraph position, and the segment's position inside it (0 = starts the paragraph) */
	para: number;
	inPara: number;
	level: number | null;
	marker: string | null;
	source: string;
	target: string | null;
	status: SegmentStatus;
	version: number;
	words: number;
}

export interface StatusCount {
	status: SegmentStatus;
	segments: number;
	words: number;
}

/** The editor's read queries (writes go through the documents repo and its version check). */
export function createEditorRepo(db: Db) {
	const st = {
		rows: db.prepare(`SELECT s.ord, s.kind, p.ord AS para, s.ord_in_paragraph AS inPara, p.level, p.marker,
			s.source_text AS source, s.target_text AS target, s.status, s.version, s.word_count AS words
			FROM segments s JOIN paragraphs p ON p.id = s.paragraph_id WHERE s.document_id = ? ORDER BY s.ord`),
		range: db.prepare(`SELECT s.ord, s.kind, p.ord AS para, s.ord_in_paragraph AS inPara, p.level, p.marker,
			s.source_text AS source, s.target_text AS target, s.status, s.version, s.word_count AS words
			FROM segments s JOIN paragraphs p ON p.id = s.paragraph_id WHERE s.document_id = ? AND s.ord >= ? AND s.ord < ? ORDER BY s.ord`),
		count: db.prepare('SELECT count(*) AS n FROM segments WHERE document_id = ?'),
		firstOpen: db.prepare("SELECT min(ord) AS ord FROM segments WHERE document_id = ? AND status NOT IN ('translated', 'reviewed')"),
		progress: db.prepare(`SELECT status, count(*) AS segments, coalesce(sum(word_count), 0) AS words
			FROM segments WHERE document_id = ? GROUP BY status`),
		ignores: db.prepare(`SELECT g.check_id AS "check", g.fingerprint, g.reason FROM qa_ignores g
			JOIN segments s ON s.id = g.segment_id WHERE s.document_id = ? AND s.ord = ?`)
	};
	return {
		rows: (docId: number): EditorRow[] => st.rows.all(docId) as EditorRow[],
		/** rows `from` ≤ ord < `to`: the first screen of a long document, before the rest */
		range: (docId: number, from: number, to: number): EditorRow[] => st.range.all(docId, from, to) as EditorRow[],
		count: (docId: number): number => (st.count.get(docId) as { n: number }).n,
		/** the first segment still to translate (not translated or approved), or null */
		firstOpen: (docId: number): number | null => (st.firstOpen.get(docId) as { ord: number | null }).ord,
		progress: (docId: number): StatusCount[] => st.progress.all(docId) as StatusCount[],
		/** warnings a translator accepted on one segment */
		ignores: (docId: number, ord: number) => st.ignores.all(docId, ord) as { check: string; fingerprint: string; reason: string }[]
	};
}

export type EditorRepo = ReturnType<typeof createEditorRepo>;
