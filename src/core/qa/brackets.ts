import type { Issue } from '../model.js';
import type { QaCheck } from './types.js';
import { issue } from './types.js';
import { isLetter } from './text.js';

/**
 * Families of paired marks. French « » and English “ ” are one family: a translation turns
 * one into the other, and a quotation cut in two by segmentation leaves the same mark open
 * on both sides.
 */
type Family = 'paren' | 'square' | 'brace' | 'double' | 'single';
const OPEN: Record<string, Family> = { '(': 'paren', '[': 'square', '{': 'brace', '«': 'double', '“': 'double', '„': 'double', '‘': 'single', '‹': 'single' };
const CLOSE: Record<string, Family> = { ')': 'paren', ']': 'square', '}': 'brace', '»': 'double', '”': 'double', '’': 'single', '›': 'single' };

export interface Unmatched {
	family: Family;
	mark: string;
	at: number;
	kind: 'open' | 'close';
}

/**
 * The marks left unpaired, in order. `’` closes only an open `‘`: otherwise it is the
 * apostrophe (`l’OTAN`, `Allies’`). A straight `"` closes an open straight `"`, else opens.
 * `“` closes after an opening `„` (German) and opens otherwise.
 */
export function unmatchedMarks(text: string): Unmatched[] {
	const stacks = new Map<Family, { mark: string; at: number }[]>();
	const out: Unmatched[] = [];
	const stack = (f: Family) => stacks.get(f) ?? (stacks.set(f, []), stacks.get(f)!);
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '"') {
			const st = stack('double');
			// closes a straight quote, or a curly one when shaped as a closer (`“word"`): one slip, which typography reports
			const closing = i > 0 && !/\s/u.test(text[i - 1]) && !isLetter(text[i + 1]) && !/\d/.test(text[i + 1] ?? '');
			if (st.length && (st[st.length - 1].mark === '"' || closing)) st.pop();
			else st.push({ mark: c, at: i });
			continue;
		}
		if (c === '“' && stack('double').at(-1)?.mark === '„') {
			stack('double').pop();
			continue;
		}
		if (c === '’') {
			const st = stack('single');
			if (st.length) st.pop();
			continue;
		}
		// a mistyped apostrophe (`l‘OTAN`), or the elision of a year (`the ‘80s`)
		if (c === '‘' && ((isLetter(text[i - 1]) && isLetter(text[i + 1])) || /\d/.test(text[i + 1] ?? ''))) continue;
		// `a)`, `1)`, `ii)`: an enumeration mark, which has no opening parenthesis
		if (c === ')' && !stack('paren').length && /(?:^|[\s(])(?:\d{1,2}|[a-z]|[ivx]{1,4})$/u.test(text.slice(Math.max(0, i - 5), i))) continue;
		const o = OPEN[c];
		if (o) {
			stack(o).push({ mark: c, at: i });
			continue;
		}
		const f = CLOSE[c];
		if (f) {
			const st = stack(f);
			if (st.length) st.pop();
			else out.push({ family: f, mark: c, at: i, kind: 'close' });
		}
	}
	for (const [family, st] of stacks) for (const s of st) out.push({ family, mark: s.mark, at: s.at, kind: 'open' });
	return out.sort((a, b) => a.at - b.at);
}

const PAIR: Record<string, string> = { '(': ')', '[': ']', '{': '}', '«': '»', '“': '”', '„': '“', '‘': '’', '‹': '›', '"': '"', ')': '(', ']': '[', '}': '{', '»': '«', '”': '“', '›': '‹' };

/**
 * Brackets and quotes the target leaves open or closes without opening, beyond what its
 * source does (a source cut inside a quotation is unbalanced too; the target may follow it).
 */
export const brackets: QaCheck = {
	id: 'qa.brackets',
	run(ctx) {
		const t = ctx.target.masked;
		if (!t.trim()) return [];
		const tgt = unmatchedMarks(t);
		if (!tgt.length) return [];
		const src = unmatchedMarks(ctx.source.masked);
		const issues: Issue[] = [];
		for (const kind of ['open', 'close'] as const)
			for (const family of ['paren', 'square', 'brace', 'double', 'single'] as const) {
				const mine = tgt.filter((u) => u.kind === kind && u.family === family);
				const allowed = src.filter((u) => u.kind === kind && u.family === family).length;
				if (mine.length <= allowed) continue;
				// the source's own open marks are the first ones (a quotation going on), its unopened closers the last
				const extra = kind === 'open' ? mine.slice(allowed) : mine.slice(0, mine.length - allowed);
				for (const u of extra)
					issues.push(
						issue(
							ctx,
							'qa.brackets',
							'error',
							kind === 'open' ? 'unclosed' : 'unopened',
							{ mark: u.mark, pair: PAIR[u.mark] ?? '' },
							`${kind}:${u.mark}`,
							{ side: 'target', start: u.at, end: u.at + 1 }
						)
					);
			}
		return issues;
	}
};
