import type { BlockKind, DocumentSummary, DocumentView, SegmentStatus, SegmentedBlock, StoredParagraph, StoredSegment } from '../model.js';
import { countWords } from '../text/words.js';
import type { Db } from './open.server.js';

export interface NewDocument {
	title: string;
	sourceLang: string;
	targetLang: string;
	originFile: string | null;
	originSha256: string | null;
	format: 'txt' | 'docx' | 'paste';
	encoding: string | null;
	seedKey?: string | null;
	importReport?: unknown;
	blocks: SegmentedBlock[];
}

interface SummaryRow {
	id: number;
	title: string;
	source_lang: string;
	target_lang: string;
	origin_file: string | null;
	created_at: string;
	changed_at: string;
	paragraphs: number;
	segments: number;
	words: number | null;
	role: 'original' | 'translation';
	translation_of: number | null;
}

interface SegmentRow {
	id: number;
	ord: number;
	paragraph_id: number;
	paragraph_ord: number;
	ord_in_paragraph: number;
	kind: BlockKind;
	start_offset: number;
	end_offset: number;
	source_text: string;
	target_text: string | null;
	status: SegmentStatus;
	version: number;
	note_ref: number | null;
	changed_at: string | null;
	changed_by: string | null;
}

const SUMMARY = `SELECT d.id, d.title, d.source_lang, d.target_lang, d.origin_file, d.created_at, d.changed_at, d.role, d.translation_of,
	(SELECT count(*) FROM paragraphs p WHERE p.document_id = d.id) AS paragraphs,
	(SELECT count(*) FROM segments s WHERE s.document_id = d.id) AS segments,
	(SELECT sum(word_count) FROM segments s WHERE s.document_id = d.id) AS words
	FROM documents d`;

/** All SQL about documents, paragraphs and segments. Statements are prepared once per connection. */
export interface SegmentState {
	id: number;
	ord: number;
	kind: BlockKind;
	source: string;
	target: string | null;
	status: SegmentStatus;
	version: number;
	changedAt: string | null;
	changedBy: string | null;
	prev: string | null;
	next: string | null;
}

