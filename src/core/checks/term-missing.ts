import type { Issue } from '../model.js';
import { conceptInfo, conceptInfos, hasText, orderFor } from './concept-info.js';
import type { PairCheck } from './types.js';

/**
 * The source has a glossary term and the target has none of its approved equivalents
 * (every preferred and admitted synonym counts). Silent when the target uses a forbidden
 * or deprecated variant of the same concept: `term-forbidden` reports that, with the fix.
 */
export const termMissing: PairCheck = {
	id: 'term-missing',
	run(pair, ctx) {
		const sourceHits = pair.sourceHits;
		if (sourceHits.length === 0 || !hasText(pair.target)) return NONE;
		const infos = conceptInfos(ctx);
		const targetHits = pair.targetHits;
		let issues: Issue[] | null = null;
		for (let k = 0; k < sourceHits.length; k++) {
			const hit = sourceHits[k];
			const key = hit.conceptKey;
			// an earlier hit of the same concept was the one reported on (most sources hold one or two terms: a scan back, not a set)
			let again = false;
			for (let b = 0; b < k && !again; b++) again = sourceHits[b].conceptKey === key;
			if (again) continue;
			const info = conceptInfo(infos, ctx, key);
			if (!info || info.approved.length === 0) continue;
			let rendered = false;
			for (let t = 0; t < targetHits.length && !rendered; t++) rendered = targetHits[t].conceptKey === key;
			if (rendered) continue;
			// what to write in the order that fits the source: `OTAN` asks for NATO first, its full form for the full form
			const order = orderFor(info, hit.term);
			(issues ??= []).push({
				check: 'term-missing',
				severity: 'error',
				message: 'checks.termMissing',
				params: { source: hit.text, expected: order.expected },
				segments: [pair.ord],
				document: pair.document,
				span: { side: 'source', start: hit.start, end: hit.end },
				fingerprint: `term-missing:${key}`,
				suggestions: order.texts.slice()
			});
		}
		return issues ?? NONE;
	}
};

/** the answer of most pairs, shared (frozen: a caller that added to it would fail loudly, not corrupt the next pair's) */
const NONE = Object.freeze([]) as unknown as Issue[];
