import type { Issue } from '../model.js';
import { monthNumbers, softNumbers } from './number-words.js';
import type { QaCheck } from './types.js';
import { counter, issue } from './types.js';

export interface NumberToken {
	start: number;
	end: number;
	raw: string;
	/** canonical value (`1386`, `2.5`), the reading the text's language prefers */
	value: string;
	/** every other plausible reading (`1.386` is 1386 in French, 1.386 in English) */
	alts: string[];
	/** for a grouped or composite number (`1 386`, `14.30`), its pieces read alone */
	parts?: NumberToken[];
	/** the month of a numeric date (`04` in `04/04/2008`): a month name on the other side stands for it */
	month?: boolean;
}

const SEP = '[ \\u00A0\\u202F\\u2009]';
const NUMBER = new RegExp(`\\d+(?:(?:[.,'’]|${SEP})\\d+)*`, 'g');
const SPACE_RE = new RegExp(SEP, 'g');

function canon(int: string, frac = ''): string {
	const i = int.replace(/^0+(?=\d)/, '');
	const f = frac.replace(/0+$/, '');
	return f ? `${i}.${f}` : i;
}

/** The readings of one number written without spaces, the language's own first. */
function readings(s: string, lang: string): string[] {
	if (/^\d+$/.test(s)) return [canon(s)];
	const out: string[] = [];
	const frFirst = lang === 'fr' || lang === 'de' || lang === 'es' || lang === 'it' || lang === 'pt' || lang === 'nl';
	const dotGroups = /^(\d{1,3}(?:\.\d{3})*)(?:,(\d+))?$/.exec(s);
	const commaGroups = /^(\d{1,3}(?:,\d{3})*)(?:\.(\d+))?$/.exec(s);
	const dotDecimal = /^(\d+)\.(\d+)$/.exec(s);
	const commaDecimal = /^(\d+),(\d+)$/.exec(s);
	const apostrophes = /^\d{1,3}(?:['’]\d{3})+$/.test(s) ? [canon(s.replace(/['’]/g, ''))] : [];
	const a = dotGroups ? [canon(dotGroups[1].replace(/\./g, ''), dotGroups[2])] : [];
	const b = commaGroups ? [canon(commaGroups[1].replace(/,/g, ''), commaGroups[2])] : [];
	const c = dotDecimal ? [canon(dotDecimal[1], dotDecimal[2])] : [];
	const d = commaDecimal ? [canon(commaDecimal[1], commaDecimal[2])] : [];
	for (const v of frFirst ? [...a, ...d, ...c, ...b, ...apostrophes] : [...b, ...c, ...d, ...a, ...apostrophes]) if (!out.includes(v)) out.push(v);
	return out;
}

/**
 * The numbers of a text with their values. Thousands groups with any space (`1 386`,
 * U+00A0, U+202F), dots, commas or apostrophes; decimal comma or point by language, with the
 * other reading kept as an alternative. Ordinal endings (`27e`, `1er`, `21st`) do not change
 * the value. Digits glued to a lower-case word (`Macédoine1`) are a footnote call, not a number.
 */
