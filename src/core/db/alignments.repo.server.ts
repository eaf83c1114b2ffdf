import type { Db } from './open.server.js';

export interface BeadRow {
	ord: number;
	src_from: number;
	src_to: number;
	tgt_from: number;
	tgt_to: number;
	confidence: number;
	evidence: string;
	locked: number;
	manual: number;
	confirmed: number;
}

export interface AlignmentRow {
	id: number;
	source_document_id: number;
	target_document_id: number;
	warnings: string | null;
	stats: string | null;
	version: number;
	confirmed_at: string | null;
	created_at: string;
	changed_at: string;
}

/** All SQL about alignments and their beads. */
export function createAlignmentsRepo(db: Db) {
	const st = {
		bySource: db.prepare('SELECT * FROM alignments WHERE source_document_id = ? ORDER BY id'),
		// a document's beads hold its segment ords on either side: joining or splitting its segments remaps them
		byEitherSide: db.prepare('SELECT * FROM alignments WHERE source_document_id = ? OR target_document_id = ? ORDER BY id'),
		byId: db.prepare('SELECT * FROM alignments WHERE id = ?'),
		byPair: db.prepare('SELECT * FROM alignments WHERE source_document_id = ? AND target_document_id = ?'),
		insert: db.prepare(`INSERT INTO alignments (source_document_id, target_document_id, warnings, stats, created_at, changed_at)
			VALUES (?, ?, ?, ?, ?, ?)`),
		touch: db.prepare('UPDATE alignments SET version = version + 1, changed_at = ?, warnings = coalesce(?, warnings), stats = coalesce(?, stats) WHERE id = ? AND version = ?'),
		confirmed: db.prepare('UPDATE alignments SET confirmed_at = ? WHERE id = ?'),
		beads: db.prepare('SELECT * FROM beads WHERE alignment_id = ? ORDER BY ord'),
		clear: db.prepare('DELETE FROM beads WHERE alignment_id = ?'),
		insertBead: db.prepare(`INSERT INTO beads (alignment_id, ord, src_from, src_to, tgt_from, tgt_to, confidence, evidence, locked, manual, confirmed)
			VALUES (@alignment_id, @ord, @src_from, @src_to, @tgt_from, @tgt_to, @confidence, @evidence, @locked, @manual, @confirmed)`),
		translationOf: db.prepare("SELECT id FROM documents WHERE translation_of = ? AND role = 'translation' ORDER BY id"),
		setRole: db.prepare("UPDATE documents SET role = 'translation', translation_of = ? WHERE id = ?"),
		unitsConfirmedAt: db
			.prepare("SELECT id FROM tm_units WHERE document_id = ? AND origin = 'alignment' AND target_lang = ? AND changed_at = ? AND segment_ord IS NOT NULL")
			.pluck(),
	};
	return {
		forSource: (docId: number) => st.bySource.all(docId) as AlignmentRow[],
		/** alignments where the document is the original or the translation */
		forDocument: (docId: number) => st.byEitherSide.all(docId, docId) as AlignmentRow[],
		get: (id: number) => (st.byId.get(id) as AlignmentRow | undefined) ?? null,
		byPair: (src: number, tgt: number) => (st.byPair.get(src, tgt) as AlignmentRow | undefined) ?? null,
		create(src: number, tgt: number, warnings: unknown, stats: unknown): number {
			const now = new Date().toISOString();
			return Number(st.insert.run(src, tgt, JSON.stringify(warnings), JSON.stringify(stats), now, now).lastInsertRowid);
		},
		beads: (id: number) => st.beads.all(id) as BeadRow[],
		/**
		 * Replaces all beads if the alignment is still at `version` (optimistic concurrency: a
		 * second tab editing the same alignment sees a conflict instead of erasing the first).
		 */
		replaceBeads: db.transaction((id: number, version: number, beads: BeadRow[], meta?: { warnings?: unknown; stats?: unknown }): boolean => {
			const ok = st.touch.run(new Date().toISOString(), meta?.warnings ? JSON.stringify(meta.warnings) : null, meta?.stats ? JSON.stringify(meta.stats) : null, id, version).changes === 1;
			if (!ok) return false;
			st.clear.run(id);
			for (const b of beads) st.insertBead.run({ ...b, alignment_id: id });
			return true;
		}),
		markConfirmed: (id: number, at = new Date().toISOString()) => void st.confirmed.run(at, id),
		/**
		 * The TM units an alignment's confirmation at `at` wrote for a document and target
		 * language, and that nothing wrote since (their changed_at would differ).
		 */
		unitsConfirmedAt: (docId: number, targetLang: string, at: string) => st.unitsConfirmedAt.all(docId, targetLang, at) as number[],

		translationsOf: (docId: number) => (st.translationOf.all(docId) as { id: number }[]).map((r) => r.id),
		markTranslation: (docId: number, originalId: number) => void st.setRole.run(originalId, docId)
	};
}

export type AlignmentsRepo = ReturnType<typeof createAlignmentsRepo>;
