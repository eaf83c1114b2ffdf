import { TAG_BASE } from '../model.js';
import type { Issue } from '../model.js';
import type { QaCheck } from './types.js';
import { issue } from './types.js';

/** `#3` for the third tag of the unit, as the editor shows the placeholder. */
export const tagLabel = (c: string) => `#${c.charCodeAt(0) - TAG_BASE + 1}`;

/**
 * Every inline tag of the source, as many times in the target: a lost tag loses formatting
 * or a link in the exported file. Order is free, a translation may move a tag.
 */
export const tags: QaCheck = {
	id: 'qa.tags',
	run(ctx) {
		const src = ctx.source.tags;
		const tgt = ctx.target.tags;
		if (!src.length && !tgt.length) return [];
		const issues: Issue[] = [];
		const byChar = (list: typeof src) => {
			const m = new Map<string, number[]>();
			for (const t of list) m.set(t.char, [...(m.get(t.char) ?? []), t.start]);
			return m;
		};
		const s = byChar(src);
		const t = byChar(tgt);
		for (const [c, at] of s) {
			const have = t.get(c)?.length ?? 0;
			for (let i = have; i < at.length; i++)
				issues.push(issue(ctx, 'qa.tags', 'error', 'tagMissing', { tag: tagLabel(c) }, `missing:${tagLabel(c)}#${i + 1}`, { side: 'source', start: at[i], end: at[i] + 1 }, [c]));
		}
		for (const [c, at] of t) {
			const want = s.get(c)?.length ?? 0;
			for (let i = want; i < at.length; i++)
				issues.push(issue(ctx, 'qa.tags', 'error', 'tagExtra', { tag: tagLabel(c) }, `extra:${tagLabel(c)}#${i + 1}`, { side: 'target', start: at[i], end: at[i] + 1 }, ['']));
		}
		return issues;
	}
};
