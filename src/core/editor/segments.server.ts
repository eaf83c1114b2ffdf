import { randomUUID } from 'node:crypto';
import { dropControls } from '../text/controls.js';
import type { DocumentsRepo, SegmentState } from '../db/documents.repo.server.js';
import type { EditorRepo } from '../db/editor.repo.server.js';
import type { DocumentChange, HistoryEntry, HistoryKind, HistoryRepo } from '../db/history.repo.server.js';
import { recordChange } from './history.js';
import type { Terminology } from '../terminology.server.js';
import { createDocumentEditing } from './document.server.js';
import { createJoinSplit } from './join-split.server.js';
import { AtelierError } from '../errors.js';
import type { SegmentStatus, TmUnit } from '../model.js';
import type { TranslationMemory } from '../translation-memory.server.js';

/** A segment as the editor and the HTTP API see it. */
export type EditorSegment = Omit<SegmentState, 'id'>;

export interface SaveRequest {
	target: string;
	status: SegmentStatus;
	/** the version the editor opened; a save against a newer version is a conflict */
	version: number;
	by?: string | null;
	/** confirmed statuses feed the TM unless false (pre-translation: the pair came from the TM) */
	feedTm?: boolean;
	/** what the segment's history calls the change (default `edit`) */
	kind?: Extract<HistoryKind, 'edit' | 'pretranslate' | 'replace' | 'restore'>;
	/** shared by the changes of one operation in the history (default: one of its own) */
	batch?: string;
	/**
	 * a confirmation fills the document's other segments with the same source and no target
	 * yet, as drafts (auto-propagation); false leaves them (default true; only an `edit` does it)
	 */
	propagate?: boolean;
}

/** One segment's history as the editor's panel and `atelier edit history` show it: newest first. */
export interface SegmentHistory {
	entries: HistoryEntry[];
	/** all changes recorded, when `entries` holds only the newest */
	total: number;
}

export type SaveResult =
	/** `propagated`: the repetitions this confirmation filled, as they now are */
	| { ok: true; segment: EditorSegment; tmUnit: number | null; propagated: EditorSegment[] }
	| { ok: false; conflict: true; current: EditorSegment };

/** Statuses that mean "a person stands by this translation": only these feed the TM. */
const CONFIRMED: ReadonlySet<SegmentStatus> = new Set(['translated', 'reviewed']);

const view = ({ id: _id, ...rest }: SegmentState): EditorSegment => rest;

/** inline-tag placeholders (`TAG_BASE`…): a document segment has no tags, so a TM target that had some arrives with them */
const PLACEHOLDERS = /[\uE000-\uF8FF]/g;
const HAS_PLACEHOLDER = /[\uE000-\uF8FF]/;

/**
 * A target as a segment stores it: NFC; without control characters (pasted from a PDF or
 * a terminal, invisible here, and dropped by every XML export, so the exported text would
 * no longer be the stored one); without the TM's tag placeholders, which would show as
 * empty boxes in the translated document. Tabs and line breaks stay.
 */
export function segmentText(target: string): string {
	let t = dropControls(target.replace(/\r\n?/g, '\n'));
	if (HAS_PLACEHOLDER.test(t)) t = t.replace(PLACEHOLDERS, '').replace(/ {2,}/g, ' ').trim();
	return t.normalize('NFC');
}

/**
 * Saving a segment: drafts (autosave) only write the segment; a confirmation also writes
 * the pair into the TM (origin `translation`, with its neighbours for 101 % matches), in
 * the same transaction, so the TM never holds a pair the document does not.
 */
