import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { createT } from '$lib/i18n/index.js';
import { failWith, formError } from '$lib/server/errors.js';
import { getWorkbench } from '$lib/server/workbench.js';
import { createSegmentation } from '../../core/segment/plain.js';
import type { Actions } from './$types';

const Form = z.object({
	text: z.string().max(200_000),
	lang: z.string().min(2).max(35),
	rules: z.string().max(500_000).optional(),
	clean: z.literal('on').optional()
});

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const t = createT(locals.lang);
		const parsed = Form.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { error: formError(t, parsed.error.issues) });
		const { text, lang, rules, clean } = parsed.data;
		const values = { text, lang, rules: rules ?? '', clean: clean === 'on' };
		try {
			const wb = await getWorkbench();
			const seg = createSegmentation({ lang, rules: rules?.trim() ? rules : undefined, rulesFile: 'rules.srx', base: wb.rules });
			const { blocks } = seg.run(text, { noClean: clean !== 'on' });
			const paragraphs = blocks.map((b) => ({
				kind: b.kind,
				segments: b.segments.map((s) => ({ text: s.text, rule: s.rule ?? null })),
				decisions: seg.explain(b.text).map((d) => ({
					position: d.position,
					before: b.text.slice(Math.max(0, d.position - 30), d.position),
					after: b.text.slice(d.position, d.position + 30),
					break: d.break,
					rule: d.rule.id,
					pattern: `${d.rule.before} ‖ ${d.rule.after}`
				}))
			}));
			return { values, paragraphs };
		} catch (e) {
			return failWith(t, e, { values });
		}
	}
};
