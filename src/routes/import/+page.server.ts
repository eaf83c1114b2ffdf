import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { createT } from '$lib/i18n/index.js';
import { failWith, formError } from '$lib/server/errors.js';
import { getWorkbench } from '$lib/server/workbench.js';
import { DEFAULT_MAX_BYTES, ENCODINGS } from '../../core/text/decode.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ maxBytes: DEFAULT_MAX_BYTES, encodings: ENCODINGS });

const Form = z.object({
	sourceLang: z.string().min(2).max(35),
	targetLang: z.string().min(2).max(35),
	title: z.string().max(300).optional(),
	encoding: z.enum(ENCODINGS as unknown as [string, ...string[]]).default('auto'),
	noClean: z.literal('on').optional(),
	text: z.string().optional()
});

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const t = createT(locals.lang);
		const data = await request.formData();
		const file = data.get('file');
		const parsed = Form.safeParse(Object.fromEntries([...data.entries()].filter(([, v]) => typeof v === 'string')));
		// everything the user typed comes back on an error, pasted text included
		const values = Object.fromEntries([...data.entries()].filter(([, v]) => typeof v === 'string'));
		if (!parsed.success) return fail(400, { values, error: formError(t, parsed.error.issues) });
		const f = parsed.data;
		const hasFile = file instanceof File && file.size > 0 && file.name !== '';
		const pasted = (f.text ?? '').trim() !== '';
		if (!hasFile && !pasted && !(file instanceof File && file.name !== '')) return fail(400, { values, error: t('import.needInput') });
		const wb = await getWorkbench();
		try {
			const res = await wb.importDocument({
				bytes: hasFile || !pasted ? new Uint8Array(await (file as File).arrayBuffer()) : new TextEncoder().encode(f.text!),
				file: hasFile || !pasted ? (file as File).name : 'pasted.txt',
				pasted: !hasFile && pasted,
				sourceLang: f.sourceLang,
				targetLang: f.targetLang,
				title: f.title,
				encoding: f.encoding as never,
				noClean: f.noClean === 'on'
			});
			redirect(303, `/documents/${res.id}?imported=1${res.sameFileAs.length ? `&same=${res.sameFileAs.map((d) => d.id).join(',')}` : ''}`);
		} catch (e) {
			return failWith(t, e, { values });
		}
	}
};
