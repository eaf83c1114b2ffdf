import { randomUUID } from 'node:crypto';
import { AtelierError, type Location } from '../errors.js';
import { primaryLang } from '../lang.js';
import { type InlineTag, type SegmentStatus, TAG_BASE } from '../model.js';
import type { BilingualDocument, BilingualRow, ReturnedDocument, ReturnedRow } from './bilingual.js';
import { rowsOf } from './build.js';

/** A target the file changes, checked against the segment as stored when planning. */
export interface PlannedChange {
	id: string;
	ord: number;
	number: number;
	source: string;
	oldTarget: string | null;
	newTarget: string;
	oldStatus: SegmentStatus;
	newStatus: SegmentStatus;
	/** the stored version the change is checked against when applied */
	version: number;
	comment: string | null;
	location: Location;
	/** what was done to the file's target to store it (its inline tags dropped), shown with the row */
	notices?: ChangeNotice[];
}

/** Something the plan did to a row so that it could be applied, said to the user with that row. */
export interface ChangeNotice {
	code: 'inline_tags_dropped';
	detail: Record<string, string | number>;
}

/**
 * A change to a segment that was edited in Atelier after the export: applying it would
 * overwrite that edit, so it is applied only if the user says so.
 */
export interface PlannedConflict extends PlannedChange {
	/** the target when exported, if the file tells it apart from the current one */
	exportedVersion: number | null;
}

export type RejectReason =
	| 'wrong_document'
	| 'languages'
	| 'alignment_export'
	| 'added_row'
	| 'unknown_id'
	| 'duplicate_id'
	| 'source_differs'
	| 'empty_target';

/** A row of the file that cannot be applied, with why and where. */
export interface RejectedRow {
	id: string | null;
	number: number | null;
	reason: RejectReason;
	/** e.g. the row the source text belongs to when rows were reordered */
	detail: Record<string, string | number>;
	source: string | null;
	target: string | null;
	location: Location;
}

export interface ReimportPlan {
	documentId: number;
	file: string;
	format: ReturnedDocument['format'];
	/** found before any row: the whole file cannot be applied (wrong document, languages…) */
	blocking: RejectedRow[];
	changes: PlannedChange[];
	conflicts: PlannedConflict[];
	rejected: RejectedRow[];
	/** rows of the file equal to the stored segment */
	unchanged: number;
	/** stored rows the file does not have: left as they are (numbers shown to people) */
	missing: number[];
}

const norm = (s: string | null | undefined) => (s ?? '').normalize('NFC').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
/** Sources compared loosely on spacing (a word processor may turn U+202F into a space) but exactly on words and punctuation. */
const sameSource = (a: string, b: string) => norm(a).replace(/ /g, '') === norm(b).replace(/ /g, '');
const sameLang = (a: string | null, b: string) => a == null || primaryLang(a) === primaryLang(b);

/**
 * Compares a returned file with the document as stored now and says, row by row, what
 * would change, what conflicts with edits made since the export, and what cannot be
 * applied and why. Nothing is written: `applyReimport` does that once the user confirms.
 */