export function extractNumbers(text: string, lang: string): NumberToken[] {
	const out: NumberToken[] = [];
	for (const m of text.matchAll(NUMBER)) {
		const start = m.index!;
		// `10:00` / `10 h`: zero minutes may go
		if (m[0] === '00' && /[:h][ \u00A0\u202F]?$/.test(text.slice(Math.max(0, start - 2), start))) continue;
		if (/\p{Ll}{3}$/u.test(text.slice(Math.max(0, start - 3), start)) && /^\d{1,2}$/.test(m[0]) && !/[\p{L}\p{N}]/u.test(text[start + m[0].length] ?? '')) continue;
		// split at spaces unless they group thousands: `2008 26` is two numbers, `1 386` one
		const pieces = [...m[0].matchAll(/[^ \u00A0\u202F\u2009]+/g)];
		let chunk: { start: number; end: number; pieces: string[] } | null = null;
		const chunks: { start: number; end: number; pieces: string[] }[] = [];
		for (const p of pieces) {
			const pStart = start + p.index!;
			const joins = chunk && /^\d{1,3}$/.test(chunk.pieces[0]) && chunk.pieces.slice(1).every((x) => /^\d{3}$/.test(x)) && /^\d{3}(?:[.,]\d+)?$/.test(p[0]);
			if (chunk && joins) {
				chunk.pieces.push(p[0]);
				chunk.end = pStart + p[0].length;
			} else {
				chunk = { start: pStart, end: pStart + p[0].length, pieces: [p[0]] };
				chunks.push(chunk);
			}
		}
		for (const ch of chunks) {
			const t = token(text, ch.start, ch.end, lang, ch.pieces.length > 1);
			// `1.2.3`, `12.05.2008`: no single reading, compared piece by piece
			if (!readings(t.raw.replace(/[ \u00A0\u202F\u2009]/g, ''), lang).length && t.parts) out.push(...t.parts);
			else out.push(t);
		}
	}
	markDates(text, out);
	for (const t of out) {
		const before = text.slice(Math.max(0, t.start - 5), t.start);
		// `2007-08`: the second year abbreviated
		const range = /^(\d{2})\d{2}[-–/]$/.exec(before);
		if (range && /^\d{2}$/.test(t.raw)) t.alts.push(range[1] + t.raw);
		// `the 1960s` / `les années 60`, `the ’60s`
		if (/^\d{4}$/.test(t.raw) && t.raw.endsWith('0') && /^['’]?s\b/.test(text.slice(t.end, t.end + 3))) t.alts.push(t.raw.slice(2));
		if (/^\d0$/.test(t.raw) && /['’‘]$/.test(before)) t.alts.push(`19${t.raw}`, `20${t.raw}`);
		// `2,5 millions` / `2.5 million` / `2 500 000`
		const scale = SCALE.exec(text.slice(t.end, t.end + 12));
		if (scale) {
			const factor = /^(?:milliards?|billions?|bn)$/i.test(scale[1]) ? 1e9 : 1e6;
			for (const v of [t.value, ...t.alts]) {
				const scaled = String(Math.round(Number(v) * factor));
				if (Number.isFinite(Number(v)) && !t.alts.includes(scaled) && scaled !== t.value) t.alts.push(scaled);
			}
		}
	}
	return out;
}

const SCALE = /^[ \u00A0\u202F]?(millions?|milliards?|billions?|mn|bn)\b/i;
const DATE = /(?<!\d)(\d{1,2})([./-])(\d{1,2})\2(\d{2,4})(?!\d)|(?<!\d)(\d{4})([./-])(\d{1,2})\6(\d{1,2})(?!\d)/g;

/** The middle part of `04/04/2008`, `04.04.2008` or `2008-04-04` is a month. */
function markDates(text: string, tokens: NumberToken[]) {
	for (const m of text.matchAll(DATE)) {
		const monthStart = m[1] != null ? m.index! + m[1].length + 1 : m.index! + m[5].length + 1;
		const t = tokens.find((x) => x.start === monthStart);
		if (t) t.month = true;
	}
}

function token(text: string, start: number, end: number, lang: string, grouped: boolean): NumberToken {
	const raw = text.slice(start, end);
	const compact = raw.replace(SPACE_RE, '');
	SPACE_RE.lastIndex = 0;
	const r = readings(compact, lang);
	const t: NumberToken = { start, end, raw, value: r[0] ?? compact, alts: r.slice(1) };
	if (grouped) {
		t.parts = [];
		for (const m of raw.matchAll(/[^ \u00A0\u202F\u2009]+/g)) t.parts.push(token(text, start + m.index!, start + m.index! + m[0].length, lang, false));
	} else if (/\D/.test(raw)) {
		// `14.30`, `1,2`: also readable as its pieces
		t.parts = [...raw.matchAll(/\d+/g)].map((p) => ({ start: start + p.index!, end: start + p.index! + p[0].length, raw: p[0], value: canon(p[0]), alts: [] }));
	}
	return t;
}

const readingsOf = (t: NumberToken) => [t.value, ...t.alts];
const same = (a: NumberToken, b: NumberToken) => readingsOf(a).some((v) => readingsOf(b).includes(v));

/**
 * Pairs up the numbers of two texts: same reading first, then any plausible reading, then a
 * grouped number against its pieces (`1 386` read as `1` and `386` when the other side has
 * those). Returns what stays unpaired on each side.
 */
export function compareNumbers(src: NumberToken[], tgt: NumberToken[]): { missing: NumberToken[]; extra: NumberToken[] } {
	const usedS = new Set<number>();
	const usedT = new Set<number>();
	const pass = (eq: (a: NumberToken, b: NumberToken) => boolean) => {
		src.forEach((s, i) => {
			if (usedS.has(i)) return;
			const j = tgt.findIndex((t, k) => !usedT.has(k) && eq(s, t));
			if (j >= 0) usedS.add(i), usedT.add(j);
		});
	};
	pass((a, b) => a.value === b.value);
	pass(same);
	// a composite on one side against separate numbers on the other
	const splitPass = (mine: NumberToken[], usedMine: Set<number>, other: NumberToken[], usedOther: Set<number>) => {
		mine.forEach((m, i) => {
			if (usedMine.has(i) || !m.parts) return;
			const taken: number[] = [];
			for (const p of m.parts) {
				const j = other.findIndex((o, k) => !usedOther.has(k) && !taken.includes(k) && same(p, o));
				if (j < 0) return;
				taken.push(j);
			}
			usedMine.add(i);
			for (const j of taken) usedOther.add(j);
		});
	};
	splitPass(src, usedS, tgt, usedT);
	splitPass(tgt, usedT, src, usedS);
	return { missing: src.filter((_, i) => !usedS.has(i)), extra: tgt.filter((_, i) => !usedT.has(i)) };
}

const integerValue = (t: NumberToken) => readingsOf(t).map(Number).filter((n) => Number.isInteger(n));

/** Drops the numbers that the other text writes in words or roman numerals, and date months it names (each month name once). */
function excuse(tokens: NumberToken[], other: string): NumberToken[] {
	if (!tokens.length) return tokens;
	const soft = softNumbers(other);
	const months = monthNumbers(other);
	return tokens.filter((t) => {
		if (integerValue(t).some((v) => soft.has(v))) return false;
		if (t.month) {
			const i = months.indexOf(Number(t.value));
			if (i >= 0) {
				months.splice(i, 1);
				return false;
			}
		}
		return true;
	});
}

/** `1386` in English, `1 386` in French (U+202F groups, decimal comma): how the target would write a source number. */
export function formatFor(value: string, lang: string): string {
	const [int, frac] = value.split('.');
	if (lang === 'fr') {
		const g = int.length > 4 ? int.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202F') : int;
		return frac ? `${g},${frac}` : g;
	}
	const g = int.length > 4 ? int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : int;
	return frac ? `${g}.${frac}` : g;
}

/**
 * Every number of the source in the target and nothing more, compared by value across
 * locales. A number the other side writes in words, as a roman numeral or as a month name
 * (`deux`, `XXIe`, `avril`) is not reported: translators rightly switch between the two.
 * One finding per mismatch: a source number written differently in the target (`2008` →
 * `2009`) is one `numberChanged`, on the target with the source's value as the fix, not a
 * missing number and an extra one.
 */
export const numbers: QaCheck = {
	id: 'qa.numbers',
	run(ctx) {
		if (!ctx.target.text.trim()) return [];
		const src = extractNumbers(ctx.source.masked, ctx.sourceLang);
		const tgt = extractNumbers(ctx.target.masked, ctx.targetLang);
		if (!src.length && !tgt.length) return [];
		let { missing, extra } = compareNumbers(src, tgt);
		if (!missing.length && !extra.length) return [];
		missing = excuse(missing, ctx.target.masked);
		extra = excuse(extra, ctx.source.masked);
		const issues: Issue[] = [];
		const fp = counter();
		const changed = pairChanges(missing, extra);
		for (const t of missing) {
			const found = changed.get(t);
			const fix = [formatFor(t.value, ctx.targetLang)];
			if (found)
				issues.push(issue(ctx, 'qa.numbers', 'error', 'numberChanged', { number: t.raw, found: found.raw }, `missing:${fp(t.value)}`, { side: 'target', start: found.start, end: found.end }, fix));
			else issues.push(issue(ctx, 'qa.numbers', 'error', 'numberMissing', { number: t.raw }, `missing:${fp(t.value)}`, { side: 'source', start: t.start, end: t.end }, fix));
		}
		const paired = new Set(changed.values());
		for (const t of extra) if (!paired.has(t)) issues.push(issue(ctx, 'qa.numbers', 'error', 'numberExtra', { number: t.raw }, `extra:${fp(t.value)}`, { side: 'target', start: t.start, end: t.end }));
		return issues;
	}
};

/**
 * Which target number stands for which missing source number: the same number of digits and
 * the nearest value first (`2008`/`2009`, `27`/`26`), then, when one of each is left, those two.
 * What stays unpaired is really missing or really added.
 */
function pairChanges(missing: NumberToken[], extra: NumberToken[]): Map<NumberToken, NumberToken> {
	const out = new Map<NumberToken, NumberToken>();
	const free = new Set(extra);
	const digits = (t: NumberToken) => t.value.replace(/\D/g, '').length;
	for (const m of missing) {
		let best: NumberToken | null = null;
		for (const e of free) if (digits(e) === digits(m) && (!best || Math.abs(Number(e.value) - Number(m.value)) < Math.abs(Number(best.value) - Number(m.value)))) best = e;
		if (best) {
			out.set(m, best);
			free.delete(best);
		}
	}
	const left = missing.filter((m) => !out.has(m));
	if (left.length === 1 && free.size === 1) out.set(left[0], [...free][0]);
	return out;
}
