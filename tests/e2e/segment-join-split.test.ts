import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from '../helpers/server.js';

const app = useApp();

interface Row {
	ord: number;
	para: number;
	source: string;
	target: string | null;
	status: string;
	version: number;
}
const rows = async (doc: number): Promise<Row[]> => (await (await fetch(`${app.server.url}/api/documents/${doc}/segments`)).json()).segments;
const activeOrd = (p: Page) => p.evaluate(() => Number(document.querySelector<HTMLElement>('#grid [role=row][aria-selected=true]')?.dataset.ord ?? -1));

async function open(p: Page, doc: number, seg: number) {
	await p.goto(`${app.server.url}/documents/${doc}/edit?seg=${seg}`);
	await p.waitForSelector('#grid[data-ready=true]');
	await p.waitForSelector('#grid[data-loaded=true]');
}

/** The first segment whose next one is in the same paragraph, with both sources long enough to cut. */
async function joinablePair(doc: number, from = 0) {
	const list = await rows(doc);
	const i = list.findIndex((r, k) => k >= from && list[k + 1]?.para === r.para && r.source.split(' ').length > 3);
	return { list, i };
}

describe('joining and splitting segments in the editor', () => {
	it('joins with Ctrl+Alt+J (the typed draft is flushed first) and splits with Ctrl+Alt+T, choosing the cut from the keyboard', async () => {
		const { list, i } = await joinablePair(3);
		expect(i).toBeGreaterThanOrEqual(0);
		const p = await app.page();
		await open(p, 3, i + 1);
		expect(await activeOrd(p)).toBe(i);

		// the shortcuts are listed in the sheet
		await p.keyboard.press('F1');
		await p.waitForSelector('#shortcuts[open]');
		expect(await p.locator('#shortcuts [data-action=joinNext]').textContent()).toMatch(/Ctrl\+Alt\+J.*Join the segment with the next one/);
		expect(await p.locator('#shortcuts [data-action=split]').textContent()).toMatch(/Ctrl\+Alt\+T.*Split the segment/);
		await p.keyboard.press('Escape');
		await p.locator('#target-editor').focus();

		// typed and not yet saved: the join must not lose it
		await p.locator('#target-editor').fill('');
		await p.keyboard.type('The first half, typed just now.');
		await p.keyboard.press('Control+Alt+J');
		await expect.poll(() => p.locator('#editor-notice').textContent()).toBe(`Segments ${i + 1} and ${i + 2} joined.`);
		expect(await activeOrd(p)).toBe(i);
		const joined = await rows(3);
		expect(joined.length).toBe(list.length - 1);
		expect(joined[i].source.startsWith(list[i].source)).toBe(true);
		expect(joined[i].source.endsWith(list[i + 1].source)).toBe(true);
		expect(joined[i].target).toBe('The first half, typed just now.');
		expect(joined[i + 1].source).toBe(list[i + 2].source);
		// the grid shows the joined row and the next row's number moved up
		expect(await p.locator(`#row-${i + 1} [data-source-text]`).textContent()).toBe(joined[i].source);
		expect(await p.locator(`#row-${i + 2} [data-source-text]`).textContent()).toBe(list[i + 2].source);
		expect(await p.locator('#target-editor').inputValue()).toBe('The first half, typed just now.');

		// split it back where it was joined: Ctrl+Alt+T, arrows to the cut, Enter
		await p.keyboard.press('Control+Alt+T');
		await p.waitForSelector('#split-dialog[open]');
		const cut = list[i + 1].source.split(' ')[0];
		const offsets = await p.locator('#split-dialog input[type=radio]').evaluateAll((els) => els.map((e) => Number((e as HTMLInputElement).value)));
		const want = joined[i].source.length - list[i + 1].source.length;
		const k = offsets.indexOf(want);
		expect(k).toBeGreaterThan(0);
		expect(await p.locator('#split-dialog input[type=radio]').nth(k).locator('xpath=..').textContent()).toContain(cut);
		// without a caret the dialog starts at a sentence end near the middle (never the first word): arrows from there
		const checked = await p.locator('#split-dialog input[type=radio]').evaluateAll((els) => els.findIndex((e) => (e as HTMLInputElement).checked));
		expect(checked).toBeGreaterThan(0);
		for (let n = checked; n < k; n++) await p.keyboard.press('ArrowDown');
		for (let n = checked; n > k; n--) await p.keyboard.press('ArrowUp');
		await p.keyboard.press('Enter');
		// nothing changed the joined segment since: cutting where the join was undoes it
		await expect.poll(() => p.locator('#editor-notice').textContent()).toBe(`Join undone: segments ${i + 1} and ${i + 2} are back as they were.`);
		const back = await rows(3);
		expect(back.map((r) => r.source)).toEqual(list.map((r) => r.source));
		expect(back[i].target).toBe('The first half, typed just now.');
		expect(back[i].status).toBe('draft');
		expect([back[i + 1].target, back[i + 1].status]).toEqual([list[i + 1].target, list[i + 1].status]);
		// no undo of the undo
		expect(await p.locator('#editor-undo').count()).toBe(0);
		expect(await activeOrd(p)).toBe(i);
		await expect.poll(() => p.evaluate(() => document.activeElement?.id)).toBe('target-editor');
		await p.context().close();
	});

	it('in French: the caret in the source cell chooses the cut, the buttons join; refusals are said', async () => {
		const { list, i } = await joinablePair(1);
		expect(i).toBeGreaterThanOrEqual(0);
		const p = await app.page('fr-FR');
		await open(p, 1, i + 1);
		expect(await p.locator('#join-next').textContent()).toBe('Joindre au suivant');

		// a caret placed before the third word of the source: the dialog starts there
		const words = list[i].source.split(' ');
		const at = words[0].length + 1 + words[1].length + 1;
		await p.evaluate((offset) => {
			const cell = document.querySelector('#grid [role=row][aria-selected=true] [data-source-text]')!;
			const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
			let left = offset;
			for (let n = walker.nextNode(); n; n = walker.nextNode()) {
				const len = n.textContent!.length;
				if (left <= len) {
					const r = document.createRange();
					r.setStart(n, left);
					r.collapse(true);
					getSelection()!.removeAllRanges();
					getSelection()!.addRange(r);
					return;
				}
				left -= len;
			}
		}, at);
		await p.locator('#split-open').click();
		await p.waitForSelector('#split-dialog[open]');
		expect(await p.locator('#split-dialog h2').textContent()).toBe(`Couper le segment ${i + 1}`);
		expect(await p.locator('#split-dialog input:checked').getAttribute('data-offset')).toBe(String(at));
		await p.locator('#split-submit').click();
		await expect.poll(() => p.locator('#editor-notice').textContent()).toBe(`Segment ${i + 1} coupé en deux\u00a0: ${i + 1} et ${i + 2}.`);
		const split = await rows(1);
		expect(split[i].source).toBe(words.slice(0, 2).join(' '));
		expect(split[i + 1].source).toBe(list[i].source.slice(at));

		// joined back with the button: the parts were untouched, so that undoes the split
		await p.locator('#join-next').click();
		await expect.poll(() => p.locator('#editor-notice').textContent()).toBe(`Coupure annulée\u00a0: le segment ${i + 1} est revenu tel qu’il était.`);
		expect((await rows(1)).map((r) => [r.source, r.target, r.status])).toEqual(list.map((r) => [r.source, r.target, r.status]));

		// the last segment of a paragraph cannot be joined: the button says why, the shortcut too
		const last = list.findIndex((r, k) => k > i && list[k + 1] && list[k + 1].para !== r.para);
		await p.locator(`#row-${last + 1}`).click();
		await expect.poll(() => activeOrd(p)).toBe(last);
		expect(await p.locator('#join-next').isDisabled()).toBe(true);
		await p.locator('#target-editor').focus();
		await p.keyboard.press('Control+Alt+J');
		await expect.poll(() => p.locator('#editor-notice').textContent()).toBe('Le segment suivant est dans un autre paragraphe\u00a0: il ne peut pas être joint à celui-ci.');
		expect((await rows(1)).length).toBe(list.length);
		await p.context().close();
	});

	it('Undo after a join gives both segments back; after a split, joins the parts; refused once the segment changed', async () => {
		const { i } = await joinablePair(1, 40);
		expect(i).toBeGreaterThanOrEqual(0);
		const p = await app.page();
		await open(p, 1, i + 1);
		// two confirmed translations, by two saves through the editor's API
		const put = (ord: number, body: unknown) => fetch(`${app.server.url}/api/documents/1/segments/${ord}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		let list = await rows(1);
		for (const [k, target] of [[i, 'First sentence, confirmed.'], [i + 1, 'Second sentence, a draft.']] as const)
			expect((await put(k, { target, status: k === i ? 'translated' : 'draft', version: list[k].version })).status).toBe(200);
		await open(p, 1, i + 1);
		list = await rows(1);

		await p.locator('#join-next').click();
		await expect.poll(() => p.locator('#editor-notice').textContent()).toContain(`Segments ${i + 1} and ${i + 2} joined.`);
		expect((await rows(1))[i]).toMatchObject({ target: 'First sentence, confirmed. Second sentence, a draft.', status: 'draft' });
		expect(await p.locator('#editor-undo').getAttribute('title')).toBe('Split the segment where the two were joined, giving each back its target and status');
		await p.locator('#editor-undo').click();
		await expect.poll(() => p.locator('#editor-notice').textContent()).toBe(`Join undone: segments ${i + 1} and ${i + 2} are back as they were.`);
		const strip = (r: Row[]) => r.map(({ version: _v, ...x }) => x);
		expect(strip(await rows(1))).toEqual(strip(list));
		expect(await p.locator(`#row-${i + 2} [data-source-text]`).textContent()).toBe(list[i + 1].source);

		// a split, then Undo: the segment is whole again, confirmed as it was
		await p.locator(`#row-${i + 1}`).click();
		await p.locator('#split-open').click();
		await p.waitForSelector('#split-dialog[open]');
		await p.locator('#split-submit').click();
		await expect.poll(() => p.locator('#editor-notice').textContent()).toContain('split in two');
		expect((await rows(1))[i].status).toBe('draft');
		await p.locator('#editor-undo').click();
		await expect.poll(() => p.locator('#editor-notice').textContent()).toBe(`Split undone: segment ${i + 1} is back as it was.`);
		expect(strip(await rows(1))).toEqual(strip(list));

		// joined, then typed into: the Undo button no longer cuts, it says why, and the text stays whole
		await p.locator('#join-next').click();
		await expect.poll(() => p.locator('#editor-notice').textContent()).toContain('joined.');
		await p.locator('#target-editor').fill('Rewritten after the join.');
		await p.locator('#editor-undo').click();
		await expect.poll(() => p.locator('#editor-notice').textContent()).toContain(`Segment ${i + 1} changed after the join that made it, so the join can no longer be undone`);
		const after = await rows(1);
		expect(after.length).toBe(list.length - 1);
		expect(after[i].target).toBe('Rewritten after the join.');
		await p.context().close();
	});

	it('a tab left open while the segments were split elsewhere never saves into the wrong sentence', async () => {
		const { list, i } = await joinablePair(4);
		expect(i).toBeGreaterThanOrEqual(0);
		const p = await app.page();
		await open(p, 4, i + 2);
		expect(await activeOrd(p)).toBe(i + 1);
		// another tab (or the CLI) splits the segment before: the one open here moves down
		const cut = list[i].source.indexOf(' ', list[i].source.indexOf(' ') + 1) + 1;
		const split = await fetch(`${app.server.url}/api/documents/4/segments/${i}/split`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offset: cut, version: list[i].version }) });
		expect(split.status).toBe(200);
		await p.locator('#target-editor').focus();
		await p.keyboard.type('Typed in the stale tab.');
		await p.keyboard.press('Control+Enter');
		// the number now holds the split's second part: no "keep mine" on offer
		await p.waitForSelector('#conflict-restructured');
		expect(await p.locator('#conflict-restructured').textContent()).toContain(list[i].source.slice(cut));
		expect(await p.locator('#keep-mine').count()).toBe(0);
		expect(await p.locator('#conflict-yours').inputValue()).toBe('Typed in the stale tab.');
		await p.locator('#conflict-reload').click();
		await expect.poll(() => p.locator('#editor-notice').textContent()).toContain('Typed in the stale tab.');
		// nothing was written anywhere, and the grid shows the segments as they are now
		const now = await rows(4);
		expect(now.length).toBe(list.length + 1);
		expect(now.some((r) => r.target === 'Typed in the stale tab.')).toBe(false);
		expect(await p.locator(`#row-${i + 2} [data-source-text]`).textContent()).toBe(now[i + 1].source);
		await p.context().close();
	});

	it('the API refuses a stale version with 409 and a cut at the edge with a located 400', async () => {
		const list = await rows(2);
		const i = list.findIndex((r, k) => list[k + 1]?.para === r.para);
		const post = (path: string, body: unknown, lang = 'en') =>
			fetch(`${app.server.url}/api/documents/2/segments/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': lang }, body: JSON.stringify(body) });
		const stale = await post(`${i}/join`, { versions: [list[i].version + 1, list[i + 1].version] });
		expect(stale.status).toBe(409);
		expect((await stale.json()).message).toMatch(new RegExp(`^Segment ${i + 1} changed since version ${list[i].version + 1}`));
		const edge = await post(`${i}/split`, { offset: 0, version: list[i].version }, 'fr');
		expect(edge.status).toBe(400);
		expect((await edge.json()).message).toMatch(new RegExp(`^Le segment ${i + 1} ne peut pas être coupé à la position 0`));
		expect((await post(`${i}/split`, { offset: 'x', version: 1 })).status).toBe(400);
		const ok = await post(`${i}/join`, { versions: [list[i].version, list[i + 1].version] });
		expect(ok.status).toBe(200);
		const body = await ok.json();
		expect(body.rows[0].ord).toBe(i);
		expect(body.total).toBe(list.length - 1);
		expect(body.rows.length).toBe(list.length - 1 - i);
	});
});