export function planReimport(stored: BilingualDocument, returned: ReturnedDocument, opts: { changedAt?: Map<number, string> } = {}): ReimportPlan {
	const plan: ReimportPlan = {
		documentId: stored.documentId,
		file: returned.file,
		format: returned.format,
		blocking: [],
		changes: [],
		conflicts: [],
		rejected: [],
		unchanged: 0,
		missing: []
	};
	const whole = (reason: RejectReason, detail: Record<string, string | number>) =>
		plan.blocking.push({ id: null, number: null, reason, detail, source: null, target: null, location: { file: returned.file } });
	if (returned.documentId != null && returned.documentId !== stored.documentId) whole('wrong_document', { found: returned.documentId, expected: stored.documentId });
	if (!sameLang(returned.sourceLang, stored.sourceLang) || !sameLang(returned.targetLang, stored.targetLang))
		whole('languages', { found: `${returned.sourceLang ?? '?'}→${returned.targetLang ?? '?'}`, expected: `${stored.sourceLang}→${stored.targetLang}` });
	if (returned.origin === 'alignment' || stored.origin === 'alignment') whole('alignment_export', {});

	const rows = rowsOf(stored);
	const byId = new Map(rows.map((r) => [r.id, r]));
	const bySource = new Map<string, BilingualRow>();
	for (const r of rows) if (!bySource.has(norm(r.source))) bySource.set(norm(r.source), r);
	const seen = new Set<string>();
	const reject = (r: ReturnedRow, reason: RejectReason, detail: Record<string, string | number> = {}) =>
		plan.rejected.push({ id: r.id, number: r.number, reason, detail, source: r.source, target: r.target, location: r.location });

	for (const r of returned.rows) {
		if (plan.blocking.length) {
			reject(r, plan.blocking[0].reason, plan.blocking[0].detail);
			continue;
		}
		if (r.id == null || r.id === '') {
			const same = r.source != null ? bySource.get(norm(r.source)) : undefined;
			reject(r, 'added_row', same ? { row: same.number } : {});
			continue;
		}
		const s = byId.get(r.id);
		if (!s) {
			reject(r, 'unknown_id', { id: r.id });
			continue;
		}
		if (seen.has(r.id)) {
			reject(r, 'duplicate_id', { id: r.id, row: s.number });
			continue;
		}
		seen.add(r.id);
		if (r.source != null && !sameSource(r.source, s.source)) {
			const other = bySource.get(norm(r.source));
			reject(r, 'source_differs', other ? { row: s.number, belongsTo: other.number } : { row: s.number });
			continue;
		}
		if (r.target == null || r.target.trim() === '') {
			// an empty cell is not a deletion: nothing stored is lost by a re-import
			if (s.target != null && s.target.trim() !== '' && r.target != null) reject(r, 'empty_target', { row: s.number });
			else plan.unchanged++;
			continue;
		}
		// a segment stores plain text: the reviewer's formatting goes, the words stay
		const tagged = r.targetTags?.length ? withoutTags(r.target, r.targetTags) : null;
		const newTarget = (tagged?.text ?? r.target).normalize('NFC');
		if (newTarget.trim() === '') {
			if (s.target != null && s.target.trim() !== '') reject(r, 'empty_target', { row: s.number });
			else plan.unchanged++;
			continue;
		}
		const targetChanged = newTarget !== s.target;
		const newStatus: SegmentStatus = r.status ?? (targetChanged ? 'translated' : s.status);
		if (!targetChanged && newStatus === s.status) {
			plan.unchanged++;
			continue;
		}
		const change: PlannedChange = {
			id: r.id,
			ord: s.sourceOrds[0],
			number: s.number,
			source: s.source,
			oldTarget: s.target,
			newTarget,
			oldStatus: s.status,
			newStatus,
			version: s.version ?? 0,
			comment: r.comment,
			location: r.location
		};
		if (tagged?.dropped.length) change.notices = [{ code: 'inline_tags_dropped', detail: { row: s.number, tags: tagged.dropped.join(', ') } }];
		const edited =
			r.version != null && s.version != null
				? s.version > r.version
				: returned.exportedAt != null && opts.changedAt?.get(change.ord) != null && opts.changedAt.get(change.ord)! > returned.exportedAt;
		if (edited) plan.conflicts.push({ ...change, exportedVersion: r.version ?? null });
		else plan.changes.push(change);
	}
	if (!plan.blocking.length) for (const s of rows) if (!seen.has(s.id)) plan.missing.push(s.number);
	return plan;
}

/**
 * A target without its inline-tag placeholders: a tag that wraps text (`<g ctype="bold">`,
 * `<pc>`, `<mrk>`) leaves its text; a standalone code leaves its stated text equivalent
 * (`equiv-text`, `equiv`) or nothing, and then no doubled space where it stood. `dropped`
 * names each kind of tag once, as the file does (`bold`, `x`), for the user.
 */
