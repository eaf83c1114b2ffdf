import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from '../helpers/server.js';

/** Auto-propagation in the editor: confirming a segment fills its empty repetitions, shown at once. */
const app = useApp();

const api = (path: string) => fetch(app.server.url + path).then((r) => r.json());
const activeOrd = (p: Page) => p.evaluate(() => Number(document.querySelector('#grid [role=row][aria-selected=true]')?.id.replace('row-', '') ?? 0) - 1);

async function importPasted(p: Page, text: string): Promise<number> {
	await p.goto(app.server.url + '/import');
	await p.fill('#text', text);
	await Promise.all([p.waitForURL(/\/documents\/\d+/), p.click('button[type=submit]')]);
	return Number(/\/documents\/(\d+)/.exec(p.url())![1]);
}

describe('auto-propagation in the editor', () => {
	it('a confirmation fills the next segment, an identical sentence, in the open box, and a later one in the grid', async () => {
		const p = await app.page('en');
		// 1 A · 2 A · 3 B | 4 C · 5 A
		const doc = await importPasted(p, 'Le Conseil se réunit. Le Conseil se réunit. Il adopte l’ordre du jour.\n\nLes Alliés en ont décidé ainsi. Le Conseil se réunit.');
		const sources = (await api(`/api/documents/${doc}/segments`)).segments.map((s: { source: string }) => s.source);
		expect(sources).toEqual(['Le Conseil se réunit.', 'Le Conseil se réunit.', 'Il adopte l’ordre du jour.', 'Les Alliés en ont décidé ainsi.', 'Le Conseil se réunit.']);

		await p.goto(`${app.server.url}/documents/${doc}/edit`);
		await p.waitForSelector('#grid[data-ready=true]');
		await p.click('#target-editor');
		await p.keyboard.type('The Council meets.');
		await p.keyboard.press('Control+Enter');
		await expect.poll(() => activeOrd(p)).toBe(1);
		await expect.poll(() => p.locator('#editor-notice').textContent(), { timeout: 10_000 }).toBe('Also filled 2 repetitions of this source as drafts: segments 2, 5.');
		// the open segment, untouched, shows the draft it was given; the other row too
		expect(await p.locator('#target-editor').inputValue()).toBe('The Council meets.');
		const row5 = p.locator('#row-5');
		expect((await row5.locator('.tgt').textContent())!.trim()).toBe('The Council meets.');
		expect(await row5.locator('.st').getAttribute('data-status')).toBe('draft');
		expect(await p.locator('#row-2 .st').getAttribute('data-status')).toBe('draft');
		expect((await api(`/api/documents/${doc}/segments/4`)).target).toBe('The Council meets.');

		// confirmed where it stands, with a word changed: no conflict, the translator's text wins
		await p.locator('#target-editor').fill('The Council meets again.');
		await p.keyboard.press('Control+Enter');
		await expect.poll(() => p.locator('#save-state').textContent(), { timeout: 10_000 }).toBe('All changes saved');
		expect(await p.locator('#conflict-yours').count()).toBe(0);
		expect((await api(`/api/documents/${doc}/segments/1`)).target).toBe('The Council meets again.');
		// segment 5 keeps the draft it got: it is no longer empty
		expect((await api(`/api/documents/${doc}/segments/4`)).target).toBe('The Council meets.');
		await p.context().close();
	});

	it('the history panel names the fill, in French', async () => {
		const p = await app.page('fr');
		const doc = await importPasted(p, 'La séance est ouverte. Les débats commencent.\n\nLe vote suit. La séance est ouverte.');
		await p.goto(`${app.server.url}/documents/${doc}/edit`);
		await p.waitForSelector('#grid[data-ready=true]');
		await p.click('#target-editor');
		await p.keyboard.type('The sitting is open.');
		await p.keyboard.press('Control+Enter');
		await expect.poll(() => p.locator('#editor-notice').textContent(), { timeout: 10_000 }).toBe('La répétition de cette source a aussi été remplie, en brouillon\u00a0: segment 4.');
		await p.goto(`${app.server.url}/documents/${doc}/history`);
		await expect.poll(() => p.locator('main').textContent()).toContain('Rempli depuis une répétition');
		await p.context().close();
	});
});
