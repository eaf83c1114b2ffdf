import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from '../helpers/server.js';

const root = join(import.meta.dirname, '..', '..');
const app = useApp();
const newPage = (lang?: string) => app.page(lang);

async function documentCount(page: Page): Promise<number> {
	await page.goto(app.server.url + '/');
	return page.locator('#documents tbody tr').count();
}

describe('the built app in Chromium', () => {
	it('says where it listens, and lists the seeded documents with their counts', async () => {
		expect(app.server.output()).toMatch(/Listening on http:\/\/127\.0\.0\.1:\d+/);
		const page = await newPage();
		await page.goto(app.server.url + '/');
		const rows = page.locator('#documents tbody tr');
		await expect.poll(() => rows.count()).toBe(4);
		const nrc = rows.filter({ hasText: 'Déclaration du Président' });
		const cells = await nrc.locator('td').allTextContents();
		expect(cells[2]).toBe('fr-FR → en-GB');
		expect(cells[3]).toBe('11');
		expect(Number(cells[4])).toBeGreaterThan(30);
		await page.context().close();
	});

	it('keeps column headings, figures and edit links whole: only imported text may break inside a word', async () => {
		// per element: its line boxes (distinct tops of its text's rectangles) and its words
		const layout = (page: Page, selector: string) =>
			page.evaluate((sel) => {
				return [...document.querySelectorAll(sel)]
					.filter((e) => e.textContent!.trim())
					.map((e) => {
						const r = document.createRange();
						r.selectNodeContents(e);
						const tops = new Set([...r.getClientRects()].map((x) => Math.round(x.top)));
						return { text: e.textContent!.trim(), lines: tops.size, words: e.textContent!.trim().split(/\s+/).length };
					});
			}, selector);
		const page = await newPage();
		for (const width of [1280, 1000]) {
			await page.setViewportSize({ width, height: 800 });
			await page.goto(app.server.url + '/');
			const cells = await layout(page, '#documents th[scope=col], #documents td.num');
			expect(cells.length).toBeGreaterThan(20);
			// a word broken across lines makes more lines than words
			for (const c of cells) expect(c.lines, `${c.text} at ${width}px`).toBeLessThanOrEqual(c.words);
			expect(cells.filter((c) => /^\d[\d,]*$/.test(c.text)).every((c) => c.lines === 1)).toBe(true);
			await page.goto(app.server.url + '/glossary');
			const edits = await layout(page, '#concepts td.nowrap');
			expect(edits.length).toBeGreaterThan(100);
			for (const c of edits) expect(c.lines, `${c.text} at ${width}px`).toBe(1);
		}
		await page.context().close();
	});

	it('imports a seed from the import page and shows its segments by kind', async () => {
		const page = await newPage();
		await page.goto(app.server.url + '/import');
		await page.setInputFiles('#file', join(root, 'segments/bucharest-summit-2008/fr.txt'));
		await page.fill('#title', 'Brochure de Bucarest (e2e)');
		// the seeded brochure came from the same file: the import is done, and says so
		await Promise.all([page.waitForURL(/\/documents\/\d+\?imported=1&same=\d+$/), page.click('button[type=submit]')]);
		await expect.poll(() => page.locator('[role=status]').textContent()).toContain('Brochure de Bucarest (e2e)');
		expect(await page.locator('#same-file').textContent()).toMatch(/The same file had already been imported: document \d+ “Aider l’Afghanistan, consolider l’Europe/);
		expect(await page.locator('h1').textContent()).toBe('Brochure de Bucarest (e2e)');
		const kinds = await page.locator('#segments section').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
		expect(kinds.filter((k) => k === 'heading')).toHaveLength(6);
		expect(kinds.filter((k) => k === 'list_item')).toHaveLength(4);
		expect(kinds.filter((k) => k === 'footnote')).toHaveLength(1);
		// the sentence cut by the page number "54 5" is whole again, and the page number is gone
		const body = await page.locator('#segments').textContent();
		expect(body).toContain('Les participants au sommet ont également réaffirmé que la porte de l\'OTAN resterait ouverte');
		expect(body).not.toMatch(/\b54 5\b/);
		// the footnote links to the segment that carries its call
		const link = page.locator('section[data-kind=footnote] a.noteref');
		const target = await link.getAttribute('href');
		expect(await page.locator(`${target} .text`).textContent()).toContain('Macédoine*');
		// headings look different from body text
		const weight = await page.locator('section[data-kind=heading] .text').first().evaluate((e) => getComputedStyle(e).fontWeight);
		expect(Number(weight)).toBeGreaterThanOrEqual(700);
		expect(await documentCount(page)).toBe(5);
		await page.context().close();
	});

	it('imports pasted text', async () => {
		const page = await newPage();
		await page.goto(app.server.url + '/import');
		await page.fill('#text', 'Note brève\n\nM. Dupont a parlé de la FIAS. Le COR a approuvé.');
		await Promise.all([page.waitForURL(/\/documents\/\d+/), page.click('button[type=submit]')]);
		const segs = await page.locator('#segments .seg .text').allTextContents();
		expect(segs).toEqual(['Note brève', 'M. Dupont a parlé de la FIAS.', 'Le COR a approuvé.']);
		await page.context().close();
	});

	it('switches the interface language, rendered by the server in that language', async () => {
		const page = await newPage('en-GB');
		await page.goto(app.server.url + '/');
		expect(await page.locator('h1').textContent()).toBe('Documents');
		expect(await page.locator('nav a[href="/import"]').textContent()).toBe('Import');
		await Promise.all([page.waitForURL(app.server.url + '/'), page.click('a[hreflang=fr]')]);
		expect(await page.locator('html').getAttribute('lang')).toBe('fr');
		expect(await page.locator('nav a[href="/import"]').textContent()).toBe('Importer');
		expect(await page.locator('#documents thead').textContent()).toContain('Paragraphes');
		// the cookie now decides, and the server's HTML is already French (no flash of English)
		const cookies = await page.context().cookies();
		const html = await (await fetch(app.server.url + '/import', { headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'accept-language': 'en' } })).text();
		expect(html).toContain('<html lang="fr">');
		expect(html).toContain('Importer un document');
		expect(html).not.toContain('Import a document');
		await page.context().close();
	});

	it('follows Accept-Language when there is no cookie', async () => {
		const html = await (await fetch(app.server.url + '/', { headers: { 'accept-language': 'fr-CH, en;q=0.5' } })).text();
		expect(html).toContain('<html lang="fr">');
	});

	it('refuses a bad file with a located message in the user’s language and stores nothing', async () => {
		const page = await newPage('fr-FR');
		const before = await documentCount(page);
		await page.goto(app.server.url + '/import');
		await page.setInputFiles('#file', { name: 'latin1.txt', mimeType: 'text/plain', buffer: Buffer.from('Le Conseil s\'est réuni à Bucarest.', 'latin1') });
		await page.click('button[type=submit]');
		const err = page.locator('#import-error');
		await expect.poll(() => err.textContent()).toContain('latin1.txt semble être en Latin-1');
		expect(await err.textContent()).toContain('ligne 1, colonne 19');
		await page.setInputFiles('#file', { name: 'faux.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('pas un zip') });
		await page.click('button[type=submit]');
		await expect.poll(() => err.textContent()).toContain('faux.docx n’est pas un fichier .docx valide');
		expect(await documentCount(page)).toBe(before);
		await page.context().close();
	});

	it('the rule tester shows segments and the rule behind each break', async () => {
		const page = await newPage();
		await page.goto(app.server.url + '/segment');
		await page.fill('#text', 'M. Dupont est arrivé. Il est parti.');
		await page.click('button[type=submit]');
		const segs = page.locator('#tester-result .tseg .text');
		await expect.poll(() => segs.allTextContents()).toEqual(['M. Dupont est arrivé.', 'Il est parti.']);
		expect(await page.locator('#tester-result .tseg .rule').first().textContent()).toMatch(/Break by \w+#\d+/);
		await page.locator('#tester-result details summary').first().click();
		const rows = await page.locator('#tester-result tbody tr').allTextContents();
		expect(rows.some((r) => r.includes('no break') && r.includes('French#'))).toBe(true);
		await page.context().close();
	});
});
