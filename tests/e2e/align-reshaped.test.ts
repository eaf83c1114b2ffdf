import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from '../helpers/server.js';

const app = useApp();

const open = async (p: Page, doc: number) => {
	await p.goto(`${app.server.url}/documents/${doc}/align`);
	await p.waitForSelector('#beads .bead');
};
const activeId = (p: Page) => p.evaluate(() => document.querySelector('#beads .bead.active')?.id);

describe('alignment review: moving a sentence, and the keyboard flow', () => {
	it('the bead that receives a moved sentence shows the model’s score and “not reviewed”, not 100 %', async () => {
		const p = await app.page('fr-FR');
		await open(p, 1);
		// a confident 1–1 bead followed by another: its English sentence moved down is a mistake
		const k = await p.evaluate(() => {
			const rows = [...document.querySelectorAll<HTMLElement>('#beads .bead')];
			const oneOne = (r: HTMLElement) => r.classList.contains('high') && r.querySelectorAll('.side:nth-child(2) .sent').length === 1 && r.querySelectorAll('.side:nth-child(3) .sent').length === 1;
			return rows.findIndex((r, i) => i > 0 && oneOne(r) && rows[i + 1] && oneOne(rows[i + 1]));
		});
		expect(k).toBeGreaterThan(0);
		await p.locator(`#bead-${k} .txt`).first().click();
		await p.keyboard.press('}');
		await expect.poll(() => p.locator(`#bead-${k + 1} .badge.reshaped`).count()).toBe(1);
		// the bead acted on is the reviewer's; the neighbour is not
		expect(await p.locator(`#bead-${k} .conf`).textContent()).toBe('sans correspondance');
		const conf = (await p.locator(`#bead-${k + 1} .conf`).textContent())!;
		expect(conf).toMatch(/^\d+\s%$/);
		expect(Number(conf.replace(/\D/g, ''))).toBeLessThan(50);
		expect(await p.locator(`#bead-${k + 1}`).getAttribute('class')).toContain('low');
		expect(await p.locator(`#bead-${k + 1} .badge.reshaped`).textContent()).toBe('modifiée, non revue');
		await p.locator(`#bead-${k + 1} .ev summary`).click();
		expect((await p.locator(`#bead-${k + 1} .ev li`).allTextContents())[0]).toBe('modifiée quand une phrase est passée de ou vers la perle voisine\u00a0: pas encore revue (verrouillez-la, L, une fois vérifiée)');
		// it is still to review: the filter shows it
		await p.check('#low-only');
		await expect.poll(() => p.locator(`#bead-${k + 1}`).count()).toBe(1);
		await p.uncheck('#low-only');
		// putting the sentence back from the neighbour: that one is now the reviewer's, set by hand
		await p.locator(`#bead-${k + 1} .txt`).first().click();
		await p.keyboard.press('{');
		await expect.poll(() => p.locator(`#bead-${k + 1} .conf`).textContent()).toBe('✓ fixée à la main');
		await expect.poll(() => p.locator(`#bead-${k} .badge.reshaped`).count()).toBe(1);
		const back = (await p.locator(`#bead-${k} .conf`).textContent())!;
		expect(Number(back.replace(/\D/g, ''))).toBeGreaterThanOrEqual(80);
		await p.context().close();
	});

	it('two quick Alt+↑ merge upwards twice, keep the merged bead active, and none is dropped', async () => {
		const p = await app.page();
		await open(p, 3);
		const n = await p.locator('#beads .bead').count();
		await p.locator('#bead-10 .txt').first().click();
		expect(await activeId(p)).toBe('bead-10');
		await p.keyboard.press('Alt+ArrowUp');
		await p.keyboard.press('Alt+ArrowUp');
		await expect.poll(() => p.locator('#beads .bead').count()).toBe(n - 2);
		await expect.poll(() => activeId(p)).toBe('bead-8');
		// beads 9, 10 and 11 are one now
		expect(await p.locator('#bead-8 .side').first().locator('.sent').count()).toBeGreaterThanOrEqual(3);
		// at the first bead there is nothing above: said, not silently ignored
		await p.locator('#bead-0 .txt').first().click();
		await p.keyboard.press('Alt+ArrowUp');
		await expect.poll(() => p.locator('#align-message').textContent()).toBe('Bead 1 has no neighbour on that side.');
		expect(await p.locator('#beads .bead').count()).toBe(n - 2);
		await p.context().close();
	});
});

describe('alignment review: browser shortcuts are not edits', () => {
	it('Ctrl+D, Ctrl+L and Ctrl+S leave the beads alone; D, L and S still edit', async () => {
		const p = await app.page();
		await open(p, 3);
		const n = await p.locator('#beads .bead').count();
		const src = p.locator('#bead-5 .txt[data-side=src]').first();
		await src.click();
		// a caret inside the sentence, where S would cut it
		await p.evaluate(() => {
			const el = document.querySelector<HTMLElement>('#bead-5 .txt[data-side=src]')!;
			const r = document.createRange();
			r.setStart(el.firstChild!, 10);
			r.collapse(true);
			document.getSelection()!.removeAllRanges();
			document.getSelection()!.addRange(r);
		});
		const sentences = await p.locator('#beads .txt[data-side=src]').count();
		await p.focus('#beads');
		for (const key of ['Control+d', 'Control+l', 'Control+s', 'Meta+d']) {
			const sent = p.waitForRequest('**/alignments/*', { timeout: 1000 }).then(
				() => 'an edit was sent',
				() => 'nothing sent'
			);
			await p.keyboard.press(key);
			expect(await sent, key).toBe('nothing sent');
		}
		await p.keyboard.press('d');
		await expect.poll(() => p.locator('#beads .bead').count()).toBe(n + 1);
		expect(await p.locator('#beads .bead.locked').count()).toBe(0);
		expect(await p.locator('#beads .txt[data-side=src]').count()).toBe(sentences);
		expect(await p.locator('#undo').isEnabled()).toBe(true);
		await p.context().close();
	});
});

describe('alignment review: from one bead to review to the next', () => {
	it('N and Shift+N go to the next and previous bead to review, with its neighbours in view; none left is said', async () => {
		const p = await app.page();
		await open(p, 1);
		await p.locator('#bead-0 .txt').first().click();
		// nothing to review in the seeded document as aligned
		await p.keyboard.press('n');
		await expect.poll(() => p.locator('#align-message').textContent()).toBe('No bead to review further down.');
		// a separated bead: two sentences without counterpart, both to review
		const n = await p.locator('#beads .bead').count();
		await p.locator('#bead-20 button.detach').click();
		await expect.poll(() => p.locator('#beads .bead').count()).toBe(n + 1);
		await p.locator('#bead-2 .txt').first().click();
		await p.keyboard.press('n');
		await expect.poll(() => activeId(p)).toBe('bead-20');
		await p.keyboard.press('n');
		await expect.poll(() => activeId(p)).toBe('bead-21');
		await p.keyboard.press('Shift+N');
		await expect.poll(() => activeId(p)).toBe('bead-20');
		// the neighbours stay shown: a sentence can be moved to them in sight
		expect(await p.locator('#bead-19').count()).toBe(1);
		expect(await p.isChecked('#low-only')).toBe(false);
		await p.keyboard.press('Shift+N');
		await expect.poll(() => p.locator('#align-message').textContent()).toBe('No bead to review further up.');
		expect(await activeId(p)).toBe('bead-20');
		await p.context().close();
	});
});
