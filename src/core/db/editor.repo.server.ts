import type { BlockKind, SegmentStatus } from '../model.js';
import { type BeadRow, createAlignmentsRepo } from './alignments.repo.server.js';
import type { Db } from './open.server.js';

/** A segment with what joining or splitting it reads: its place in its paragraph and its offsets. */
export interface SegmentSlot {
	id: number;
	ord: number;
	paragraphId: number;
	inPara: number;
	kind: BlockKind;
	start: number;
	end: number;
	source: string;
	/** the paragraph's cleaned text: the offsets point into it */
	paragraphText: string;
	target: string | null;
	status: SegmentStatus;
	version: number;
	breakRule: string | null;
	noteRef: number | null;
}

/** What a join writes: segment `a` takes `b`'s end, the joined texts and status. */
export interface JoinWrite {
	docId: number;
	a: SegmentSlot;
	b: SegmentSlot;
	source: string;
	words: number;
	target: string | null;
	status: SegmentStatus;
	by: string | null;
	/** what the join's history entry keeps so that a split can undo it (see `JoinDetail`) */
	undo: Pick<JoinDetail, 'cut' | 'beads'>;
}

/**
 * What a join keeps on its history entry (`segment_history.detail`) so that a split at the
 * same place, before anything else changed, puts the two segments back as they were.
 */
export interface JoinDetail {
	/** the version the join gave the joined segment: the undo needs it unchanged */
	version: number;
	/** where the first segment's text ended and the second's began, from the joined segment's start (as `cutAt` gives them) */
	cut: { leftEnd: number; rightStart: number };
	/** the second segment's target and status, and the rule that had ended the first */
	next: { target: string | null; status: SegmentStatus };
	rule: string | null;
	/** the second segment's history entries and TM units, which went to the joined one */
	history: number[];
	units: number[];
	/**
	 * Per alignment whose beads a split would not give back as they were (two beads made one,
	 * an empty-sided bead between the two segments): its version after the join, and its beads
	 * and warnings before it.
	 */
	beads: { id: number; version: number; beads: BeadRow[]; warnings: string | null }[];
}

/** What a split keeps on its history entry, so that joining the two parts again undoes it. */
export interface SplitDetail {
	version: number;
}