export function createSegmentEditing(deps: {
	docs: DocumentsRepo;
	tm: TranslationMemory;
	transaction: <T>(fn: () => T) => T;
	langs: (docId: number) => { sourceLang: string; targetLang: string };
	/** for the document-level tools (grid rows, analysis, pre-translation, find/replace, checks) */
	repo: EditorRepo;
	/** every change of a target is kept there (see recordChange) */
	history: HistoryRepo;
	terminology?: Terminology;
}) {
	const { docs, tm, transaction, langs } = deps;

	function state(docId: number, ord: number): SegmentState {
		const s = docs.segmentState(docId, ord);
		if (!s) throw new AtelierError('segment_not_found', { document: docId, segment: ord + 1 }, { document: docId, segment: ord + 1 });
		return s;
	}

	/**
	 * Auto-propagation (Trados, memoQ): a confirmed translation goes into the document's other
	 * segments with exactly the same source that nobody has written in yet, as drafts — the
	 * translator still confirms each where it stands, since a repetition's context may ask for
	 * another wording, and a draft does not feed the TM. A segment with any text is never
	 * touched. Each fill is a change of kind `propagate` in the confirmation's batch.
	 */
	function propagate(docId: number, ord: number, source: string, target: string, by: string | null, batch: string): EditorSegment[] {
		const out: EditorSegment[] = [];
		const now = new Date();
		for (const other of docs.emptyRepetitions(docId, source, ord)) {
			const s = state(docId, other);
			if (!docs.setTarget(s.id, s.version, target, 'draft', by)) continue;
			recordChange(deps.history, {
				documentId: docId,
				segmentId: s.id,
				ord: other,
				before: { target: s.target, status: s.status, version: s.version },
				after: { target, status: 'draft' },
				kind: 'propagate',
				by,
				batch,
				now
			});
			out.push(view(state(docId, other)));
		}
		return out;
	}

	/**
	 * A confirmed pair into the TM (origin `translation`, with its neighbours for 101 %
	 * matches): the unit's id, or null for an empty target. `before` is the segment as it was
	 * before this confirmation, to tell a reused TM pair (a match taken, a repetition: one use
	 * more) from the same text confirmed again.
	 */
	function intoTm(docId: number, ord: number, before: SegmentState, target: string, by: string | null): number | null {
		if (target.trim() === '') return null;
		const { sourceLang, targetLang } = langs(docId);
		const unit: TmUnit = {
			sourceLang,
			targetLang,
			source: before.source,
			target,
			origin: 'translation',
			documentId: docId,
			segmentOrd: ord,
			context: { prev: before.prev, next: before.next },
			createdBy: by
		};
		// a pair the TM held before this confirmation was reused (a match taken, a repetition);
		// confirming the same text again is not another use, nor is the unit this segment wrote itself
		// (confirmed, edited, confirmed back: the editor saves a draft at the first key)
		let reused = CONFIRMED.has(before.status) && before.target === target ? null : tm.pairId(unit);
		if (reused != null) {
			const held = tm.get(reused);
			if (held?.documentId === docId && held.segmentOrd === ord) reused = null;
		}
		const [id] = tm.add([unit]);
		if (reused === id) tm.recordUse([id]);
		return id;
	}

	const get = (docId: number, ord: number): EditorSegment => view(state(docId, ord));
	const segment = {
		/**
		 * After a write that bypassed `save` (a re-import's, which keeps its own history entry):
		 * the segment's pair into the TM when its status is confirmed, as `save` does; `before`
		 * is the segment as it was before that write. The caller's transaction holds both.
		 */
		confirmedIntoTm(docId: number, ord: number, before: { target: string | null; status: SegmentStatus }, by: string | null): number | null {
			const now = state(docId, ord);
			if (!CONFIRMED.has(now.status) || now.target == null) return null;
			return intoTm(docId, ord, { ...now, target: before.target, status: before.status }, now.target, by);
		},
		get,

		/**
		 * A document's changes, newest first (at most `limit`, default 500, after the newest
		 * `offset`), of one signer, of none (`unsigned`: imports, scripts, a translator who never
		 * gave a name) or of one kind when given.
		 */
		documentHistory(docId: number, o: { by?: string | null; unsigned?: boolean; kind?: HistoryKind | null; limit?: number; offset?: number } = {}): { entries: DocumentChange[]; total: number; signers: string[] } {
			// one read transaction: the list and its count from the same snapshot
			return transaction(() => {
				langs(docId);
				return deps.history.changes(docId, { by: o.by, unsigned: o.unsigned, kind: o.kind, limit: o.limit ?? 500, offset: o.offset });
			});
		},

		/** The segment's changes, newest first (at most `limit`, default 50). */
		history(docId: number, ord: number, o: { limit?: number } = {}): SegmentHistory {
			// one read transaction: the entries and their count from the same snapshot (`edit restore` numbers changes by the count)
			return transaction(() => {
				state(docId, ord);
				return deps.history.ofSegment(docId, ord, o.limit ?? 50);
			});
		},

		/** TM matches for a segment, its neighbours making 101 % (in-context) matches possible. */
		matches(docId: number, ord: number, o: { limit?: number; threshold?: number } = {}) {
			const s = state(docId, ord);
			return tm.lookup(s.source, { ...langs(docId), prev: s.prev, next: s.next, limit: o.limit, threshold: o.threshold });
		},

		save(docId: number, ord: number, req: SaveRequest): SaveResult {
			return transaction(() => {
				const before = state(docId, ord);
				const target = segmentText(req.target);
				if (CONFIRMED.has(req.status) && target.trim() === '') throw new AtelierError('target_empty_confirmed', { segment: ord + 1 }, { document: docId, segment: ord + 1 });
				if (!docs.setTarget(before.id, req.version, target, req.status, req.by ?? null)) return { ok: false, conflict: true, current: view(before) };
				const batch = req.batch ?? randomUUID();
				recordChange(deps.history, {
					documentId: docId,
					segmentId: before.id,
					ord,
					before: { target: before.target, status: before.status, version: before.version },
					after: { target, status: req.status },
					kind: req.kind ?? 'edit',
					by: req.by ?? null,
					batch,
					now: new Date()
				});
				const tmUnit = CONFIRMED.has(req.status) && req.feedTm !== false ? intoTm(docId, ord, before, target, req.by ?? null) : null;
				const propagated = CONFIRMED.has(req.status) && req.propagate !== false && (req.kind ?? 'edit') === 'edit' ? propagate(docId, ord, before.source, target, req.by ?? null, batch) : [];
				return { ok: true, segment: view(state(docId, ord)), tmUnit, propagated };
			});
		}
	};
	return {
		...segment,
		...createDocumentEditing({ repo: deps.repo, tm, terminology: deps.terminology, transaction, langs, get, save: segment.save }),
		...createJoinSplit({ repo: deps.repo, transaction, langs })
	};
}

export type SegmentEditing = ReturnType<typeof createSegmentEditing>;
