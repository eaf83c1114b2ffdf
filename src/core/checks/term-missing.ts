import type { Issue } from '../model.js';
import { approvedTerms } from '../terms/glossary.js';
import type { PairCheck } from './types.js';

/**
 * The source has a glossary term and the target has none of its approved equivalents
 * (every preferred and admitted synonym counts). Silent when the target uses a forbidden
 * or deprecated variant of the same concept: `term-forbidden` reports that, with the fix.
 */
export const termMissing: PairCheck = {
	id: 'term-missing',
	run(pair, ctx) {
		if (!pair.target?.trim()) return [];
		const issues: Issue[] = [];
		// most sources hold one or two terms: no set for them
		const seen = pair.sourceHits.length > 1 ? new Set<string>() : null;
		for (const hit of pair.sourceHits) {
			if (seen) {
				if (seen.has(hit.conceptKey)) continue;
				seen.add(hit.conceptKey);
			}
			const concept = ctx.concepts.get(hit.conceptKey);
			if (!concept) continue;
			const approved = approvedTerms(concept, ctx.targetLang);
			if (approved.length === 0) continue;
			if (pair.targetHits.some((h) => h.conceptKey === hit.conceptKey)) continue;
			issues.push({
				check: 'term-missing',
				severity: 'error',
				message: 'checks.termMissing',
				params: { source: hit.text, expected: approved.map((t) => t.text).join(' / ') },
				segments: [pair.ord],
				document: pair.document,
				span: { side: 'source', start: hit.start, end: hit.end },
				fingerprint: `term-missing:${hit.conceptKey}`,
				suggestions: approved.map((t) => t.text)
			});
		}
		return issues;
	}
};
