import { json } from '@sveltejs/kit';
import { getWorkbench } from '$lib/server/workbench.js';
import type { RequestHandler } from './$types';

/** Concordance search in the TM (`?q=`): units containing the words, highlighted. */
export const GET: RequestHandler = async ({ url }) => {
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 2000);
	const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 30) || 30, 1), 200);
	const wb = await getWorkbench();
	return json({ q, hits: q ? wb.tm.concordance(q, { limit }) : [] });
};
