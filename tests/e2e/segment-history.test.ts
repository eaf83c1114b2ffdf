import { describe, expect, it } from 'vitest';
import { createWorkbench } from '../../src/core/workbench.server.js';
import { useApp } from '../helpers/server.js';

// The editor's History panel: a segment's changes, newest first, with who, when, what kind,
// the status change and a word diff; Restore brings a version back (saved as a draft, recorded
// as a restore), after saving what was typed and not yet saved, so nothing typed is lost.

const app = useApp();

const get = async (doc: number, ord: number) => (await fetch(`${app.server.url}/api/documents/${doc}/segments/${ord}`)).json();
const put = async (doc: number, ord: number, body: Record<string, unknown>) => {
	const { version } = await get(doc, ord);
	const r = await fetch(`${app.server.url}/api/documents/${doc}/segments/${ord}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version, ...body }) });
	expect(r.status).toBe(200);
};

describe('segment history in the editor', () => {
	it('lists the changes with their diff, restores an earlier version, and keeps the text typed just before', async () => {
		await put(3, 8, { target: 'The Allies met in Bucharest.', status: 'translated', by: 'Paul' });
		await put(3, 8, { target: 'The Allies met at Bucharest.', status: 'draft', by: 'Anna' });
		const api = await (await fetch(`${app.server.url}/api/documents/3/segments/8/history`)).json();
		expect(api.total).toBe(2);
		expect(api.entries.map((e: { kind: string; changedBy: string }) => [e.kind, e.changedBy])).toEqual([
			['edit', 'Anna'],
			['edit', 'Paul']
		]);

		const p = await app.page();
		await p.goto(`${app.server.url}/documents/3/edit?seg=9`);
		await p.waitForSelector('#grid[data-ready=true]');
		expect(await p.locator('#target-editor').inputValue()).toBe('The Allies met at Bucharest.');
		await expect.poll(() => p.locator('#history-count').textContent()).toBe('2 changes');
		expect(await p.locator('#history-last').textContent()).toMatch(/^last: .*\d.* by Anna$/);
		await p.locator('#history-details summary').click();
		const entries = p.locator('#history-list > li.entry:not(.original)');
		expect(await entries.count()).toBe(2);
		const newest = entries.nth(0);
		expect(await newest.locator('.kind').textContent()).toBe('Edited');
		expect(await newest.locator('.signer').textContent()).toBe('by Anna');
		expect(await newest.locator('.status').textContent()).toBe('Translated → Draft');
		// the word diff: "in" removed, "at" added
		expect(await newest.locator('.diff del').allTextContents()).toEqual(['in']);
		expect(await newest.locator('.diff ins').allTextContents()).toEqual(['at']);
		// the version in the editor cannot be restored onto itself
		expect(await newest.locator('button.restore').isDisabled()).toBe(true);
		const older = entries.nth(1);
		expect(await older.locator('.signer').textContent()).toBe('by Paul');
		expect(await older.locator('.status').textContent()).toBe('New → Translated');
		expect(await older.locator('.diff ins').allTextContents()).toEqual(['The Allies met in Bucharest.']);

		// typed, and Restore pressed before the autosave: the typed text is saved first, then the restore
		await p.locator('#target-editor').fill('Typed just before the restore.');
		await older.locator('button.restore').click();
		await expect.poll(() => p.locator('#target-editor').inputValue()).toBe('The Allies met in Bucharest.');
		await expect.poll(() => p.locator('#save-state').textContent()).toBe('All changes saved');
		expect(await get(3, 8)).toMatchObject({ target: 'The Allies met in Bucharest.', status: 'draft' });
		await expect.poll(() => p.locator('#history-count').textContent()).toBe('4 changes');
		expect(await entries.nth(0).locator('.kind').textContent()).toBe('Restored');
		expect(await entries.nth(0).locator('.diff del').allTextContents()).toEqual(['Typed just before the restore']);
		const after = await (await fetch(`${app.server.url}/api/documents/3/segments/8/history`)).json();
		expect(after.entries.map((e: { kind: string; oldTarget: string; newTarget: string }) => [e.kind, e.oldTarget, e.newTarget])).toEqual([
			['restore', 'Typed just before the restore.', 'The Allies met in Bucharest.'],
			['edit', 'The Allies met at Bucharest.', 'Typed just before the restore.'],
			['edit', 'The Allies met in Bucharest.', 'The Allies met at Bucharest.'],
			['edit', null, 'The Allies met in Bucharest.']
		]);

		// the French interface
		await p.context().addCookies([{ name: 'atelier_lang', value: 'fr', url: app.server.url }]);
		await p.reload();
		await p.waitForSelector('#grid[data-ready=true]');
		await expect.poll(() => p.locator('#history-count').textContent()).toBe('4 modifications');
		await p.locator('#history-details summary').click();
		expect(await entries.nth(0).locator('.kind').textContent()).toBe('Restauré');
	});

	it('the document’s Changes page lists every change, filters by signer and kind, and links each to its segment in the editor', async () => {
		await put(3, 20, { target: 'First by Zoé.', status: 'draft', by: 'Zoé' });
		await put(3, 21, { target: 'Second by Yann.', status: 'translated', by: 'Yann' });
		const p = await app.page();
		await p.goto(`${app.server.url}/documents/3`);
		await Promise.all([p.waitForURL(/\/documents\/3\/history$/), p.locator('#history-link').click()]);
		const rows = p.locator('#history-table tbody tr');
		const first = rows.nth(0);
		expect(await first.locator('td.seg a').textContent()).toBe('22');
		expect(await first.locator('.signer').textContent()).toBe('by Yann');
		expect(await first.locator('td').nth(3).textContent()).toBe('New → Translated');
		expect(await first.locator('.diff ins').allTextContents()).toEqual(['Second by Yann.']);
		const total = Number((await p.locator('#history-total').textContent())!.match(/\d+/)![0]);
		expect(await rows.count()).toBe(total);

		// one signer: only Zoé's change
		await p.locator('#history-by').selectOption('Zoé');
		await Promise.all([p.waitForURL(/by=Zo%C3%A9/), p.locator('#history-filters button').click()]);
		expect(await rows.count()).toBe(1);
		expect(await rows.nth(0).locator('td.seg a').textContent()).toBe('21');
		expect(await p.locator('#history-total').textContent()).toBe('1 change');
		// one kind no change has: none
		await p.goto(`${app.server.url}/documents/3/history?kind=replace`);
		expect(await p.locator('#history-none').textContent()).toBe('No change matches.');
		await p.goto(`${app.server.url}/documents/3/history?kind=nonsense`);
		expect(await p.locator('#history-none').count()).toBe(1);

		// the segment number opens the editor on that segment
		await p.goto(`${app.server.url}/documents/3/history?by=Yann`);
		await Promise.all([p.waitForURL(/\/documents\/3\/edit\?seg=22$/), p.locator('#history-table td.seg a').first().click()]);
		await p.waitForSelector('#grid[data-ready=true]');
		expect(await p.locator('#target-editor').inputValue()).toBe('Second by Yann.');
	});

	it('the Changes page lists the changes nobody signed, and pages through more than 500, the filters kept', async () => {
		await put(3, 23, { target: 'Nobody signed this.', status: 'draft' });
		// 520 changes of segment 25 by as many signers (each its own change: autosaves coalesce one person's burst only)
		const wb = createWorkbench({ dbPath: app.server.dbPath });
		try {
			for (let k = 0; k < 520; k++) {
				const s = wb.editing.get(3, 24);
				expect(wb.editing.save(3, 24, { target: `Version ${k}.`, status: 'draft', version: s.version, by: `Signer ${k}` }).ok).toBe(true);
			}
		} finally {
			wb.close();
		}
		const p = await app.page();
		await p.goto(`${app.server.url}/documents/3/history`);
		const rows = p.locator('#history-table tbody tr');
		const total = Number((await p.locator('#history-total').textContent())!.match(/^(\d+)/)![1]);
		expect(total).toBeGreaterThan(520);
		expect(await rows.count()).toBe(500);
		expect(await p.locator('#history-total').textContent()).toContain('changes 1–500 shown, newest first');
		expect(await p.locator('#history-pager-top').textContent()).toContain(`page 1 of 2`);
		expect(await rows.nth(0).locator('.diff ins').allTextContents()).toEqual(['519']);
		// the older ones on the next page, numbered on
		await Promise.all([p.waitForURL(/page=2$/), p.locator('#history-pager-bottom a.older').click()]);
		expect(await rows.count()).toBe(total - 500);
		expect(await p.locator('#history-total').textContent()).toContain(`changes 501–${total} shown`);
		expect(await p.locator('#history-pager-top a.older').count()).toBe(0);
		await Promise.all([p.waitForURL(/history$/), p.locator('#history-pager-top a.newer').click()]);
		expect(await rows.count()).toBe(500);

		// only the unsigned (the one saved without a name, the earlier tests' unsigned saves), and no pager
		await p.locator('#history-unsigned').check();
		await Promise.all([p.waitForURL(/unsigned=1/), p.locator('#history-filters button').click()]);
		const unsigned = await rows.count();
		expect(unsigned).toBeGreaterThanOrEqual(1);
		expect(unsigned).toBeLessThan(10);
		expect(await p.locator('#history-table .signer').count()).toBe(0);
		expect(await rows.nth(0).locator('td.seg a').textContent()).toBe('24');
		expect(await rows.nth(0).locator('.diff ins').allTextContents()).toEqual(['Nobody signed this.']);
		expect(await p.locator('#history-total').textContent()).toBe(`${unsigned} change${unsigned > 1 ? 's' : ''}`);
		expect(await p.locator('#history-unsigned').isChecked()).toBe(true);
		expect(await p.locator('#history-pager-top').count()).toBe(0);
		// a kind and a page are kept in the pager's links
		await p.goto(`${app.server.url}/documents/3/history?kind=edit&page=2`);
		expect(await p.locator('#history-pager-top a.newer').getAttribute('href')).toBe('/documents/3/history?kind=edit');
		await p.context().close();
	});
});
