import { describe, expect, it } from 'vitest';
import { wordAt } from '../../src/core/editor/restructure.js';
import type { TmUnit } from '../../src/core/model.js';
import { createWorkbench, type Workbench } from '../../src/core/workbench.server.js';
import { useApp } from '../helpers/server.js';

const app = useApp();

const u = (source: string, target: string): TmUnit => ({ sourceLang: 'fr-FR', targetLang: 'en-GB', source, target, origin: 'import' });

/** Changes written straight into the server's database file, as the CLI would. */
function elsewhere<T>(fn: (wb: Workbench) => T): T {
	const wb = createWorkbench({ dbPath: app.server.dbPath });
	try {
		return fn(wb);
	} finally {
		wb.close();
	}
}

describe('the page of a TM unit an edit gave a new id', () => {
	it('the old URL redirects (303) to the current unit with a notice; a save aimed at it is refused; once deleted, 404', async () => {
		const [old] = elsewhere((wb) => wb.tm.add([u('Le sommet de Bucarest est clos.', 'The Bucharest summit is closed.')]));
		const current = elsewhere((wb) => wb.tm.updateUnit(old, { source: 'Le sommet de Bucarest est désormais clos.' }).unit.id);
		expect(current).not.toBe(old);

		const r = await fetch(`${app.server.url}/tm/units/${old}`, { redirect: 'manual' });
		expect(r.status).toBe(303);
		expect(r.headers.get('location')).toBe(`/tm/units/${current}?from=${old}`);
		// nothing is left for another page: a preload on hover of an old link sets no cookie
		expect(r.headers.getSetCookie()).toEqual([]);

		const p = await app.page();
		await p.goto(`${app.server.url}/tm/units/${old}`);
		expect(new URL(p.url()).pathname).toBe(`/tm/units/${current}`);
		expect(await p.locator('#tm-unit-moved').textContent()).toBe(`Unit ${old} was edited; this is its current version (${current}).`);
		expect(await p.locator('#unit-source').textContent()).toBe('Le sommet de Bucarest est désormais clos.');
		// another unit's page, opened next, says nothing of it; nor does a `from` that never led here
		const [other] = elsewhere((wb) => wb.tm.add([u('Une autre phrase, sans rapport.', 'Another sentence, unrelated.')]));
		await p.goto(`${app.server.url}/tm/units/${other}`);
		expect(await p.locator('#tm-unit-moved').count()).toBe(0);
		await p.goto(`${app.server.url}/tm/units/${other}?from=${old}`);
		expect(await p.locator('#tm-unit-moved').count()).toBe(0);
		await p.context().close();

		const fr = await app.page('fr-FR');
		await fr.goto(`${app.server.url}/tm/units/${old}`);
		expect(await fr.locator('#tm-unit-moved').textContent()).toBe(`L’unité ${old} a été modifiée\u202f; voici sa version actuelle (${current}).`);
		await fr.context().close();

		// a form opened before the edit: refused, naming the current unit, which stays as it was
		const save = await fetch(`${app.server.url}/tm/units/${old}?/save`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: app.server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ source: 'Autre chose.', target: 'Something else.', changedAt: '2020-01-01T00:00:00.000Z' }).toString()
		});
		expect(save.status).toBe(409);
		const refused = await save.text();
		expect(refused).toContain(`Translation memory unit ${old} was edited and is now unit ${current}`);
		// the page stays on the form (no redirect: it would drop the text typed), linking to the unit
		expect(refused).toContain(`href="/tm/units/${current}" id="tm-unit-current"`);
		expect(refused).toContain('Something else.');
		expect(elsewhere((wb) => wb.tm.get(current)!.target)).toBe('The Bucharest summit is closed.');

		elsewhere((wb) => wb.tm.deleteUnits([current]));
		const gone = await fetch(`${app.server.url}/tm/units/${old}`, { redirect: 'manual' });
		expect(gone.status).toBe(404);
		expect(await gone.text()).toContain(`Translation memory unit ${old} does not exist.`);
	});
});

/** A form post as a browser without JavaScript sends it. */
function post(path: string, fields: Record<string, string>, lang = 'en') {
	return fetch(app.server.url + path, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: app.server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', 'accept-language': lang },
		body: new URLSearchParams(fields).toString()
	});
}

