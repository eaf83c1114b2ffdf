import { describe, expect, it } from 'vitest';
import { writeTmx } from '../../src/core/formats/tmx/write.js';
import type { TmUnit } from '../../src/core/model.js';
import { useApp } from '../helpers/server.js';

const app = useApp();

function tmx(n: number): Buffer {
	const units: TmUnit[] = [
		{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: 'La sécurité de l’OTAN est indivisible.', target: 'NATO’s security is indivisible.', origin: 'import' },
		{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: 'Le COR a mené avec succès un exercice en janvier 2008.', target: 'The NRC successfully conducted an exercise in January 2008.', origin: 'import' }
	];
	for (let i = 0; i < n; i++)
		units.push({ sourceLang: 'fr-FR', targetLang: 'en-GB', source: `Phrase de remplissage numéro ${i} sur la défense antimissile.`, target: `Filler sentence number ${i} on missile defence.`, origin: 'import' });
	return Buffer.from([...writeTmx(units, { srcLang: 'fr-FR', creationTool: 'test' })].join(''));
}

describe('the TM page', () => {
	it('imports a TMX with a progress bar, then finds units by concordance and fuzzy match', async () => {
		const p = await app.page();
		await p.goto(app.server.url + '/tm');
		// an empty TM says where units come from, and offers no export of nothing
		expect(await p.locator('#tm-empty').textContent()).toContain('“Alignment with the translation”');
		expect(await p.locator('a[href="/tm/export"]').count()).toBe(0);
		await p.setInputFiles('#tmx', { name: 'memoire.tmx', mimeType: 'application/xml', buffer: tmx(3000) });
		await p.click('#tm-import button');
		await expect.poll(() => p.locator('#tm-progress').textContent(), { timeout: 30_000 }).toContain('Done: 3,002 units imported.');
		await expect.poll(() => p.locator('#tm-origins tr[data-origin=import] td.num').textContent()).toBe('3,002');
		expect(await p.locator('#tm-empty').count()).toBe(0);

		await p.fill('#tmq', 'OTAN');
		await Promise.all([p.waitForURL(/q=OTAN/), p.click('form.search button')]);
		expect(await p.locator('#concordance mark').first().textContent()).toBe('OTAN');
		expect(await p.locator('#concordance tr').first().textContent()).toContain('NATO’s security is indivisible.');
		expect(await p.locator('#concordance-count').textContent()).toBe('1 result');
		// 3,000 units hold "remplissage": the page lists 100 and says they are the first, not all
		await Promise.all([p.waitForURL(/q=remplissage/), p.fill('#tmq', 'remplissage').then(() => p.click('form.search button'))]);
		expect(await p.locator('#concordance tr').count()).toBe(100);
		expect(await p.locator('#concordance-count').textContent()).toBe('The first 100 results: refine the search to see the others.');

		await p.goto(app.server.url + '/tm?mode=fuzzy&q=' + encodeURIComponent('Le COR a mené un exercice en janvier 2009.'));
		const first = p.locator('#fuzzy li').first();
		expect(await first.locator('.pct').textContent()).toMatch(/^\d\d%$/);
		expect(await first.locator('ins').allTextContents()).toEqual(expect.arrayContaining(['2009']));
		expect(await first.locator('del').allTextContents()).toEqual(expect.arrayContaining(['avec', 'succès', '2008']));
		expect(await first.textContent()).toContain('The NRC successfully conducted an exercise in January 2008.');
		await p.context().close();
	});

	it('refuses a malformed TMX with a located message, and imports nothing', async () => {
		const p = await app.page('fr-FR');
		await p.goto(app.server.url + '/tm');
		const before = await p.locator('#tm-counts').textContent();
		await p.setInputFiles('#tmx', { name: 'cassé.tmx', mimeType: 'application/xml', buffer: tmx(10).subarray(0, 900) });
		await p.click('#tm-import button');
		await expect.poll(() => p.locator('#tm-progress .error').textContent(), { timeout: 30_000 }).toMatch(/ligne \d+/);
		await p.reload();
		expect(await p.locator('#tm-counts').textContent()).toBe(before);
		await p.context().close();
	});

	it('exports the TM as TMX with the right type', async () => {
		const res = await fetch(app.server.url + '/tm/export?origin=import');
		expect(res.headers.get('content-type')).toContain('application/x-tmx+xml');
		const body = await res.text();
		expect(body).toContain('<tmx version="1.4">');
		expect(body).toContain('La sécurité de l’OTAN est indivisible.');
	});
});
