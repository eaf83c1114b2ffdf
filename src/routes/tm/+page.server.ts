import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { createT } from '$lib/i18n/index.js';
import { formError } from '$lib/server/errors.js';
import { getWorkbench } from '$lib/server/workbench.js';
import { primaryLang } from '../../core/lang.js';
import { FLASH, flashAndRedirect, takeFlash } from '$lib/server/flash.js';
import type { Actions, PageServerLoad } from './$types';

/** Concordance hits the page lists at most. */
const CONCORDANCE_SHOWN = 100;

export const load: PageServerLoad = async ({ url, cookies }) => {
	const wb = await getWorkbench();
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 2000);
	const mode = url.searchParams.get('mode') === 'fuzzy' ? 'fuzzy' : 'concordance';
	const threshold = Math.min(100, Math.max(1, Number(url.searchParams.get('threshold') ?? 50) || 50));
	const stats = wb.tm.stats();
	const message = takeFlash(cookies, FLASH.tm);
	const imports = stats.imports;
	// the pairs the TM holds, largest first; fr→en by default when there is one
	const pairs = stats.byPair.map((p) => ({ value: `${p.source_lang}>${p.target_lang}`, sourceLang: p.source_lang, targetLang: p.target_lang, n: p.n }));
	const asked = pairs.find((p) => p.value === url.searchParams.get('pair'));
	const pair = asked ?? pairs.find((p) => primaryLang(p.sourceLang) === 'fr' && primaryLang(p.targetLang) === 'en') ?? pairs[0] ?? { value: 'fr-FR>en-GB', sourceLang: 'fr-FR', targetLang: 'en-GB', n: 0 };
	const base = { q, mode, threshold, stats, pairs, pair: pair.value, imports, message };
	if (!q) return { ...base, concordance: [], capped: false, matches: [] };
	if (mode === 'concordance') {
		// a pair the reader chose narrows the concordance too; without one it searches every pair.
		// One more than shown tells a full list from a cut one ("the first 100"), without counting every hit
		const hits = wb.tm.concordance(q, { limit: CONCORDANCE_SHOWN + 1, ...(asked ? { sourceLang: asked.sourceLang, targetLang: asked.targetLang } : {}) });
		return { ...base, concordance: hits.slice(0, CONCORDANCE_SHOWN), capped: hits.length > CONCORDANCE_SHOWN, matches: [] };
	}
	const matches = wb.tm.lookup(q, { sourceLang: pair.sourceLang, targetLang: pair.targetLang, threshold, limit: 10 });
	return { ...base, concordance: [], capped: false, matches };
};

const DeleteImport = z.object({ file: z.string().min(1).max(4096) });

export const actions: Actions = {
	/** Every unit of one imported file goes, in one transaction: the undo of a wrong import. */
	deleteImport: async ({ request, locals, cookies, url }) => {
		const t = createT(locals.lang);
		const parsed = DeleteImport.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { error: formError(t, parsed.error.issues) });
		const wb = await getWorkbench();
		const r = wb.tm.deleteImport(parsed.data.file);
		flashAndRedirect(cookies, url, FLASH.tm, t('tmMaintenance.page.importDeleted', { n: r.deleted, file: parsed.data.file }), '/tm');
	}
};
