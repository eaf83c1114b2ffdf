import type { EditorRow } from '../../core/db/editor.repo.server.js';

/** Whether row `ord` can be joined with the next: there is one, and it is in the same paragraph. */
export function joinable(rows: readonly (EditorRow | undefined)[], ord: number): boolean {
	const a = rows[ord];
	const b = rows[ord + 1];
	return !!a && !!b && a.para === b.para;
}

/**
 * The caret (or the start of the selection) in a source cell, as an offset into the
 * segment's source. The cell shows the source verbatim, cut into term highlights; if its
 * text is not exactly the source (a rendering that adds or drops characters), nothing is
 * guessed: null, and the split dialog starts at its first choice.
 */
export function sourceOffset(cell: HTMLElement, source: string, sel: Selection | null): number | null {
	if (!sel || sel.rangeCount === 0 || cell.textContent !== source) return null;
	const r = sel.getRangeAt(0);
	if (!cell.contains(r.startContainer)) return null;
	const before = document.createRange();
	before.selectNodeContents(cell);
	before.setEnd(r.startContainer, r.startOffset);
	const at = before.toString().length;
	return at > 0 && at < source.length ? at : null;
}
