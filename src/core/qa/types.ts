import type { Issue, Severity } from '../model.js';
import { analyseText, type TextFacts } from './text.js';

export interface QaInput {
	source: string;
	target: string;
	sourceLang: string;
	targetLang: string;
	/** the segment's 0-based number in its document, when there is one */
	ord?: number;
}

/** What every check reads, computed once per run: each text with its URLs, e-mails and tags located. */
export interface QaContext {
	source: TextFacts;
	target: TextFacts;
	/** primary subtags, lower case: `fr`, `en` */
	sourceLang: string;
	targetLang: string;
	ord?: number;
}

export interface QaCheck {
	id: string;
	run(ctx: QaContext): Issue[];
}

export function createContext(input: QaInput): QaContext {
	return {
		source: analyseText(input.source ?? ''),
		target: analyseText(input.target ?? ''),
		sourceLang: primary(input.sourceLang),
		targetLang: primary(input.targetLang),
		ord: input.ord
	};
}

const primary = (tag: string | undefined) => (tag ?? '').split(/[-_]/)[0].toLowerCase();

/**
 * One finding. `suggestions[i]`, when given with a span, replaces `span` in its text
 * (the editor can offer it as a one-click fix); the fingerprint never holds offsets, so
 * an accepted finding stays accepted while the translator edits elsewhere in the segment.
 */
export function issue(
	ctx: QaContext,
	check: string,
	severity: Severity,
	message: string,
	params: Record<string, string | number>,
	fingerprint: string,
	span?: Issue['span'],
	suggestions?: string[]
): Issue {
	const out: Issue = {
		check,
		severity,
		message: `checks.qa.${message}`,
		params,
		segments: ctx.ord != null ? [ctx.ord] : [],
		fingerprint: `${check}:${fingerprint}`
	};
	if (span) out.span = span;
	if (suggestions?.length) out.suggestions = suggestions;
	return out;
}

/** Occurrence numbering for fingerprints: the second `27` missing is `27#2`, whatever its offset. */
export function counter() {
	const seen = new Map<string, number>();
	return (key: string) => {
		const n = (seen.get(key) ?? 0) + 1;
		seen.set(key, n);
		return n === 1 ? key : `${key}#${n}`;
	};
}
