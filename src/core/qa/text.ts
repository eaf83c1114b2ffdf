/** Character-level facts about a text that several checks share, computed once per run. */

export interface Range {
	start: number;
	end: number;
	text: string;
}

export interface TextFacts {
	text: string;
	/** the text with URLs and e-mail addresses blanked out (same length, same offsets): their digits, colons and brackets are not prose */
	masked: string;
	/** URLs and e-mail addresses, as written, trailing sentence punctuation left out */
	links: Range[];
	/** inline tag placeholders (one Private Use Area character each) */
	tags: { start: number; char: string }[];
}

const STOP = `\\s<>"«»“”‘’\\u00A0\\u202F`;
const LINK = new RegExp(
	[
		`\\b(?:https?|ftp)://[^${STOP}]+`,
		`\\bwww\\.[^${STOP}]+`,
		`[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}`,
		// bare domains, only on the few top-level domains such texts cite (nato.int), so that `e.g.` or `M.Dupont` never count
		`(?<![\\p{L}\\p{N}@./-])[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.(?:int|org|com|net|gov|edu|eu|fr|uk|be|ca|ch|de|info)(?![\\p{L}\\p{N}])(?:/[^${STOP}]*)?`
	].join('|'),
	'giu'
);

/** `www.nato.int.` ends at `int`; `(voir www.nato.int)` leaves the parenthesis out. */
function trimLink(s: string): string {
	for (;;) {
		const last = s[s.length - 1];
		if (/[.,;:!?'’*]/.test(last)) s = s.slice(0, -1);
		else if (last === ')' && count(s, '(') < count(s, ')')) s = s.slice(0, -1);
		else if (last === ']' && count(s, '[') < count(s, ']')) s = s.slice(0, -1);
		else return s;
	}
}

const count = (s: string, c: string) => s.split(c).length - 1;

export const isTag = (c: string) => {
	const n = c.charCodeAt(0);
	return n >= 0xe000 && n <= 0xf8ff;
};

// cheap pre-test: most segments hold no address, and the full pattern costs a scan per character
const MAYBE_LINK = /:\/\/|www\.|@|\.(?:int|org|com|net|gov|edu|eu|fr|uk|be|ca|ch|de|info)\b/i;

export function findLinks(text: string): Range[] {
	const out: Range[] = [];
	if (!MAYBE_LINK.test(text)) return out;
	for (const m of text.matchAll(LINK)) {
		const t = trimLink(m[0]);
		if (t.length < 4) continue;
		out.push({ start: m.index!, end: m.index! + t.length, text: t });
	}
	return out;
}

export function analyseText(text: string): TextFacts {
	const links = findLinks(text);
	let masked = text;
	if (links.length) {
		const parts: string[] = [];
		let at = 0;
		for (const l of links) {
			parts.push(text.slice(at, l.start), '\u0001'.repeat(l.end - l.start));
			at = l.end;
		}
		parts.push(text.slice(at));
		masked = parts.join('');
	}
	const tags: TextFacts['tags'] = [];
	for (let i = 0; i < text.length; i++) if (isTag(text[i])) tags.push({ start: i, char: text[i] });
	return { text, masked, links, tags };
}

/** Horizontal spaces of every kind a translator or a PDF puts between words. */
export const SPACE = /[ \t\u00A0\u202F\u2009\u2007\u2002\u2003\u2004\u2005\u2006\u2008\u200A\u3000]/;
export const isSpace = (c: string | undefined) => c != null && SPACE.test(c);
export const isLetter = (c: string | undefined) => c != null && /\p{L}/u.test(c);
export const isDigit = (c: string | undefined) => c != null && c >= '0' && c <= '9';
