import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createWorkbench } from '../../src/core/workbench.server.js';
import { useApp } from '../helpers/server.js';
import { cp1252 } from '../helpers/xlsx.js';

const app = useApp();
const NB = '\u00a0';
const xlsx = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'glossary-import', 'lexique-libreoffice.xlsx'));
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A glossary as a French Excel saves "CSV (séparateur : point-virgule)". */
const frenchCsv = (id: string, fr: string, en: string) =>
	cp1252(['Concept ID;fr-FR;Notes;en-GB;Catégorie', `${id};${fr};"«${NB}note; avec point-virgule${NB}»";${en};Défense`, ''].join('\r\n'));

/** The concept count the page states (“… 212 concepts, …”), from the database the server uses. */
function conceptCount(): number {
	const wb = createWorkbench({ dbPath: app.server.dbPath });
	try {
		return wb.terminology.counts().concepts;
	} finally {
		wb.close();
	}
}

/** The method of the document request a reload sends (POST would be a resubmission). */
async function reloadMethod(p: Page): Promise<string> {
	const methods: string[] = [];
	const onRequest = (r: { isNavigationRequest(): boolean; method(): string }) => {
		if (r.isNavigationRequest()) methods.push(r.method());
	};
	p.on('request', onRequest);
	await p.reload();
	p.off('request', onRequest);
	expect(methods).toHaveLength(1);
	return methods[0];
}

