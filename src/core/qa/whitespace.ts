import type { Issue } from '../model.js';
import type { QaCheck } from './types.js';
import { counter, issue } from './types.js';

const RUN = /[ \u00A0\u202F\u2009\u2007]{2,}/g;
const LEAD = /^\s+/u;
const TRAIL = /\s+$/u;

const show = (s: string) =>
	[...s].map((c) => ({ ' ': '␣', '\t': '⇥', '\u00A0': '⍽', '\u202F': '⍽', '\n': '↵' })[c] ?? c).join('');

/**
 * Spacing a reader sees or a layout suffers from: two spaces in a row, a target that starts
 * or ends with spaces where its source does not (or the reverse: segments are glued back
 * into paragraphs with the source's spacing), tabs and line breaks that the source lacks.
 * Only the target is judged; a PDF source full of stray spaces is not the translator's fault.
 */
export const whitespace: QaCheck = {
	id: 'qa.whitespace',
	run(ctx) {
		const t = ctx.target.text;
		const s = ctx.source.text;
		if (!t.trim()) return [];
		const issues: Issue[] = [];
		const fp = counter();
		const lead = LEAD.exec(t)?.[0] ?? '';
		const trail = TRAIL.exec(t)?.[0] ?? '';
		const body = t.slice(lead.length, t.length - trail.length);
		for (const m of body.matchAll(RUN)) {
			const start = lead.length + m.index!;
			// a run holding a no-break space is typography that went one space too far: keep the no-break one
			const keep = [...m[0]].find((c) => c !== ' ') ?? ' ';
			issues.push(issue(ctx, 'qa.whitespace', 'info', 'doubleSpace', { spaces: show(m[0]) }, `double:${fp('run')}`, { side: 'target', start, end: start + m[0].length }, [keep]));
		}
		const srcLead = /^\s/u.test(s);
		const srcTrail = /\s$/u.test(s);
		if (lead && !srcLead) issues.push(issue(ctx, 'qa.whitespace', 'info', 'leadingSpace', {}, 'leading', { side: 'target', start: 0, end: lead.length }, ['']));
		if (!lead && srcLead && s.trim()) issues.push(issue(ctx, 'qa.whitespace', 'info', 'leadingSpaceMissing', {}, 'leading-missing', { side: 'target', start: 0, end: 0 }, [LEAD.exec(s)![0]]));
		if (trail && !srcTrail) issues.push(issue(ctx, 'qa.whitespace', 'info', 'trailingSpace', {}, 'trailing', { side: 'target', start: t.length - trail.length, end: t.length }, ['']));
		if (!trail && srcTrail && s.trim()) issues.push(issue(ctx, 'qa.whitespace', 'info', 'trailingSpaceMissing', {}, 'trailing-missing', { side: 'target', start: t.length, end: t.length }, [TRAIL.exec(s)![0]]));
		for (const [c, name] of [
			['\t', 'tab'],
			['\n', 'lineBreak']
		] as const) {
			const inT = body.split(c).length - 1;
			const inS = s.trim().split(c).length - 1;
			if (inT > inS) {
				const at = lead.length + body.indexOf(c);
				issues.push(issue(ctx, 'qa.whitespace', 'info', name === 'tab' ? 'tabExtra' : 'lineBreakExtra', { count: inT - inS }, `${name}-extra`, { side: 'target', start: at, end: at + 1 }, [' ']));
			} else if (inT < inS) issues.push(issue(ctx, 'qa.whitespace', 'info', name === 'tab' ? 'tabMissing' : 'lineBreakMissing', { count: inS - inT }, `${name}-missing`));
		}
		return issues;
	}
};
