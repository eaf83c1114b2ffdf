import { getWorkbench } from '$lib/server/workbench.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const wb = await getWorkbench();
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 2000);
	const mode = url.searchParams.get('mode') === 'fuzzy' ? 'fuzzy' : 'concordance';
	const threshold = Math.min(100, Math.max(1, Number(url.searchParams.get('threshold') ?? 50) || 50));
	const stats = wb.tm.stats();
	if (!q) return { q, mode, threshold, stats, concordance: [], matches: [] };
	if (mode === 'concordance') return { q, mode, threshold, stats, concordance: wb.tm.concordance(q, { limit: 100 }), matches: [] };
	const matches = wb.tm.lookup(q, { sourceLang: 'fr-FR', targetLang: 'en-GB', threshold, limit: 10 });
	return { q, mode, threshold, stats, concordance: [], matches };
};
