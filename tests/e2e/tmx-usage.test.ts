import { describe, expect, it } from 'vitest';
import { createWorkbench } from '../../src/core/workbench.server.js';
import { useApp } from '../helpers/server.js';

const app = useApp();

/** The usage line of a TM unit page, as the server renders it, or null when the page has none. */
async function usageLine(id: number, lang: string): Promise<string | null> {
	const res = await fetch(`${app.server.url}/tm/units/${id}`, { headers: { 'accept-language': lang } });
	expect(res.status).toBe(200);
	const html = await res.text();
	// the scoped style's class and Svelte's hydration comments set aside
	const m = /<dd id="unit-usage"[^>]*>([\s\S]*?)<\/dd>/.exec(html);
	return m ? m[1].replace(/<!--[\s\S]*?-->/g, '') : null;
}

describe('TM unit page: TMX usage statistics', () => {
	it('shows “Used N times, last on DATE” when known, in English and French, and nothing otherwise', async () => {
		const wb = createWorkbench({ dbPath: app.server.dbPath });
		let ids: number[];
		try {
			ids = wb.tm.add([
				{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: 'Le Conseil siège.', target: 'The Council sits.', origin: 'import', usageCount: 3, lastUsedAt: '2019-05-15T09:12:32.000Z' },
				{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: 'Le Conseil siégera.', target: 'The Council will sit.', origin: 'import', targetUsage: { count: 1 } },
				{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: 'Le Conseil a siégé.', target: 'The Council sat.', origin: 'import' }
			]);
		} finally {
			wb.close();
		}
		const [both, countOnly, none] = ids;
		expect(await usageLine(both, 'en')).toMatch(/^Used 3 times, last on May 15, 2019/);
		expect(await usageLine(both, 'fr')).toMatch(/^Utilisée 3 fois, la dernière le 15 mai 2019/);
		expect(await usageLine(countOnly, 'en')).toBe('Used 1 time');
		expect(await usageLine(none, 'en')).toBeNull();
	});
});
