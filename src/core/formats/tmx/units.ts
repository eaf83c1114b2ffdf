import { AtelierError } from '../../errors.js';
import { canonicalLang, primaryLang } from '../../lang.js';
import { type InlineTag, TAG_BASE, type TmProp, type TmUnit, type TmUsage } from '../../model.js';

/**
 * A parsed `tu` → TmUnits for one language pair. Decisions (see README.md):
 * - source language: `opts.sourceLang`, else the tu's `srclang`, else the header's,
 *   else (`*all*` or none) the first tuv's language;
 * - target: `opts.targetLang`, else every tuv in another language;
 * - one unit pairs the first source tuv with each target tuv; an extra source-language tuv
 *   (a variant of the source) pairs with the first target tuv, so no tuv is lost;
 * - a tu without both languages yields nothing: the reader counts and reports it;
 * - dates and ids come from the target tuv, else the tu, else the source tuv (OmegaT
 *   puts them on the target tuv, most other tools on the tu);
 * - tuv-level props keep their place as `source:<type>` / `target:<type>`, tuv-level notes
 *   theirs as `sourceNotes` / `targetNotes`: the writer puts both back on their tuv;
 * - `usagecount`/`lastusagedate` stay where they were (no fallback as for dates): the tu's are
 *   `usageCount`/`lastUsedAt`, a tuv's `sourceUsage`/`targetUsage`. An invalid one is dropped
 *   with a warning, as an invalid date is.
 */

export interface ParsedTuv {
	lang: string;
	attrs: Record<string, string>;
	props: TmProp[];
	notes: string[];
	text: string;
	tags: InlineTag[];
	line: number;
	column?: number;
}

export interface ParsedTu {
	attrs: Record<string, string>;
	props: TmProp[];
	notes: string[];
	tuvs: ParsedTuv[];
	line: number;
	column?: number;
}

export interface PairOptions {
	file: string;
	sourceLang?: string;
	targetLang?: string;
	headerSrcLang?: string;
	onBadDate?: (value: string, tu: ParsedTu) => void;
	/** a `usagecount` that is not a non-negative integer */
	onBadUsageCount?: (value: string, tu: ParsedTu) => void;
}

export const SOURCE_PROP = 'source:';
export const TARGET_PROP = 'target:';

const canon = new Map<string, string>();

/** Canonical BCP-47 for a language attribute (`EN-US` → `en-US`, OmegaT's `fr_FR` → `fr-FR`), located when invalid. */
export function tuvLang(raw: string, file: string, line: number, column?: number): string {
	let c = canon.get(raw);
	if (c) return c;
	try {
		c = canonicalLang(raw.replace(/_/g, '-'), 'xml:lang');
	} catch (e) {
		throw e instanceof AtelierError ? new AtelierError(e.code, e.params, { file, line, column }) : e;
	}
	if (canon.size > 1000) canon.clear();
	canon.set(raw, c);
	return c;
}

/** Exact language first (`fr-CA` stays apart from `fr-FR`), else the same primary language. */
function pick(tuvs: ParsedTuv[], lang: string): ParsedTuv[] {
	const l = lang.toLowerCase();
	const exact = tuvs.filter((t) => t.lang.toLowerCase() === l);
	return exact.length ? exact : tuvs.filter((t) => primaryLang(t.lang) === primaryLang(lang));
}

export function tuToUnits(tu: ParsedTu, o: PairOptions): TmUnit[] {
	if (tu.tuvs.length === 0) return [];
	let srcLang = o.sourceLang ?? tu.attrs.srclang ?? o.headerSrcLang;
	if (!srcLang || srcLang.toLowerCase() === '*all*') srcLang = tu.tuvs[0].lang;
	const sources = pick(tu.tuvs, srcLang);
	const others = tu.tuvs.filter((t) => !sources.includes(t));
	const targets = o.targetLang ? pick(others, o.targetLang) : others;
	if (sources.length === 0 || targets.length === 0) return [];
	const pairs: [ParsedTuv, ParsedTuv][] = targets.map((t) => [sources[0], t]);
	for (const s of sources.slice(1)) pairs.push([s, targets[0]]);
	return pairs.map(([s, t]) => unitOf(tu, s, t, o));
}

// no closures per unit: a million units each creating (and, under tsx, naming) closures showed in profiles
function attrOf(tu: ParsedTu, s: ParsedTuv, t: ParsedTuv, name: string): string | undefined {
	return t.attrs[name] ?? tu.attrs[name] ?? s.attrs[name];
}

function dateOf(tu: ParsedTu, s: ParsedTuv, t: ParsedTuv, name: string, o: PairOptions): string | undefined {
	const v = attrOf(tu, s, t, name);
	if (v == null) return undefined;
	const iso = isoDate(v);
	if (!iso) o.onBadDate?.(v, tu);
	return iso ?? undefined;
}

/** `usagecount`: digits only (a count, never signed), read without a regex; null otherwise. 15 digits stay exact in a double. */
export function usageCountOf(v: string): number | null {
	const len = v.length;
	if (len === 0 || len > 15) return null;
	let n = 0;
	for (let i = 0; i < len; i++) {
		const d = v.charCodeAt(i) - 48;
		if (d < 0 || d > 9) return null;
		n = n * 10 + d;
	}
	return n;
}

