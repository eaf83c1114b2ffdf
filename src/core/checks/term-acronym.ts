import type { Issue, TermHit } from '../model.js';
import { isAcronym } from '../terms/glossary.js';
import { conceptInfo, conceptInfos, needsExpansionOf } from './concept-info.js';
import type { SetCheck } from './types.js';

/** The concept written out: its full form or a variant of it, even a misspelt one (`NATO–Russia Council`, reported by term-forbidden). */
const spelledOut = (h: TermHit) => h.term.type === 'fullForm' || h.term.type === 'variant';

/**
 * Acronyms, over a whole document in order: a source-language acronym left untranslated in
 * the target (FIAS for ISAF), and an acronym whose first use in the target comes without its
 * full form in the same segment, where the glossary says it needs one.
 */
export const termAcronym: SetCheck = {
	id: 'term-acronym',
	run(pairs, ctx) {
		const issues: Issue[] = [];
		const introduced = new Set<string>();
		const infos = conceptInfos(ctx);
		for (const pair of pairs) {
			if (!pair.target) continue;
			for (const hit of pair.targetSourceHits) {
				if (!isAcronym(hit.term)) continue;
				const info = conceptInfo(infos, ctx, hit.conceptKey);
				if (!info) continue;
				const targets = info.approvedTexts;
				if (targets.length === 0 || targets.includes(hit.text)) continue;
				issues.push({
					check: 'term-acronym',
					severity: 'error',
					message: 'checks.acronymUntranslated',
					params: { found: hit.text, targetLang: ctx.targetLang, expected: info.acronymExpected },
					segments: [pair.ord],
					document: pair.document,
					span: { side: 'target', start: hit.start, end: hit.end },
					fingerprint: `acronym-untranslated:${hit.conceptKey}:${hit.text}`,
					suggestions: info.acronymTexts.length ? info.acronymTexts.slice() : undefined
				});
			}
			for (const hit of pair.targetHits) {
				if (introduced.has(hit.conceptKey)) continue;
				const info = conceptInfo(infos, ctx, hit.conceptKey);
				if (!info) continue;
				if (spelledOut(hit)) {
					introduced.add(hit.conceptKey);
					continue;
				}
				// only an approved acronym is to be expanded: a deprecated or forbidden one (FYROM, U.S., Nato) is reported by term-forbidden, with its replacement
				if (!needsExpansionOf(infos, info.concept, hit.term) || (hit.term.status !== 'preferred' && hit.term.status !== 'admitted')) continue;
				introduced.add(hit.conceptKey);
				if (pair.targetHits.some((h) => h.conceptKey === hit.conceptKey && spelledOut(h))) continue;
				const full = info.fullForm;
				issues.push({
					check: 'term-acronym',
					severity: 'warning',
					message: 'checks.acronymNotExpanded',
					params: { found: hit.text, full: full?.text ?? '' },
					segments: [pair.ord],
					document: pair.document,
					span: { side: 'target', start: hit.start, end: hit.end },
					fingerprint: `acronym-expansion:${hit.conceptKey}`,
					suggestions: full ? [`${full.text} (${hit.text})`] : undefined
				});
			}
		}
		return issues;
	}
};
