/**
 * Generic QA of a translation, segment by segment: numbers, untranslated or copied
 * segments, spacing, brackets and quotes, typography of the target language, inline tags,
 * URLs, footnote calls, end punctuation and doubled words. Pure and browser-safe (no node:, no database): the editor runs it on every keystroke.
 * Terminology checks live in ../checks (they need the glossary).
 */
import type { Issue, Severity } from '../model.js';
import { brackets } from './brackets.js';
import { CONSISTENCY, segmentConsistency } from './consistency.js';
import { copied } from './copied.js';
import { footnotes } from './footnotes.js';
import { numbers } from './numbers.js';
import { punctuation } from './punctuation.js';
import { tags } from './tags.js';
import { typography } from './typography.js';
import type { QaCheck, QaInput } from './types.js';
import { createContext } from './types.js';
import { untranslated } from './untranslated.js';
import { urls } from './urls.js';
import { whitespace } from './whitespace.js';

export type { QaInput } from './types.js';

const CHECKS: readonly QaCheck[] = [untranslated, copied, numbers, tags, urls, footnotes, brackets, punctuation, whitespace, typography];

/** The check ids, in the order findings are reported for one segment. */
export const QA_CHECKS: readonly string[] = [...CHECKS.map((c) => c.id), CONSISTENCY];

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Every generic check on one segment. Never throws: a check that fails on some odd input
 * reports nothing rather than break the editor. Findings come errors first, then by position.
 */
export function runQa(input: QaInput, opts: { disabled?: string[] } = {}): Issue[] {
	const disabled = new Set(opts.disabled ?? []);
	let ctx;
	try {
		ctx = createContext(input);
	} catch {
		return [];
	}
	const issues: Issue[] = [];
	for (const check of CHECKS) {
		if (disabled.has(check.id)) continue;
		try {
			issues.push(...check.run(ctx));
		} catch {
			// a bug in one check must not take the editor down; the tests catch it
		}
	}
	// an empty target is one finding, not a missing number and a missing tag besides
	if (issues.some((i) => i.check === 'qa.untranslated')) return issues.filter((i) => i.check === 'qa.untranslated');
	return issues.sort((a, b) => RANK[a.severity] - RANK[b.severity] || (a.span?.start ?? -1) - (b.span?.start ?? -1));
}

export interface QaPair {
	ord: number;
	source: string;
	/** null: not translated yet, skipped */
	target: string | null;
	document?: number;
}

/** Every segment of a document that has a target (an empty one counts: it was saved so). */
export function runQaOnDocument(pairs: readonly QaPair[], langs: { sourceLang: string; targetLang: string }, opts: { disabled?: string[] } = {}): Issue[] {
	const out: Issue[] = [];
	for (const p of pairs) {
		if (p.target == null) continue;
		for (const i of runQa({ source: p.source, target: p.target, sourceLang: langs.sourceLang, targetLang: langs.targetLang, ord: p.ord }, opts))
			out.push(p.document != null ? { ...i, document: p.document } : i);
	}
	// across segments: only a whole document can say a source was translated two ways
	if (!opts.disabled?.includes(CONSISTENCY)) for (const i of segmentConsistency(pairs)) out.push(i);
	return out;
}

/** Error, warning and info counts, as the CLI and the report print them. */
export function countIssues(issues: readonly Issue[]): Record<Severity, number> {
	const counts = { error: 0, warning: 0, info: 0 };
	for (const i of issues) counts[i.severity]++;
	return counts;
}

/**
 * The target with the first suggestion of every target-side finding applied (findings
 * that overlap an earlier one are left): the editor's "fix all typography".
 */
export function applySuggestions(target: string, issues: readonly Issue[]): string {
	const fixes = issues
		.filter((i) => i.span?.side === 'target' && i.suggestions?.length)
		.map((i) => ({ start: i.span!.start, end: i.span!.end, text: i.suggestions![0] }))
		.sort((a, b) => a.start - b.start || a.end - b.end);
	let out = '';
	let at = 0;
	for (const f of fixes) {
		if (f.start < at) continue;
		out += target.slice(at, f.start) + f.text;
		at = f.end;
	}
	return out + target.slice(at);
}
