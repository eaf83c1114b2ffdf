import type { Issue } from '../model.js';
import type { QaCheck } from './types.js';
import { counter, issue } from './types.js';

/**
 * Every URL and e-mail address of the source, unchanged in the target (as many times). A
 * localised address (`/fr/` → `/en/`) is still reported: the translator accepts it once.
 */
export const urls: QaCheck = {
	id: 'qa.urls',
	run(ctx) {
		if (!ctx.source.links.length) return [];
		const issues: Issue[] = [];
		const fp = counter();
		for (const l of ctx.source.links) {
			// the n-th occurrence of an address in the source needs n in the target
			if (countIn(ctx.target.text, l.text) >= countIn(ctx.source.text.slice(0, l.end), l.text)) continue;
			const kind = l.text.includes('@') && !/^[a-z]+:\/\//i.test(l.text) ? 'email' : 'url';
			issues.push(
				issue(ctx, 'qa.urls', 'error', kind === 'email' ? 'emailMissing' : 'urlMissing', { url: l.text }, `missing:${fp(l.text)}`, { side: 'source', start: l.start, end: l.end }, [l.text])
			);
		}
		return issues;
	}
};

function countIn(text: string, sub: string): number {
	let n = 0;
	for (let i = text.indexOf(sub); i >= 0; i = text.indexOf(sub, i + sub.length)) n++;
	return n;
}
