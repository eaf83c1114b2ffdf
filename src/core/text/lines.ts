/** Line classification for text extracted from PDF: what each raw line looks like on its own. */

export type LineKind = 'blank' | 'page_number' | 'url' | 'bullet' | 'footnote' | 'text';

export interface Line {
	/** 1-based line number in the input */
	no: number;
	raw: string;
	/** trimmed, with runs of ordinary spaces collapsed (U+00A0/U+202F kept as they are) */
	text: string;
	kind: LineKind;
	/** bullet or footnote mark, for `bullet`/`footnote` lines */
	marker?: string;
}

// Running page numbers, alone or paired on a spread ("54 5", "- 12 -", "Page 3", "3/12").
const PAGE_NUMBER = /^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:\/|sur|of)\s*\d{1,4})?(?:\s+\d{1,4}){0,2}$/i;
const URL_ONLY = /^(?:https?:\/\/|www\.)\S+$/i;
// symbol bullets, and the lettered or numbered items of French official texts: a), b), 1), (a), (iv)
const BULLET = /^([•·▪◦‣○●■□➢➤✓-]|[–—]|\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})\))\s+(?=\S)/u;
// Word's "keep text only" paste: a numbered or lettered list item keeps its label and a tab
// ("1.\tRenforcer", "a.\tle premier"), and a Symbol/Wingdings bullet comes through as a
// private-use character or as the letter it is drawn with ("\uF0B7\t", "o\t", "§\t"). The tab
// is what tells the label from a numbered paragraph or heading ("1. Introduction").
const TAB_LABEL = /^[ \t]*((?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]|[\uF0A7\uF0B7\uF0D8\uF0FCo§])\t+(?=\S)/u;
const FOOTNOTE = /^(\*{1,3}|†|‡)\s*(?=\p{L})/u;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g;

export function splitLines(text: string): Line[] {
	// a form feed is a page break: it separates like a blank line
	const raw = text.replace(CONTROLS, '').replace(/\f/g, '\n\n').split(/\r\n|\r|\n/);
	return raw.map((r, i) => classify(r, i + 1));
}

function classify(raw: string, no: number): Line {
	const text = raw.replace(/[ \t]+/g, ' ').trim();
	if (text === '') return { no, raw, text, kind: 'blank' };
	if (PAGE_NUMBER.test(text)) return { no, raw, text, kind: 'page_number' };
	if (URL_ONLY.test(text)) return { no, raw, text, kind: 'url' };
	const f = FOOTNOTE.exec(text);
	if (f) return { no, raw, text: text.slice(f[0].length), kind: 'footnote', marker: f[1] };
	const b = BULLET.exec(text);
	if (b) return { no, raw, text: text.slice(b[0].length), kind: 'bullet', marker: b[1] };
	const t = TAB_LABEL.exec(raw);
	if (t) {
		const marker = /^[\uF0A7\uF0B7\uF0D8\uF0FCo§]$/u.test(t[1]) ? '•' : t[1];
		return { no, raw, text: raw.slice(t[0].length).replace(/[ \t]+/g, ' ').trim(), kind: 'bullet', marker };
	}
	return { no, raw, text, kind: 'text' };
}

/** Typical full line width: a high percentile, so that short last lines do not pull it down. */
export function typicalWidth(lines: Line[]): number {
	const lens = lines.filter((l) => l.kind === 'text' || l.kind === 'bullet').map((l) => l.text.length);
	if (lens.length === 0) return 0;
	lens.sort((a, b) => a - b);
	return lens[Math.floor(lens.length * 0.9)] ?? lens[lens.length - 1];
}

/**
 * Whether the line breaks of a text end paragraphs rather than wrap them: text pasted from
 * Word or a web page holds a paragraph per line, while text extracted from PDF wraps every
 * paragraph at the page width. In wrapped text most full-width lines that go on to another
 * line end inside a sentence; in a paste they end on its final punctuation. Without this,
 * two pasted paragraphs long enough to look like full-width lines were run into one.
 */
export function linesAreParagraphs(lines: Line[], width: number): boolean {
	let candidates = 0;
	let terminal = 0;
	for (let i = 0; i + 1 < lines.length; i++) {
		const l = lines[i];
		if (l.kind !== 'text' || lines[i + 1].kind !== 'text' || l.text.length < width * 0.6) continue;
		candidates++;
		if (TERMINAL.test(l.text)) terminal++;
	}
	return candidates >= 2 && terminal >= candidates * 0.8;
}

/**
 * Longer than the lines of a PDF page (a portrait A4 page holds 90 to 110 characters, a
 * landscape one in a small font 150 or so): such a line was never wrapped, and when it ends
 * a sentence it ends its paragraph, even in a paste of two paragraphs too short for
 * `linesAreParagraphs` to judge.
 */
export const UNWRAPPED_LINE = 160;

/** Sentence-final punctuation, possibly followed by closing quotes or brackets. */
export const TERMINAL = /[.!?…:;][\s\u00A0\u202F]*["”»’)\]]*$/u;

/** A line ending in one of these words cannot end a heading or a paragraph. */
const FUNCTION_WORDS = new Set(
	(
		'de du des la le les l d et ou à au aux en par pour sur dans avec sans sous entre vers un une que qui dont ' +
		'ce cette ces son sa ses leur leurs notre nos votre vos mon ma mes ne pas plus très ' +
		'the of and or to in a an for on with by from at as that which its their our'
	).split(' ')
);

export function endsWithFunctionWord(text: string): boolean {
	const m = /([\p{L}]+)[’']?$/u.exec(text);
	return m ? FUNCTION_WORDS.has(m[1].toLowerCase()) : false;
}

export function startsLower(text: string): boolean {
	return /^\p{Ll}/u.test(text);
}
