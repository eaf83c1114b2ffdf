import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createWorkbench } from '../../src/core/workbench.server.js';
import { useApp } from '../helpers/server.js';

const app = useApp();
const page = (lang?: string) => app.page(lang);

describe('terminology in the browser', () => {
	it('the glossary page searches, adds and edits concepts', async () => {
		const p = await page();
		await p.goto(app.server.url + '/glossary');
		expect(await p.locator('#concepts tbody tr').count()).toBeGreaterThan(150);
		await p.fill('#q', 'FIAS');
		await Promise.all([p.waitForURL(/q=FIAS/), p.click('form.search button')]);
		const rows = await p.locator('#concepts tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-concept')));
		expect(rows).toContain('c-isaf');
		expect(rows.length).toBeLessThan(10);

		await p.goto(app.server.url + '/glossary?edit=new');
		await p.fill('#key', 'c-fog');
		await p.fill('input[name="terms.0.text"]', 'brouillard de guerre');
		await p.fill('input[name="terms.1.text"]', 'fog of war');
		await p.click('#concept-form button[type=submit]');
		await expect.poll(() => p.locator('#glossary-message').textContent()).toContain('c-fog');
		await p.goto(app.server.url + '/glossary?edit=c-fog');
		await p.fill('input[name="terms.2.lang"]', 'en');
		await p.fill('input[name="terms.2.text"]', 'war fog');
		await p.selectOption('select[name="terms.2.status"]', 'forbidden');
		await p.fill('input[name="terms.2.replacement"]', 'fog of war');
		await p.click('#concept-form button[type=submit]');
		await expect.poll(() => p.locator('#glossary-message').textContent()).toContain('c-fog');
		await p.goto(app.server.url + '/glossary?q=fog');
		expect(await p.locator('tr[data-concept="c-fog"] .status-forbidden').textContent()).toContain('war fog');
		await p.context().close();
	});

	it('adding a concept with an existing id is refused; saving an unchanged concept keeps what the form does not show', async () => {
		const p = await page('fr-FR');
		const tbx = async () => (await fetch(app.server.url + '/glossary/export?format=tbx')).text();
		const entry = (xml: string, id: string) => xml.slice(xml.indexOf(`<conceptEntry id="${id}"`), xml.indexOf('</conceptEntry>', xml.indexOf(`<conceptEntry id="${id}"`)));
		const before = entry(await tbx(), 'c-alliance');
		expect(before).toMatch(/partOfSpeech/);
		await p.goto(app.server.url + '/glossary?edit=new');
		await p.fill('#key', 'c-alliance');
		await p.fill('input[name="terms.0.text"]', 'x');
		await p.click('#concept-form button[type=submit]');
		await expect.poll(() => p.locator('#glossary-error').textContent()).toContain('Le concept c-alliance existe déjà');
		expect(entry(await tbx(), 'c-alliance')).toBe(before);
		await p.goto(app.server.url + '/glossary?edit=c-alliance');
		await p.click('#concept-form button[type=submit]');
		await expect.poll(() => p.locator('#glossary-message').textContent()).toContain('c-alliance');
		expect(entry(await tbx(), 'c-alliance')).toBe(before);
		// the apostrophe the documents use finds what the keyboard's finds
		await p.goto(app.server.url + '/glossary?q=' + encodeURIComponent('l’OTAN'));
		const curly = await p.locator('#concepts tbody tr').count();
		await p.goto(app.server.url + "/glossary?q=l'OTAN");
		expect(curly).toBeGreaterThan(0);
		expect(await p.locator('#concepts tbody tr').count()).toBe(curly);
		await p.context().close();
	});

	it('imports a CSV glossary from the page and exports TBX with the right type', async () => {
		const p = await page('fr-FR');
		await p.goto(app.server.url + '/glossary');
		await p.setInputFiles('#gfile', { name: 'extra.csv', mimeType: 'text/csv', buffer: Buffer.from('fr,en,Concept ID\nzone d’exclusion aérienne,no-fly zone,c-nfz\n') });
		await p.click('form.import button');
		await expect.poll(() => p.locator('#glossary-message').textContent()).toContain('Importé de extra.csv\u00a0: 1 concept (2 termes).');
		await p.setInputFiles('#gfile', { name: 'cassé.tbx', mimeType: 'application/xml', buffer: Buffer.from('<tbx><text><body><conceptEntry id="a"></conceptEntry></body></text></tbx>') });
		await p.click('form.import button');
		await expect.poll(() => p.locator('#glossary-error').textContent()).toContain('le concept a n’a aucun terme');
		const res = await fetch(app.server.url + '/glossary/export?format=tbx');
		expect(res.headers.get('content-type')).toContain('application/x-tbx+xml');
		expect(res.headers.get('content-disposition')).toContain('atelier-glossary.tbx');
		expect(await res.text()).toContain('no-fly zone');
		await p.context().close();
	});

	it('highlights glossary terms in the document view, with the approved English on focus', async () => {
		const p = await page();
		await p.goto(app.server.url + '/documents/3');
		const nrc = p.locator('#segments button.term[data-concept="c-nrc"]').first();
		expect(await nrc.textContent()).toMatch(/COR|Conseil OTAN-Russie/);
		await nrc.focus();
		const tip = await nrc.evaluate((el) => getComputedStyle(el, '::after').content);
		expect(tip).toContain('NATO-Russia Council');
		expect(await p.locator('#segments button.term').count()).toBeGreaterThan(40);
		await p.context().close();
	});

	it('the terminology report lists findings on translations and remembers an accepted one', async () => {
		const wb = createWorkbench({ dbPath: app.server.dbPath });
		const pairs = wb.segmentPairs(3);
		const ord = pairs.findIndex((p) => p.source.includes('FIAS'));
		wb.setTarget(3, ord, 'Goods for the FIAS will transit through Russia, as Nato agreed.');
		wb.close();
		const p = await page();
		await p.goto(app.server.url + '/documents/3/terms');
		const forbidden = p.locator('section[data-check="term-forbidden"] tbody tr');
		await expect.poll(() => forbidden.count()).toBe(2);
		expect(await forbidden.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Forbidden term “Nato”: write “NATO”')]));
		// by the finding: each row also shows its segment's target, which names Nato in both rows
		const row = forbidden.filter({ hasText: 'Forbidden term “Nato”' });
		await row.locator('summary').click();
		await row.locator('input[name=reason]').fill('quotation');
		await row.locator('button[type=submit]').click();
		await expect.poll(() => p.locator('#report-counts').textContent()).toContain('accepted: 1');
		await p.reload();
		expect(await p.locator('section[data-check="term-forbidden"] tr.ignored').textContent()).toContain('Accepted: quotation');
		const bytes = Buffer.from(await (await fetch(app.server.url + '/documents/3/terms.csv')).arrayBuffer());
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const csv = bytes.subarray(3).toString('utf8');
		expect(csv.split('\r\n')[0]).toBe('Segment,Severity,Check,Finding,Suggestion,Accepted (reason),Elsewhere');
		expect(csv).toContain('quotation');
		await p.context().close();
	});

	it('the report compares with the translation memory and shows the TM units on the other side', async () => {
		const wb = createWorkbench({ dbPath: app.server.dbPath });
		const ord = wb.segmentPairs(1).findIndex((p) => p.source.startsWith('Enfin, un certain nombre d’Alliés et de Partenaires'));
		const source = wb.segmentPairs(1)[ord].source;
		wb.setTarget(1, ord, 'Finally, a number of Allies and Partners have also announced new force commitments.');
		const [unit] = wb.tm.add([{ sourceLang: 'fr-FR', targetLang: 'en-GB', source, target: 'Finally, a number of Allies and partner countries have announced commitments.', origin: 'import' }]);
		wb.close();
		const p = await page();
		await p.goto(app.server.url + '/documents/1/terms');
		expect(await p.locator('section[data-check="term-inconsistency"]').count()).toBe(0);
		await p.selectOption('#scope', 'tm');
		await p.locator('form.scope button[type=submit]').click();
		await p.waitForURL(/scope=tm/);
		const row = p.locator('section[data-check="term-inconsistency"] tbody tr', { hasText: 'Partenaires' });
		await expect.poll(() => row.count()).toBe(1);
		await row.locator('details.refs summary').click();
		expect(await row.locator(`li[data-tm-unit="${unit}"]`).textContent()).toContain(`TM unit ${unit}: partner countries`);
		const csv = await (await fetch(app.server.url + '/documents/1/terms.csv?scope=tm')).text();
		expect(csv).toContain(`against TM unit ${unit}`);
		await p.context().close();
	});
});