/** What a split writes: `a` ends at `leftEnd`, a new segment runs from `rightStart` to a's end. */
export interface SplitWrite {
	docId: number;
	a: SegmentSlot;
	leftEnd: number;
	rightStart: number;
	left: { source: string; words: number; status: SegmentStatus };
	right: { source: string; words: number };
	/** footnote segments whose call moved into the second part */
	notesToRight: number[];
	by: string | null;
	/** a split that undoes a join (see `JoinDetail`): the two segments' targets and statuses, and what goes back to the second */
	undo?: { leftTarget: string | null; leftRule: string | null; rightTarget: string | null; rightStatus: SegmentStatus; history: number[]; units: number[] };
}

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
			JOIN segments s ON s.id = g.segment_id WHERE s.document_id = ? AND s.ord = ?`),
		slot: db.prepare(`SELECT s.id, s.ord, s.paragraph_id AS paragraphId, s.ord_in_paragraph AS inPara, s.kind, s.start_offset AS start,
			s.end_offset AS "end", s.source_text AS source, p.source_text AS paragraphText, s.target_text AS target, s.status, s.version,
			s.break_rule AS breakRule, s.note_ref AS noteRef
			FROM segments s JOIN paragraphs p ON p.id = s.paragraph_id WHERE s.document_id = ? AND s.ord = ?`),
		maxVersion: db.prepare('SELECT coalesce(max(version), 0) FROM segments WHERE document_id = ?').pluck(),
		// footnote segments whose call is in a segment, with the footnote's mark
		notesOf: db.prepare(`SELECT s.id, p.marker FROM segments s JOIN paragraphs p ON p.id = s.paragraph_id WHERE s.note_ref = ?`),
		// moving ords through negative values keeps UNIQUE (document_id, ord) true at every row
		parkAfter: db.prepare('UPDATE segments SET ord = -(ord + @by) - 1, version = @version WHERE document_id = @doc AND ord > @after'),
		unpark: db.prepare('UPDATE segments SET ord = -ord - 1 WHERE document_id = @doc AND ord < 0'),
		shiftInPara: db.prepare('UPDATE segments SET ord_in_paragraph = ord_in_paragraph + @by WHERE paragraph_id = @para AND ord_in_paragraph > @after'),
		moveIgnores: db.prepare('UPDATE OR IGNORE qa_ignores SET segment_id = @to WHERE segment_id = @from'),
		copyIgnores: db.prepare(`INSERT OR IGNORE INTO qa_ignores (segment_id, check_id, fingerprint, reason, created_at, created_by)
			SELECT @to, check_id, fingerprint, reason, created_at, created_by FROM qa_ignores WHERE segment_id = @from`),
		moveNoteRefs: db.prepare('UPDATE segments SET note_ref = @to WHERE note_ref = @from'),
		setNoteRef: db.prepare('UPDATE segments SET note_ref = @to WHERE id = @id'),
		moveHistory: db.prepare('UPDATE segment_history SET segment_id = @to WHERE segment_id = @from'),
		// a join or a split is a change of its own in the history: it marks where two segments' histories meet, and ends the coalescing of autosaves across it
		historyEntry: db.prepare(`INSERT INTO segment_history (document_id, segment_id, ord, old_target, new_target, old_status, new_status, old_version, kind, batch, changed_by, changed_at, detail)
			VALUES (@doc, @segment, @ord, @oldTarget, @newTarget, @oldStatus, @newStatus, @oldVersion, @kind, @batch, @by, @now, @detail)`),
		// the segment's newest change, with what a join or split kept to be undone
		lastChange: db.prepare('SELECT kind, batch, old_target AS oldTarget, old_status AS oldStatus, detail FROM segment_history WHERE segment_id = ? ORDER BY id DESC LIMIT 1'),
		historyIds: db.prepare('SELECT id FROM segment_history WHERE segment_id = ? ORDER BY id').pluck(),
		historyBack: db.prepare('UPDATE segment_history SET segment_id = @to WHERE id = @id AND segment_id = @from'),
		unitIdsAt: db.prepare('SELECT id FROM tm_units WHERE document_id = ? AND segment_ord = ? ORDER BY id').pluck(),
		unitBack: db.prepare('UPDATE tm_units SET segment_ord = @ord WHERE id = @id AND document_id = @doc AND segment_ord = @from'),
		// TM units name the segment they came from by ord (a TMX export has no segment ids): they follow the moves,
		// the units of a joined-away segment going to the joined one (the tm_units_document index holds exactly these rows)
		unitsIntoJoined: db.prepare('UPDATE tm_units SET segment_ord = @into WHERE document_id = @doc AND segment_ord = @from'),
		shiftUnits: db.prepare('UPDATE tm_units SET segment_ord = segment_ord + @by WHERE document_id = @doc AND segment_ord > @after'),
		deleteSeg: db.prepare('DELETE FROM segments WHERE id = ?'),
		rewrite: db.prepare(`UPDATE segments SET start_offset = @start, end_offset = @end, source_text = @source, word_count = @words,
			target_text = @target, status = @status, break_rule = @rule, version = @version, changed_at = @now, changed_by = @by WHERE id = @id`),
		insertAfter: db.prepare(`INSERT INTO segments (document_id, paragraph_id, ord, ord_in_paragraph, kind, start_offset, end_offset,
			source_text, word_count, break_rule, note_ref, target_text, status, version, changed_at, changed_by)
			VALUES (@doc, @para, @ord, @inPara, @kind, @start, @end, @source, @words, @rule, @noteRef, @target, @status, @version, @now, @by)`)
	};
	const alignments = createAlignmentsRepo(db);

	/**
	 * Every segment whose ord changes, and the one(s) rewritten, get one version above any
	 * the document had: an editor tab opened before the change holds versions by ord, and
	 * none of them can match the segment now at that ord, so its next save is a conflict
	 * rather than a write into the wrong segment.
	 */
	const nextVersion = (docId: number) => (st.maxVersion.get(docId) as number) + 1;
	const park = (docId: number, after: number, by: number, version: number) => {
		st.parkAfter.run({ doc: docId, after, by, version });
		st.unpark.run({ doc: docId });
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
		ignores: (docId: number, ord: number) => st.ignores.all(docId, ord) as { check: string; fingerprint: string; reason: string }[],
		/** a segment's newest change: its kind, batch, status before, and what a join or split kept to undo it */
		lastChange: (segmentId: number) => (st.lastChange.get(segmentId) as { kind: string; batch: string; oldTarget: string | null; oldStatus: SegmentStatus | null; detail: string | null } | undefined) ?? null,
		/** one segment with its paragraph text and offsets, or null */
		slot: (docId: number, ord: number): SegmentSlot | null => (st.slot.get(docId, ord) as SegmentSlot | undefined) ?? null,
		/** footnote segments that point at a segment (their call is in it), with the footnote's mark */
		notesOf: (segmentId: number) => st.notesOf.all(segmentId) as { id: number; marker: string | null }[],
		/** the document's alignments (either side) and their beads, for remapping; writes go through `replaceBeads` */
		alignments,

		/**
		 * Segment `b` goes into `a`; later segments move up one. What pointed at `b` points at
		 * `a`: accepted QA findings (fingerprints hold no offsets, so they still name the same
		 * finding; a duplicate is dropped with `b`), footnote calls (`note_ref`), and the
		 * review history (kept rather than orphaned by ON DELETE SET NULL; its `ord` column is
		 * where the change was made then, and stays), and the TM units that came from it (their
		 * `segment_ord`; later segments' units move up with them). Call inside a transaction.
		 */
		join(w: JoinWrite): number {
			const version = nextVersion(w.docId);
			const now = new Date().toISOString();
			const detail: JoinDetail = {
				version,
				cut: w.undo.cut,
				next: { target: w.b.target, status: w.b.status },
				rule: w.a.breakRule,
				history: st.historyIds.all(w.b.id) as number[],
				units: st.unitIdsAt.all(w.docId, w.b.ord) as number[],
				beads: w.undo.beads
			};
			st.moveIgnores.run({ from: w.b.id, to: w.a.id });
			st.moveNoteRefs.run({ from: w.b.id, to: w.a.id });
			st.moveHistory.run({ from: w.b.id, to: w.a.id });
			st.deleteSeg.run(w.b.id);
			st.rewrite.run({ id: w.a.id, start: w.a.start, end: w.b.end, source: w.source, words: w.words, target: w.target, status: w.status, rule: w.b.breakRule, version, now, by: w.by });
			st.historyEntry.run({
				doc: w.docId, segment: w.a.id, ord: w.a.ord, oldTarget: w.a.target, newTarget: w.target, oldStatus: w.a.status, newStatus: w.status,
				oldVersion: w.a.version, kind: 'join', batch: `join-${w.a.id}-${version}`, by: w.by, now, detail: JSON.stringify(detail)
			});
			park(w.docId, w.b.ord, -1, version);
			st.shiftInPara.run({ para: w.a.paragraphId, after: w.b.inPara, by: -1 });
			st.unitsIntoJoined.run({ doc: w.docId, from: w.b.ord, into: w.a.ord });
			st.shiftUnits.run({ doc: w.docId, after: w.b.ord, by: -1 });
			return version;
		},

		/**
		 * Segment `a` keeps the first part (its id, target, history and accepted findings); a
		 * new segment right after it holds the second part and starts untranslated. Accepted
		 * findings are copied to it too (one about a term in the second part must still count
		 * as accepted there; one that no longer applies matches nothing). Footnotes of `a`
		 * (the footnote's own segments) keep their `note_ref` in both parts. Call inside a
		 * transaction.
		 */
		split(w: SplitWrite): number {
			const version = nextVersion(w.docId);
			const now = new Date().toISOString();
			const u = w.undo;
			park(w.docId, w.a.ord, 1, version);
			st.shiftInPara.run({ para: w.a.paragraphId, after: w.a.inPara, by: 1 });
			// a's own units stay with a (the first part, which keeps its target)
			st.shiftUnits.run({ doc: w.docId, after: w.a.ord, by: 1 });
			const leftTarget = u ? u.leftTarget : w.a.target;
			st.rewrite.run({ id: w.a.id, start: w.a.start, end: w.leftEnd, source: w.left.source, words: w.left.words, target: leftTarget, status: w.left.status, rule: u ? u.leftRule : 'manual', version, now, by: w.by });
			const id = Number(
				st.insertAfter.run({
					doc: w.docId, para: w.a.paragraphId, ord: w.a.ord + 1, inPara: w.a.inPara + 1, kind: w.a.kind, start: w.rightStart, end: w.a.end,
					source: w.right.source, words: w.right.words, rule: w.a.breakRule, noteRef: w.a.noteRef, target: u ? u.rightTarget : null, status: u ? u.rightStatus : 'new', version, now, by: w.by
				}).lastInsertRowid
			);
			const batch = `split-${w.a.id}-${version}`;
			const detail = JSON.stringify({ version } satisfies SplitDetail);
			// the second segment's own entries go back first: the split stays its newest change
			if (u) for (const h of u.history) st.historyBack.run({ id: h, from: w.a.id, to: id });
			st.historyEntry.run({
				doc: w.docId, segment: w.a.id, ord: w.a.ord, oldTarget: w.a.target, newTarget: leftTarget, oldStatus: w.a.status, newStatus: w.left.status,
				oldVersion: w.a.version, kind: 'split', batch, by: w.by, now, detail
			});
			st.historyEntry.run({ doc: w.docId, segment: id, ord: w.a.ord + 1, oldTarget: null, newTarget: u ? u.rightTarget : null, oldStatus: null, newStatus: u ? u.rightStatus : 'new', oldVersion: version, kind: 'split', batch, by: w.by, now, detail });
			st.copyIgnores.run({ from: w.a.id, to: id });
			for (const n of w.notesToRight) st.setNoteRef.run({ id: n, to: id });
			if (u) for (const unit of u.units) st.unitBack.run({ id: unit, doc: w.docId, from: w.a.ord, ord: w.a.ord + 1 });
			return id;
		}
	};
}

export type EditorRepo = ReturnType<typeof createEditorRepo>;
