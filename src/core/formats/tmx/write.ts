import type { TmProp, TmUnit, TmUsage } from '../../model.js';
import { escapeAttr } from '../xml.js';
import { renderSeg, xmlText } from './inline.js';
import { isoToTmxDate, SOURCE_PROP, TARGET_PROP } from './units.js';

export interface TmxWriteHeader {
	srcLang: string;
	creationTool?: string;
	creationToolVersion?: string;
	segType?: string;
	adminLang?: string;
	oTmf?: string;
	dataType?: string;
	/** ISO date for the header's creationdate; now by default */
	creationDate?: string;
}

/**
 * What the writer reads of a unit: a TM export builds units with these fields only (see
 * tm/tmx-export.server.ts), and TMX carries nothing else (no origin, document, segment,
 * context, confidence or import file).
 */
export type TmxUnit = Pick<
	TmUnit,
	| 'sourceLang' | 'targetLang' | 'source' | 'target' | 'sourceTags' | 'targetTags' | 'tuid' | 'props' | 'notes' | 'sourceNotes' | 'targetNotes'
	| 'createdAt' | 'createdBy' | 'changedAt' | 'changedBy' | 'usageCount' | 'lastUsedAt' | 'sourceUsage' | 'targetUsage'
>;

/** Units are gathered into chunks of about this many characters: one write per unit would be slow for a million. */
const CHUNK = 256 * 1024;
const SEGTYPES = new Set(['block', 'paragraph', 'sentence', 'phrase']);

/**
 * Units → TMX 1.4 (valid against tmx14.dtd), as a stream of string chunks: the header,
 * the units in chunks of ~256 KB, then the footer.
 *
 * Consecutive units that share a tuid, the source side and the tu-level props/notes were
 * read from one multilingual `tu` (see units.ts) and are written back as one `tu` with one
 * target `tuv` each; their dates and ids then go on each target `tuv`, where the reader
 * looks first. A lone unit keeps them on the `tu`. Usage statistics (`usagecount`,
 * `lastusagedate`) go back where they were read: the tu's on the `tu` (so units sharing a `tu`
 * must have the same), a tuv's on its `tuv`.
 */
export function* writeTmx(units: Iterable<TmxUnit>, header: TmxWriteHeader): Generator<string> {
	yield tmxHead(header);
	let buf = '';
	let group: TmxUnit[] = [];
	for (const u of units) {
		if (group.length && !sameTu(group[0], u)) {
			buf += tuXml(group, header.srcLang);
			group = [];
			if (buf.length >= CHUNK) {
				yield buf;
				buf = '';
			}
		}
		group.push(u);
	}
	if (group.length) buf += tuXml(group, header.srcLang);
	if (buf) yield buf;
	yield TMX_FOOT;
}

/** What closes a TMX document after the last `tu`. */
export const TMX_FOOT = '  </body>\n</tmx>\n';

/**
 * The `tu` elements of consecutive units, for a writer that renders a long run of units in
 * pieces (tm/tmx-export.server.ts): the first and last groups are returned unrendered, since
 * the units before or after the piece may belong to them (see sameTu); every `tu` between is
 * handed to `emit` in order, exactly as writeTmx renders it. When all units form one group,
 * `last` is null.
 */
export function tuRun(units: readonly TmxUnit[], srcLang: string, emit: (tu: string) => void): { first: TmxUnit[]; last: TmxUnit[] | null } {
	if (units.length === 0) return { first: [], last: null };
	let first: TmxUnit[] | null = null;
	let group: TmxUnit[] = [units[0]];
	for (let i = 1; i < units.length; i++) {
		const u = units[i];
		if (sameTu(group[0], u)) {
			group.push(u);
			continue;
		}
		if (first) emit(tuXml(group, srcLang));
		else first = group;
		group = [u];
	}
	return first ? { first, last: group } : { first: group, last: null };
}

export function tmxHead(h: TmxWriteHeader): string {
	const attrs: [string, string][] = [
		['creationtool', h.creationTool ?? 'Atelier'],
		['creationtoolversion', h.creationToolVersion ?? '1'],
		['segtype', h.segType && SEGTYPES.has(h.segType) ? h.segType : 'sentence'],
		['o-tmf', h.oTmf ?? 'Atelier'],
		['adminlang', h.adminLang ?? 'en'],
		['srclang', h.srcLang],
		['datatype', h.dataType ?? 'plaintext'],
		['creationdate', isoToTmxDate(h.creationDate ?? new Date().toISOString()) ?? isoToTmxDate(new Date().toISOString())!]
	];
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<tmx version="1.4">',
		`  <header${attrs.map(([k, v]) => `\n    ${k}="${escapeAttr(v)}"`).join('')}/>`,
		'  <body>',
		''
	].join('\n');
}

const isTuProp = (p: TmProp) => !p.type.startsWith(TARGET_PROP);

