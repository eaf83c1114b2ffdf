import { fail, redirect } from '@sveltejs/kit';
import { createT } from '$lib/i18n/index.js';
import { documentId, failWith, throwFor } from '$lib/server/errors.js';
import { getWorkbench } from '$lib/server/workbench.js';
import { ENCODINGS, type Encoding } from '../../../../core/text/decode.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const t = createT(locals.lang);
	const id = documentId(params.id, t);
	const wb = await getWorkbench();
	try {
		const doc = wb.getDocument(id);
		const [aid] = wb.alignment.alignmentsOf(id);
		return { doc: { id: doc.id, title: doc.title, sourceLang: doc.sourceLang, targetLang: doc.targetLang }, view: aid ? wb.alignment.view(aid) : null, encodings: ENCODINGS };
	} catch (e) {
		throwFor(t, e);
	}
};

export const actions: Actions = {
	/** Imports the existing translation (file or pasted) and aligns it with this document. */
	translation: async ({ params, request, locals }) => {
		const t = createT(locals.lang);
		const id = documentId(params.id, t);
		const data = await request.formData();
		const file = data.get('file');
		const text = String(data.get('text') ?? '');
		const lang = String(data.get('lang') ?? 'en-GB');
		// the encoding a decoding error asks the user to choose, as on the import page
		const asked = String(data.get('encoding') ?? 'auto');
		const encoding = (ENCODINGS as readonly string[]).includes(asked) ? (asked as Encoding) : 'auto';
		const echo = { text, lang, encoding };
		const hasFile = file instanceof File && file.name !== '' && file.size > 0;
		if (!hasFile && !text.trim()) return fail(400, { error: t('import.needInput'), ...echo });
		const wb = await getWorkbench();
		try {
			const tr = await wb.importTranslation(id, {
				bytes: hasFile ? new Uint8Array(await (file as File).arrayBuffer()) : new TextEncoder().encode(text),
				file: hasFile ? (file as File).name : 'pasted.txt',
				lang,
				encoding
			});
			wb.alignment.alignDocuments(id, tr);
		} catch (e) {
			return failWith(t, e, echo);
		}
		redirect(303, `/documents/${id}/align`);
	}
};