/** The usage attributes of one element (tu or tuv); null when it has none valid. Most units have none: two lookups. */
function usageAt(attrs: Record<string, string>, tu: ParsedTu, o: PairOptions): TmUsage | null {
	const c = attrs.usagecount;
	const d = attrs.lastusagedate;
	if (c === undefined && d === undefined) return null;
	const u: TmUsage = {};
	if (c !== undefined) {
		const n = usageCountOf(c);
		if (n === null) o.onBadUsageCount?.(c, tu);
		else u.count = n;
	}
	if (d !== undefined) {
		const iso = isoDate(d);
		if (!iso) o.onBadDate?.(d, tu);
		else u.lastUsedAt = iso;
	}
	return u.count != null || u.lastUsedAt != null ? u : null;
}

const prefixed = (props: TmProp[], prefix: string): TmProp[] => props.map((p) => ({ ...p, type: prefix + p.type }));

/** One unit from a source and a target tuv (also the fast reader's, so both readers agree). */
export function unitOf(tu: ParsedTu, s: ParsedTuv, t: ParsedTuv, o: PairOptions): TmUnit {
	const u: TmUnit = {
		sourceLang: s.lang,
		targetLang: t.lang,
		source: nfc(s.text),
		target: nfc(t.text),
		origin: 'import',
		importFile: o.file
	};
	if (s.tags.length) u.sourceTags = s.tags;
	if (t.tags.length) u.targetTags = t.tags;
	if (tu.attrs.tuid != null) u.tuid = tu.attrs.tuid;
	const createdAt = dateOf(tu, s, t, 'creationdate', o);
	const changedAt = dateOf(tu, s, t, 'changedate', o);
	if (createdAt) u.createdAt = createdAt;
	if (changedAt) u.changedAt = changedAt;
	const createdBy = attrOf(tu, s, t, 'creationid');
	const changedBy = attrOf(tu, s, t, 'changeid');
	if (createdBy != null) u.createdBy = createdBy;
	if (changedBy != null) u.changedBy = changedBy;
	if (tu.props.length || s.props.length || t.props.length) u.props = [...tu.props, ...prefixed(s.props, SOURCE_PROP), ...prefixed(t.props, TARGET_PROP)];
	if (tu.notes.length) u.notes = tu.notes;
	if (s.notes.length) u.sourceNotes = s.notes;
	if (t.notes.length) u.targetNotes = t.notes;
	const used = usageAt(tu.attrs, tu, o);
	if (used) {
		if (used.count != null) u.usageCount = used.count;
		if (used.lastUsedAt != null) u.lastUsedAt = used.lastUsedAt;
	}
	const sourceUsage = usageAt(s.attrs, tu, o);
	const targetUsage = usageAt(t.attrs, tu, o);
	if (sourceUsage) u.sourceUsage = sourceUsage;
	if (targetUsage) u.targetUsage = targetUsage;
	return u;
}

/**
 * Text made only of characters whose NFC quick check is Yes and that never combine (below
 * the combining diacritics, general punctuation but U+2000/U+2001, currency signs, the
 * private use area of the tag placeholders) is already NFC: the regex is cheaper than ICU.
 */
// eslint-disable-next-line no-control-regex
const NFC_SAFE = /^[\u0000-\u02FF\u2002-\u206F\u20A0-\u20CF\uE000-\uF8FF]*$/;
export const nfc = (s: string): string => (NFC_SAFE.test(s) ? s : s.normalize('NFC'));

let lastDate = '';
let lastDateIso: string | null = null;

/** tmxDateToIso, with the usual form read digit by digit (no regex, no substrings) and the last answer kept: a tu's two dates are often one. */
export function isoDate(v: string): string | null {
	if (v === lastDate) return lastDateIso;
	lastDateIso = usualDate(v) ?? tmxDateToIso(v);
	lastDate = v;
	return lastDateIso;
}

const digit = (v: string, i: number) => v.charCodeAt(i) - 48;

function usualDate(v: string): string | null {
	if (v.length !== 16 || v.charCodeAt(8) !== 84 /* T */ || v.charCodeAt(15) !== 90 /* Z */) return null;
	for (let i = 0; i < 15; i++) {
		if (i === 8) continue;
		const d = digit(v, i);
		if (d < 0 || d > 9) return null;
	}
	const mo = digit(v, 4) * 10 + digit(v, 5);
	const day = digit(v, 6) * 10 + digit(v, 7);
	const y = digit(v, 0) * 1000 + digit(v, 1) * 100 + digit(v, 2) * 10 + digit(v, 3);
	const days = mo === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
	if (mo < 1 || mo > 12 || day < 1 || day > days || digit(v, 9) * 10 + digit(v, 10) > 23 || digit(v, 11) * 10 + digit(v, 12) > 59 || digit(v, 13) * 10 + digit(v, 14) > 59) return null;
	return `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}T${v.slice(9, 11)}:${v.slice(11, 13)}:${v.slice(13, 15)}.000Z`;
}

