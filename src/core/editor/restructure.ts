import type { SegmentStatus } from '../model.js';

/**
 * The pure half of joining and splitting segments (memoQ's Ctrl+J / Ctrl+T): what the
 * texts, statuses and ord-based references become. The storage half is in
 * src/core/db/editor.repo.server.ts, the service in ./join-split.server.ts.
 */

/** How far along a segment is; `rejected` stands apart (a reviewer sent it back). */
const RANK: Record<Exclude<SegmentStatus, 'rejected'>, number> = { new: 0, draft: 1, translated: 2, reviewed: 3 };

/**
 * The status of a joined segment: the lesser of the two, so that half a confirmed segment
 * never passes for a confirmed whole. A rejected half keeps the whole rejected: the joining
 * did not answer the reviewer. `new` with a target would say "nothing done" about typed
 * text, so that is a draft.
 */
export function joinedStatus(a: SegmentStatus, b: SegmentStatus, target: string | null): SegmentStatus {
	if (a === 'rejected' || b === 'rejected') return 'rejected';
	const s = RANK[a] <= RANK[b] ? a : b;
	return s === 'new' && target ? 'draft' : s;
}

/**
 * Both targets, with one space between them (the translator's words are all kept); an
 * empty or blank half adds nothing, so no stray space; null when neither has a target.
 */
export function joinedTarget(a: string | null, b: string | null): string | null {
	const x = a?.trim() ? a.trimEnd() : '';
	const y = b?.trim() ? b.trimStart() : '';
	const out = x && y ? `${x} ${y}` : x || y;
	return out ? out.normalize('NFC') : null;
}

/**
 * The first part of a split keeps the target (as memoQ does), but that target now
 * translates both parts: it goes back to draft until the translator has looked at it.
 * A segment without target stays new; a rejected one stays rejected.
 */
export function splitFirstStatus(s: SegmentStatus, target: string | null): SegmentStatus {
	if (!target?.trim()) return s === 'rejected' ? 'rejected' : 'new';
	return s === 'rejected' ? 'rejected' : 'draft';
}

/**
 * Where a cut at `offset` (UTF-16 code units into `source`) puts the two parts, relative to
 * the segment's start: whitespace at the cut belongs to neither. Null when a part would be
 * empty, or when the offset falls between the two halves of a surrogate pair.
 */
export function cutAt(source: string, offset: number): { leftEnd: number; rightStart: number } | null {
	if (!Number.isInteger(offset) || offset <= 0 || offset >= source.length) return null;
	const lo = source.charCodeAt(offset);
	const hi = source.charCodeAt(offset - 1);
	if (lo >= 0xdc00 && lo <= 0xdfff && hi >= 0xd800 && hi <= 0xdbff) return null;
	const left = source.slice(0, offset);
	const right = source.slice(offset);
	if (!left.trim() || !right.trim()) return null;
	return { leftEnd: left.trimEnd().length, rightStart: offset + (right.length - right.trimStart().length) };
}

/**
 * Places between words where a split makes sense: before each word that follows ordinary
 * whitespace. No-break spaces (U+00A0, U+202F, U+2007) are left out: French typography puts
 * them where a line, let alone a segment, must not break (`OTAN :`, `« mot »`), and so are
 * the same places written with ordinary spaces.
 */
export function cutPoints(source: string): number[] {
	const out: number[] = [];
	const re = /[^\S\u00a0\u202f\u2007]+/g;
	for (let m = re.exec(source); m; m = re.exec(source)) {
		const at = m.index + m[0].length;
		// PDF text often has ordinary spaces where French wants no-break ones: no cut inside
		// « … », ( … ), nor before a colon, a semicolon, ! ? or a closing mark
		if (OPENS.includes(source[m.index - 1]) || CLOSES.includes(source[at])) continue;
		if (m.index > 0 && at < source.length && cutAt(source, at)) out.push(at);
	}
	return out;
}

/** Letters, digits and combining marks: what a word is made of, in any script. */
const WORDISH = /^[\p{L}\p{N}\p{M}]$/u;

/** The code point that ends just before `i` (a surrogate pair whole), or ''. */
function cpBefore(s: string, i: number): string {
	if (i <= 0) return '';
	const lo = s.charCodeAt(i - 1);
	if (lo >= 0xdc00 && lo <= 0xdfff && i >= 2) {
		const hi = s.charCodeAt(i - 2);
		if (hi >= 0xd800 && hi <= 0xdbff) return s.slice(i - 2, i);
	}
	return s[i - 1];
}
/** The code point that starts at `i`, or ''. */
const cpAt = (s: string, i: number) => (i >= s.length ? '' : String.fromCodePoint(s.codePointAt(i)!));

