import { describe, expect, it } from 'vitest';
import { useApp } from '../helpers/server.js';

/** The document's QA report page: `atelier qa DOC` in the browser, each finding linked to its segment. */
const app = useApp();

const put = async (doc: number, ord: number, target: string) => {
	const { version } = await fetch(`${app.server.url}/api/documents/${doc}/segments/${ord}`).then((r) => r.json());
	const r = await fetch(`${app.server.url}/api/documents/${doc}/segments/${ord}`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json' },
		// no propagation: the test writes a second, different translation of the repetition itself
		body: JSON.stringify({ target, status: 'translated', version, propagate: false })
	});
	expect(r.status).toBe(200);
};

describe('the QA report page', () => {
	it('lists the findings by check, with the segments linked to the editor, in English and French', async () => {
		const p = await app.page('en');
		await p.goto(app.server.url + '/import');
		await p.fill('#text', 'Le Conseil se réunit le 4 avril 2008. La séance est ouverte.\n\nLe Conseil se réunit le 4 avril 2008. Les Alliés ont décidé.');
		await Promise.all([p.waitForURL(/\/documents\/\d+/), p.click('button[type=submit]')]);
		const doc = Number(/\/documents\/(\d+)/.exec(p.url())![1]);
		await put(doc, 0, 'The Council meets on 4 April 2008.');
		await put(doc, 2, 'The Council meets on 5 April 2008.');

		await p.click('#qa-link');
		await p.waitForURL(`${app.server.url}/documents/${doc}/qa`);
		expect(await p.locator('h1').textContent()).toBe('QA report');
		expect(await p.locator('#qa-counts').textContent()).toContain('2 of 4 segments translated');
		// the wrong date: a number check, on segment 3, linked to the editor there
		const numbers = p.locator('section[data-check="qa.numbers"] tbody tr');
		expect(await numbers.count()).toBe(1);
		expect(await numbers.locator('td').first().textContent()).toBe('3');
		expect(await numbers.locator('td a').getAttribute('href')).toBe(`/documents/${doc}/edit?seg=3`);
		// the two translations of one source
		const consistency = p.locator('section[data-check="qa.consistency"]');
		expect(await consistency.locator('h2').textContent()).toBe('Consistency across segments (1)');
		expect(await consistency.locator('tbody td').nth(2).textContent()).toContain(
			'Same source translated 2 ways: “Le Conseil se réunit le 4 avril 2008.” → “The Council meets on 4 April 2008.” (1); “The Council meets on 5 April 2008.” (3)'
		);
		expect(await consistency.locator('tbody td a').allTextContents()).toEqual(['1', '3']);
		// the same findings as CSV for a spreadsheet: BOM, one row per finding, the segment's texts
		expect(await p.locator('#qa-csv').getAttribute('href')).toBe(`/documents/${doc}/qa.csv`);
		const csv = await (await p.context().request.get(`${app.server.url}/documents/${doc}/qa.csv`)).text();
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		const rows = csv.slice(1).trimEnd().split('\r\n');
		expect(rows[0]).toBe('Segment,Severity,Check,Finding,Source,Target,Suggestion');
		expect(rows, rows.join('\n')).toContain('3,Error,Numbers,Number 4 of the source is 5 in the target,Le Conseil se réunit le 4 avril 2008.,The Council meets on 5 April 2008.,4');
		expect(rows.some((r) => r.startsWith('1 3,Warning,Consistency across segments,'))).toBe(true);
		await p.context().close();

		const fr = await app.page('fr');
		await fr.goto(`${app.server.url}/documents/${doc}/qa`);
		expect(await fr.locator('h1').textContent()).toBe('Rapport de contrôle qualité');
		expect(await fr.locator('section[data-check="qa.consistency"] h2').textContent()).toBe('Cohérence entre segments (1)');
		await fr.context().close();
	});

	it('a document with nothing translated says so', async () => {
		const p = await app.page('en');
		await p.goto(`${app.server.url}/documents/1/qa`);
		expect(await p.locator('.notice').textContent()).toBe('No segment has a translation yet: there is nothing to check.');
		expect(await p.locator('section.card').count()).toBe(0);
		await p.context().close();
	});
});
