import { describe, expect, it } from 'vitest';
import { useApp } from '../helpers/server.js';

const app = useApp();

describe('deleting a document from its page', () => {
	it('asks first, deletes it with its translation, says so on the list, in French too', async () => {
		const page = await app.page('fr-FR');
		await page.goto(app.server.url + '/');
		const rows = page.locator('#documents tbody tr');
		await expect.poll(() => rows.count()).toBe(4);
		const first = await rows.first().getAttribute('data-doc');
		await page.goto(`${app.server.url}/documents/${first}`);
		const title = (await page.locator('h1').textContent())!.trim();
		// the button sits behind a disclosure that says what goes with the document
		await expect.poll(() => page.locator('#delete-document-confirm').isVisible()).toBe(false);
		await page.locator('#delete-document summary').click();
		const explain = await page.locator('#delete-document p').textContent();
		expect(explain).toContain(`«\u00a0${title}\u00a0»`);
		expect(explain).toContain('mémoire de traduction');
		await page.locator('#delete-document-confirm').click();
		await page.waitForURL((u) => u.pathname === '/');
		expect(await page.locator('#deleted-notice').textContent()).toBe(`Document «\u00a0${title}\u00a0» supprimé.`);
		// the notice is said once: not again on reload, and no address can make it up
		expect(page.url()).toBe(app.server.url + '/');
		await page.reload();
		expect(await page.locator('#deleted-notice').count()).toBe(0);
		await page.goto(app.server.url + '/?deleted=' + encodeURIComponent('Votre compte'));
		expect(await page.locator('#deleted-notice').count()).toBe(0);
		await page.goto(app.server.url + '/');
		// the original and its imported English translation are gone
		await expect.poll(() => rows.count()).toBe(2);
		expect(await page.locator(`#documents tr[data-doc="${first}"]`).count()).toBe(0);
		const gone = await page.goto(`${app.server.url}/documents/${first}`);
		expect(gone!.status()).toBe(404);
		expect(await page.locator('h1').textContent()).toBe('Erreur 404');
		expect(await page.locator('#error-message').textContent()).toBe(`Le document ${first} n’existe pas.`);
		// an address that is no page at all, in the reader's language too
		expect((await page.goto(`${app.server.url}/nope`))!.status()).toBe(404);
		expect(await page.locator('#error-message').textContent()).toBe('Il n’y a pas de page à cette adresse.');
		await page.context().close();
	});
});