describe('two tabs on one TM unit, one of them changing its id', () => {
	it('the other tab’s save and delete are refused on the page, the text typed kept, with a link to the new unit (en, fr)', async () => {
		const [id] = elsewhere((wb) => wb.tm.add([u('Le sommet de Riga est ouvert.', 'The Riga summit is open.')]));
		const a = await app.page();
		const b = await app.page();
		const c = await app.page('fr-FR');
		for (const p of [a, b, c]) await p.goto(`${app.server.url}/tm/units/${id}`);

		// tab A: new words in the source, so a new id
		await a.fill('#edit-source', 'Le sommet de Riga est désormais ouvert.');
		await Promise.all([a.waitForURL((url) => url.pathname !== `/tm/units/${id}`), a.click('#tm-unit-edit button[type=submit]')]);
		const current = Number(/\/tm\/units\/(\d+)$/.exec(new URL(a.url()).pathname)![1]);
		expect(current).toBeGreaterThan(id);

		// tab B: a target typed on the page read before
		await b.fill('#edit-target', 'The Riga summit is now open, typed in B.');
		await b.click('#tm-unit-edit button[type=submit]');
		await expect.poll(() => b.locator('#tm-unit-error').count()).toBe(1);
		expect(await b.locator('#tm-unit-error').textContent()).toContain(`Translation memory unit ${id} was edited and is now unit ${current}: nothing was done.`);
		expect(new URL(b.url()).pathname).toBe(`/tm/units/${id}`);
		expect(await b.locator('#edit-source').inputValue()).toBe('Le sommet de Riga est ouvert.');
		expect(await b.locator('#edit-target').inputValue()).toBe('The Riga summit is now open, typed in B.');
		expect(await b.locator('#tm-unit-current').getAttribute('href')).toBe(`/tm/units/${current}`);
		expect(await b.locator('#tm-unit-current').textContent()).toBe(`Open unit ${current} as it is now`);
		// tab B's delete: refused the same way, nothing deleted
		await b.click('#tm-unit-delete');
		await b.click('#tm-unit-delete-confirm button[type=submit]');
		await expect.poll(() => b.locator('#tm-unit-delete').count()).toBe(1);
		expect(new URL(b.url()).pathname).toBe(`/tm/units/${id}`);
		expect(await b.locator('#tm-unit-error').textContent()).toContain(`is now unit ${current}`);
		expect(await b.locator('#edit-target').inputValue()).toBe('The Riga summit is now open, typed in B.');

		// tab C, in French: its delete too
		await c.click('#tm-unit-delete');
		await c.click('#tm-unit-delete-confirm button[type=submit]');
		await expect.poll(() => c.locator('#tm-unit-error').count()).toBe(1);
		expect(await c.locator('#tm-unit-error').textContent()).toContain(`L’unité ${id} de la mémoire de traduction a été modifiée et porte désormais le numéro ${current}\u00a0: rien n’a été fait.`);
		expect(await c.locator('#tm-unit-current').getAttribute('href')).toBe(`/tm/units/${current}`);
		expect(await c.locator('#tm-unit-current').textContent()).toBe(`Ouvrir l’unité ${current} telle qu’elle est maintenant`);
		expect(new URL(c.url()).pathname).toBe(`/tm/units/${id}`);

		expect(elsewhere((wb) => wb.tm.get(current))).toMatchObject({ source: 'Le sommet de Riga est désormais ouvert.', target: 'The Riga summit is open.' });
		// the link leads to the unit where the change can be made again
		await Promise.all([b.waitForURL(`**/tm/units/${current}`), b.click('#tm-unit-current')]);
		expect(await b.locator('#unit-source').textContent()).toBe('Le sommet de Riga est désormais ouvert.');
		for (const p of [a, b, c]) await p.context().close();
	});

	it('an id a new unit took after its unit moved and merged: the new unit is shown, and a delete read before is refused', async () => {
		// the two highest ids, so that the next unit written takes the second one again
		const [p, q] = elsewhere((wb) => wb.tm.add([u('Le Parlement siège à Strasbourg.', 'Parliament sits in Strasbourg.'), u('Le Parlement siège à Bruxelles.', 'Parliament sits in Brussels.')]));
		const html = await (await fetch(`${app.server.url}/tm/units/${q}`)).text();
		const readAt = /name="changedAt" value="([^"]+)"/.exec(html)![1];
		const r = elsewhere((wb) => wb.tm.updateUnit(q, { source: 'Le Parlement siège parfois à Bruxelles.' }).unit.id);
		expect(elsewhere((wb) => wb.tm.updateUnit(r, { source: 'Le Parlement siège à Strasbourg.', target: 'Parliament sits in Strasbourg.' }).merged)).toBe(true);
		// a new unit, written after the page was read
		const [fresh] = elsewhere((wb) => wb.tm.add([u('Une motion sans rapport.', 'An unrelated motion.')]));
		expect(fresh).toBe(q);

		const page = await fetch(`${app.server.url}/tm/units/${q}`, { redirect: 'manual' });
		expect(page.status).toBe(200);
		const now = await page.text();
		expect(now).toContain('Une motion sans rapport.');
		expect(now).not.toContain('id="tm-unit-moved"');

		const del = await post(`/tm/units/${q}?/delete`, { changedAt: readAt });
		expect(del.status).toBe(409);
		const body = await del.text();
		expect(body).toContain(`Translation memory unit ${q} was changed by someone else since you opened it: nothing was written.`);
		expect(body).toContain(`href="/tm/units/${q}" id="tm-unit-current"`);
		expect(elsewhere((wb) => wb.tm.get(q)!.source)).toBe('Une motion sans rapport.');
		expect(elsewhere((wb) => wb.tm.get(p)!.source)).toBe('Le Parlement siège à Strasbourg.');
	});
});

describe('the split API and an offset inside a word', () => {
	it('refuses it with a located 400 naming the word; a cut between words still works', async () => {
		const rows = async () => (await (await fetch(`${app.server.url}/api/documents/2/segments`)).json()).segments as { ord: number; source: string; version: number }[];
		const list = await rows();
		const i = list.findIndex((r) => /\s\p{L}{5,}/u.test(r.source));
		expect(i).toBeGreaterThanOrEqual(0);
		const m = /\s(\p{L}{5,})/u.exec(list[i].source)!;
		const inside = m.index + 3;
		const word = wordAt(list[i].source, inside)!.word;
		const post = (offset: number, lang = 'en') =>
			fetch(`${app.server.url}/api/documents/2/segments/${i}/split`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': lang }, body: JSON.stringify({ offset, version: list[i].version }) });
		const bad = await post(inside);
		expect(bad.status).toBe(400);
		const body = await bad.json();
		expect(body.code).toBe('segment_split_inside_word');
		expect(body.message).toMatch(new RegExp(`^Segment ${i + 1} cannot be cut at position ${inside}: that is inside the word “${word}”\\.`));
		expect((await rows()).length).toBe(list.length);
		const ok = await post(m.index + 1);
		expect(ok.status).toBe(200);
		expect((await rows())[i + 1].source.startsWith(m[1])).toBe(true);
	});
});
