import { describe, expect, it } from 'vitest';
import { useApp } from '../helpers/server.js';

const app = useApp();

describe('alignment review: re-aligning the rest keeps what the reviewer set by hand', () => {
	it('says what it keeps, in English and French', async () => {
		const en = await app.page();
		await en.goto(app.server.url + '/documents/3/align');
		expect((await en.locator('#realign').textContent())!.trim()).toBe('Re-align the rest (keeps locked beads and beads set by hand)');
		expect(await en.locator('#realign').getAttribute('title')).toContain('locked or set by hand, which stay as they are');
		await en.context().close();
		const fr = await app.page('fr-FR');
		await fr.goto(app.server.url + '/documents/3/align');
		expect((await fr.locator('#realign').textContent())!.trim()).toBe('Réaligner le reste (garde les perles verrouillées et celles fixées à la main)');
		await fr.context().close();
	});

	it('a detach and a merge made without locking survive a re-alignment; a reshaped neighbour is aligned again; undo brings it back', async () => {
		const p = await app.page();
		await p.goto(app.server.url + '/documents/3/align');
		const beads = p.locator('#beads .bead');
		const n = await beads.count();
		/** The sentences of bead i, as "src4 tgt4 tgt5". */
		const sentences = (i: number) => beads.nth(i).evaluate((el) => [...el.querySelectorAll<HTMLElement>('.txt')].map((x) => `${x.dataset.side}${x.dataset.ord}`).join(' '));
		const reshaped = p.locator('#beads .badge.reshaped');

		await beads.nth(2).locator('button.detach').click();
		await expect.poll(() => beads.count()).toBe(n + 1);
		const detached = [await sentences(2), await sentences(3)];
		expect(detached[0]).toMatch(/^src\d+$/);
		expect(detached[1]).toMatch(/^tgt\d+$/);
		await beads.nth(6).locator('button.merge-next').click();
		await expect.poll(() => beads.count()).toBe(n);
		const merged = await sentences(6);
		expect(merged.split(' ').length).toBeGreaterThanOrEqual(4);
		// a move leaves the neighbour "changed, not reviewed": that one is the aligner's to redo
		await beads.nth(9).getByTitle('Move the last English sentence to the next bead').click();
		await expect.poll(() => reshaped.count()).toBe(1);
		const reshapedSentences = await sentences(10);

		await p.click('#realign');
		await expect.poll(() => reshaped.count()).toBe(0);
		expect([await sentences(2), await sentences(3)]).toEqual(detached);
		expect(await sentences(6)).toBe(merged);
		expect((await beads.nth(6).locator('.conf').textContent())!.trim()).toBe('✓ set by hand');
		// undo puts back the reshaped neighbour as it was; redo re-aligns again
		await p.click('#undo');
		await expect.poll(() => reshaped.count()).toBe(1);
		expect(await sentences(10)).toBe(reshapedSentences);
		expect([await sentences(2), await sentences(3)]).toEqual(detached);
		await p.click('#redo');
		await expect.poll(() => reshaped.count()).toBe(0);
		// saved, not only shown
		await p.reload();
		expect([await sentences(2), await sentences(3)]).toEqual(detached);
		expect(await sentences(6)).toBe(merged);
		expect(await reshaped.count()).toBe(0);
		await p.context().close();
	});
});
