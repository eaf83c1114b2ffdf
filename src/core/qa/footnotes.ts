import type { Issue } from '../model.js';
import type { QaCheck } from './types.js';
import { issue } from './types.js';

/** A footnote call: an asterisk or a run of superscript digits stuck to the word before it (`Macédoine*`, `Alliance¹`). */
const CALL = /(?<=[\p{L}\p{N}.,;:)»”’])(\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)(?![\p{L}\p{N}*])/gu;

/**
 * The source's footnote calls, as many in the target: a call lost in translation leaves
 * its note hanging (`the former Yugoslav Republic of Macedonia*` keeps its asterisk).
 */
export const footnotes: QaCheck = {
	id: 'qa.footnotes',
	run(ctx) {
		if (!ctx.target.text.trim()) return [];
		const src = [...ctx.source.masked.matchAll(CALL)];
		if (!src.length) return [];
		const tgt = [...ctx.target.masked.matchAll(CALL)].map((m) => m[1]);
		const issues: Issue[] = [];
		const left = [...tgt];
		for (const m of src) {
			const i = left.indexOf(m[1]);
			if (i >= 0) {
				left.splice(i, 1);
				continue;
			}
			issues.push(issue(ctx, 'qa.footnotes', 'warning', 'footnoteMissing', { mark: m[1] }, `missing:${m[1]}`, { side: 'source', start: m.index!, end: m.index! + m[1].length }, [m[1]]));
		}
		return issues;
	}
};
