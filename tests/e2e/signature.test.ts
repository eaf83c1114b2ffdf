import { describe, expect, it } from 'vitest';
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
});
