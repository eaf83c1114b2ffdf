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
	it('the old URL redirects (303) to the current unit with a one-time notice; a save aimed at it is refused; once deleted, 404', async () => {
		const [old] = elsewhere((wb) => wb.tm.add([u('Le sommet de Bucarest est clos.', 'The Bucharest summit is closed.')]));
		const current = elsewhere((wb) => wb.tm.updateUnit(old, { source: 'Le sommet de Bucarest est désormais clos.' }).unit.id);
		expect(current).not.toBe(old);

		const r = await fetch(`${app.server.url}/tm/units/${old}`, { redirect: 'manual' });
		expect(r.status).toBe(303);
		expect(r.headers.get('location')).toBe(`/tm/units/${current}`);

		const p = await app.page();
		await p.goto(`${app.server.url}/tm/units/${old}`);
		expect(new URL(p.url()).pathname).toBe(`/tm/units/${current}`);
		expect(await p.locator('#tm-unit-moved').textContent()).toBe(`Unit ${old} was edited; this is its current version (${current}).`);
		expect(await p.locator('#unit-source').textContent()).toBe('Le sommet de Bucarest est désormais clos.');
		// once
		await p.reload();
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
		expect(await save.text()).toContain(`Translation memory unit ${old} was edited and is now unit ${current}`);
		expect(elsewhere((wb) => wb.tm.get(current)!.target)).toBe('The Bucharest summit is closed.');

		elsewhere((wb) => wb.tm.deleteUnits([current]));
		const gone = await fetch(`${app.server.url}/tm/units/${old}`, { redirect: 'manual' });
		expect(gone.status).toBe(404);
		expect(await gone.text()).toContain(`Translation memory unit ${old} does not exist.`);
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
