import { json } from '@sveltejs/kit';
import { getWorkbench } from '$lib/server/workbench.js';
import type { RequestHandler } from './$types';

/** Concordance search in the TM (`?q=`): units containing the words, highlighted; `&source=fr&target=en` keeps one language pair. */
export const GET: RequestHandler = async ({ url }) => {
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 2000);
	const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 30) || 30, 1), 200);
	const wb = await getWorkbench();
	const sourceLang = url.searchParams.get('source') || undefined;
	const targetLang = url.searchParams.get('target') || undefined;
	return json({ q, hits: q ? wb.tm.concordance(q, { limit, sourceLang, targetLang }) : [] });
};
