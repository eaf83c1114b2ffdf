import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from '../helpers/server.js';

const app = useApp();

const api = (path: string, init?: RequestInit) => fetch(app.server.url + path, init).then((r) => r.json());
const editor = (p: Page) => p.locator('#target-editor');
const activeOrd = (p: Page) => p.evaluate(() => Number((document.activeElement as HTMLElement | null)?.dataset.ord ?? -1));

async function open(p: Page, doc: number, seg?: number) {
	await p.goto(`${app.server.url}/documents/${doc}/edit${seg ? `?seg=${seg}` : ''}`);
	await p.waitForSelector('#grid[data-ready=true]');
}

/** Waits until the panels show the active segment's TM matches (they load after the segment opens). */
async function matchesLoaded(p: Page) {
	await p.waitForSelector('#match-list, #no-matches');
}

describe('the translation editor in the browser', () => {
	it('translates three segments with the keyboard: typing, a TM match, a term warning; all saved across a reload', async () => {
		// the NRC statement's alignment with its English translation goes into the TM: every segment then has a 101% match
		const confirmed = await api('/alignments/2', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'confirm', minConfidence: 0 }) });
		expect(confirmed.confirmed).toBeGreaterThan(10);

		const p = await app.page();
		await open(p, 3);
		// a grid with ARIA roles, the first segment open and focused
		expect(await p.locator('#grid[role=grid] [role=row][aria-selected=true]').count()).toBe(1);
		expect(await activeOrd(p)).toBe(0);
		expect(await p.locator('[role=row].kind-heading').count()).toBeGreaterThan(0);

		// 1. typed by hand, confirmed with Ctrl+Enter: the cursor moves on to segment 2
		await editor(p).fill('');
		await p.keyboard.type('Chairman’s Statement');
		await p.keyboard.press('Control+Enter');
		await expect.poll(() => activeOrd(p)).toBe(1);

		// 2. the TM match is shown with its score and inserted with Ctrl+1
		await matchesLoaded(p);
		const first = p.locator('#match-list li').first();
		expect(await first.getAttribute('data-score')).toBe('101');
		const matchTarget = (await first.locator('.target').textContent())!.trim();
		expect(matchTarget).toMatch(/NATO-Russia Council/);
		// the unit's own page is one click away (a new tab), to fix a wrong unit where it is met
		const unitLink = first.locator('a.unit-link');
		expect(await unitLink.getAttribute('target')).toBe('_blank');
		const unitPage = await fetch(app.server.url + (await unitLink.getAttribute('href'))!);
		expect(unitPage.status).toBe(200);
		expect(await unitPage.text()).toContain(matchTarget);
		await p.keyboard.press('Control+1');
		expect(await editor(p).inputValue()).toBe(matchTarget);
		await p.keyboard.press('Control+Enter');
		await expect.poll(() => activeOrd(p)).toBe(2);

		// 3. a translation that leaves out the approved term gets a live warning before confirming
		await matchesLoaded(p);
		expect(await p.locator('#term-list').textContent()).toMatch(/NATO-Russia Council/);
		await p.keyboard.type('The heads of state met in Bucharest with the 27 countries.');
		await expect.poll(() => p.locator('#issue-list [data-check=term-missing]').count(), { timeout: 5000 }).toBeGreaterThan(0);
		expect(await p.locator('#issue-list').textContent()).toMatch(/NATO-Russia Council/);
		await p.keyboard.press('Control+Enter');
		if ((await activeOrd(p)) === 2) {
			// an error among the findings: the editor asks once, the second Ctrl+Enter confirms
			expect(await p.locator('#editor-notice').textContent()).toMatch(/Ctrl\+Enter/);
			await p.keyboard.press('Control+Enter');
		}
		await expect.poll(() => activeOrd(p)).toBe(3);
		await expect.poll(() => p.locator('#save-state').textContent()).toBe('All changes saved');

		await p.reload();
		await p.waitForSelector('#grid[data-ready=true]');
		const rows = p.locator('#grid [role=row][data-ord]');
		expect(await rows.nth(0).locator('.tgt').textContent()).toContain('Chairman’s Statement');
		expect(await rows.nth(1).locator('.tgt').textContent()).toContain(matchTarget);
		expect(await rows.nth(2).locator('.tgt').textContent()).toContain('The heads of state met in Bucharest');
		for (let i = 0; i < 3; i++) expect(await rows.nth(i).locator('.st').getAttribute('data-status')).toBe('translated');
		// the reopened editor starts at the first unconfirmed segment
		expect(await activeOrd(p)).toBe(3);
		// confirming fed the TM: segment 3 now has a match of origin "translation"
		const m = await api('/api/documents/3/segments/2/matches');
		expect(m.some((x: { unit: { origin: string; target: string } }) => x.unit.origin === 'translation' && x.unit.target.startsWith('The heads of state'))).toBe(true);
		await p.context().close();
	});

	it('keeps every keystroke: a draft typed just before leaving the page is saved', async () => {
		const p = await app.page();
		await open(p, 3, 8);
		expect(await activeOrd(p)).toBe(7);
		await p.keyboard.type('Draft kept on reload');
		await p.goto(app.server.url + '/');
		await expect.poll(async () => (await api('/api/documents/3/segments/7')).target, { timeout: 5000 }).toBe('Draft kept on reload');
		expect((await api('/api/documents/3/segments/7')).status).toBe('draft');
		await p.context().close();
	});

	it('a conflict between two browsers on one segment shows both versions and overwrites nothing silently', async () => {
		const a = await app.page();
		const b = await app.page();
		await open(a, 3, 10);
		await open(b, 3, 10);
		await a.keyboard.type('Version from A');
		await a.keyboard.press('Control+Enter');
		await expect.poll(() => a.locator('#save-state').textContent()).toBe('All changes saved');
		expect((await api('/api/documents/3/segments/9')).target).toBe('Version from A');

		// B opened the segment before A's save: its autosave is refused and B chooses
		await b.keyboard.type('Version from B');
		await b.waitForSelector('#conflict[open]', { timeout: 5000 });
		expect(await b.locator('#conflict-mine').textContent()).toBe('Version from B');
		expect(await b.locator('#conflict-theirs').textContent()).toBe('Version from A');
		// nothing overwritten while B decides
		expect((await api('/api/documents/3/segments/9')).target).toBe('Version from A');
		await b.locator('#conflict-merge').fill('Version from A and B');
		await b.click('#save-merged');
		await expect.poll(async () => (await api('/api/documents/3/segments/9')).target).toBe('Version from A and B');
		expect(await editor(b).inputValue()).toBe('Version from A and B');

		// A now holds a stale version: its next save is a conflict too, and "take theirs" adopts B's text
		await a.keyboard.press('Control+ArrowUp');
		await expect.poll(() => activeOrd(a)).toBe(9);
		await a.keyboard.type(' (edited)');
		await a.waitForSelector('#conflict[open]', { timeout: 5000 });
		await a.click('#take-theirs');
		expect(await editor(a).inputValue()).toBe('Version from A and B');
		expect((await api('/api/documents/3/segments/9')).target).toBe('Version from A and B');
		await a.context().close();
		await b.context().close();
	});

	it('copies the source, inserts a no-break space, filters by status and moves with Ctrl+↓/↑', async () => {
		const p = await app.page();
		await open(p, 3, 12);
		await p.keyboard.press('Control+Shift+I');
		const src = (await p.locator('[role=row][aria-selected=true] .src').textContent())!;
		expect(src.trim().endsWith((await editor(p).inputValue()).trim())).toBe(true);
		await p.keyboard.press('Control+End');
		await p.keyboard.press('Control+Shift+Space');
		expect((await editor(p).inputValue()).endsWith('\u00a0')).toBe(true);
		await p.keyboard.press('Control+ArrowDown');
		await expect.poll(() => activeOrd(p)).toBe(12);
		await p.keyboard.press('Control+ArrowUp');
		await expect.poll(() => activeOrd(p)).toBe(11);
		// only translated segments
		await p.check('input[data-status=translated]');
		const shown = await p.locator('#grid [role=row][data-ord] .st').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
		expect(shown.length).toBeGreaterThanOrEqual(3);
		expect(new Set(shown.filter((_, i) => i > 0 || shown.length === 1))).toEqual(new Set(['translated']));
		await p.context().close();
	});

	it('a refusal about one segment (an empty target confirmed) goes when the translator moves to another', async () => {
		const p = await app.page();
		await open(p, 1, 20);
		await editor(p).fill('');
		await p.keyboard.press('Control+Enter');
		await expect.poll(() => p.locator('#editor-notice.error').count()).toBe(1);
		expect(await p.locator('#editor-notice').textContent()).toMatch(/empty/i);
		await p.keyboard.press('Control+ArrowDown');
		await expect.poll(() => activeOrd(p)).toBe(20);
		expect(await p.locator('#editor-notice').count()).toBe(0);
		await p.context().close();
	});

	it('finds and replaces with a preview, pre-translates with a report, and shows the analysis', async () => {
		const p = await app.page();
		await open(p, 3);
		await p.click('#find-toggle');
		await p.fill('#find-text', 'Bucharest');
		await p.fill('#replace-text', 'Bucarest');
		await p.click('#replace-preview');
		const changes = p.locator('#replace-changes tbody tr');
		await expect.poll(() => changes.count()).toBeGreaterThan(0);
		expect(await changes.first().textContent()).toMatch(/Bucharest.*Bucarest/s);
		const n = await changes.count();
		await p.click('#replace-apply');
		await expect.poll(() => p.locator('#find-panel [role=status]').textContent()).toMatch(new RegExp(`${n} segments? changed`));
		expect((await api('/api/documents/3/segments/2')).target).toContain('Bucarest');

		// pre-translation from the confirmed alignment fills the empty segments
		const empty = async () => (await api('/api/documents/3/segments')).segments.filter((s: { target: string | null }) => !s.target).length;
		const before = await empty();
		await p.click('#pre-open');
		await p.check('#pretranslate input[value=translated]');
		await p.click('#pre-run');
		await p.waitForSelector('#pre-report');
		const [, filled, of] = /^Filled (\d+) of (\d+) empty segments? /.exec((await p.locator('#pre-report').textContent())!)!.map(Number);
		expect(of).toBe(before);
		expect(filled).toBeGreaterThan(before / 2);
		expect(await empty()).toBe(before - filled);
		// the grid shows the filled targets without a reload
		expect(await p.locator('#grid [role=row][data-ord] .st[data-status=translated]').count()).toBeGreaterThan(3);
		await p.keyboard.press('Escape');

		await p.goto(app.server.url + '/documents/3/edit/analysis');
		expect(await p.locator('#analysis-table tbody tr').count()).toBe(8);
		expect(await p.locator('#analysis-chart rect.bar').count()).toBe(8);
		expect(await p.locator('#progress-table tr[data-status=translated] td.num').first().textContent()).not.toBe('0');
		await p.context().close();
	});

	it('shows the shortcut sheet in French with ?, and closes it with Escape', async () => {
		const p = await app.page('fr-FR');
		await open(p, 1);
		await p.keyboard.press('Escape');
		await p.keyboard.press('?');
		await p.waitForSelector('#shortcuts[open]');
		const text = await p.locator('#shortcuts').textContent();
		expect(text).toMatch(/Confirmer \(traduit\) et passer au segment suivant/);
		expect(text).toMatch(/Entrée/);
		await p.keyboard.press('Escape');
		await expect.poll(() => p.locator('#shortcuts').count()).toBe(0);
		await p.context().close();
	});

	it('works English→French: French typography is checked live on the target, and one click fixes it', async () => {
		const p = await app.page();
		await open(p, 4, 2);
		expect(await p.locator('#grid [role=columnheader]').nth(1).textContent()).toContain('en-GB');
		await p.keyboard.type('Le sommet : « Bonjour » !');
		await expect.poll(() => p.locator('#issue-list [data-check="qa.typography"]').count()).toBeGreaterThanOrEqual(3);
		await p.click('#qa-fix');
		expect(await editor(p).inputValue()).toBe('Le sommet\u00a0: «\u00a0Bonjour\u00a0»\u202f!');
		await expect.poll(() => p.locator('#issue-list [data-check="qa.typography"]').count()).toBe(0);
		await p.context().close();
	});

	it('runs a concordance search on the selection with Alt+K, and moves on the grid with the arrows after Esc', async () => {
		await api('/alignments/2', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'confirm', minConfidence: 0 }) });
		const p = await app.page();
		await open(p, 3, 4);
		await p.keyboard.press('Control+Shift+I');
		await p.evaluate(() => {
			const el = document.getElementById('target-editor') as HTMLTextAreaElement;
			const at = el.value.indexOf('Acte fondateur');
			el.setSelectionRange(at, at + 'Acte fondateur'.length);
		});
		await p.keyboard.press('Alt+K');
		await expect.poll(() => p.locator('#concordance-q').inputValue()).toBe('Acte fondateur');
		await expect.poll(() => p.locator('#concordance-hits li').count()).toBeGreaterThan(0);
		expect(await p.locator('#concordance-hits mark').first().textContent()).toMatch(/Acte|fondateur|Founding/i);
		// Esc leaves the target box for the row; the arrows then move the selection, Enter edits
		await p.keyboard.press('Escape');
		expect(await p.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('row');
		await p.keyboard.press('ArrowDown');
		await p.keyboard.press('ArrowDown');
		await expect.poll(() => p.locator('[role=row][aria-selected=true]').getAttribute('id')).toBe('row-6');
		await p.keyboard.press('Enter');
		await expect.poll(() => activeOrd(p)).toBe(5);
		await p.context().close();
	});
});
