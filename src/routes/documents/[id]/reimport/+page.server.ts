import { fail } from '@sveltejs/kit';
import { createT } from '$lib/i18n/index.js';
import { documentId, failWith, throwFor } from '$lib/server/errors.js';
import { keepPlan, takePlan } from '$lib/server/reimports.js';
import { cleanUserName, USER_NAME_MAX, userNameProblem } from '$lib/server/user.js';
import { getWorkbench } from '$lib/server/workbench.js';
import { createExports } from '../../../../core/export/service.server.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const t = createT(locals.lang);
	const id = documentId(params.id, t);
	const wb = await getWorkbench();
	try {
		const doc = wb.getDocument(id);
		return { doc: { id: doc.id, title: doc.title, sourceLang: doc.sourceLang, targetLang: doc.targetLang }, history: createExports(wb).history(id).slice(-200).reverse() };
	} catch (e) {
		throwFor(t, e);
	}
};

export const actions: Actions = {
	/** Reads the file and returns the plan: nothing is written. */
	check: async ({ params, request, locals }) => {
		const t = createT(locals.lang);
		const id = documentId(params.id, t);
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { error: t('errors.file_empty', { file: file instanceof File ? file.name : '' }) });
		const wb = await getWorkbench();
		try {
			const plan = await createExports(wb).plan(id, new Uint8Array(await file.arrayBuffer()), file.name);
			return { plan, token: plan.blocking.length ? null : keepPlan(plan) };
		} catch (e) {
			return failWith(t, e);
		}
	},
	/** Applies the plan the user saw, in one transaction. */
	apply: async ({ params, request, locals }) => {
		const t = createT(locals.lang);
		const id = documentId(params.id, t);
		const data = await request.formData();
		// a posted `by` (scripts) follows the same rules as the name set on /settings
		const by = String(data.get('by') ?? '');
		const problem = userNameProblem(by);
		if (problem) return fail(400, { error: t(`signature.settings.${problem}`, { max: USER_NAME_MAX }) });
		const plan = takePlan(String(data.get('token') ?? ''), id);
		if (!plan) return fail(400, { error: t('reimport.expired') });
		const wb = await getWorkbench();
		try {
			const res = createExports(wb).apply(plan, { overwriteConflicts: data.get('overwrite') === 'on', by: cleanUserName(by) ?? locals.user });
			return { applied: res.applied, file: plan.file };
		} catch (e) {
			return failWith(t, e);
		}
	}
};
