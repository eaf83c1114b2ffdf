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
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

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
		// words side by side, compared in one pass (a back-reference pattern costs far more per keystroke)
		const text = ctx.target.masked;
		let prev: { word: string; start: number; end: number } | null = null;
		for (const m of text.matchAll(WORD)) {
			const word = m[0];
			const start = m.index!;
			if (prev && /^\s+$/u.test(text.slice(prev.end, start)) && word.toLowerCase() === prev.word.toLowerCase() && /\p{L}/u.test(word)) {
				if (!LEGIT_REPEAT.has(word.toLowerCase()) && !/^\p{Lu}+$/u.test(word))
					issues.push(issue(ctx, 'qa.punctuation', 'warning', 'repeatedWord', { word: prev.word }, `repeat:${word.toLowerCase()}`, { side: 'target', start: prev.start, end: start + word.length }, [prev.word]));
			}
			prev = { word, start, end: start + word.length };
		}
		return issues;
	}
};
