/** The longest name a change can be signed with, in characters (code points). */
export const USER_NAME_MAX = 100;

/**
 * Control characters (C0, DEL, C1), line and paragraph separators, and the bidi embeddings,
 * overrides and isolates: a name carrying them would break a history line or a TMX attribute,
 * or show as someone else's (a right-to-left override reverses what follows it).
 */
const FORBIDDEN = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

/**
 * The name a change is signed with, as it will be stored: trimmed, NFC. `null` for nothing
 * to sign with (absent or blank), and for a name that cannot be stored as it is (too long,
 * control characters): those are ignored rather than cut, a half name being somebody else's.
 */
export function cleanUserName(raw: unknown): string | null {
	if (typeof raw !== 'string') return null;
	const name = raw.trim().normalize('NFC');
	if (name === '' || [...name].length > USER_NAME_MAX || FORBIDDEN.test(name)) return null;
	return name;
}

/** Why a name typed on the settings page cannot sign: for its error message; `null` when it can. */
export function userNameProblem(raw: string): 'tooLong' | 'control' | null {
	const name = raw.trim().normalize('NFC');
	if ([...name].length > USER_NAME_MAX) return 'tooLong';
	if (FORBIDDEN.test(name)) return 'control';
	return null;
}
