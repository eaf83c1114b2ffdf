import type { Issue } from '../../core/model.js';

/**
 * The generic QA as the editor panel shows it for the segment being worked on. An empty
 * target there is work not started yet, not an error: confirming an empty target is refused
 * anyway, and document-level reports (CLI `qa`, exports) still list saved empty targets.
 */
export function editorQa(issues: Issue[]): Issue[] {
	return issues.filter((i) => i.check !== 'qa.untranslated');
}

const key = (docId: number) => `atelier.editor.${docId}.segment`;

/**
 * The segment last worked on, per document, so that a reload or a later visit reopens it
 * rather than the first unconfirmed one. Storage may be off (private windows, quotas):
 * then nothing is remembered, and nothing fails.
 */
export const lastSegment = {
	get(docId: number): number | null {
		try {
			const v = localStorage.getItem(key(docId));
			const n = v == null ? NaN : Number(v);
			return Number.isInteger(n) && n >= 0 ? n : null;
		} catch {
			return null;
		}
	},
	set(docId: number, ord: number): void {
		try {
			localStorage.setItem(key(docId), String(ord));
		} catch {
			// not remembered: the editor then opens where the server says
		}
	}
};
