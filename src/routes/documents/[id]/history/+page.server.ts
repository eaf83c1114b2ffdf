import { createT } from '$lib/i18n/index.js';
import { documentId, throwFor } from '$lib/server/errors.js';
import { getWorkbench } from '$lib/server/workbench.js';
import { HISTORY_KINDS, type HistoryKind } from '../../../../core/db/history.repo.server.js';
import type { PageServerLoad } from './$types';

/** Changes listed on one page: the newest; the CLI (`atelier edit history DOC`) lists them all. */
const SHOWN = 500;

/** A document's changes (`?by=NAME&kind=KIND` keep one signer's or one kind's), newest first. */
export const load: PageServerLoad = async ({ params, url, locals }) => {
	const t = createT(locals.lang);
	const id = documentId(params.id, t);
	const by = url.searchParams.get('by') || null;
	const rawKind = url.searchParams.get('kind') || null;
	// an unknown kind in a hand-edited address lists nothing rather than everything
	const kind = rawKind && (HISTORY_KINDS as readonly string[]).includes(rawKind) ? (rawKind as HistoryKind) : null;
	const wb = await getWorkbench();
	try {
		const doc = wb.getDocument(id);
		const h = rawKind && !kind ? { entries: [], total: 0, signers: wb.editing.documentHistory(id, { limit: 0 }).signers } : wb.editing.documentHistory(id, { by, kind, limit: SHOWN });
		return { doc: { id: doc.id, title: doc.title, targetLang: doc.targetLang }, ...h, filter: { by, kind: rawKind }, kinds: HISTORY_KINDS };
	} catch (e) {
		throwFor(t, e);
	}
};