/** Whether `b` goes into the same `tu` as `a`, the first unit of a group (see writeTmx). */
export function sameTu(a: TmxUnit, b: TmxUnit): boolean {
	return (
		a.tuid != null &&
		a.tuid === b.tuid &&
		a.sourceLang === b.sourceLang &&
		a.source === b.source &&
		JSON.stringify(a.sourceTags ?? []) === JSON.stringify(b.sourceTags ?? []) &&
		JSON.stringify((a.props ?? []).filter(isTuProp)) === JSON.stringify((b.props ?? []).filter(isTuProp)) &&
		JSON.stringify(a.notes ?? []) === JSON.stringify(b.notes ?? []) &&
		JSON.stringify(a.sourceNotes ?? []) === JSON.stringify(b.sourceNotes ?? []) &&
		(a.usageCount ?? null) === (b.usageCount ?? null) &&
		(a.lastUsedAt ?? null) === (b.lastUsedAt ?? null) &&
		(a.sourceUsage?.count ?? null) === (b.sourceUsage?.count ?? null) &&
		(a.sourceUsage?.lastUsedAt ?? null) === (b.sourceUsage?.lastUsedAt ?? null)
	);
}

/** usagecount/lastusagedate, only those known and valid; this order, always (the DTD leaves it free). */
function usageAttrs(count: number | null | undefined, lastUsedAt: string | null | undefined): string {
	let s = '';
	if (count != null && Number.isSafeInteger(count) && count >= 0) s += ` usagecount="${count}"`;
	const last = lastUsedAt ? isoToTmxDate(lastUsedAt) : null;
	if (last) s += ` lastusagedate="${last}"`;
	return s;
}

const tuvUsage = (u: TmUsage | null | undefined): string => (u ? usageAttrs(u.count, u.lastUsedAt) : '');

const escapedOnce = new Map<string, string>();
/**
 * escapeAttr for values a TM repeats (signers, prop types: a few hundred for a million units),
 * remembered: one map lookup instead of a regular expression, twice or more per unit of an export.
 */
function repeatedAttr(s: string): string {
	let e = escapedOnce.get(s);
	if (e === undefined) {
		e = escapeAttr(s);
		if (escapedOnce.size < 10_000) escapedOnce.set(s, e);
	}
	return e;
}

/** creationdate/creationid/changedate/changeid, only those known and valid. */
function metaAttrs(u: TmxUnit): string {
	let s = '';
	const created = u.createdAt ? isoToTmxDate(u.createdAt) : null;
	const changed = u.changedAt ? isoToTmxDate(u.changedAt) : null;
	if (created) s += ` creationdate="${created}"`;
	if (u.createdBy != null) s += ` creationid="${repeatedAttr(u.createdBy)}"`;
	if (changed) s += ` changedate="${changed}"`;
	if (u.changedBy != null) s += ` changeid="${repeatedAttr(u.changedBy)}"`;
	return s;
}

function propXml(p: TmProp, type: string, indent: string): string {
	const lang = p.lang ? ` xml:lang="${escapeAttr(p.lang)}"` : '';
	return `${indent}<prop type="${repeatedAttr(type)}"${lang}>${xmlText(p.value)}</prop>\n`;
}

const tuvOpenings = new Map<string, string>();
/** `<tuv xml:lang="…"`: a handful of languages for a million units */
function tuvOpen(lang: string): string {
	let s = tuvOpenings.get(lang);
	if (s === undefined) {
		s = `      <tuv xml:lang="${escapeAttr(lang)}"`;
		if (tuvOpenings.size < 1000) tuvOpenings.set(lang, s);
	}
	return s;
}

function tuvXml(lang: string, attrs: string, props: TmProp[], prefix: string, seg: string, notes: string[] | undefined): string {
	let s = `${tuvOpen(lang)}${attrs}>\n`;
	if (notes) for (const n of notes) s += `        <note>${xmlText(n)}</note>\n`;
	for (const p of props) if (p.type.startsWith(prefix)) s += propXml(p, p.type.slice(prefix.length), '        ');
	return `${s}        <seg>${seg}</seg>\n      </tuv>\n`;
}

/** One `tu` of a group of units that share it (one unit, or several read from one multilingual `tu`). */
export function tuXml(group: TmxUnit[], srcLang: string): string {
	const first = group[0];
	let s = '    <tu';
	if (first.tuid != null) s += ` tuid="${escapeAttr(first.tuid)}"`;
	if (srcLang !== '*all*' && first.sourceLang.toLowerCase() !== srcLang.toLowerCase()) s += ` srclang="${escapeAttr(first.sourceLang)}"`;
	const single = group.length === 1;
	if (single) s += metaAttrs(first);
	if (first.usageCount != null || first.lastUsedAt != null) s += usageAttrs(first.usageCount, first.lastUsedAt);
	s += '>\n';
	for (const n of first.notes ?? []) s += `      <note>${xmlText(n)}</note>\n`;
	for (const p of first.props ?? []) if (!p.type.startsWith(SOURCE_PROP) && !p.type.startsWith(TARGET_PROP)) s += propXml(p, p.type, '      ');
	s += tuvXml(first.sourceLang, tuvUsage(first.sourceUsage), first.props ?? [], SOURCE_PROP, renderSeg(first.source, first.sourceTags), first.sourceNotes);
	for (const u of group) s += tuvXml(u.targetLang, (single ? '' : metaAttrs(u)) + tuvUsage(u.targetUsage), u.props ?? [], TARGET_PROP, renderSeg(u.target, u.targetTags), u.targetNotes);
	return `${s}    </tu>\n`;
}