export function createDocumentsRepo(db: Db) {
	const st = {
		insertDoc: db.prepare(`INSERT INTO documents
			(title, source_lang, target_lang, origin_file, origin_sha256, format, encoding, seed_key, import_report, created_at, changed_at)
			VALUES (@title, @sourceLang, @targetLang, @originFile, @originSha256, @format, @encoding, @seedKey, @importReport, @now, @now)`),
		insertPara: db.prepare(`INSERT INTO paragraphs (document_id, ord, kind, level, marker, source_text, source_line)
			VALUES (?, ?, ?, ?, ?, ?, ?)`),
		insertSeg: db.prepare(`INSERT INTO segments
			(document_id, paragraph_id, ord, ord_in_paragraph, kind, start_offset, end_offset, source_text, word_count, break_rule)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		setNoteRef: db.prepare('UPDATE segments SET note_ref = ? WHERE id = ?'),
		list: db.prepare(`${SUMMARY} ORDER BY d.created_at, d.id`),
		one: db.prepare(`${SUMMARY} WHERE d.id = ?`),
		bySha256: db.prepare('SELECT id, title FROM documents WHERE origin_sha256 = ? ORDER BY id'),
		paragraphs: db.prepare(
			'SELECT id, ord, kind, level, marker, source_text FROM paragraphs WHERE document_id = ? ORDER BY ord'
		),
		segments: db.prepare(`SELECT s.id, s.ord, s.paragraph_id, p.ord AS paragraph_ord, s.ord_in_paragraph, s.kind,
			s.start_offset, s.end_offset, s.source_text, s.target_text, s.status, s.version, s.note_ref, s.changed_at, s.changed_by
			FROM segments s JOIN paragraphs p ON p.id = s.paragraph_id WHERE s.document_id = ? ORDER BY s.ord`),
		report: db.prepare('SELECT import_report FROM documents WHERE id = ?'),
		pairs: db.prepare('SELECT ord, source_text AS source, target_text AS target FROM segments WHERE document_id = ? ORDER BY ord'),
		sentences: db.prepare(`SELECT s.ord, s.source_text AS text, s.kind, p.ord AS paragraph FROM segments s
			JOIN paragraphs p ON p.id = s.paragraph_id WHERE s.document_id = ? ORDER BY s.ord`),
		allPairs: db.prepare('SELECT document_id AS document, ord, source_text AS source, target_text AS target FROM segments WHERE target_text IS NOT NULL AND document_id != ? ORDER BY document_id, ord'),
		segmentByOrd: db.prepare('SELECT id, version, target_text FROM segments WHERE document_id = ? AND ord = ?'),
		segmentState: db.prepare(`SELECT s.id, s.ord, s.kind, s.source_text AS source, s.target_text AS target, s.status, s.version,
			s.changed_at AS changedAt, s.changed_by AS changedBy,
			(SELECT source_text FROM segments p WHERE p.document_id = s.document_id AND p.ord = s.ord - 1) AS prev,
			(SELECT source_text FROM segments n WHERE n.document_id = s.document_id AND n.ord = s.ord + 1) AS next
			FROM segments s WHERE s.document_id = ? AND s.ord = ?`),
		setTarget: db.prepare(`UPDATE segments SET target_text = @target, status = @status, version = version + 1, changed_at = @now, changed_by = @by
			WHERE id = @id AND version = @version`),
		langs: db.prepare('SELECT source_lang, target_lang FROM documents WHERE id = ?'),
		// the document's other segments with this very source and nothing typed yet (auto-propagation)
		emptyRepetitions: db.prepare(`SELECT ord FROM segments WHERE document_id = ? AND source_text = ? AND ord <> ?
			AND status IN ('new', 'draft') AND (target_text IS NULL OR target_text = '') ORDER BY ord`).pluck(),
		remove: db.prepare('DELETE FROM documents WHERE id = ?'),
		markSeeded: db.prepare('INSERT OR IGNORE INTO seeded (seed_key, seeded_at) VALUES (?, ?)'),
		wasSeeded: db.prepare('SELECT 1 FROM seeded WHERE seed_key = ?').pluck()
	};

	/** Inserts a whole document in one transaction: all of it or nothing. */
	const insertDocument = db.transaction((doc: NewDocument): number => {
		const now = new Date().toISOString();
		const docId = Number(
			st.insertDoc.run({
				title: doc.title,
				sourceLang: doc.sourceLang,
				targetLang: doc.targetLang,
				originFile: doc.originFile,
				originSha256: doc.originSha256,
				format: doc.format,
				encoding: doc.encoding,
				seedKey: doc.seedKey ?? null,
				importReport: doc.importReport == null ? null : JSON.stringify(doc.importReport),
				now
			}).lastInsertRowid
		);
		if (doc.seedKey) st.markSeeded.run(doc.seedKey, now);
		let ord = 0;
		const segIds: number[][] = [];
		doc.blocks.forEach((b, pOrd) => {
			const pid = Number(
				st.insertPara.run(docId, pOrd, b.kind, b.level ?? null, b.marker ?? null, b.text, b.line ?? null).lastInsertRowid
			);
			segIds.push(
				b.segments.map((s, i) =>
					Number(
						st.insertSeg.run(docId, pid, ord++, i, b.kind, s.start, s.end, s.text, countWords(s.text), s.rule ?? null)
							.lastInsertRowid
					)
				)
			);
		});
		doc.blocks.forEach((b, pOrd) => {
			if (!b.noteCall || !segIds[pOrd].length) return;
			const target = doc.blocks[b.noteCall.block];
			const idx = target.segments.findIndex((s) => b.noteCall!.offset < s.end);
			const callSeg = segIds[b.noteCall.block][idx < 0 ? target.segments.length - 1 : idx];
			if (callSeg != null) for (const id of segIds[pOrd]) st.setNoteRef.run(callSeg, id);
		});
		return docId;
	});

	return {
		insertDocument,
		listDocuments(): DocumentSummary[] {
			return (st.list.all() as SummaryRow[]).map(toSummary);
		},
		withSha256: (sha256: string) => st.bySha256.all(sha256) as { id: number; title: string }[],
		/** whether segments/<key> was imported once, even if its documents were deleted since */
		wasSeeded: (seedKey: string): boolean => st.wasSeeded.get(seedKey) != null,
		getDocument(id: number): DocumentView | null {
			const row = st.one.get(id) as SummaryRow | undefined;
			if (!row) return null;
			const segs = (st.segments.all(id) as SegmentRow[]).map(toSegment);
			const byPara = new Map<number, StoredSegment[]>();
			for (const s of segs) {
				const list = byPara.get(s.paragraphId) ?? [];
				list.push(s);
				byPara.set(s.paragraphId, list);
			}
			const paragraphsList: StoredParagraph[] = (
				st.paragraphs.all(id) as { id: number; ord: number; kind: BlockKind; level: number | null; marker: string | null; source_text: string }[]
			).map((p) => ({
				id: p.id,
				ord: p.ord,
				kind: p.kind,
				level: p.level,
				marker: p.marker,
				text: p.source_text,
				segments: byPara.get(p.id) ?? []
			}));
			return { ...toSummary(row), paragraphsList };
		},
		/** Source/target pairs of a document, in order: what the checks read. */
		segmentPairs(id: number): { ord: number; source: string; target: string | null }[] {
			return st.pairs.all(id) as { ord: number; source: string; target: string | null }[];
		},
		/** Segments with their paragraph and kind: what the aligner reads. */
		sentences(id: number): { ord: number; text: string; kind: BlockKind; paragraph: number }[] {
			return st.sentences.all(id) as { ord: number; text: string; kind: BlockKind; paragraph: number }[];
		},
		/** Translated pairs of every other document: the reference for project-wide consistency. */
		otherPairs(id: number): { document: number; ord: number; source: string; target: string | null }[] {
			return st.allPairs.all(id) as { document: number; ord: number; source: string; target: string | null }[];
		},
		segmentByOrd(docId: number, ord: number): { id: number; version: number; target_text: string | null } | null {
			return (st.segmentByOrd.get(docId, ord) as { id: number; version: number; target_text: string | null } | undefined) ?? null;
		},
		/** One segment as the editor sees it, with its neighbours' source (for in-context matches). */
		segmentState(docId: number, ord: number): SegmentState | null {
			return (st.segmentState.get(docId, ord) as SegmentState | undefined) ?? null;
		},
		/** Writes a target if the segment is still at `version` (optimistic concurrency); false if it moved on. */
		setTarget(segmentId: number, version: number, target: string, status: SegmentStatus, by: string | null): boolean {
			return st.setTarget.run({ id: segmentId, version, target, status, by, now: new Date().toISOString() }).changes === 1;
		},
		/** Ords of the other segments of the document with exactly this source and an empty target, new or draft. */
		emptyRepetitions: (docId: number, source: string, ord: number): number[] => st.emptyRepetitions.all(docId, source, ord) as number[],
		langs(id: number): { sourceLang: string; targetLang: string } | null {
			const r = st.langs.get(id) as { source_lang: string; target_lang: string } | undefined;
			return r ? { sourceLang: r.source_lang, targetLang: r.target_lang } : null;
		},
		importReport(id: number): unknown {
			const r = st.report.get(id) as { import_report: string | null } | undefined;
			return r?.import_report ? JSON.parse(r.import_report) : null;
		},
		deleteDocument(id: number): boolean {
			return st.remove.run(id).changes > 0;
		}
	};
}

export type DocumentsRepo = ReturnType<typeof createDocumentsRepo>;

function toSummary(r: SummaryRow): DocumentSummary {
	return {
		id: r.id,
		title: r.title,
		sourceLang: r.source_lang,
		targetLang: r.target_lang,
		originFile: r.origin_file,
		createdAt: r.created_at,
		changedAt: r.changed_at,
		paragraphs: r.paragraphs,
		segments: r.segments,
		words: r.words ?? 0,
		role: r.role,
		translationOf: r.translation_of
	};
}

function toSegment(r: SegmentRow): StoredSegment {
	return {
		id: r.id,
		ord: r.ord,
		paragraphId: r.paragraph_id,
		paragraphOrd: r.paragraph_ord,
		indexInParagraph: r.ord_in_paragraph,
		kind: r.kind,
		start: r.start_offset,
		end: r.end_offset,
		source: r.source_text,
		target: r.target_text,
		status: r.status,
		version: r.version,
		noteRef: r.note_ref,
		changedAt: r.changed_at,
		changedBy: r.changed_by
	};
}
