/**
 * Text as a search compares it: the straight, curly and modifier-letter apostrophes are one
 * (`l'OTAN` finds `l’OTAN`), as in TM lookups. Each is one UTF-16 unit, so an offset in the
 * folded text is the same offset in the original: matches found on the folded text can be
 * cut out of, or replaced in, the text as written.
 */
export function foldApostrophes(s: string): string {
	return s.replace(APOSTROPHES, "'");
}

export const APOSTROPHES = /['’ʼ]/g;

/** The apostrophe a text writes (its first one), or null when it has none. */
export function apostropheOf(s: string): string | null {
	return /['’ʼ]/.exec(s)?.[0] ?? null;
}
