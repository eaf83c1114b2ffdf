/**
 * Tokens for term recognition: runs of letters and digits, with the class of separator
 * before each one. Working on tokens rather than characters is what makes elision free
 * (`l’OTAN` is `l` + `OTAN`), keeps `COR` out of `CORPS` and `accord`, and lets hyphen and
 * space variants (`euro-atlantique` / `euro atlantique`) meet.
 */
export type Sep = ' ' | '-' | "'" | string;

export interface Token {
	start: number;
	end: number;
	raw: string;
	/** separator between the previous token and this one, by class: space, hyphen, apostrophe, or the literal punctuation */
	sep: Sep;
}

const TOKEN = /[\p{L}\p{N}]+/gu;
const APOSTROPHES = /^[\s\u00A0\u202F]*['’ʼ‘][\s\u00A0\u202F]*$/u;
const HYPHENS = /^[\s\u00A0\u202F]*[-‐‑][\s\u00A0\u202F]*$/u;

export function classifySep(between: string): Sep {
	if (between === '') return '';
	if (/^[\s\u00A0\u202F\u2009]+$/u.test(between)) return ' ';
	if (HYPHENS.test(between) && !/\s/.test(between)) return '-';
	if (APOSTROPHES.test(between)) return "'";
	return between.replace(/[\s\u00A0\u202F\u2009]+/gu, ' ');
}

export function tokenize(text: string): Token[] {
	const out: Token[] = [];
	let prevEnd = 0;
	TOKEN.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = TOKEN.exec(text)) !== null) {
		out.push({ start: m.index, end: m.index + m[0].length, raw: m[0], sep: out.length ? classifySep(text.slice(prevEnd, m.index)) : '' });
		prevEnd = m.index + m[0].length;
	}
	return out;
}

/** A space and a hyphen between two words are variants of one another; anything else must agree. */
export function sepCompatible(termSep: Sep, textSep: Sep): boolean {
	if (termSep === textSep) return true;
	return (termSep === ' ' || termSep === '-') && (textSep === ' ' || textSep === '-');
}
