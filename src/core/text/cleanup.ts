import type { Block, CleanupEvent } from '../model.js';
import { collectWords, decideHyphen, type HyphenContext } from './hyphens.js';
import { endsWithFunctionWord, type Line, linesAreParagraphs, splitLines, startsLower, TERMINAL, typicalWidth, UNWRAPPED_LINE } from './lines.js';

export interface CleanupOptions {
	/** a word list for hyphen decisions (see hyphens.ts) */
	isWord?: (word: string) => boolean;
	/** text already clean: one paragraph per line, nothing re-joined or dropped */
	noClean?: boolean;
}

export interface CleanupResult {
	blocks: Block[];
	events: CleanupEvent[];
}

/** A block under construction: its lines, and what it is. */
interface Draft {
	kind: 'text' | 'bullet' | 'footnote' | 'url';
	marker?: string;
	lines: Line[];
}

/**
 * A security classification or release marking on a line of its own ("NATO UNCLASSIFIED",
 * "OTAN SANS CLASSIFICATION", "NATO RESTRICTED", "PUBLICLY DISCLOSED - PDN(2013)0001"):
 * stamped at the top and bottom of every page of a NATO document, never part of the text,
 * and often met only once or twice in an extract (so not caught as a running line).
 */
const MARKING =
	/^(?:(?:NATO|OTAN|COSMIC|EAPC|CPEA)(?:\/(?:EAPC|PFP|PPP|CPEA))?\s+(?:UNCLASSIFIED|RESTRICTED|CONFIDENTIAL|SECRET|TOP SECRET|SANS CLASSIFICATION|NON CLASSIFIÉ|DIFFUSION RESTREINTE|CONFIDENTIEL|TRÈS SECRET)|(?:NON CLASSIFIÉ|DIFFUSION RESTREINTE|CONFIDENTIEL|SECRET|TRÈS SECRET)\s+(?:OTAN|CPEA)|PUBLICLY DISCLOSED|MIS EN LECTURE PUBLIQUE|DÉCLASSIFIÉ|DECLASSIFIED)(?:\s*[-–—/]\s*[\p{Lu}\d()\s\-–—/.]*)?$/u;

/** U+FB00–U+FB06: ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ. */
const LIGATURES = ['ff', 'fi', 'fl', 'ffi', 'ffl', 'st', 'st'];

/**
 * Rebuilds the paragraphs of text extracted from PDF (or pasted): joins wrapped lines,
 * decides line-end hyphens, drops page furniture even inside a sentence, recognises
 * bullets, footnotes and headings. Pure: the same text and options give the same blocks.
 */
