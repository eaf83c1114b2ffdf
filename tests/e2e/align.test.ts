import { describe, expect, it } from 'vitest';
import { useApp } from '../helpers/server.js';

const app = useApp();

describe('alignment review in the browser', () => {
	it('shows the seeded bilingual document aligned, with a plot and evidence', async () => {
		const p = await app.page();
		await p.goto(app.server.url + '/documents/1');
		await Promise.all([p.waitForURL(/\/align$/), p.click('#align-link')]);
		const beads = p.locator('#beads .bead');
		expect(await beads.count()).toBeGreaterThan(60);
		expect(await p.locator('svg[role=img] rect.mark').count()).toBe(await beads.count());
		const first = beads.first();
		expect(await first.locator('.side').first().textContent()).toContain('Aider l’Afghanistan');
		expect(await first.locator('.side').nth(1).textContent()).toContain('Helping Afghanistan');
		await first.locator('summary').click();
		expect((await first.locator('.ev li').allTextContents()).join(' ')).toMatch(/structure|length|names|glossary/i);
		await p.context().close();
	});

	it('edits with mouse and keyboard, undoes, and keeps the work across a reload', async () => {
		const p = await app.page();
		await p.goto(app.server.url + '/documents/3/align');
		const beads = p.locator('#beads .bead');
		const n = await beads.count();
		await beads.nth(2).locator('button.merge-next').click();
		await expect.poll(() => beads.count()).toBe(n - 1);
		await p.click('#undo');
		await expect.poll(() => beads.count()).toBe(n);
		await p.click('#redo');
		await expect.poll(() => beads.count()).toBe(n - 1);
		await p.click('#undo');
		await expect.poll(() => beads.count()).toBe(n);
		// keyboard: focus the grid, go to bead 2, detach it (D), then lock bead 1 (L)
		await p.focus('#beads');
		await p.keyboard.press('ArrowDown');
		await p.keyboard.press('d');
		await expect.poll(() => beads.count()).toBe(n + 1);
		await p.keyboard.press('ArrowUp');
		await p.keyboard.press('l');
		await expect.poll(() => p.locator('#beads .bead.locked').count()).toBe(1);
		await p.reload();
		expect(await beads.count()).toBe(n + 1);
		expect(await p.locator('#beads .bead.locked').count()).toBe(1);
		// re-align the rest: the lock survives, and so does the detach made by hand (tests/e2e/align-realign-keeps.test.ts)
		await p.click('#realign');
		await expect.poll(() => p.locator('#beads[aria-busy=false]').count()).toBe(1);
		expect(await beads.count()).toBe(n + 1);
		expect(await p.locator('#beads .bead.locked').count()).toBe(1);
		await p.context().close();
	});

	it('splits a sentence at the cursor, and undo joins it back', async () => {
		const p = await app.page();
		await p.goto(app.server.url + '/documents/3/align');
		const sentences = p.locator('#beads .txt[data-side=src]');
		const n = await sentences.count();
		// the cursor after "...des chefs d’Etat et de gouvernement des pays membres du Conseil OTAN-Russie (COR)"
		const before = await p.evaluate(() => {
			const el = [...document.querySelectorAll<HTMLElement>('#beads .txt[data-side=src]')].find((e) => e.textContent!.includes('(COR) se sont réunis'))!;
			const text = el.firstChild!;
			const at = el.textContent!.indexOf(' se sont réunis');
			const r = document.createRange();
			r.setStart(text, at);
			r.collapse(true);
			document.getSelection()!.removeAllRanges();
			document.getSelection()!.addRange(r);
			return el.textContent!;
		});
		await p.click('#split-cursor');
		await expect.poll(() => sentences.count()).toBe(n + 1);
		const texts = await sentences.allTextContents();
		const i = texts.findIndex((x) => x.endsWith('(COR)'));
		expect(texts[i + 1]).toBe(before.slice(before.indexOf('se sont réunis')));
		await p.click('#undo');
		await expect.poll(() => sentences.count()).toBe(n);
		expect(await sentences.allTextContents()).toContain(before);
		await p.click('#redo');
		await expect.poll(() => sentences.count()).toBe(n + 1);
		await p.reload();
		expect(await sentences.count()).toBe(n + 1);
		await p.context().close();
		const q = await app.page();
		await q.goto(app.server.url + '/documents/3');
		expect(await q.locator('#segments .seg').count()).toBe(n + 1);
		await q.context().close();
	});

	it('a second tab working on a stale view gets a conflict, not a silent overwrite', async () => {
		const a = await app.page();
		const b = await app.page();
		await a.goto(app.server.url + '/documents/3/align');
		await b.goto(app.server.url + '/documents/3/align');
		const n = await a.locator('#beads .bead').count();
		await a.locator('#beads .bead').nth(5).locator('button.merge-next').click();
		await expect.poll(() => a.locator('#beads .bead').count()).toBe(n - 1);
		await b.locator('#beads .bead').nth(10).locator('button.detach').click();
		await expect.poll(() => b.locator('#align-message').textContent()).toContain('changed elsewhere');
		await a.context().close();
		await b.context().close();
	});

	it('confirms confident beads into the translation memory', async () => {
		const p = await app.page();
		await p.goto(app.server.url + '/documents/1/align');
		// a long, confidently aligned French sentence, to look up with one word changed afterwards
		const sentence = await p.evaluate(() =>
			[...document.querySelectorAll('#beads .bead.high')]
				.map((b) => [...b.querySelectorAll('.side:nth-child(2) .sent')])
				.filter((s) => s.length === 1)
				.map((s) => s[0].textContent!.replace(/^\s*\d+\s*/, '').trim())
				.find((t) => t.length > 100)
		);
		expect(sentence).toBeTruthy();
		await p.selectOption('#minc', '0.8');
		await p.click('#confirm');
		await expect.poll(() => p.locator('#align-message').textContent()).toMatch(/\d+ pairs sent to the translation memory/);
		const sent = Number((await p.locator('#align-message').textContent())!.match(/(\d+) pairs/)![1]);
		expect(sent).toBeGreaterThan(30);
		await p.goto(app.server.url + '/tm');
		expect(await p.locator('#tm-origins tr[data-origin=alignment] td.num').textContent()).toBe(String(sent));
		const changed = sentence!.replace(/\s\S+\s*$/, ' demain.');
		await p.goto(app.server.url + '/tm?mode=fuzzy&q=' + encodeURIComponent(changed));
		expect(await p.locator('#fuzzy li').count()).toBeGreaterThan(0);
		const pct = Number((await p.locator('#fuzzy li .pct').first().textContent())!.replace('%', ''));
		expect(pct).toBeGreaterThanOrEqual(85);
		expect(pct).toBeLessThan(100);
		await p.context().close();
	});
});
