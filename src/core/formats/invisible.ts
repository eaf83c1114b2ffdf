/**
 * Invisible format characters: bidi overrides, embeddings and isolates, zero-width spaces
 * and joiners, the BOM. In a reviewer's view they are a trap (U+202E makes `abc‮exe.live`
 * read as `abcevil.exe`, a zero-width space hides inside a term), so every export shows
 * them as their code point. The soft hyphen is ordinary text and left alone.
 */
export const INVISIBLE = /[\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;

export function codePoint(c: string): string {
	return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `a\u202Eb` → `a⟦U+202E⟧b`: readable in any viewer, and reversible (see `restoreInvisible`). */
export function showInvisible(s: string): string {
	return s.replace(INVISIBLE, (c) => `⟦${codePoint(c)}⟧`);
}

/** The marks written by `showInvisible` back to their characters (only characters of the invisible set). */
export function restoreInvisible(s: string): string {
	return s.replace(/⟦U\+([0-9A-F]{4})⟧/g, (m, hex: string) => {
		const c = String.fromCharCode(parseInt(hex, 16));
		INVISIBLE.lastIndex = 0;
		return INVISIBLE.test(c) ? c : m;
	});
}

/** Splits text into plain parts and invisible characters, for writers that style the marks. */
export function splitInvisible(s: string): { text: string; invisible: boolean }[] {
	const out: { text: string; invisible: boolean }[] = [];
	let last = 0;
	for (const m of s.matchAll(INVISIBLE)) {
		if (m.index! > last) out.push({ text: s.slice(last, m.index), invisible: false });
		out.push({ text: m[0], invisible: true });
		last = m.index! + m[0].length;
	}
	if (last < s.length || out.length === 0) out.push({ text: s.slice(last), invisible: false });
	return out;
}
