/**
 * Text normalisation shared by every lexical feature. Kept language-neutral on purpose:
 * the aligner must work for German–French (the dev set) as well as French–English, so
 * nothing here knows a language's grammar — only scripts, digits and punctuation.
 */

/** Lower case without diacritics, and the few ligatures NFD does not split (ß, æ, œ). */
export function fold(s: string): string {
	// most words are plain ASCII: lower-casing is all they need
	if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase();
	return s
		.normalize('NFD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/ß/g, 'ss')
		.replace(/æ/g, 'ae')
		.replace(/œ/g, 'oe');
}

/**
 * `fold` with a memory: a text has far fewer distinct words than tokens. The memory is
 * bounded (cleared when full) so a 100k-sentence input cannot grow it without limit.
 */
const FOLDED = new Map<string, string>();
export function foldWord(w: string): string {
	let f = FOLDED.get(w);
	if (f === undefined) {
		if (FOLDED.size > 200_000) FOLDED.clear();
		f = fold(w);
		FOLDED.set(w, f);
	}
	return f;
}

/** Characters that carry content: whitespace is left out so tokenised and untokenised text measure the same. */
export function contentLength(s: string): number {
	let n = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		// space, tab, NBSP, narrow NBSP, line breaks
		if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 0xa0 && c !== 0x202f && c !== 0x2009) n++;
	}
	return n;
}

export type TokenType = 'word' | 'number' | 'url';

export interface Token {
	type: TokenType;
	/** as written */
	surface: string;
	/** folded form; for numbers the digits only (so 1 386, 1,386 and 1386 meet; 3,5 and 3.5 too) */
	norm: string;
	/** word starts with a capital and is not the sentence's first word, or is all capitals */
	capitalised: boolean;
}

// URLs and e-mail addresses first (they contain dots and digits), then numbers (with
// thousands groups separated by a space only when the first group is short, so
// `en 2008 123 pays` stays two numbers), then runs of letters (hyphens and apostrophes
// split words: OTAN-Russie → OTAN, Russie; d'altitude → d, altitude).
const TOKEN_RE =
	/(https?:\/\/[^\s<>"«»]+|www\.[^\s<>"«»]+|[\w.+-]+@[\w-]+\.[\w.-]+)|(\d{1,3}(?:[ \u00a0\u202f]\d{3}(?!\d))+(?:[.,]\d+)?|\d+(?:[.,]\d+)*)|([\p{L}\p{M}]+)/gu;

/**
 * Tokens of a sentence. Sentences with a URL or an e-mail address go through the regular
 * expression above; all others through a hand-written scanner that produces the same
 * tokens several times faster (the aligner tokenises every sentence twice: features,
 * then evidence).
 */
export function tokenize(text: string): Token[] {
	if (text.includes('://') || text.includes('www.') || text.includes('@')) return tokenizeRe(text);
	const out: Token[] = [];
	let first = true;
	const n = text.length;
	let p = 0;
	while (p < n) {
		const c = text.charCodeAt(p);
		if (c >= 48 && c <= 57) {
			const start = p;
			while (p < n && isDigit(text.charCodeAt(p))) p++;
			let group = p - start;
			let spaced = group <= 3;
			let decimal = false;
			for (;;) {
				const d = text.charCodeAt(p);
				// thousands groups separated by spaces: 10 000, 1 386 (only after short groups)
				if (spaced && !decimal && (d === 32 || d === 0xa0 || d === 0x202f) && isDigit(text.charCodeAt(p + 1)) && isDigit(text.charCodeAt(p + 2)) && isDigit(text.charCodeAt(p + 3)) && !isDigit(text.charCodeAt(p + 4))) {
					p += 4;
					group = 3;
					continue;
				}
				if ((d === 46 || d === 44) && isDigit(text.charCodeAt(p + 1))) {
					p++;
					while (p < n && isDigit(text.charCodeAt(p))) p++;
					// after a space-grouped number, one decimal part ends it
					if (spaced && group === 3 && p - start > 4 && /\s/.test(text.slice(start, p))) decimal = true;
					spaced = false;
					continue;
				}
				break;
			}
			const surface = text.slice(start, p);
			out.push({ type: 'number', surface, norm: surface.replace(/\D/g, '').replace(/^0+(?=\d)/, ''), capitalised: false });
			first = false;
			continue;
		}
		if (isLetter(c)) {
			const start = p;
			p++;
			while (p < n && isLetter(text.charCodeAt(p))) p++;
			const w = text.slice(start, p);
			const c0 = w[0];
			const upper = c0 !== c0.toLowerCase();
			const allCaps = upper && w.length >= 2 && w === w.toUpperCase();
			out.push({ type: 'word', surface: w, norm: foldWord(w), capitalised: allCaps || (upper && !first) });
			first = false;
			continue;
		}
		p++;
	}
	return out;
}

function isDigit(c: number): boolean {
	return c >= 48 && c <= 57;
}

/** Letter or combining mark (\p{L}, \p{M}); non-ASCII answers are memoised per code unit. */
const LETTER_CLASS = new Uint8Array(65536);
const LETTER_RE = /[\p{L}\p{M}]/u;
function isLetter(c: number): boolean {
	if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
	let v = LETTER_CLASS[c];
	if (v === 0) {
		v = LETTER_RE.test(String.fromCharCode(c)) ? 1 : 2;
		LETTER_CLASS[c] = v;
	}
	return v === 1;
}

/** The reference tokenizer (regular expression); `tokenize` must agree with it. */
export function tokenizeRe(text: string): Token[] {
	const out: Token[] = [];
	let first = true;
	for (const m of text.matchAll(TOKEN_RE)) {
		if (m[1]) {
			out.push({ type: 'url', surface: m[1], norm: m[1].toLowerCase().replace(/[.,;:)]+$/, ''), capitalised: false });
		} else if (m[2]) {
			out.push({ type: 'number', surface: m[2], norm: m[2].replace(/\D/g, '').replace(/^0+(?=\d)/, ''), capitalised: false });
		} else {
			const w = m[3];
			const c0 = w[0];
			const upper = c0 !== c0.toLowerCase();
			const allCaps = upper && w.length >= 2 && w === w.toUpperCase();
			out.push({ type: 'word', surface: w, norm: foldWord(w), capitalised: allCaps || (upper && !first) });
			first = false;
			continue;
		}
		first = false;
	}
	return out;
}

/**
 * Month names of the languages the team meets, folded, to a month number: a date is the
 * same date in any language, so `4 avril 2008` and `4 April 2008` share a key. This is a
 * closed list (12 words a language), not a lexicon.
 */
const MONTHS = new Map<string, number>();
for (const names of [
	'janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre', // fr
	'january february march april may june july august september october november december', // en
	'januar februar marz april mai juni juli august september oktober november dezember', // de
	'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre', // es
	'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre', // it
	'januari februari maart april mei juni juli augustus september oktober november december', // nl
	'janeiro fevereiro marco abril maio junho julho agosto setembro outubro novembro dezembro' // pt
]) {
	names.split(' ').forEach((n, i) => {
		// `mai`/`may`/`march` are also ordinary words in some languages: only long or unambiguous names
		if (n !== 'may' && n !== 'march' && n !== 'mai' && n !== 'mars' && n !== 'marz') MONTHS.set(n, i + 1);
	});
}
export function monthOf(folded: string): number | undefined {
	return MONTHS.get(folded);
}
