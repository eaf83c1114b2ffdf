import { describe, expect, it } from 'vitest';
import type { TmUnit } from '../../src/core/model.js';
import { createWorkbench } from '../../src/core/workbench.server.js';
import { useApp } from '../helpers/server.js';

const app = useApp();

const u = (source: string, target: string, extra: Partial<TmUnit> = {}): TmUnit => ({ sourceLang: 'fr-FR', targetLang: 'en-GB', source, target, origin: 'import', ...extra });

/** Units written straight into the server's database file, as the CLI would. */
function add(units: TmUnit[]): number[] {
	const wb = createWorkbench({ dbPath: app.server.dbPath });
	try {
		return wb.tm.add(units);
	} finally {
		wb.close();
	}
}

/** An edit written straight into the server's database file, as another process would. */
function editElsewhere(id: number, target: string): void {
	const wb = createWorkbench({ dbPath: app.server.dbPath });
	try {
		wb.tm.updateUnit(id, { target });
	} finally {
		wb.close();
	}
}

/** A form post as a browser without JavaScript sends it. */
function post(path: string, fields: Record<string, string>, lang = 'en') {
	return fetch(app.server.url + path, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: app.server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', 'accept-language': lang },
		body: new URLSearchParams(fields).toString()
	});
}
const changedAtOf = async (id: number) => {
	const html = await (await fetch(`${app.server.url}/tm/units/${id}`)).text();
	return /name="changedAt" value="([^"]+)"/.exec(html)![1];
};

