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

	it('the editor’s match shows how often its unit was used, and confirming the match counts one use more', async () => {
		const seg = await (await fetch(`${app.server.url}/api/documents/3/segments/12`)).json();
		const wb = createWorkbench({ dbPath: app.server.dbPath });
		let id: number;
		try {
			[id] = wb.tm.add([{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: seg.source, target: 'A reused translation.', origin: 'import', usageCount: 7 }]);
		} finally {
			wb.close();
		}
		const p = await app.page();
		await p.goto(`${app.server.url}/documents/3/edit?seg=13`);
		await p.waitForSelector('#grid[data-ready=true]');
		const match = p.locator('#match-list li.match').first();
		await expect.poll(() => match.locator('.used').textContent()).toBe(' · used 7 times');
		await p.locator('#target-editor').focus();
		await p.keyboard.press('Control+1');
		expect(await p.locator('#target-editor').inputValue()).toBe('A reused translation.');
		await p.keyboard.press('Control+Enter');
		await expect.poll(() => p.locator('#save-state').textContent()).toBe('All changes saved');
		expect(await usageLine(id, 'en')).toMatch(/^Used 8 times, last on /);
	});

	it('the TM page’s import lists what the reader left out, located, as the CLI does', async () => {
		const tmx = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="fr-FR" datatype="plaintext"/>
<body>
<tu usagecount="beaucoup"><tuv xml:lang="fr-FR"><seg>Le Conseil a siégé hier.</seg></tuv><tuv xml:lang="en-GB"><seg>The Council sat yesterday.</seg></tuv></tu>
<tu usagecount="2"><tuv xml:lang="fr-FR"><seg>Le Conseil siège demain.</seg></tuv><tuv xml:lang="en-GB"><seg>The Council sits tomorrow.</seg></tuv></tu>
</body></tmx>
`;
		const p = await app.page();
		await p.goto(app.server.url + '/tm');
		await p.setInputFiles('#tmx', { name: 'usage.tmx', mimeType: 'application/xml', buffer: Buffer.from(tmx) });
		await p.click('#tm-import button');
		await expect.poll(() => p.locator('#tm-progress').textContent(), { timeout: 30_000 }).toContain('Done: 2 units imported.');
		expect(await p.locator('#tm-import-warnings p').first().textContent()).toBe('What the reader left out (1):');
		expect(await p.locator('#tm-import-warnings li').allTextContents()).toEqual(['line 4:1 — usagecount “beaucoup” is not a count: left out']);
	});
});
