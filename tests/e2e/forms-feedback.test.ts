import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from '../helpers/server.js';

const app = useApp();
const NNBSP = '\u202F';
const MiB = 1024 * 1024;

/** Console errors and uncaught exceptions of the page, from now on. */
function errorsOf(p: Page): string[] {
	const errors: string[] = [];
	p.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	p.on('pageerror', (e) => errors.push(e.message));
	return errors;
}

/** Loaded and hydrated: a click before the router starts would test the browser alone. */
async function open(p: Page, path: string) {
	await p.goto(app.server.url + path, { waitUntil: 'networkidle' });
}

describe('small fixes in the UI', () => {
	it('downloads an export from the document page without a client-side error', async () => {
		const p = await app.page('fr-FR');
		const errors = errorsOf(p);
		await open(p, '/documents/3');
		await p.selectOption('#export-menu select[name=format]', 'tmx');
		const [download] = await Promise.all([p.waitForEvent('download'), p.click('#export-menu button')]);
		expect(download.suggestedFilename()).toMatch(/\.tmx$/);
		// the client router, had it taken the submission, logs its "Not found" after the download starts
		await p.waitForTimeout(500);
		expect(errors).toEqual([]);
		await p.context().close();
	});

	for (const [lang, message] of [
		['fr-FR', 'Choisissez un fichier TMX à importer.'],
		['en-GB', 'Choose a TMX file to import.']
	] as const) {
		it(`the TM page says to choose a file when Import is clicked without one (${lang})`, async () => {
			const p = await app.page(lang);
			await open(p, '/tm');
			expect(await p.locator('#tm-import-error').count()).toBe(0);
			await p.click('#tm-import button[type=submit]');
			await expect.poll(() => p.locator('#tm-import-error').textContent()).toBe(message);
			expect(await p.locator('#tm-progress').count()).toBe(0);
			// choosing a file takes the message away
			await p.setInputFiles('#tmx', { name: 'vide.tmx', mimeType: 'application/xml', buffer: Buffer.from('<tmx/>') });
			await expect.poll(() => p.locator('#tm-import-error').count()).toBe(0);
			await p.context().close();
		});
	}

	it('the import page gives sizes in French number format, and names no file for pasted text', async () => {
		const p = await app.page('fr-FR');
		await open(p, '/import');
		await p.setInputFiles('#file', { name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.alloc(Math.round(11.7 * MiB), 'a') });
		await expect.poll(() => p.locator('#client-error').textContent()).toBe(`big.txt pèse 11,7 Mo${NNBSP}; la limite est de 10 Mo.`);
		await p.setInputFiles('#file', []);
		await expect.poll(() => p.locator('#client-error').count()).toBe(0);

		// 11 MiB of pasted text, set at once (typing it would take hours)
		await p.$eval('#text', (el, n) => {
			(el as HTMLTextAreaElement).value = 'é'.repeat(n);
			el.dispatchEvent(new Event('input', { bubbles: true }));
		}, Math.round((11.7 * MiB) / 2));
		await expect.poll(() => p.locator('#client-error').textContent()).toBe(`Le texte collé pèse 11,7 Mo${NNBSP}; la limite est de 10 Mo.`);
		expect(await p.locator('form.card button[type=submit]').isDisabled()).toBe(true);
		await p.$eval('#text', (el) => {
			(el as HTMLTextAreaElement).value = 'Le Conseil se réunit.';
			el.dispatchEvent(new Event('input', { bubbles: true }));
		});
		await expect.poll(() => p.locator('#client-error').count()).toBe(0);
		await p.context().close();
	});

	it('the conflict dialog dates the other version as the rest of the UI does: localised, in UTC, named', async () => {
		const seg = async () => (await fetch(`${app.server.url}/api/documents/1/segments/1`)).json();
		const a = await app.page('fr-FR');
		const b = await app.page('fr-FR');
		for (const p of [a, b]) {
			await p.goto(`${app.server.url}/documents/1/edit?seg=2`);
			await p.waitForSelector('#grid[data-ready=true]');
		}
		await a.keyboard.type('Version from A');
		await a.keyboard.press('Control+Enter');
		await expect.poll(async () => (await seg()).target).toBe('Version from A');
		const changedAt = new Date((await seg()).changedAt);

		await b.keyboard.type('Version from B');
		await b.waitForSelector('#conflict[open]', { timeout: 5000 });
		const text = (await b.locator('#conflict p').first().textContent()) ?? '';
		const two = (n: number) => String(n).padStart(2, '0');
		// "24 nov. 2026, 11:55 UTC" (the separator before the time varies with the ICU version)
		const when = new RegExp(`\\(${changedAt.getUTCDate()} \\p{L}+\\.? ${changedAt.getUTCFullYear()}\\D+${two(changedAt.getUTCHours())}:${two(changedAt.getUTCMinutes())}${'\\s'}UTC\\)`, 'u');
		expect(text).toMatch(when);
		expect(text).not.toMatch(/\d{4}-\d\d-\d\d/);
		await a.context().close();
		await b.context().close();
	});
});
