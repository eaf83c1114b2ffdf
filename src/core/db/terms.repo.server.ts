import type { Concept, Term, TermStatus } from '../model.js';
import type { Db } from './open.server.js';

interface ConceptRow {
	id: number;
	concept_key: string;
	subject: string | null;
	definition: string | null;
	note: string | null;
	source: string | null;
	related: string | null;
}
interface TermRow {
	id: number;
	concept_id: number;
	lang: string;
	text: string;
	status: TermStatus;
	term_type: string | null;
	part_of_speech: string | null;
	gender: string | null;
	replacement: string | null;
	note: string | null;
	context: string | null;
	source: string | null;
}

const un = <T>(v: T | null): T | undefined => (v == null ? undefined : v);

/** All SQL about the termbase and the QA ignore-lists. */
export function createTermsRepo(db: Db) {
	const st = {
		concepts: db.prepare('SELECT id, concept_key, subject, definition, note, source, related FROM concepts ORDER BY id'),
		terms: db.prepare('SELECT * FROM terms ORDER BY concept_id, ord'),
		conceptByKey: db.prepare('SELECT id FROM concepts WHERE concept_key = ?'),
		insertConcept: db.prepare(`INSERT INTO concepts (concept_key, subject, definition, note, source, related, origin, created_at, changed_at)
			VALUES (@key, @subject, @definition, @note, @source, @related, @origin, @now, @now)`),
		updateConcept: db.prepare(`UPDATE concepts SET subject = @subject, definition = @definition, note = @note, source = @source,
			related = @related, changed_at = @now WHERE id = @id`),
		deleteTerms: db.prepare('DELETE FROM terms WHERE concept_id = ?'),
		insertTerm: db.prepare(`INSERT INTO terms (concept_id, ord, lang, text, status, term_type, part_of_speech, gender, replacement, note, context, source)
			VALUES (@conceptId, @ord, @lang, @text, @status, @type, @partOfSpeech, @gender, @replacement, @note, @context, @source)`),
		deleteConcept: db.prepare('DELETE FROM concepts WHERE concept_key = ?'),
		count: db.prepare('SELECT (SELECT count(*) FROM concepts) AS concepts, (SELECT count(*) FROM terms) AS terms'),
		getSetting: db.prepare('SELECT value FROM settings WHERE key = ?'),
		setSetting: db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
		ignores: db.prepare(`SELECT i.segment_id, s.ord, i.check_id, i.fingerprint, i.reason FROM qa_ignores i
			JOIN segments s ON s.id = i.segment_id WHERE s.document_id = ?`),
		addIgnore: db.prepare(`INSERT INTO qa_ignores (segment_id, check_id, fingerprint, reason, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (segment_id, check_id, fingerprint) DO UPDATE SET reason = excluded.reason`),
		removeIgnore: db.prepare('DELETE FROM qa_ignores WHERE segment_id = ? AND check_id = ? AND fingerprint = ?')
	};

	function writeConcept(c: Concept, origin: string, now: string): number {
		const row = {
			key: c.key,
			subject: c.subject ?? null,
			definition: c.definition ?? null,
			note: c.note ?? null,
			source: c.source ?? null,
			related: c.related?.length ? JSON.stringify(c.related) : null,
			origin,
			now
		};
		const existing = st.conceptByKey.get(c.key) as { id: number } | undefined;
		let id: number;
		if (existing) {
			id = existing.id;
			st.updateConcept.run({ ...row, id });
			st.deleteTerms.run(id);
		} else id = Number(st.insertConcept.run(row).lastInsertRowid);
		c.terms.forEach((t, ord) =>
			st.insertTerm.run({
				conceptId: id,
				ord,
				lang: t.lang,
				text: t.text,
				status: t.status,
				type: t.type ?? null,
				partOfSpeech: t.partOfSpeech ?? null,
				gender: t.gender ?? null,
				replacement: t.replacement ?? null,
				note: t.note ?? null,
				context: t.context ?? null,
				source: t.source ?? null
			})
		);
		return id;
	}

	return {
		/** Adds or replaces (by key) every concept, in one transaction. */
		upsertConcepts: db.transaction((concepts: Concept[], origin: string) => {
			const now = new Date().toISOString();
			for (const c of concepts) writeConcept(c, origin, now);
			return concepts.length;
		}),
		/** `f` in one transaction (a nested one, such as upsertConcepts, becomes a savepoint of it). */
		// IMMEDIATE: the import reads the glossary, then writes; a deferred transaction whose read
		// snapshot another connection (the CLI beside the server) committed past fails at the first
		// write with SQLITE_BUSY_SNAPSHOT, without the busy timeout's wait
		inTransaction: <T>(f: () => T): T => db.transaction(f).immediate(),
		deleteConcept: (key: string) => st.deleteConcept.run(key).changes > 0,
		hasConcept: (key: string) => st.conceptByKey.get(key) != null,
		allConcepts(): Concept[] {
			const terms = new Map<number, Term[]>();
			for (const r of st.terms.all() as TermRow[]) {
				const list = terms.get(r.concept_id) ?? [];
				list.push({
					id: r.id,
					lang: r.lang,
					text: r.text,
					status: r.status,
					type: un(r.term_type) as Term['type'],
					partOfSpeech: un(r.part_of_speech),
					gender: un(r.gender),
					replacement: un(r.replacement),
					note: un(r.note),
					context: un(r.context),
					source: un(r.source)
				});
				terms.set(r.concept_id, list);
			}
			return (st.concepts.all() as ConceptRow[]).map((r) => ({
				id: r.id,
				key: r.concept_key,
				subject: un(r.subject),
				definition: un(r.definition),
				note: un(r.note),
				source: un(r.source),
				related: r.related ? (JSON.parse(r.related) as string[]) : undefined,
				terms: terms.get(r.id) ?? []
			}));
		},
		counts: () => st.count.get() as { concepts: number; terms: number },
		getSetting: (key: string) => (st.getSetting.get(key) as { value: string } | undefined)?.value ?? null,
		setSetting: (key: string, value: string) => void st.setSetting.run(key, value),
		ignoresFor(documentId: number) {
			return st.ignores.all(documentId) as { segment_id: number; ord: number; check_id: string; fingerprint: string; reason: string }[];
		},
		addIgnore: (segmentId: number, check: string, fingerprint: string, reason: string, by: string | null) =>
			void st.addIgnore.run(segmentId, check, fingerprint, reason, new Date().toISOString(), by),
		removeIgnore: (segmentId: number, check: string, fingerprint: string) => st.removeIgnore.run(segmentId, check, fingerprint).changes > 0
	};
}

export type TermsRepo = ReturnType<typeof createTermsRepo>;