describe('glossary import from the page', () => {
	it('the import action answers 303 to the page on success, its message shown once; an error stays a 400 naming the cell', async () => {
		const url = app.server.url;
		const form = new FormData();
		form.set('file', new File([xlsx], 'lexique.xlsx', { type: XLSX_TYPE }));
		form.set('encoding', 'auto');
		const r = await fetch(`${url}/glossary?/import`, { method: 'POST', body: form, headers: { origin: url, 'accept-language': 'fr-FR', accept: 'text/html' }, redirect: 'manual' });
		expect(r.status).toBe(303);
		expect(r.headers.get('location')).toBe('/glossary');
		const setCookie = r.headers.get('set-cookie')!;
		// over plain HTTP (a LAN address) a Secure cookie would be dropped, and the message with it
		expect(setCookie).not.toMatch(/;\s*Secure/i);
		// every cookie the answer sets, as a browser sends them back: the notice, and the import summary's id
		const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
		const shown = await fetch(`${url}/glossary`, { headers: { cookie, 'accept-language': 'fr-FR' } });
		// the notice is read once: its cookie is deleted, and not by a Secure Set-Cookie, which a
		// browser refuses from plain HTTP (the notice then came back at the next page)
		const deletions = shown.headers.getSetCookie().filter((c) => /Max-Age=0/i.test(c));
		expect(deletions.length).toBeGreaterThan(0);
		for (const d of deletions) expect(d).not.toMatch(/;\s*Secure/i);
		const page = await shown.text();
		expect(page).toContain(`Importé de lexique.xlsx${NB}: 4 concepts (8 termes).`);
		expect(page).toContain('data-concept="c-oeuvre"');

		const sheet = new FormData();
		sheet.set('file', new File([xlsx], 'lexique.xlsx', { type: XLSX_TYPE }));
		sheet.set('sheet', 'Archive');
		const bad = await fetch(`${url}/glossary?/import`, { method: 'POST', body: sheet, headers: { origin: url, 'accept-language': 'en-GB', 'x-sveltekit-action': 'true', accept: 'application/json' } });
		const body = (await bad.json()) as { type: string; status: number; data: string };
		expect(body.type).toBe('failure');
		expect(body.status).toBe(400);
		expect(body.data).toContain('lexique.xlsx, sheet “Archive”, cell D2: unknown status “obsolète”');

		const enc = new FormData();
		enc.set('file', new File([Buffer.from('fr,en\nx,y\n')], 'g.csv'));
		enc.set('encoding', 'ebcdic');
		expect((await fetch(`${url}/glossary?/import`, { method: 'POST', body: enc, headers: { origin: url, accept: 'text/html' }, redirect: 'manual' })).status).toBe(400);
	});

	it('imports an .xlsx and a Windows-1252 CSV in the browser; a reload after each does not post again', async () => {
		const p = await app.page('fr-FR');
		await p.goto(app.server.url + '/glossary');
		// a text file gets the encoding, a workbook the sheet
		expect(await p.locator('#gencoding').count()).toBe(1);
		expect(await p.locator('#gfile').getAttribute('accept')).toContain('.xlsx');
		await p.setInputFiles('#gfile', { name: 'termes-2025.xlsx', mimeType: XLSX_TYPE, buffer: xlsx });
		await expect.poll(() => p.locator('#gsheet').count()).toBe(1);
		expect(await p.locator('#gencoding').count()).toBe(0);
		await p.click('form.import button[type=submit]');
		await expect.poll(() => p.locator('#glossary-message').textContent()).toBe(`Importé de termes-2025.xlsx${NB}: 4 concepts (8 termes).`);
		expect(new URL(p.url()).pathname + new URL(p.url()).search).toBe('/glossary');
		// the form is emptied: a second click does not import the same file again
		expect(await p.locator('#gfile').evaluate((el) => (el as HTMLInputElement).files?.length ?? 0)).toBe(0);
		expect(await p.locator('#gencoding').count()).toBe(1);
		expect(await p.locator('tr[data-concept="c-otan"] .tx').allTextContents()).toEqual(['l’Organisation du Traité de l’Atlantique Nord', 'North Atlantic Treaty Organization']);
		expect(await p.locator('tr[data-concept="c-etat"] .tx').first().textContent()).toBe('État membre');

		// the CSV in auto is refused with the encoding to choose; with windows-1252 it reads
		await p.setInputFiles('#gfile', { name: 'glossaire.csv', mimeType: 'text/csv', buffer: frenchCsv('c-oeuvre-2', 'main-d’œuvre qualifiée', 'skilled workforce') });
		await expect.poll(() => p.locator('#gencoding').count()).toBe(1);
		await p.click('form.import button[type=submit]');
		await expect.poll(() => p.locator('#glossary-error').textContent()).toMatch(/glossaire\.csv.*encodage/);
		await p.selectOption('#gencoding', 'windows-1252');
		await p.click('form.import button[type=submit]');
		await expect.poll(() => p.locator('#glossary-message').textContent()).toBe(`Importé de glossaire.csv${NB}: 1 concept (2 termes).`);
		expect(await p.locator('#glossary-error').count()).toBe(0);
		const row = p.locator('tr[data-concept="c-oeuvre-2"]');
		expect(await row.locator('.tx').allTextContents()).toEqual(['main-d’œuvre qualifiée', 'skilled workforce']);
		expect(await row.locator('.term').first().getAttribute('title')).toBe(`«${NB}note; avec point-virgule${NB}»`);

		// the import is not sent again: a concept deleted since stays deleted after the reload
		const count = conceptCount();
		const wb = createWorkbench({ dbPath: app.server.dbPath });
		wb.terminology.deleteConcept('c-oeuvre-2');
		wb.close();
		expect(await reloadMethod(p)).toBe('GET');
		expect(conceptCount()).toBe(count - 1);
		// the message was for the import, not for every later view of the page
		expect(await p.locator('#glossary-message').count()).toBe(0);
		await p.context().close();
	});

	it('without JavaScript too: import, save and delete answer with a page that a reload only reads', async () => {
		const ctx = await app.browser.newContext({ locale: 'en-GB', extraHTTPHeaders: { 'Accept-Language': 'en-GB' }, javaScriptEnabled: false });
		const p = await ctx.newPage();
		await p.goto(app.server.url + '/glossary');
		await p.setInputFiles('#gfile', { name: 'nojs.csv', mimeType: 'text/csv', buffer: frenchCsv('c-nojs', 'zone d’exclusion', 'exclusion zone') });
		await p.selectOption('#gencoding', 'windows-1252');
		await Promise.all([p.waitForURL(/\/glossary$/), p.click('form.import button[type=submit]')]);
		expect(await p.locator('#glossary-message').textContent()).toBe('Imported 1 concept (2 terms) from nojs.csv.');
		const count = conceptCount();
		const wb = createWorkbench({ dbPath: app.server.dbPath });
		wb.terminology.deleteConcept('c-nojs');
		wb.close();
		expect(await reloadMethod(p)).toBe('GET');
		expect(conceptCount()).toBe(count - 1);

		await p.goto(app.server.url + '/glossary?edit=new');
		await p.fill('#key', 'c-prg');
		await p.fill('input[name="terms.0.text"]', 'redirection après envoi');
		await p.fill('input[name="terms.1.text"]', 'post/redirect/get');
		await Promise.all([p.waitForURL(/\/glossary$/), p.click('#concept-form button[type=submit]')]);
		expect(await p.locator('#glossary-message').textContent()).toBe('Concept c-prg saved.');
		const afterSave = conceptCount();
		const again = createWorkbench({ dbPath: app.server.dbPath });
		again.terminology.deleteConcept('c-prg');
		again.close();
		expect(await reloadMethod(p)).toBe('GET');
		expect(conceptCount()).toBe(afterSave - 1);
		await ctx.close();
	});

	it('a concept saved from the form with another concept’s term is saved, and the possible duplicate is said (French)', async () => {
		const p = await app.page('fr-FR');
		await p.goto(app.server.url + '/glossary?edit=new');
		await p.fill('#key', 'c-dup-form');
		await p.fill('input[name="terms.0.text"]', 'OTAN');
		await p.fill('input[name="terms.1.text"]', 'Atlantic organisation');
		await Promise.all([p.waitForURL(/\/glossary$/), p.click('#concept-form button[type=submit]')]);
		expect(await p.locator('#glossary-message').textContent()).toMatch(/^Concept c-dup-form enregistré\. Doublon possible \(les homonymes sont permis\u00a0: vérifiez-le\)\u00a0: fr «\u00a0OTAN\u00a0» est déjà un terme du concept c-nato/);
		const wb = createWorkbench({ dbPath: app.server.dbPath });
		wb.terminology.deleteConcept('c-dup-form');
		wb.close();
		await p.context().close();
	});

	it('saving and deleting in the browser leave the page on a GET, with the message shown', async () => {
		const p = await app.page('en-GB');
		await p.goto(app.server.url + '/glossary?edit=new');
		await p.fill('#key', 'c-refresh');
		await p.fill('input[name="terms.0.text"]', 'actualiser');
		await p.fill('input[name="terms.1.text"]', 'refresh');
		await p.click('#concept-form button[type=submit]');
		await expect.poll(() => p.locator('#glossary-message').textContent()).toBe('Concept c-refresh saved.');
		expect(new URL(p.url()).search).toBe('');
		await p.goto(app.server.url + '/glossary?edit=c-refresh');
		// the confirmation is a disclosure (no dialog box): closed, its button is out of reach
		expect(await p.locator('#delete-concept-confirm').isVisible()).toBe(false);
		await p.click('#delete-concept summary');
		expect(await p.locator('#delete-concept p').textContent()).toBe('Delete this concept and all its terms?');
		expect(await p.locator('#delete-concept-confirm').textContent()).toBe('Delete concept c-refresh');
		await p.click('#delete-concept-confirm');
		await expect.poll(() => p.locator('#glossary-message').textContent()).toBe('Concept c-refresh deleted.');
		expect(await reloadMethod(p)).toBe('GET');
		expect(await p.locator('tr[data-concept="c-refresh"]').count()).toBe(0);
		expect(await p.locator('#glossary-message').count()).toBe(0);
		// opening and closing it again deletes nothing
		await p.goto(app.server.url + '/glossary?edit=c-nato');
		await p.click('#delete-concept summary');
		await p.click('#delete-concept summary');
		await p.goto(app.server.url + '/glossary?q=NATO');
		expect(await p.locator('tr[data-concept="c-nato"]').count()).toBe(1);
		await p.context().close();
	});

	it('without JavaScript, deleting a concept asks first and then deletes it', async () => {
		const ctx = await app.browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR', extraHTTPHeaders: { 'Accept-Language': 'fr-FR' } });
		const p = await ctx.newPage();
		await p.goto(app.server.url + '/glossary?edit=new');
		await p.fill('#key', 'c-nojs');
		await p.fill('input[name="terms.0.text"]', 'sans script');
		await p.fill('input[name="terms.1.text"]', 'no script');
		await Promise.all([p.waitForLoadState('load'), p.click('#concept-form button[type=submit]')]);
		await p.goto(app.server.url + '/glossary?edit=c-nojs');
		await p.click('#delete-concept summary');
		expect(await p.locator('#delete-concept-confirm').textContent()).toBe('Supprimer le concept c-nojs');
		await Promise.all([p.waitForURL(/\/glossary$/), p.click('#delete-concept-confirm')]);
		expect(await p.locator('#glossary-message').textContent()).toBe('Concept c-nojs supprimé.');
		expect(await p.locator('tr[data-concept="c-nojs"]').count()).toBe(0);
		await ctx.close();
	});
});