export function cleanup(text: string, opts: CleanupOptions = {}): CleanupResult {
	if (opts.noClean) return cleanLinesAsParagraphs(splitLines(text.normalize('NFC')));
	// A soft hyphen inside a line (Word's optional hyphen, a PDF's hyphenation point) is
	// invisible but would keep "gouver\u00ADnement" from matching the TM, the glossary and
	// QA: dropped. At a line end it still marks hyphenation, joined below. So are zero-width
	// spaces from web pages, and the typesetting ligatures PDF extraction leaves ("conﬁance"),
	// which look like their letters but match nothing.
	const source = text
		.normalize('NFC')
		.replace(/\u00AD+(?![ \t]*(?:[\r\n\f]|$))|[\u200B\uFEFF]/g, '')
		.replace(/[\uFB00-\uFB06]/g, (c) => LIGATURES[c.charCodeAt(0) - 0xfb00]);
	const lines = markNumberedNotes(splitLines(source));
	const events: CleanupEvent[] = [];
	const hyphenCtx: HyphenContext = { documentWords: collectWords(source), isWord: opts.isWord };
	const width = typicalWidth(lines);
	const paragraphPerLine = linesAreParagraphs(lines, width);

	// Lines that stand alone and recur are running headers/footers.
	const standaloneCount = new Map<string, number>();
	lines.forEach((l, i) => {
		if (l.kind === 'blank') return;
		const alone = (lines[i - 1]?.kind ?? 'blank') === 'blank' && (lines[i + 1]?.kind ?? 'blank') === 'blank';
		if (alone) standaloneCount.set(l.text, (standaloneCount.get(l.text) ?? 0) + 1);
	});

	// 1. Group lines into drafts: blank lines, bullets, footnotes and hard breaks start a new one.
	const drafts: Draft[] = [];
	let cur: Draft | null = null;
	const close = () => {
		if (cur && cur.lines.length) drafts.push(cur);
		cur = null;
	};
	for (let i = 0; i < lines.length; i++) {
		const l = lines[i];
		if (l.kind === 'blank') {
			close();
			continue;
		}
		if (l.kind === 'page_number') {
			events.push({ kind: 'page_number', line: l.no, text: l.text });
			continue;
		}
		if (((standaloneCount.get(l.text) ?? 0) >= 3 && l.text.length < 120 && !readsAsText(l.text)) || MARKING.test(l.text)) {
			events.push({ kind: 'running_line', line: l.no, text: l.text });
			continue;
		}
		if (l.kind === 'url') {
			close();
			drafts.push({ kind: 'url', lines: [l] });
			continue;
		}
		const prev: Line | undefined = cur ? (cur as Draft).lines[(cur as Draft).lines.length - 1] : undefined;
		if (l.kind === 'footnote' && !cur) {
			cur = { kind: 'footnote', marker: l.marker, lines: [l] };
			continue;
		}
		if (l.kind === 'bullet' && (!prev || TERMINAL.test(prev.text) || (cur as Draft | null)?.kind === 'bullet')) {
			close();
			cur = { kind: 'bullet', marker: l.marker, lines: [l] };
			continue;
		}
		const line: Line = l.kind === 'text' ? l : { ...l, kind: 'text', text: l.raw.replace(/[ \t]+/g, ' ').trim() };
		if (cur && prev && hardBreak(prev, line, width, paragraphPerLine)) close();
		if (!cur) cur = { kind: 'text', lines: [] };
		(cur as Draft).lines.push(line);
	}
	close();

	// 2. Join drafts into blocks. A draft that starts in lower case continues the last
	// unfinished flow block (a sentence cut by a page break, a footer or a wrapped bullet);
	// footnotes and dropped URLs in between stay out of the flow.
	// `end`: the line the text ends on, where a hyphen joined with the next draft was
	const out: { draft: Draft; text: string; line: number; end: number }[] = [];
	const pendingNotes: typeof out = [];
	let lastFlow: (typeof out)[number] | null = null;
	for (let di = 0; di < drafts.length; di++) {
		const d = drafts[di];
		const joined = joinLines(d.lines, hyphenCtx, events);
		if (d.kind === 'url') {
			const next = drafts.slice(di + 1).find((x) => x.kind !== 'url');
			const interrupts =
				lastFlow && !TERMINAL.test(lastFlow.text) && next && startsLower(next.lines[0].text);
			if (interrupts || (standaloneCount.get(d.lines[0].text) ?? 0) >= 2) {
				events.push({ kind: 'url_footer', line: d.lines[0].no, text: d.lines[0].text });
				continue;
			}
		}
		if (d.kind === 'footnote') {
			events.push({ kind: 'footnote', line: d.lines[0].no, text: joined });
			const note = { draft: d, text: joined, line: d.lines[0].no, end: d.lines[d.lines.length - 1].no };
			// a footnote that does not interrupt a sentence stays where it is
			if (lastFlow && !TERMINAL.test(lastFlow.text)) pendingNotes.push(note);
			else out.push(note);
			continue;
		}
		if (d.kind === 'text' && lastFlow && startsLower(joined) && !TERMINAL.test(lastFlow.text)) {
			events.push({ kind: 'paragraph_rejoined', line: d.lines[0].no, text: d.lines[0].text });
			lastFlow.text = joinPair(lastFlow.text, joined, hyphenCtx, events, lastFlow.end);
			lastFlow.end = d.lines[d.lines.length - 1].no;
			continue;
		}
		if (pendingNotes.length) out.push(...pendingNotes.splice(0));
		const block = { draft: d, text: joined, line: d.lines[0].no, end: d.lines[d.lines.length - 1].no };
		out.push(block);
		lastFlow = block;
	}
	out.push(...pendingNotes);

	// 3. Kinds: a short flow block without final punctuation is a heading; the headings
	// before the first body paragraph form the title (level 1).
	const blocks: Block[] = [];
	let seenBody = false;
	for (const b of out) {
		const text = b.text;
		if (b.draft.kind === 'footnote') {
			blocks.push({ kind: 'footnote', text, marker: b.draft.marker, line: b.line });
		} else if (b.draft.kind === 'bullet') {
			seenBody = true;
			events.push({ kind: 'list_item', line: b.line, text });
			blocks.push({ kind: 'list_item', text, marker: b.draft.marker, line: b.line });
		} else if (isHeading(text)) {
			blocks.push({ kind: 'heading', text, level: seenBody ? 2 : 1, line: b.line });
		} else {
			seenBody = true;
			blocks.push({ kind: 'body', text, line: b.line });
		}
	}
	linkFootnotes(blocks);
	events.sort((a, b) => a.line - b.line);
	return { blocks, events };
}

