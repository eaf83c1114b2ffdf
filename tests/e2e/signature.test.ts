import { describe, expect, it } from 'vitest';
import { createExports } from '../../src/core/export/service.server.js';
import { createWorkbench } from '../../src/core/workbench.server.js';
import { FRENCH } from '../helpers/export-workbench.js';
import { useApp } from '../helpers/server.js';

// A translator signs their changes once, on /settings; every save from that browser then
// carries the name (segment changed_by, TM unit created_by), and a browser without it none.

const app = useApp();

const get = async (doc: number, ord: number) => (await fetch(`${app.server.url}/api/documents/${doc}/segments/${ord}`)).json();

describe('signed changes in the browser', () => {
	it('the name set on /settings shows in the header and signs what the editor saves', async () => {
		const p = await app.page();
		await p.goto(`${app.server.url}/settings`);
		expect((await p.locator('#signed').textContent())!.trim()).toBe('Sign your changes');
		expect(await p.locator('label[for=user-name]').textContent()).toBe('Your name (signs your translations, TM units and history)');

		await p.locator('#user-name').fill('  Marie Curie ');
		await p.getByRole('button', { name: 'Save' }).click();
		await expect.poll(() => p.locator('#settings-message').textContent()).toBe('Your changes are now signed “Marie Curie”.');
		expect((await p.locator('#signed').textContent())!.trim()).toBe('Signed: Marie Curie');
		expect(await p.locator('#signed').getAttribute('href')).toBe('/settings');
		// the notice is read once: a reload does not show it again; the field shows the name as stored
		await p.reload();
		expect(await p.locator('#user-name').inputValue()).toBe('Marie Curie');
		expect(await p.locator('#settings-message').count()).toBe(0);
		const [cookie] = (await p.context().cookies()).filter((c) => c.name === 'atelier_user');
		expect(cookie).toMatchObject({ value: 'Marie%20Curie', path: '/', httpOnly: true, sameSite: 'Lax', secure: false });
		expect(cookie.expires * 1000 - Date.now()).toBeGreaterThan(364 * 86_400_000);

		// the editor: the first segment typed and confirmed
		await p.goto(`${app.server.url}/documents/3/edit`);
		await p.waitForSelector('#grid[data-ready=true]');
		expect((await p.locator('#signed').textContent())!.trim()).toBe('Signed: Marie Curie');
		await p.locator('#target-editor').fill('Chairman’s Statement');
		await p.keyboard.press('Control+Enter');
		await expect.poll(() => p.locator('#save-state').textContent()).toBe('All changes saved');
		// read back without the cookie: the name is stored, not merely shown to its owner
		expect(await get(3, 0)).toMatchObject({ target: 'Chairman’s Statement', status: 'translated', changedBy: 'Marie Curie' });
		// its TM unit too: created and changed by her, as the unit's page says
		const { source } = await get(3, 0);
		const { hits } = await (await fetch(`${app.server.url}/api/tm/concordance?q=${encodeURIComponent(source)}`)).json();
		const unit = hits.find((h: { origin: string; target: string }) => h.origin === 'translation' && h.target === 'Chairman’s Statement');
		await p.goto(`${app.server.url}/tm/units/${unit.id}`);
		expect(await p.locator('#unit-changed').textContent()).toMatch(/by Marie Curie/);

		// the same-origin API with the cookie: signed, unless the body names someone itself
		const put = async (ord: number, body: Record<string, unknown>) => {
			const { version } = await get(3, ord);
			const r = await p.request.put(`${app.server.url}/api/documents/3/segments/${ord}`, { data: { status: 'draft', version, ...body } });
			expect(r.status()).toBe(200);
			return (await r.json()).segment;
		};
		expect((await put(1, { target: 'Signed by the cookie' })).changedBy).toBe('Marie Curie');
		expect((await put(2, { target: 'Signed by the script', by: 'Nightly script' })).changedBy).toBe('Nightly script');

		// cleared: nobody signs any more
		await p.goto(`${app.server.url}/settings`);
		await p.locator('#clear-name').click();
		await expect.poll(() => p.locator('#settings-message').textContent()).toBe('Your changes are no longer signed.');
		expect((await p.locator('#signed').textContent())!.trim()).toBe('Sign your changes');
		expect((await p.context().cookies()).some((c) => c.name === 'atelier_user')).toBe(false);
		expect((await put(4, { target: 'After clearing' })).changedBy).toBeNull();
	});

	it('without the cookie a save stays unsigned; a cookie that is no name is ignored', async () => {
		const { version } = await get(3, 5);
		const r = await fetch(`${app.server.url}/api/documents/3/segments/5`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ target: 'Nobody’s', status: 'draft', version })
		});
		expect(r.status).toBe(200);
		expect((await get(3, 5)).changedBy).toBeNull();

		const p = await app.page();
		await p.context().addCookies([{ name: 'atelier_user', value: 'Marie%0ACurie', url: app.server.url }]);
		await p.goto(`${app.server.url}/settings`);
		expect((await p.locator('#signed').textContent())!.trim()).toBe('Sign your changes');
		const v = (await get(3, 6)).version;
		const put = await p.request.put(`${app.server.url}/api/documents/3/segments/6`, { data: { target: 'Still nobody’s', status: 'draft', version: v } });
		expect((await put.json()).segment.changedBy).toBeNull();
	});

	it('French: the header and the page in French, the name as typed', async () => {
		const p = await app.page('fr-FR');
		await p.goto(`${app.server.url}/settings`);
		await p.locator('#user-name').fill('E\u0301milie du Cha\u0302telet');
		await p.getByRole('button', { name: 'Enregistrer' }).click();
		await expect.poll(() => p.locator('#settings-message').textContent()).toBe('Vos modifications sont désormais signées «\u00a0Émilie du Châtelet\u00a0».');
		expect((await p.locator('#signed').textContent())!.trim()).toBe('Signé\u00a0: Émilie du Châtelet');
	});

	it('settings: a refused name shows its error alone, and a 140-character name is refused whole, not saved cut', async () => {
		const p = await app.page();
		await p.goto(`${app.server.url}/settings`);
		await p.locator('#user-name').fill('Marie Curie');
		await p.getByRole('button', { name: 'Save' }).click();
		await expect.poll(() => p.locator('#settings-message').textContent()).toBe('Your changes are now signed “Marie Curie”.');
		await p.locator('#clear-name').click();
		await expect.poll(() => p.locator('#settings-message').textContent()).toBe('Your changes are no longer signed.');

		// 140 characters typed: nothing cuts them in the field, the server says why it refuses
		const long = 'Jean-Baptiste '.repeat(10);
		expect([...long.trim()].length).toBe(139);
		await p.locator('#user-name').fill(long + 'X');
		await p.getByRole('button', { name: 'Save' }).click();
		await expect.poll(() => p.locator('#settings-error').textContent()).toBe('The name is longer than 100 characters.');
		// the notice of the earlier "Stop signing" is not shown beside the error
		expect(await p.locator('#settings-message').count()).toBe(0);
		expect(await p.locator('#user-name').inputValue()).toBe(long + 'X');
		expect((await p.context().cookies()).some((c) => c.name === 'atelier_user')).toBe(false);
		expect((await p.locator('#signed').textContent())!.trim()).toBe('Sign your changes');
		await p.reload();
		expect(await p.locator('#signed-as').textContent()).toBe('Your changes are not signed.');
		await p.context().close();
	});

	it('French: after a save, a name with a text-direction mark shows only its error', async () => {
		const p = await app.page('fr-FR');
		await p.goto(`${app.server.url}/settings`);
		await p.locator('#user-name').fill('Paul Révision');
		await p.getByRole('button', { name: 'Enregistrer' }).click();
		await expect.poll(() => p.locator('#settings-message').textContent()).toBe('Vos modifications sont désormais signées «\u00a0Paul Révision\u00a0».');
		await p.locator('#user-name').fill('Jean\u202eX');
		await p.getByRole('button', { name: 'Enregistrer' }).click();
		await expect
			.poll(() => p.locator('#settings-error').textContent())
			.toBe('Le nom contient des caractères de contrôle (sauts de ligne, tabulations ou marques de sens d’écriture)\u00a0: saisissez-le sur une seule ligne.');
		expect(await p.locator('#settings-message').count()).toBe(0);
		expect((await p.locator('#signed').textContent())!.trim()).toBe('Signé\u00a0: Paul Révision');
		await p.context().close();
	});

	it('the API refuses a body "by" that is no name with a translated 400 naming the field; a valid one is stored trimmed and NFC', async () => {
		const send = (method: string, path: string, body: unknown, lang = 'en') =>
			fetch(`${app.server.url}${path}`, { method, headers: { 'content-type': 'application/json', 'accept-language': lang }, body: JSON.stringify(body) });
		const before = await get(3, 10);
		const evil = 'Evil\u202eName\u0007' + 'z'.repeat(150);
		let r = await send('PUT', '/api/documents/3/segments/10', { target: 'Evil', status: 'draft', version: before.version, by: evil });
		expect(r.status).toBe(400);
		// why, not only where: a script's author cannot guess which rule the name broke
		expect((await r.json()).message).toBe('“by” is refused. The name is longer than 100 characters.');
		r = await send('PUT', '/api/documents/3/segments/10', { target: 'Long', status: 'draft', version: before.version, by: 'x'.repeat(120) }, 'fr-FR');
		expect(r.status).toBe(400);
		expect((await r.json()).message).toBe('«\u00a0by\u00a0» est refusé. Le nom dépasse 100 caractères.');
		r = await send('PUT', '/api/documents/3/segments/10', { target: 'Bell', status: 7, version: before.version, by: 'Marie\u0007' });
		expect(r.status).toBe(400);
		// with another problem, both are said
		expect((await r.json()).message).toBe('“by” is refused. The name contains control characters (line breaks, tabs or text-direction marks): type it on one line. Invalid request: check status.');
		expect(await get(3, 10)).toMatchObject({ target: before.target, version: before.version, changedBy: before.changedBy });

		// every route that takes a "by" follows the same rules
		const bad = { by: 'Jean\u202eX' };
		for (const [path, body] of [
			['/api/documents/3/segments/10/split', { offset: 1, version: before.version, ...bad }],
			['/api/documents/3/segments/10/join', { versions: [before.version, 0], ...bad }],
			['/api/documents/3/pretranslate', { status: 'draft', ...bad }],
			['/api/documents/3/replace', { apply: [{ ord: 10, version: before.version, after: 'Replaced' }], ...bad }]
		] as const) {
			const res = await send('POST', path, body);
			expect(res.status, path).toBe(400);
			expect((await res.json()).message, path).toBe('“by” is refused. The name contains control characters (line breaks, tabs or text-direction marks): type it on one line.');
		}
		const align = await send('POST', '/alignments/1', { action: 'confirm', minConfidence: 1, by: 'y'.repeat(101) });
		expect(align.status).toBe(400);
		expect(await get(3, 10)).toMatchObject({ target: before.target, version: before.version });

		// a valid name: trimmed, NFC, 100 characters outside the BMP still fit
		r = await send('PUT', '/api/documents/3/segments/10', { target: 'Signed', status: 'draft', version: before.version, by: ' E\u0301lodie ' });
		expect(r.status).toBe(200);
		expect((await r.json()).segment.changedBy).toBe('Élodie');
		const { version } = await get(3, 10);
		r = await send('PUT', '/api/documents/3/segments/10', { target: 'Signed again', status: 'draft', version, by: '𝔄'.repeat(100) });
		expect(r.status).toBe(200);
		expect((await r.json()).segment.changedBy).toBe('𝔄'.repeat(100));
	});

	it('the re-import history names who signed each change, with the date as the app shows dates', async () => {
		const wb = createWorkbench({ dbPath: app.server.dbPath });
		let id: number;
		try {
			({ id } = await wb.importDocument({ bytes: new TextEncoder().encode(FRENCH), file: 'declaration.txt', sourceLang: 'fr-FR', targetLang: 'en-GB', title: 'Signed re-import' }));
			wb.setTarget(id, 1, 'NATO “defends” its allies: that is its mission.', { status: 'translated' });
		} finally {
			wb.close();
		}
		const xliff = await (await fetch(`${app.server.url}/documents/${id}/export?format=xliff`)).text();
		const edited = xliff.replace('>NATO “defends” its allies: that is its mission.<', '>NATO “defends” its Allies — that is its mission.<');
		expect(edited).not.toBe(xliff);

		const p = await app.page();
		await p.context().addCookies([{ name: 'atelier_user', value: encodeURIComponent('Paul Révision'), url: app.server.url }]);
		await p.goto(`${app.server.url}/documents/${id}/reimport`);
		await p.setInputFiles('#reimport-upload input[type=file]', { name: 'relu.xlf', mimeType: 'application/xliff+xml', buffer: Buffer.from(edited) });
		await Promise.all([p.waitForLoadState('load'), p.click('#reimport-upload button')]);
		await Promise.all([p.waitForLoadState('load'), p.click('#reimport-confirm button')]);
		await p.locator('#reimport-applied').waitFor();

		const check = createWorkbench({ dbPath: app.server.dbPath });
		let h;
		try {
			[h] = createExports(check).history(id);
		} finally {
			check.close();
		}
		expect(h).toMatchObject({ kind: 'reimport', changedBy: 'Paul Révision', ord: 1 });
		const shown = (lang: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(h.changedAt));

		await p.goto(`${app.server.url}/documents/${id}/reimport`);
		const line = async () => (await p.locator('#reimport-history li').first().textContent())!.replace(/\s+/g, ' ').trim();
		expect(await line()).toBe(`${shown('en')} · re-import · relu.xlf · by Paul Révision — 2: NATO “defends” its allies: that is its mission. → NATO “defends” its Allies — that is its mission.`);
		expect(await line()).not.toContain(h.changedAt);

		const fr = await app.page('fr-FR');
		await fr.goto(`${app.server.url}/documents/${id}/reimport`);
		expect((await fr.locator('#reimport-history li').first().textContent())!.replace(/\s+/g, ' ').trim()).toMatch(
			new RegExp(`^${shown('fr').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · réimport · relu\\.xlf · par Paul Révision — 2:`)
		);
		await p.context().close();
		await fr.context().close();
	});
});
