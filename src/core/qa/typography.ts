import type { Issue } from '../model.js';
import type { QaCheck, QaContext } from './types.js';
import { counter, issue } from './types.js';
import { extractNumbers } from './numbers.js';
import { isDigit, isLetter, isSpace, isTag } from './text.js';

const NNBSP = '\u202F';
const NBSP = '\u00A0';
const NO_BREAK = new Set([NNBSP, NBSP]);

/** What may stand right before a punctuation mark that takes a space in French: a word, a number, a closing mark. */
const ENDS_WORD = /[\p{L}\p{N}»)\]”’'"*%….°]/u;

function spacesBefore(t: string, i: number): number {
	let k = i;
	while (k > 0 && isSpace(t[k - 1])) k--;
	return k;
}

function spacesAfter(t: string, i: number): number {
	let k = i;
	while (k < t.length && isSpace(t[k])) k++;
	return k;
}

const visible = (s: string) => [...s].map((c) => (c === NNBSP ? 'U+202F' : c === NBSP ? 'U+00A0' : c === ' ' ? 'U+0020' : c === '\t' ? 'TAB' : `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)).join(' ');

type Add = (message: string, severity: 'warning' | 'info', params: Record<string, string>, key: string, start: number, end: number, fix: string) => void;

/** `; ! ? :` and « »: the no-break spaces of French (Imprimerie nationale), U+00A0 accepted where many houses use it. */
function frenchSpaces(t: string, add: Add) {
	for (let i = 0; i < t.length; i++) {
		const c = t[i];
		if (c === ';' || c === '!' || c === '?' || c === ':') {
			const k = spacesBefore(t, i);
			if (k === 0) continue;
			const prev = t[k - 1];
			// `?!` takes one space, before the first mark; `(?)` and `[!]` none
			if (/[!?([\-/–—]/.test(prev) || isTag(prev)) continue;
			if (c === ':' && k === i && isDigit(prev) && isDigit(t[i + 1])) continue; // 14:30, 1:2
			if (c === ':' && (t[i + 1] === '/' || /(?:mailto|tel|urn|https?|ftp)$/i.test(t.slice(Math.max(0, i - 6), i)))) continue; // a scheme
			if (c === ';' && /&#?\w+$/.test(t.slice(Math.max(0, k - 10), k))) continue; // an HTML entity
			const want = c === ':' ? NBSP : NNBSP;
			const spaces = t.slice(k, i);
			if (spaces === '') {
				if (!ENDS_WORD.test(prev)) continue;
				// i18next context: before ; ! ? the space is the narrow one, and French calls it so (« espace fine insécable »)
				add('frSpaceMissing', 'warning', { mark: c, space: visible(want), context: want === NNBSP ? 'narrow' : 'wide' }, `missing:${c}`, i, i + 1, want + c);
			} else if (spaces === NNBSP || (c === ':' && spaces === NBSP)) continue;
			else if (spaces.length > 1 && [...spaces].every((x) => NO_BREAK.has(x))) continue; // two no-break spaces: the double-space finding says it
			else if (spaces === NBSP) add('frSpaceNarrow', 'info', { mark: c, space: visible(NNBSP) }, `narrow:${c}`, k, i + 1, NNBSP + c);
			else if (ENDS_WORD.test(prev)) add('frSpaceOrdinary', 'warning', { mark: c, found: visible(spaces), space: visible(want), context: want === NNBSP ? 'narrow' : 'wide' }, `ordinary:${c}`, k, i + 1, want + c);
		} else if (c === '«') {
			const k = spacesAfter(t, i + 1);
			if (k >= t.length) continue; // the quotation goes on in the next segment
			const spaces = t.slice(i + 1, k);
			if ((spaces.length === 1 && NO_BREAK.has(spaces)) || (spaces && [...spaces].every((x) => NO_BREAK.has(x)))) continue;
			add(spaces ? 'frGuillemetOrdinary' : 'frGuillemetMissing', 'warning', { mark: c, found: spaces ? visible(spaces) : '', space: visible(NBSP) }, `open:${spaces ? 'ordinary' : 'missing'}`, i, k, c + NBSP);
		} else if (c === '»') {
			const k = spacesBefore(t, i);
			if (k === 0) continue;
			const spaces = t.slice(k, i);
			if ((spaces.length === 1 && NO_BREAK.has(spaces)) || (spaces && [...spaces].every((x) => NO_BREAK.has(x)))) continue;
			add(spaces ? 'frGuillemetOrdinary' : 'frGuillemetMissing', 'warning', { mark: c, found: spaces ? visible(spaces) : '', space: visible(NBSP) }, `close:${spaces ? 'ordinary' : 'missing'}`, k, i + 1, NBSP + c);
		}
	}
	// `1 386` and `50 %` with an ordinary space can break across lines
	for (const m of t.matchAll(/(?<![\d.,+]|\d[ \u00A0\u202F])\d{1,3}(?:[ \u00A0\u202F]\d{3})+(?![ \u00A0\u202F]?\d)/g)) {
		if (!m[0].includes(' ')) continue;
		// a group next to other digit groups is a telephone number or a list (`+32 2 707 41 11`, `2008 150`), not one number
		add('frNumberSpace', 'info', { number: m[0] }, `number:${m[0].replace(/\s/g, '')}`, m.index!, m.index! + m[0].length, m[0].replace(/ /g, NNBSP));
	}
	for (const m of t.matchAll(/(?<=\d) (%|‰)/g)) add('frPercentSpace', 'info', { mark: m[1] }, `percent`, m.index!, m.index! + 2, NNBSP + m[1]);
}

/** French quotes in an English text, spaces inside quotes, spaces before `; : ! ?`. */
function englishMarks(t: string, add: Add) {
	for (let i = 0; i < t.length; i++) {
		const c = t[i];
		if (c === ';' || c === '!' || c === '?' || c === ':') {
			const k = spacesBefore(t, i);
			if (k === i || k === 0) continue;
			if (!ENDS_WORD.test(t[k - 1])) continue;
			add('spaceBefore', 'warning', { mark: c, found: visible(t.slice(k, i)) }, `before:${c}`, k, i + 1, c);
		} else if (c === '«') {
			const k = spacesAfter(t, i + 1);
			add('enGuillemets', 'warning', { mark: c, replacement: '“' }, 'guillemet:open', i, k >= t.length ? i + 1 : k, '“');
		} else if (c === '»') {
			const k = spacesBefore(t, i);
			add('enGuillemets', 'warning', { mark: c, replacement: '”' }, 'guillemet:close', k === 0 ? i : k, i + 1, '”');
		} else if (c === '“' && isSpace(t[i + 1])) {
			const k = spacesAfter(t, i + 1);
			if (k < t.length && (i === 0 || !isLetter(t[i - 1])) && isLetter(t[k])) add('quoteSpace', 'warning', { mark: c }, 'quote-space:open', i, k, c);
		} else if (c === '”' && i > 0 && isSpace(t[i - 1])) {
			const k = spacesBefore(t, i);
			if (k > 0 && /[\p{L}\p{N}.,!?]/u.test(t[k - 1]) && (i + 1 >= t.length || !isLetter(t[i + 1]))) add('quoteSpace', 'warning', { mark: c }, 'quote-space:close', k, i + 1, c);
		}
	}
}

/** ` - ` between words: a hyphen standing in for a dash (PDF extraction, a keyboard without –). */
function spacedHyphen(t: string, add: Add) {
	// `2 - 4` is a range, whatever its spacing
	for (const m of t.matchAll(/(?<=[\p{L}\p{N})»”’"])[ \u00A0]-[ \u00A0](?=[\p{L}\p{N}(«“‘'"])/gu))
		if (!/\d/.test(t[m.index! - 1]) || !/\d/.test(t[m.index! + 3])) add('spacedHyphen', 'info', { found: '-', replacement: '–' }, 'dash', m.index!, m.index! + 3, m[0].replace('-', '–'));
}

/** `word .` / `word ,`: no language puts a space there. */
function spaceBeforeStop(t: string, add: Add) {
	for (const m of t.matchAll(/(?<=[\p{L}\p{N}»)\]”’"])([ \u00A0\u202F\u2009]+)([.,])(?=$|[\s)\]»”’"]|\p{L})/gu)) {
		const mark = m[2];
		const end = m.index! + m[0].length;
		if (mark === '.' && t[end] === '.') continue; // ` ...`: an ellipsis
		if (mark === '.' && /\p{L}/u.test(t[end] ?? '')) continue; // ` .NET`, ` .fr`
		if (mark === ',' && isDigit(t[end])) continue;
		add('spaceBefore', 'warning', { mark, found: visible(m[1]) }, `before:${mark}`, m.index!, end, mark);
	}
}

/**
 * Numbers written the other language's way. In English, a decimal comma (`2,5`) or digits
 * grouped with spaces (`47 000`). In French, a comma between thousands (`1,386`), which a
 * French reader takes for a decimal: reported only when the source has that number.
 */
function numberFormat(ctx: QaContext, add: Add) {
	const t = ctx.target.masked;
	if (!/\d[,  \u00A0\u202F]\d/.test(t)) return;
	if (ctx.targetLang === 'en') {
		for (const n of extractNumbers(t, 'en')) {
			if (/^\d+,(?:\d{1,2}|\d{4,})$/.test(n.raw))
				add('numberFormatEn', 'info', { number: n.raw, replacement: n.raw.replace(',', '.') }, `format:${n.raw}`, n.start, n.end, n.raw.replace(',', '.'));
			else if (/^\d{1,3}(?:[ \u00A0\u202F]\d{3})+(?:,\d+)?$/.test(n.raw) && !/[\d+][ \u00A0\u202F]?$/.test(t.slice(Math.max(0, n.start - 2), n.start)) && !/^[ \u00A0\u202F]?\d/.test(t.slice(n.end, n.end + 2))) {
				// (a telephone number, `+32 2 707 41 11`, is groups of digits too)
				const fixed = n.raw.replace(/[ \u00A0\u202F]/g, ',').replace(/,(\d+)$/, (m, d) => (d.length === 3 && !n.raw.includes(',') ? m : `.${d}`));
				add('numberFormatEn', 'info', { number: n.raw, replacement: fixed }, `format:${n.raw}`, n.start, n.end, fixed);
			}
		}
	} else if (ctx.targetLang === 'fr') {
		const source = new Set(extractNumbers(ctx.source.masked, ctx.sourceLang).map((n) => n.value));
		for (const n of extractNumbers(t, 'fr')) {
			if (!/^\d{1,3}(?:,\d{3})+$/.test(n.raw) || !source.has(n.raw.replace(/,/g, ''))) continue;
			const fixed = n.raw.replace(/,/g, NNBSP);
			add('numberFormatFr', 'warning', { number: n.raw, replacement: fixed }, `format:${n.raw}`, n.start, n.end, fixed);
		}
	}
}

/**
 * Straight quotes and apostrophes among curly ones in the same text: a typographer's
 * slip (a paste, an autocorrect turned off). The straight ones are reported, with the
 * curly form that fits where they stand.
 */
function mixedQuotes(t: string, french: boolean, add: Add) {
	const curlyApos = /\p{L}’\p{L}/u.test(t);
	const straightApos = [...t.matchAll(/(?<=\p{L})'(?=\p{L})/gu)];
	if (curlyApos && straightApos.length) for (const m of straightApos) add('mixedApostrophes', 'info', { found: "'", replacement: '’' }, 'apostrophe', m.index!, m.index! + 1, '’');
	const curlyDouble = /[“”«»]/.test(t);
	const straight = [...t.matchAll(/"/g)];
	if (curlyDouble && straight.length) {
		straight.forEach((m, n) => {
			const open = n % 2 === 0;
			const fix = french ? (open ? `«${NBSP}` : `${NBSP}»`) : open ? '“' : '”';
			add('mixedQuotes', 'info', { found: '"', replacement: fix.trim() }, open ? 'straight:open' : 'straight:close', m.index!, m.index! + 1, fix);
		});
	}
}

/** English quotation marks (or straight ones) in a French text that has no guillemets at all. */
function frenchQuotes(t: string, add: Add) {
	if (t.includes('«') || t.includes('»')) return;
	let open = true;
	for (let i = 0; i < t.length; i++) {
		const c = t[i];
		if (c !== '“' && c !== '”' && c !== '"') continue;
		const isOpen: boolean = c === '“' ? true : c === '”' ? false : open;
		open = !isOpen;
		add('frQuotes', 'warning', { mark: c, replacement: isOpen ? '«' : '»' }, isOpen ? 'quote:open' : 'quote:close', i, i + 1, isOpen ? `«${NBSP}` : `${NBSP}»`);
	}
}

/**
 * Character-level typography of the target only (a source from PDF has ordinary spaces
 * everywhere, not the translator's doing). French targets: no-break spaces before `; ! ? :`
 * and inside « », digits grouped with no-break spaces, « » rather than “ ”. English targets:
 * no space before `; : ! ?`, “ ” rather than « », no spaces inside quotes. Every language:
 * no space before `.` or `,`, and no straight quotes among curly ones.
 */
export const typography: QaCheck = {
	id: 'qa.typography',
	run(ctx: QaContext) {
		const t = ctx.target.masked;
		if (!t.trim()) return [];
		const issues: Issue[] = [];
		const fp = counter();
		const add: Add = (message, severity, params, key, start, end, fix) =>
			issues.push(issue(ctx, 'qa.typography', severity, message, params, fp(key), { side: 'target', start, end }, [fix]));
		const french = ctx.targetLang === 'fr';
		if (french) {
			frenchSpaces(t, add);
			frenchQuotes(t, add);
		} else if (ctx.targetLang === 'en') englishMarks(t, add);
		spaceBeforeStop(t, add);
		numberFormat(ctx, add);
		if (french || ctx.targetLang === 'en') spacedHyphen(t, add);
		mixedQuotes(t, french, add);
		return dedupe(issues);
	}
};

/** One finding per stretch of text: the more specific rule, found first, wins. */
function dedupe(issues: Issue[]): Issue[] {
	const out: Issue[] = [];
	for (const i of issues.sort((a, b) => a.span!.start - b.span!.start)) {
		const prev = out[out.length - 1];
		if (prev && prev.span!.end > i.span!.start && prev.span!.start < i.span!.end) continue;
		out.push(i);
	}
	return out;
}