/**
 * A footnote numbered as in most PDFs: at the foot of the page, after a blank line, a line
 * opening with the note's number ("1 La Turquie reconnaît…"), whose call is that number
 * stuck to a word earlier in the text ("Macédoine1": extraction flattens the superscript).
 * Both are needed, since a wrapped line can open with a number too ("27 pays mènent…").
 * Without this the note became a paragraph, and a sentence it interrupted was cut in two.
 */
function markNumberedNotes(lines: Line[]): Line[] {
	let before = '';
	return lines.map((l, i) => {
		const m = l.kind === 'text' && (lines[i - 1]?.kind ?? 'blank') === 'blank' ? /^(\d{1,2})\s+(?=[\p{Lu}«"“])/u.exec(l.text) : null;
		// the call is on the same page or the one before: a few pages of text are enough to search
		if (m && numberedCall(m[1]).test(before.slice(-20000))) return { ...l, kind: 'footnote', marker: m[1], text: l.text.slice(m[0].length) };
		if (l.kind !== 'blank') before += ` ${l.text}`;
		return l;
	});
}

/** A numbered call: the number right after a word, or after the punctuation or bracket that ends one. */
function numberedCall(n: string): RegExp {
	return new RegExp(`(?<=\\p{Ll}\\p{Ll}|\\p{L}[.,;:]|[)»”])${n}(?!\\p{N})`, 'u');
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/**
 * A footnote belongs to the nearest earlier word carrying its mark (`Macédoine*`). A
 * numbered call is given back its superscript (`Macédoine1` → `Macédoine¹`, as a DOCX
 * import shows it): a plain digit would read as a number of the text to the QA checks and
 * the translator.
 */
export function linkFootnotes(blocks: Block[]): void {
	blocks.forEach((b, i) => {
		if (b.kind !== 'footnote' || !b.marker) return;
		const numbered = /^\d+$/.test(b.marker);
		const call = numbered ? numberedCall(b.marker) : new RegExp(`(?<=[\\p{L}\\p{N}.)»”])${b.marker.replace(/[*]/g, '\\*')}(?![*])`, 'u');
		for (let j = i - 1; j >= 0; j--) {
			if (blocks[j].kind === 'footnote') continue;
			const m = call.exec(blocks[j].text);
			if (m) {
				b.noteCall = { block: j, offset: m.index };
				if (numbered) {
					const sup = b.marker.replace(/\d/g, (d) => SUPERSCRIPT[Number(d)]);
					blocks[j].text = blocks[j].text.slice(0, m.index) + sup + blocks[j].text.slice(m.index + sup.length);
					b.marker = sup;
				}
				return;
			}
		}
	});
}

function isHeading(text: string): boolean {
	if (TERMINAL.test(text) || /[,;-]$/.test(text)) return false;
	if (text.length > 150 || text.split(/\s+/).length > 20) return false;
	return !endsWithFunctionWord(text) && /^[\p{Lu}\p{Ll}\d«"“]/u.test(text);
}

/**
 * Inside a group of lines, a short line followed by one that opens a new sentence is a
 * hard line break (a title line, a paragraph without a blank line after it) — unless the
 * short line visibly continues (comma, hyphen, or a function word at its end).
 */
function hardBreak(prev: Line, next: Line, width: number, paragraphPerLine: boolean): boolean {
	if (width === 0) return false;
	if (!/^[\p{Lu}\d«"“]/u.test(next.text)) return false;
	if (TERMINAL.test(prev.text) && (paragraphPerLine || prev.text.length > UNWRAPPED_LINE)) return true;
	if (prev.text.length >= width * 0.6) return false;
	if (/[,\-–(]$/.test(prev.text) || endsWithFunctionWord(prev.text)) return false;
	return true;
}

function joinLines(lines: Line[], ctx: HyphenContext, events: CleanupEvent[]): string {
	let text = lines[0].text;
	// a hyphen is reported on the line it ends, where the reader sees it: the line before the join
	for (let i = 1; i < lines.length; i++) text = joinPair(text, lines[i].text, ctx, events, lines[i - 1].no);
	return text;
}

/** Joins two pieces of one paragraph that a line break separated; `line` is the line `left` ends on. */
function joinPair(left: string, right: string, ctx: HyphenContext, events: CleanupEvent[], line: number): string {
	if (left.endsWith('\u00AD')) return left.slice(0, -1) + right;
	// U+2010 is the hyphen some PDF producers write instead of "-"
	const m = /([\p{L}\p{N}]+)[-\u2010]$/u.exec(left);
	if (m && !/\s[-\u2010]$/.test(left)) {
		const word = /^[\p{L}\p{N}]+/u.exec(right);
		if (word) {
			// a number on either side is a range or a code ("2008-2009", "G-8"): never hyphenation
			const decision = /\p{N}/u.test(m[1] + word[0]) ? 'keep' : decideHyphen(m[1], word[0], ctx);
			events.push({
				kind: decision === 'keep' ? 'hyphen_kept' : 'hyphen_joined',
				line,
				text: `${m[1]}-${word[0]}`
			});
			return decision === 'keep' ? left + right : left.slice(0, -1) + right;
		}
	}
	return `${left} ${right}`;
}

/** `--no-clean`: each non-blank line is a paragraph, kept as it is apart from its ends. */
function cleanLinesAsParagraphs(lines: Line[]): CleanupResult {
	const blocks: Block[] = [];
	for (const l of lines) {
		const text = l.raw.trim();
		if (text === '') continue;
		blocks.push({ kind: 'body', text, line: l.no });
	}
	return { blocks, events: [] };
}

/**
 * A short line that recurs on its own is a running header or footer ("Rapport annuel 2008"),
 * except when it reads as the text's own: a sentence ("Le Conseil se réunit.", "Adopté.") or a
 * stage direction of a transcript ("(Applaudissements)", "[Rires]"). Dropping those would take
 * paragraphs out of the document the translator has to translate.
 */
function readsAsText(line: string): boolean {
	const t = line.trim();
	return /[.!?…][\s\u00A0\u202F]*["”»’)\]]*$/u.test(t) || /^[([].*[)\]]$/u.test(t);
}
