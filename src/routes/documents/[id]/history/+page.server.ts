import { createT } from '$lib/i18n/index.js';
import { documentId, throwFor } from '$lib/server/errors.js';
import { getWorkbench } from '$lib/server/workbench.js';
import { HISTORY_KINDS, type HistoryKind } from '../../../../core/db/history.repo.server.js';
import type { PageServerLoad } from './$types';

/** Changes listed on one page (`?page=N` for the older ones). */
const SHOWN = 500;

/**
 * A document's changes, newest first: `?by=NAME` keeps one signer's, `?unsigned=1` those
 * nobody signed, `?kind=KIND` one kind's; `?page=N` (from 1) the Nth 500 of them.
 */
export const load: PageServerLoad = async ({ params, url, locals }) => {
	const t = createT(locals.lang);
	const id = documentId(params.id, t);
	const unsigned = url.searchParams.get('unsigned') === '1';
	// "only unsigned" and a signer keep nothing together: the box wins, as it is the narrower ask
	const by = unsigned ? null : url.searchParams.get('by') || null;
	const rawPage = Number(url.searchParams.get('page') ?? '1');
	const page = Number.isSafeInteger(rawPage) && rawPage >= 1 ? rawPage : 1;
	const rawKind = url.searchParams.get('kind') || null;
	// an unknown kind in a hand-edited address lists nothing rather than everything
	const kind = rawKind && (HISTORY_KINDS as readonly string[]).includes(rawKind) ? (rawKind as HistoryKind) : null;
	const wb = await getWorkbench();
	try {
		const doc = wb.getDocument(id);
		const h = rawKind && !kind ? { entries: [], total: 0, signers: wb.editing.documentHistory(id, { limit: 0 }).signers } : wb.editing.documentHistory(id, { by, unsigned, kind, limit: SHOWN, offset: (page - 1) * SHOWN });
		return { doc: { id: doc.id, title: doc.title, targetLang: doc.targetLang }, ...h, filter: { by, unsigned, kind: rawKind }, page, perPage: SHOWN, kinds: HISTORY_KINDS };
	} catch (e) {
		throwFor(t, e);
	}
};