/** An apostrophe or hyphen between two word characters joins them: `l’Alliance`, `NATO’s`, `porte-avions`, `OTAN-Russie`. */
const JOINER = /^['’ʼ\-‐‑]$/u;

/** A word character at `i` going left (`dir` -1, the code point before `i`) or right, and where the word goes on from there. */
function wordSide(source: string, i: number, dir: -1 | 1): boolean {
	const c = dir < 0 ? cpBefore(source, i) : cpAt(source, i);
	if (WORDISH.test(c)) return true;
	// a joiner counts only with a word character beyond it
	return JOINER.test(c) && WORDISH.test(dir < 0 ? cpBefore(source, i - c.length) : cpAt(source, i + c.length));
}

/**
 * The word a cut at `offset` would break, with where it starts and ends, or null when the
 * offset is between words. A word is letters, digits and marks, and the apostrophes and
 * hyphens inside it: a cut in the middle of "OTAN", or at either side of the apostrophe of
 * "l’Alliance", is never a sentence boundary. The editor only offers `cutPoints`; an offset
 * typed into the CLI or sent to the API may fall anywhere, whereas a cut cutPoints avoids for
 * typographic reasons (before `:`, inside « ») can be what the user means.
 */
export function wordAt(source: string, offset: number): { word: string; start: number; end: number } | null {
	const left = cpBefore(source, offset);
	const right = cpAt(source, offset);
	// word|word, word|’word, word’|word (a joiner on one side only: two joiners are no word)
	const inside =
		(WORDISH.test(left) && wordSide(source, offset, 1)) || (JOINER.test(left) && WORDISH.test(right) && WORDISH.test(cpBefore(source, offset - left.length)));
	if (!inside) return null;
	let start = offset;
	while (wordSide(source, start, -1)) start -= cpBefore(source, start).length;
	let end = offset;
	while (wordSide(source, end, 1)) end += cpAt(source, end).length;
	return { word: source.slice(start, end), start, end };
}

/**
 * The nearest good cuts on either side of `offset`: cutPoints' if there is one on that side,
 * else the edge of the word `offset` is in when a cut is possible there (cutPoints leaves out
 * places a CLI user may still choose, such as after `l’` or before `:`); null when none.
 */
export function nearestCuts(source: string, offset: number): { before: number | null; after: number | null } {
	const cuts = cutPoints(source);
	const w = wordAt(source, offset);
	let b: number | null = null;
	let a: number | null = null;
	for (const c of cuts) {
		if (c < offset) b = c;
		else if (c > offset && a == null) a = c;
	}
	if (b == null && w && cutAt(source, w.start)) b = w.start;
	if (a == null && w && cutAt(source, w.end)) a = w.end;
	return { before: b, after: a };
}

const OPENS = '«“‘([{';
const CLOSES = '»”’)]}:;!?,.…';

/**
 * The second part of a split takes the footnotes whose call mark it holds and the first
 * part does not; otherwise they stay where they were (the first part keeps the segment's
 * id): a mark found on both sides, or on neither, gives no reason to move.
 */
export function callGoesRight(marker: string | null, left: string, right: string): boolean {
	if (!marker) return false;
	return right.includes(marker) && !left.includes(marker);
}

/** One change to a document's segment list, for remapping what points at ords. */
export type Restructure = { op: 'join'; ord: number } | { op: 'split'; ord: number };

/** A bead side's half-open range in a document's ords, and the flags the remap reads and sets. */
export interface BeadLike {
	from: number;
	to: number;
	locked: boolean;
}

/**
 * Bead ranges after the change, on the side that is this document. Ranges stay in order
 * (the map is monotonic). A split only widens the bead holding the split segment. A join
 * of two segments that sat in different beads would leave those beads sharing a segment:
 * they become one bead (with whatever empty-sided beads lay between them), returned in
 * `merged` as [first, last] bead indices so the caller can flag it for review.
 */
export function remapRanges(ranges: readonly BeadLike[], e: Restructure): { ranges: { from: number; to: number }[]; merged: [number, number] | null } {
	if (e.op === 'split') {
		// a boundary after the split segment moves one down; the bead holding it grows by one
		const at = (p: number) => (p <= e.ord ? p : p + 1);
		return { ranges: ranges.map((r) => ({ from: at(r.from), to: at(r.to) })), merged: null };
	}
	const j = e.ord;
	const touches = (r: BeadLike) => r.from < r.to && r.from <= j + 1 && r.to > j;
	const first = ranges.findIndex(touches);
	let last = ranges.length - 1;
	while (last >= 0 && !touches(ranges[last])) last--;
	// the boundary between j and j+1 disappears: a range starting there starts with the
	// joined segment, one ending there (or empty there) ends after it
	const to = (p: number) => (p <= j ? p : p === j + 1 ? j + 1 : p - 1);
	const from = (p: number) => (p === j + 1 ? j : to(p));
	const out = ranges.map((r) => (r.from === r.to ? { from: to(r.from), to: to(r.to) } : { from: from(r.from), to: to(r.to) }));
	if (first < 0 || first === last) return { ranges: out, merged: null };
	return { ranges: out, merged: [first, last] };
}

/** An inclusive run of ords (the aligner's warnings) after the change. */
export function remapRun(run: { from: number; to: number }, e: Restructure): { from: number; to: number } {
	if (e.op === 'split') return { from: run.from <= e.ord ? run.from : run.from + 1, to: run.to < e.ord ? run.to : run.to + 1 };
	return { from: run.from <= e.ord ? run.from : run.from - 1, to: run.to <= e.ord ? run.to : run.to - 1 };
}