describe('TM unit pages: form actions over HTTP', () => {
	it('saves with a 303, refuses a stale save and an empty side with the reason, and 404s an unknown unit', async () => {
		const [id] = add([u('Le budget civil a été approuvé.', 'The civil budget was aproved.')]);
		const page = await fetch(`${app.server.url}/tm/units/${id}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('The civil budget was aproved.');
		const stale = /name="changedAt" value="([^"]+)"/.exec(html)![1];

		const ok = await post(`/tm/units/${id}?/save`, { source: 'Le budget civil a été approuvé.', target: 'The civil budget was approved.', changedAt: stale });
		expect(ok.status).toBe(303);
		expect(ok.headers.get('location')).toBe(`/tm/units/${id}`);
		const cookie = ok.headers.get('set-cookie')!.split(';')[0];
		const after = await (await fetch(`${app.server.url}/tm/units/${id}`, { headers: { cookie } })).text();
		expect(after).toContain('Unit saved.');
		expect(after).toContain('The civil budget was approved.');

		// the form read before that save: refused, nothing written
		const conflict = await post(`/tm/units/${id}?/save`, { source: 'Le budget civil a été approuvé.', target: 'Overwritten.', changedAt: stale }, 'fr');
		expect(conflict.status).toBe(409);
		expect(await conflict.text()).toContain(`L’unité ${id} de la mémoire de traduction a été modifiée par quelqu’un d’autre`);
		const empty = await post(`/tm/units/${id}?/save`, { source: 'Le budget civil a été approuvé.', target: ' ', changedAt: await changedAtOf(id) });
		expect(empty.status).toBe(400);
		expect(await empty.text()).toContain('the source and the target both need text');
		expect(await (await fetch(`${app.server.url}/tm/units/${id}`)).text()).toContain('The civil budget was approved.');

		// a new source: a new id, and the server's fuzzy index finds it at once
		const moved = await post(`/tm/units/${id}?/save`, { source: 'Le budget militaire commun a été approuvé hier soir.', target: 'The common military budget was approved last night.', changedAt: await changedAtOf(id) });
		expect(moved.status).toBe(303);
		const newId = Number(/^\/tm\/units\/(\d+)$/.exec(moved.headers.get('location')!)![1]);
		expect(newId).toBeGreaterThan(id);
		// the old id leads to the new one (tests/e2e/tm-moves-split-guard.test.ts)
		const old = await fetch(`${app.server.url}/tm/units/${id}`, { redirect: 'manual' });
		expect(old.status).toBe(303);
		expect(old.headers.get('location')).toBe(`/tm/units/${newId}?from=${id}`);
		const fuzzy = await (await fetch(`${app.server.url}/tm?mode=fuzzy&q=${encodeURIComponent('Le budget militaire commun a été approuvé ce matin.')}`)).text();
		expect(fuzzy).toContain(`href="/tm/units/${newId}"`);
		expect(fuzzy).toContain('The common military budget was approved last night.');

		expect((await fetch(`${app.server.url}/tm/units/99999999`)).status).toBe(404);
		expect((await fetch(`${app.server.url}/tm/units/abc`)).status).toBe(404);

		// a delete carries the version the page showed, as a save does
		const readAt = await changedAtOf(newId);
		expect((await post(`/tm/units/${newId}?/delete`, {})).status).toBe(400);
		// the page's script sends the edit form's text with a delete (given back if refused): a unit
		// longer than the edit form takes is still deleted
		const del = await post(`/tm/units/${newId}?/delete`, { changedAt: readAt, source: 'x'.repeat(25_000), target: 'y' });
		expect(del.status).toBe(303);
		expect(del.headers.get('location')).toBe('/tm');
		expect((await fetch(`${app.server.url}/tm/units/${newId}`)).status).toBe(404);
		expect((await post(`/tm/units/${newId}?/delete`, { changedAt: readAt })).status).toBe(404);
	});

	it('lists imports and deletes one import’s units', async () => {
		add([u('Première unité du mauvais fichier.', 'First.', { importFile: 'mauvais.tmx' }), u('Deuxième unité du mauvais fichier.', 'Second.', { importFile: 'mauvais.tmx' })]);
		const page = await (await fetch(`${app.server.url}/tm`)).text();
		expect(page).toContain('data-file="mauvais.tmx"');
		const r = await post('/tm?/deleteImport', { file: 'mauvais.tmx' });
		expect(r.status).toBe(303);
		const cookie = r.headers.get('set-cookie')!.split(';')[0];
		const after = await (await fetch(`${app.server.url}/tm`, { headers: { cookie } })).text();
		expect(after).toContain('Units imported from mauvais.tmx deleted: 2 units.');
		expect(after).not.toContain('data-file="mauvais.tmx"');
		expect(await (await fetch(`${app.server.url}/tm?q=mauvais`)).text()).not.toContain('Première unité');
	});

	it('offers the pairs the TM holds, fr→en first, and looks up in the pair chosen', async () => {
		add([
			{ sourceLang: 'en-GB', targetLang: 'fr-FR', source: 'The delegations welcomed the report warmly.', target: 'Les délégations ont accueilli chaleureusement le rapport.', origin: 'translation' },
			{ sourceLang: 'en-GB', targetLang: 'fr-FR', source: 'The meeting is adjourned.', target: 'La séance est levée.', origin: 'translation' },
			// fewer units than the other pair, chosen all the same
			u('La séance est ouverte.', 'The meeting is open.')
		]);
		const html = await (await fetch(`${app.server.url}/tm`)).text();
		expect(html).toMatch(/<option value="fr-FR(?:>|&gt;)en-GB" selected[^>]*>fr-FR → en-GB/);
		expect(html).toMatch(/<option value="en-GB(?:>|&gt;)fr-FR"/);
		const q = encodeURIComponent('The delegations welcomed the report.');
		expect(await (await fetch(`${app.server.url}/tm?mode=fuzzy&q=${q}`)).text()).not.toContain('chaleureusement');
		expect(await (await fetch(`${app.server.url}/tm?mode=fuzzy&pair=${encodeURIComponent('en-GB>fr-FR')}&q=${q}`)).text()).toContain('Les délégations ont accueilli chaleureusement le rapport.');
		// the export names no single source language for a mixed memory, the one asked for else
		expect(await (await fetch(`${app.server.url}/tm/export`)).text()).toMatch(/<header\s[^>]*srclang="\*all\*"/);
		expect(await (await fetch(`${app.server.url}/tm/export?source-lang=en-GB`)).text()).toMatch(/<header\s[^>]*srclang="en-GB"/);
	});
});

describe('TM unit page in the browser', () => {
	it('opens a concordance hit, changes its target, sees it in the concordance, then deletes it (French UI)', async () => {
		const [id] = add([u('Le Conseil OTAN-Russie s’est réuni à Bucarest.', 'The NATO-Russia Councl met in Bucharest.')]);
		const p = await app.page('fr-FR');
		await p.goto(`${app.server.url}/tm?q=${encodeURIComponent('Bucarest')}`);
		await Promise.all([p.waitForURL(`**/tm/units/${id}`), p.click(`#concordance a[href="/tm/units/${id}"]`)]);
		expect(await p.locator('h1').textContent()).toBe(`Unité ${id} de la mémoire`);
		expect(await p.locator('#unit-target').textContent()).toBe('The NATO-Russia Councl met in Bucharest.');
		await p.fill('#edit-target', 'The NATO-Russia Council met in Bucharest.');
		await p.click('#tm-unit-edit button[type=submit]');
		await expect.poll(() => p.locator('#tm-unit-message').textContent()).toBe('Unité enregistrée.');
		expect(await p.locator('#unit-target').textContent()).toBe('The NATO-Russia Council met in Bucharest.');
		// a reload shows the page again, and posts nothing
		await p.reload();
		expect(await p.locator('#tm-unit-message').count()).toBe(0);
		// someone else changes the target meanwhile: the save is refused, the page shows their
		// text beside what was typed here
		editElsewhere(id, 'The NATO–Russia Council met in Bucharest.');
		await p.fill('#edit-target', 'Typed here.');
		await p.click('#tm-unit-edit button[type=submit]');
		await expect.poll(() => p.locator('#tm-unit-error').count()).toBe(1);
		await expect.poll(() => p.locator('#unit-target').textContent()).toBe('The NATO–Russia Council met in Bucharest.');
		expect(await p.locator('#edit-target').inputValue()).toBe('Typed here.');
		await p.goto(`${app.server.url}/tm/units/${id}`);
		await p.fill('#edit-target', 'The NATO-Russia Council met in Bucharest.');
		await p.click('#tm-unit-edit button[type=submit]');
		await expect.poll(() => p.locator('#tm-unit-message').textContent()).toBe('Unité enregistrée.');

		await p.goto(`${app.server.url}/tm?q=${encodeURIComponent('Bucarest')}`);
		expect(await p.locator('#concordance tr').first().textContent()).toContain('The NATO-Russia Council met in Bucharest.');
		await p.click(`#concordance a[href="/tm/units/${id}"]`);
		await p.waitForURL(`**/tm/units/${id}`);
		await p.click('#tm-unit-delete');
		expect(await p.locator('#tm-unit-delete-question').textContent()).toBe(`Supprimer définitivement l’unité ${id}\u202f? Cette action est irréversible.`);
		await Promise.all([p.waitForURL(/\/tm$/), p.click('#tm-unit-delete-confirm button[type=submit]')]);
		expect(await p.locator('#tm-message').textContent()).toBe(`Unité ${id} supprimée.`);
		await p.goto(`${app.server.url}/tm?q=${encodeURIComponent('Bucarest')}`);
		expect(await p.locator('#concordance tr').count()).toBe(0);
		await p.context().close();
	});

	it('without JavaScript, deleting a unit or an import asks first, then deletes', async () => {
		const [id] = add([u('Une unité que l’on supprimera sans script.', 'A unit deleted without scripts.')]);
		add([u('Unité du fichier à retirer sans script.', 'Unit of the file.', { importFile: 'sans-script.tmx' })]);
		const ctx = await app.browser.newContext({ javaScriptEnabled: false, locale: 'en-GB', extraHTTPHeaders: { 'Accept-Language': 'en-GB' } });
		const p = await ctx.newPage();
		await p.goto(`${app.server.url}/tm/units/${id}`);
		expect(await p.locator('#tm-unit-delete-confirm button[type=submit]').isVisible()).toBe(false);
		await p.click('#tm-unit-delete');
		expect(await p.locator('#tm-unit-delete-question').isVisible()).toBe(true);
		await Promise.all([p.waitForURL(/\/tm$/), p.click('#tm-unit-delete-confirm button[type=submit]')]);
		expect(await p.locator('#tm-message').textContent()).toBe(`Unit ${id} deleted.`);
		expect((await fetch(`${app.server.url}/tm/units/${id}`)).status).toBe(404);

		const row = p.locator('tr[data-file="sans-script.tmx"]');
		expect(await row.locator('button.danger[type=submit]').isVisible()).toBe(false);
		await row.locator('summary.delete-import').click();
		expect(await row.locator('form.confirm span').textContent()).toContain('sans-script.tmx');
		await Promise.all([p.waitForLoadState('load'), row.locator('button.danger[type=submit]').click()]);
		expect(await p.locator('#tm-message').textContent()).toBe('Units imported from sans-script.tmx deleted: 1 unit.');
		expect(await p.locator('tr[data-file="sans-script.tmx"]').count()).toBe(0);
		await ctx.close();
	});

	it('with JavaScript, an import’s deletion asks in place: Cancel closes the question, Delete deletes', async () => {
		add([u('Unité du fichier à retirer.', 'Unit of the file to remove.', { importFile: 'a-retirer.tmx' })]);
		const p = await app.page('en-GB');
		await p.goto(`${app.server.url}/tm`);
		const row = p.locator('tr[data-file="a-retirer.tmx"]');
		await row.locator('summary.delete-import').click();
		await expect.poll(() => row.locator('form.confirm').isVisible()).toBe(true);
		await row.locator('form.confirm button[type=button]').click();
		await expect.poll(() => row.locator('form.confirm').isVisible()).toBe(false);
		await row.locator('summary.delete-import').click();
		await row.locator('button.danger[type=submit]').click();
		await expect.poll(() => p.locator('#tm-message').textContent()).toBe('Units imported from a-retirer.tmx deleted: 1 unit.');
		expect(await p.locator('tr[data-file="a-retirer.tmx"]').count()).toBe(0);
		await p.context().close();
	});
});
