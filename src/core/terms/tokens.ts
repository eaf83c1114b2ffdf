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

/** Letters and digits; U+02BC (ʼ) is a letter to Unicode but an apostrophe in French text (`lʼOTAN`). */
const TOKEN = /(?:(?!\u02BC)[\p{L}\p{N}])+/gu;
const APOSTROPHES = /^[\s\u00A0\u202F]*['’ʼ‘][\s\u00A0\u202F]*$/u;
const HYPHENS = /^[\s\u00A0\u202F]*[-‐‑][\s\u00A0\u202F]*$/u;
/** A compound hyphen left at a line end by PDF text (`euro-` + line break + `atlantique`). */
const LINE_END_HYPHEN = /^[-‐‑][\s\u00A0\u202F\u2009]+$/u;
/** An en dash between two words without spaces (`OTAN–Russie`), a typographic variant of the hyphen. */
const EN_DASH = '–';

/**
 * Addresses are not words: `www.nato-russia-council.info` must not yield `nato` and
 * `russia`. URLs (with a scheme or `www.`), e-mail addresses and bare lower-case domain
 * names with a common top-level domain are skipped whole.
 */
const ADDRESS =
	/(?:\b(?:https?|ftp):\/\/|\bwww\.)[^\s<>"«»“”]*[^\s<>"«»“”.,;:!?)\]]|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:int|org|com|net|info|eu|fr|gov|edu|uk|ru|ua|be|de)\b(?:\/[^\s<>"«»“”]*[^\s<>"«»“”.,;:!?)\]])?/gu;


export function classifySep(between: string): Sep {
	if (between === '') return '';
	if (/^[\s\u00A0\u202F\u2009]+$/u.test(between)) return ' ';
	if (HYPHENS.test(between) && !/\s/.test(between)) return '-';
	if (LINE_END_HYPHEN.test(between)) return '-';
	if (APOSTROPHES.test(between)) return "'";
	return between.replace(/[\s\u00A0\u202F\u2009]+/gu, ' ');
}

/** The full address pattern is costly; most sentences cannot hold an address at all. */
export function textMayHoldAddress(text: string): boolean {
	if (text.includes('@') || text.includes('://') || text.includes('www.')) return true;
	// a domain needs `[a-z0-9].tld\b`: tried only at the dots of the text (a regex over the whole text cost more than the tokenizing)
	for (let i = text.indexOf('.', 1); i !== -1; i = text.indexOf('.', i + 1)) {
		const c = text.charCodeAt(i - 1);
		if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) continue;
		TLD_AT.lastIndex = i + 1;
		if (TLD_AT.test(text)) return true;
	}
	return false;
}

const TLD_AT = /(?:int|org|com|net|info|eu|fr|gov|edu|uk|ru|ua|be|de)\b/y;

/** [start, end) spans of the addresses in `text`. */
export function addressSpans(text: string): Array<[number, number]> {
	const spans: Array<[number, number]> = [];
	ADDRESS.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = ADDRESS.exec(text)) !== null) spans.push([m.index, m.index + m[0].length]);
	return spans;
}

export function tokenize(text: string): Token[] {
	const out: Token[] = [];
	const skip = textMayHoldAddress(text) ? addressSpans(text) : [];
	let s = 0;
	let prevEnd = 0;
	TOKEN.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = TOKEN.exec(text)) !== null) {
		while (s < skip.length && skip[s][1] <= m.index) s++;
		if (s < skip.length && skip[s][0] <= m.index) continue; // inside an address: the gap becomes part of the next separator
		out.push({ start: m.index, end: m.index + m[0].length, raw: m[0], sep: out.length ? classifySep(text.slice(prevEnd, m.index)) : '' });
		prevEnd = m.index + m[0].length;
	}
	return out;
}

/**
 * A space and a hyphen between two words are variants of one another, and an unspaced en
 * dash is a variant of both (an exact separator still wins, see `surfaceScore`); anything
 * else must agree.
 */
export function sepCompatible(termSep: Sep, textSep: Sep): boolean {
	if (termSep === textSep) return true;
	const loose = (s: Sep) => s === ' ' || s === '-' || s === EN_DASH;
	return loose(termSep) && loose(textSep);
}
