import type { Issue } from '../model.js';
import { conceptInfo, conceptInfos } from './concept-info.js';
import type { PairCheck } from './types.js';

/**
 * A forbidden term in the target is an error wherever it stands; a deprecated or superseded
 * one is a warning, deprecated only where the source holds the concept (elsewhere the same
 * words may mean something else). Each comes with its replacement.
 */
export const termForbidden: PairCheck = {
	id: 'term-forbidden',
	run(pair, ctx) {
		if (!pair.target || pair.targetHits.length === 0) return NONE;
		let issues: Issue[] | null = null;
		for (const hit of pair.targetHits) {
			const status = hit.term.status;
			if (status !== 'forbidden' && status !== 'deprecated' && status !== 'superseded') continue;
			if (status === 'deprecated' && !pair.sourceHits.some((h) => h.conceptKey === hit.conceptKey)) continue;
			const replacement = hit.term.replacement ?? conceptInfo(conceptInfos(ctx), ctx, hit.conceptKey)?.approvedTexts[0];
			(issues ??= []).push({
				check: 'term-forbidden',
				severity: status === 'forbidden' ? 'error' : 'warning',
				message: status === 'forbidden' ? 'checks.termForbidden' : 'checks.termDeprecated',
				params: { found: hit.text, replacement: replacement ?? '—' },
				segments: [pair.ord],
				document: pair.document,
				span: { side: 'target', start: hit.start, end: hit.end },
				fingerprint: `term-forbidden:${hit.conceptKey}:${hit.term.text}`,
				suggestions: replacement ? [replacement] : undefined
			});
		}
		return issues ?? NONE;
	}
};

/** the answer of most pairs, shared (frozen: a caller that added to it would fail loudly, not corrupt the next pair's) */
const NONE = Object.freeze([]) as unknown as Issue[];
