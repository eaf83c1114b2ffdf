import type { AssistTerm } from '../../core/editor/document.server.js';
import { foldApostrophes } from '../../core/editor/fold.js';

export type { AssistTerm };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const memo = new Map<string, RegExp>();

/**
 * Whether `text` uses `term`: as written (case counts: `Nato` is not `NATO`, `alliance` is not
 * `Alliance`) and as whole words (`NATO` in `NATO’s`, not `Nato` in `Natoli`), with any
 * apostrophe and any run of spaces (U+00A0, U+202F) standing for one another — the way the
 * term checks on the server tell a forbidden variant from the approved term.
 */
export function usesTerm(text: string, term: string): boolean {
	const t = foldApostrophes(term.trim());
	if (!t) return false;
	let re = memo.get(t);
	if (!re) {
		const body = t.split(/\s+/).map(escape).join('[\\s\\u00a0\\u202f]+');
		re = new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'u');
		if (memo.size > 500) memo.clear();
		memo.set(t, re);
	}
	return re.test(foldApostrophes(text));
}

/**
 * The glossary panel's entries: one per concept (a term found twice in a segment is one
 * entry, with one Alt+N number), and its equivalents and variants once each, those that
 * differ only in case being one (the first, preferred, kept).
 */
export function glossaryEntries(terms: readonly AssistTerm[]): AssistTerm[] {
	const seen = new Set<string>();
	const out: AssistTerm[] = [];
	for (const x of terms) {
		if (seen.has(x.concept)) continue;
		seen.add(x.concept);
		out.push({ ...x, equivalents: uniqueBy(x.equivalents, (e) => e.toLocaleLowerCase()), avoid: uniqueBy(x.avoid, (a) => a.text) });
	}
	return out;
}

function uniqueBy<T>(list: readonly T[], key: (x: T) => string): T[] {
	const seen = new Set<string>();
	return list.filter((x) => {
		const k = key(x);
		if (seen.has(k)) return false;
		seen.add(k);
		return true;
	});
}
