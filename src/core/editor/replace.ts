import { AtelierError } from '../errors.js';
import { reason, regexReason } from '../formats/reason.js';
import { apostropheOf, APOSTROPHES, foldApostrophes } from './fold.js';

export interface FindQuery {
	find: string;
	/** which side to search; replacing always writes the target */
	in: 'source' | 'target';
	regex?: boolean;
	caseSensitive?: boolean;
}

export interface FindRow {
	ord: number;
	source: string;
	target: string | null;
	version: number;
}

export interface FindHit {
	ord: number;
	side: 'source' | 'target';
	ranges: [number, number][];
}

export interface PlannedChange {
	ord: number;
	/** the version the preview saw: applying checks it, so a change made since is never overwritten */
	version: number;
	before: string;
	after: string;
	count: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The search as a global regular expression, to run on `foldApostrophes(text)`: apostrophes
 * are folded in the pattern too, so `l'OTAN` finds `l’OTAN`. A malformed pattern is a located
 * usage error.
 */
export function compileFind(q: FindQuery): RegExp {
	if (q.find === '') throw new AtelierError('find_invalid', { reason: reason('find.empty') });
	const find = foldApostrophes(q.find);
	try {
		return new RegExp(q.regex ? find : escape(find), `g${q.caseSensitive ? '' : 'i'}du`);
	} catch (e) {
		throw new AtelierError('find_invalid', { reason: regexReason((e as Error).message) });
	}
}

/** Where the search matches, segment by segment (empty matches of a regex are skipped). */
export function findHits(rows: readonly FindRow[], q: FindQuery, limit = 10_000): FindHit[] {
	const re = compileFind(q);
	const out: FindHit[] = [];
	for (const r of rows) {
		const text = q.in === 'source' ? r.source : r.target;
		if (!text) continue;
		const ranges: [number, number][] = [];
		for (const m of foldApostrophes(text).matchAll(re)) if (m[0].length) ranges.push([m.index!, m.index! + m[0].length]);
		if (ranges.length) out.push({ ord: r.ord, side: q.in, ranges });
		if (out.length >= limit) break;
	}
	return out;
}

/**
 * What a replace-all would do, as a list of changes to preview. Only targets are replaced
 * (sources are the document as imported); `$1`, `$&`, `$<name>` refer to the pattern's
 * groups when it is a regular expression, and are plain text otherwise.
 */
export function planReplace(rows: readonly FindRow[], q: Omit<FindQuery, 'in'> & { replace: string }): PlannedChange[] {
	const re = compileFind({ ...q, in: 'target' });
	const out: PlannedChange[] = [];
	for (const r of rows) {
		if (!r.target) continue;
		const text = r.target;
		let count = 0;
		let after = '';
		let at = 0;
		for (const m of foldApostrophes(text).matchAll(re)) {
			const start = m.index!;
			const end = start + m[0].length;
			count++;
			const matched = text.slice(start, end);
			const template = withApostrophe(q.replace, q.find, apostropheOf(matched) ?? apostropheOf(text));
			let replacement = template;
			if (q.regex) {
				// $1, $&, $<name> as String.replace would expand them, with the groups as written (not folded)
				const slice = (i?: [number, number]) => (i ? text.slice(i[0], i[1]) : '');
				const caps = (m.indices ?? []).slice(1);
				const named = m.indices?.groups;
				replacement = template.replace(/\$(\$|&|\d{1,2}|<[^>]+>)/g, (_, k: string) =>
					k === '$' ? '$' : k === '&' ? matched : k.startsWith('<') ? slice(named?.[k.slice(1, -1)]) : slice(caps[Number(k) - 1])
				);
			}
			after += text.slice(at, start) + replacement;
			at = end;
		}
		after += text.slice(at);
		if (count && after !== text) out.push({ ord: r.ord, version: r.version, before: text, after, count });
	}
	return out;
}

/**
 * The replacement with the segment's apostrophe, unless the translator chose one: a straight
 * apostrophe is what keyboards type, so `l'Alliance` for `l'OTAN` becomes `l’Alliance` in a
 * segment that writes `l’OTAN`. A typographic apostrophe in the replacement, or one different
 * from the search's (`l’` → `l'`), is a choice and is kept.
 */
function withApostrophe(replace: string, find: string, segment: string | null): string {
	const mine = apostropheOf(replace);
	if (!mine || !segment || mine === segment) return replace;
	if (mine !== "'") return replace;
	const searched = apostropheOf(find);
	if (searched && searched !== mine) return replace;
	return replace.replace(APOSTROPHES, segment);
}
