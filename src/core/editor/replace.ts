import { AtelierError } from '../errors.js';
import { reason, regexReason } from '../formats/reason.js';

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

/** The search as a global regular expression; a malformed pattern is a located usage error. */
export function compileFind(q: FindQuery): RegExp {
	if (q.find === '') throw new AtelierError('find_invalid', { reason: reason('find.empty') });
	try {
		return new RegExp(q.regex ? q.find : escape(q.find), `g${q.caseSensitive ? '' : 'i'}u`);
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
		for (const m of text.matchAll(re)) if (m[0].length) ranges.push([m.index!, m.index! + m[0].length]);
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
		let count = 0;
		const after = r.target.replace(re, (...args) => {
			count++;
			if (!q.regex) return q.replace;
			// expand $1, $&, $<name> as String.replace would
			const m = args[0] as string;
			const groups = typeof args[args.length - 1] === 'object' ? (args[args.length - 1] as Record<string, string>) : undefined;
			const caps = args.slice(1, groups ? -3 : -2) as string[];
			return q.replace.replace(/\$(\$|&|\d{1,2}|<[^>]+>)/g, (_, k: string) =>
				k === '$' ? '$' : k === '&' ? m : k.startsWith('<') ? (groups?.[k.slice(1, -1)] ?? '') : (caps[Number(k) - 1] ?? '')
			);
		});
		if (count && after !== r.target) out.push({ ord: r.ord, version: r.version, before: r.target, after, count });
	}
	return out;
}