export function withoutTags(text: string, tags: InlineTag[]): { text: string; dropped: string[] } {
	const dropped = new Set<string>();
	const tagAt = (c: string) => tags[c.charCodeAt(0) - TAG_BASE] as InlineTag | undefined;
	const out = text.replace(/( ?)([\uE000-\uF8FF]+)( ?)/g, (m: string, before: string, run: string, after: string, at: number) => {
		let kept = '';
		for (const c of run) {
			const tag = tagAt(c);
			// a Private Use character that is no placeholder of this target is text
			if (!tag) {
				kept += c;
				continue;
			}
			if (!tag.kind.startsWith('/')) dropped.add(tag.attrs.ctype ?? tag.attrs.subType ?? tag.attrs.type ?? tag.kind);
			kept += tag.attrs['equiv-text'] ?? tag.attrs.equiv ?? '';
		}
		if (kept) return before + kept + after;
		// a tag at either end leaves no space there; between words, one space
		if (at === 0 || at + m.length === text.length) return '';
		return before || after;
	});
	return { text: out, dropped: [...dropped] };
}

/** What applying needs: the workbench gives all of it. */
export interface ApplyDeps {
	transaction<T>(fn: () => T): T;
	/** false when the segment moved on since `version` */
	setTarget(docId: number, ord: number, target: string, opts: { version: number; status: SegmentStatus; by: string | null }): boolean;
	history: { add(e: import('../db/history.repo.server.js').HistoryEntry): void };
	/**
	 * After each write: a confirmed target (translated, reviewed) goes into the TM, as a
	 * confirmation in the editor does, so the reviewer's corrections reach the TM too;
	 * `before` is the segment before the write
	 */
	confirmed?(docId: number, ord: number, before: { target: string | null; status: SegmentStatus }, by: string | null): void;
}

export interface ApplyResult {
	applied: number;
	batch: string;
}

/**
 * Applies a plan's changes (and its conflicts only with `overwriteConflicts`) in ONE
 * transaction: each write checks the version the plan saw, so if anything changed since
 * planning, nothing is applied and `reimport_stale` says which segment. Each change is kept
 * in the history, as a review for a DOCX from a reviewer; a confirmed target also goes into
 * the TM (see `ApplyDeps.confirmed`).
 */
export function applyReimport(deps: ApplyDeps, plan: ReimportPlan, opts: { by?: string | null; overwriteConflicts?: boolean; now?: Date } = {}): ApplyResult {
	if (plan.blocking.length) throw new AtelierError('reimport_blocked', { ...plan.blocking[0].detail, reason: plan.blocking[0].reason }, { file: plan.file, document: plan.documentId });
	const list = [...plan.changes, ...(opts.overwriteConflicts ? plan.conflicts : [])].sort((a, b) => a.ord - b.ord);
	const batch = randomUUID();
	const changedAt = (opts.now ?? new Date()).toISOString();
	const by = opts.by ?? null;
	deps.transaction(() => {
		for (const c of list) {
			if (!deps.setTarget(plan.documentId, c.ord, c.newTarget, { version: c.version, status: c.newStatus, by }))
				throw new AtelierError('reimport_stale', { row: c.number }, { file: plan.file, document: plan.documentId, segment: c.number });
			deps.confirmed?.(plan.documentId, c.ord, { target: c.oldTarget, status: c.oldStatus }, by);
			deps.history.add({
				documentId: plan.documentId,
				ord: c.ord,
				oldTarget: c.oldTarget,
				newTarget: c.newTarget,
				oldStatus: c.oldStatus,
				newStatus: c.newStatus,
				oldVersion: c.version,
				kind: plan.format === 'docx' ? 'review' : 'reimport',
				format: plan.format,
				originFile: plan.file,
				batch,
				changedBy: by,
				changedAt
			});
		}
	});
	return { applied: list.length, batch };
}
