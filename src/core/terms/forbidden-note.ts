import type { Term } from '../model.js';

/**
 * How a forbidden term's replacement travels in a TBX or CSV note (glossary/README.md):
 * `FORBIDDEN: <replacement> — <reason>`. Group 1 is the replacement, group 2 the reason.
 */
export const FORBIDDEN_NOTE = /^FORBIDDEN:\s*(.*?)(?:\s+—\s+(.*))?$/s;

/**
 * The note a file carries for a term, and the one a forbidden term is stored with: its
 * replacement field (which wins over one a stale note names: edited in the form, it would
 * otherwise be undone by the next export and import), then the reason its note gave.
 * Imports store forbidden terms' notes in this form, so the form does too: a concept saved
 * there and exported reads back unchanged.
 */
export function fileNote(t: Pick<Term, 'status' | 'replacement' | 'note'>): string {
	const note = t.note ?? '';
	if (t.status !== 'forbidden') return note;
	const m = FORBIDDEN_NOTE.exec(note);
	const replacement = t.replacement ?? (m ? m[1].trim() : '');
	const reason = m ? (m[2] ?? '') : note;
	return `FORBIDDEN: ${replacement}${reason ? ` — ${reason}` : ''}`;
}
