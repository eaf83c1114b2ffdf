import type { Issue } from '../model.js';
import type { QaCheck } from './types.js';
import { issue } from './types.js';

// what may follow the final mark: closing quotes, brackets, a footnote call, tags
const TRAILER = /[\s»”’"')\]*¹²³\u{E000}-\u{F8FF}]*$/u;
const END = /[.!?…:;]$/;

function finalMark(text: string): { mark: string; at: number } | null {
	const body = text.replace(TRAILER, '');
	if (!body) return null;
	return END.test(body) ? { mark: body[body.length - 1], at: body.length - 1 } : { mark: '', at: body.length };
}

/** `nous nous`, `vous vous`, `had had`, `that that`: doubled on purpose. */
const LEGIT_REPEAT = new Set(['nous', 'vous', 'had', 'that', 'is']);
const REPEAT = /(?<![\p{L}\p{N}'’-])(\p{L}+)\s+(\1)(?![\p{L}\p{N}'’-])/giu;

/**
 * End punctuation and doubled words. A source sentence that ends with `.`, `!` or `?` and a
 * target that ends with no mark at all (or the reverse: a heading given a full stop), and a
 * question that is no longer one. A word written twice in a row (`the the`).
 */
export const punctuation: QaCheck = {
	id: 'qa.punctuation',
	run(ctx) {
		const t = ctx.target.text;
		if (!t.trim()) return [];
		const issues: Issue[] = [];
		const s = finalMark(ctx.source.text);
		const g = finalMark(t);
		if (s && g) {
			const sentence = (m: string) => m === '.' || m === '!' || m === '?' || m === '…';
			if (sentence(s.mark) && !g.mark)
				issues.push(issue(ctx, 'qa.punctuation', 'info', 'endMissing', { mark: s.mark }, `end-missing:${s.mark}`, { side: 'target', start: g.at, end: g.at }, [s.mark]));
			else if (!s.mark && g.mark === '.')
				issues.push(issue(ctx, 'qa.punctuation', 'info', 'endAdded', { mark: g.mark }, 'end-added', { side: 'target', start: g.at, end: g.at + 1 }, ['']));
			else if ((s.mark === '?') !== (g.mark === '?') && (s.mark === '?' || (g.mark === '?' && s.mark)))
				issues.push(issue(ctx, 'qa.punctuation', 'info', 'endDiffers', { source: s.mark, target: g.mark || '∅' }, `end-differs:${s.mark}:${g.mark}`, { side: 'target', start: g.at, end: g.at + (g.mark ? 1 : 0) }, [s.mark]));
		}
		for (const m of ctx.target.masked.matchAll(REPEAT)) {
			if (m[1] !== m[2] && m[1].toLowerCase() !== m[2].toLowerCase()) continue;
			if (LEGIT_REPEAT.has(m[1].toLowerCase()) || /^\p{Lu}+$/u.test(m[1])) continue;
			const start = m.index!;
			issues.push(issue(ctx, 'qa.punctuation', 'warning', 'repeatedWord', { word: m[1] }, `repeat:${m[1].toLowerCase()}`, { side: 'target', start, end: start + m[0].length }, [m[1]]));
		}
		return issues;
	}
};