/** `20240131T094500Z` → `2024-01-31T09:45:00.000Z` (what the store writes); ISO 8601 accepted too; null if neither. */
export function tmxDateToIso(v: string): string | null {
	// the usual form, with a day that exists in every month: sliced, no regex or Date (a million units, two dates each)
	if (v.length === 16 && v.charCodeAt(8) === 84 /* T */ && v.charCodeAt(15) === 90 /* Z */ && TMX_DATE.test(v)) {
		const mo = +v.slice(4, 6);
		const day = +v.slice(6, 8);
		if (mo >= 1 && mo <= 12 && day >= 1 && day <= 28 && +v.slice(9, 11) <= 23 && +v.slice(11, 13) <= 59 && +v.slice(13, 15) <= 59) {
			return `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}T${v.slice(9, 11)}:${v.slice(11, 13)}:${v.slice(13, 15)}.000Z`;
		}
	}
	const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v.trim());
	const d = m ? new Date(Date.UTC(2000, 0, 1, +m[4], +m[5], +m[6])) : /^\d{4}-\d{2}-\d{2}T/.test(v) ? new Date(v) : null;
	// setUTCFullYear: Date.UTC would read the years 0000–0099 as 1900–1999
	if (m && d) d.setUTCFullYear(+m[1], +m[2] - 1, +m[3]);
	if (!d || Number.isNaN(d.getTime())) return null;
	// Date.UTC rolls 20240231 over to March (and month 00, hour 24… likewise): refuse instead of guessing
	if (m && (d.getUTCDate() !== +m[3] || d.getUTCMonth() !== +m[2] - 1 || d.getUTCHours() !== +m[4] || d.getUTCMinutes() !== +m[5] || d.getUTCSeconds() !== +m[6])) return null;
	return d.toISOString();
}

const TMX_DATE = /^\d{8}T\d{6}Z$/;

const isoDigit = (v: string, i: number) => {
	const c = v.charCodeAt(i);
	return c >= 48 && c <= 57;
};
const two = (v: string, i: number) => (v.charCodeAt(i) - 48) * 10 + v.charCodeAt(i + 1) - 48;

/**
 * `YYYY-MM-DDThh:mm:ss.sssZ` as toISOString writes it, month 01–12, day 01–28, hour ≤ 23,
 * minutes and seconds ≤ 59; on character codes: an export converts two dates of every unit, and
 * a regular expression with a slice before it cost about twice as much.
 */
function isCanonicalIso(v: string): boolean {
	if (v.length !== 24 || v[4] !== '-' || v[7] !== '-' || v[10] !== 'T' || v[13] !== ':' || v[16] !== ':' || v[19] !== '.' || v[23] !== 'Z') return false;
	for (const i of ISO_DIGITS) if (!isoDigit(v, i)) return false;
	const month = two(v, 5);
	const day = two(v, 8);
	return month >= 1 && month <= 12 && day >= 1 && day <= 28 && two(v, 11) <= 23 && two(v, 14) <= 59 && two(v, 17) <= 59;
}
const ISO_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22];

let lastIso = '';
let lastTmx: string | null = null;

/** ISO 8601 → `YYYYMMDDThhmmssZ` in UTC, as TMX wants; null for an unparsable date. */
export function isoToTmxDate(v: string): string | null {
	// units of one import or one session share their dates: the last answer is often the next one
	if (v === lastIso) return lastTmx;
	lastTmx = isoToTmxDateUncached(v);
	lastIso = v;
	return lastTmx;
}

function isoToTmxDateUncached(v: string): string | null {
	// what the store writes (toISOString), days 01–28 (no month roll-over possible): sliced, no Date round trip
	if (isCanonicalIso(v)) return `${v.slice(0, 4)}${v.slice(5, 7)}${v.slice(8, 13)}${v.slice(14, 16)}${v.slice(17, 19)}Z`;
	const d = new Date(v);
	if (Number.isNaN(d.getTime())) return null;
	return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** No text at all: empty, blanks, or only inline tags (`<seg><ph/></seg>`). */
function blank(s: string): boolean {
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		// the usual unit's first character settles it
		if (c > 32 && c !== 0xa0 && c !== 0x202f && c !== 0x2009 && !(c >= TAG_BASE && c <= 0xf8ff)) return false;
	}
	return true;
}

/**
 * A tu's units that have text on both sides, and the languages of the sides that had none
 * (for the located warning). An empty source would be an exact match for every empty segment
 * and an empty target a 100 % match that inserts nothing: tools skip such units, so Atelier too.
 */
export function withText(units: TmUnit[]): { units: TmUnit[]; empty: string | null } {
	let empty: string | null = null;
	for (const u of units) {
		const side = blank(u.source) ? u.sourceLang : blank(u.target) ? u.targetLang : null;
		if (side !== null && !empty?.split(',').includes(side)) empty = empty === null ? side : `${empty},${side}`;
	}
	return { units: empty === null ? units : units.filter((u) => !blank(u.source) && !blank(u.target)), empty };
}
