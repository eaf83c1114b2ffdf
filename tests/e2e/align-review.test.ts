import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from '../helpers/server.js';

const app = useApp();

const open = async (p: Page, doc: number) => {
	await p.goto(`${app.server.url}/documents/${doc}/align`);
	await p.waitForSelector('#beads .bead');
};
const beads = (p: Page) => p.locator('#beads .bead');
/** The id aria-activedescendant names, and whether an element with it is in the page. */
const activeDescendant = (p: Page) =>
	p.evaluate(() => {
		const id = document.getElementById('beads')!.getAttribute('aria-activedescendant');
		return { id, exists: !!id && !!document.getElementById(id), active: id ? document.getElementById(id)?.classList.contains('active') : false };
	});
/** Puts the text cursor in the `ord`-th sentence of `side` at `offset` (negative: from the end). */
const caretAt = (p: Page, side: 'src' | 'tgt', ord: number, offset: number) =>
	p.evaluate(
		([side, ord, offset]) => {
			const el = document.querySelector<HTMLElement>(`#beads .txt[data-side=${side}][data-ord="${ord}"]`)!;
			const text = el.firstChild!;
			const r = document.createRange();
			r.setStart(text, (offset as number) < 0 ? el.textContent!.length : (offset as number));
			r.collapse(true);
			document.getSelection()!.removeAllRanges();
			document.getSelection()!.addRange(r);
		},
		[side, ord, offset] as const
	);

describe('alignment review: what a translator found', () => {
	it('a refused or failed edit keeps the beads and the undo history and says why; no impossible split is offered', async () => {
		const p = await app.page();
		await open(p, 1);
		const n0 = await beads(p).count();
		await beads(p).nth(2).locator('button.merge-next').click();
		await expect.poll(() => beads(p).count()).toBe(n0 - 1);
		const n = n0 - 1;
		expect(await p.locator('#undo').isEnabled()).toBe(true);

		// the caret at the very start, then the very end, of a sentence: the button is off and says why
		await caretAt(p, 'src', 4, 0);
		await expect.poll(() => p.locator('#split-cursor').isDisabled()).toBe(true);
		expect(await p.locator('#split-hint').textContent()).toContain('start or end of the sentence');
		await caretAt(p, 'src', 4, -1);
		await expect.poll(() => p.locator('#split-cursor').isDisabled()).toBe(true);
		await caretAt(p, 'src', 4, 5);
		await expect.poll(() => p.locator('#split-cursor').isEnabled()).toBe(true);
		// S with the caret at the start: explained, nothing sent
		await caretAt(p, 'src', 4, 0);
		await p.focus('#beads');
		await p.keyboard.press('s');
		await expect.poll(() => p.locator('#align-message').textContent()).toContain('start or end of the sentence');
		expect(await beads(p).count()).toBe(n);

		// the server refuses such a split itself, with the sentence and the reason in the reader's language
		const refused = await p.evaluate(async () => {
			const view = await fetch('/alignments/1', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'confirm', minConfidence: 1 }) }).then((r) => r.json());
			const r = await fetch('/alignments/1', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'edit', version: view.view.version, edit: { op: 'splitSegment', side: 'src', ord: 4, offset: 0 } }) });
			return { status: r.status, body: await r.json() };
		});
		expect(refused.status).toBe(422);
		expect(refused.body.message).toMatch(/Sentence 5 \(original\) cannot be split there/);
		await p.reload();
		await p.waitForSelector('#beads .bead');
		await beads(p).nth(2).locator('button.merge-next').click();
		await expect.poll(() => beads(p).count()).toBe(n - 1);

		const kept = async (expected: RegExp) => {
			await expect.poll(() => p.locator('#align-message').textContent()).toMatch(expected);
			expect(await beads(p).count()).toBe(n - 1);
			expect(await p.locator('#tfile').count()).toBe(0);
			expect(await p.locator('#undo').isEnabled()).toBe(true);
		};
		// a 400 from the real server (the request spoiled on its way)
		await p.route('**/alignments/1', (route) => route.continue({ postData: JSON.stringify({ action: 'edit', version: 'x', edit: { op: 'merge', ord: 0 } }) }));
		await beads(p).nth(5).locator('button.detach').click();
		await kept(/Nothing was changed: The request was not understood/);
		await p.unroute('**/alignments/1');
		// a 500 without a view
		await p.route('**/alignments/1', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ message: 'Internal Error' }) }));
		await beads(p).nth(5).locator('button.detach').click();
		await kept(/Nothing was changed: Internal Error/);
		await p.click('#confirm');
		await kept(/Nothing was changed: Internal Error/);
		// no network at all; an undo that fails stays undoable
		await p.unroute('**/alignments/1');
		await p.route('**/alignments/1', (route) => route.abort());
		await p.click('#undo');
		await kept(/could not be reached/);
		await p.unroute('**/alignments/1');
		await p.click('#undo');
		await expect.poll(() => beads(p).count()).toBe(n);
		// the message region is announced
		expect(await p.locator('#align-message').getAttribute('aria-live')).toBe('polite');
		await p.context().close();
	});

	it('a click in a bead’s text makes it the active bead: keyboard edits apply to it', async () => {
		const p = await app.page();
		await open(p, 3);
		await p.locator('#bead-6 .txt[data-side=src]').first().click();
		expect(await p.locator('#beads .bead.active').getAttribute('data-bead')).toBe('6');
		expect(await activeDescendant(p)).toMatchObject({ id: 'bead-6', exists: true });
		await p.keyboard.press('l');
		await expect.poll(() => p.locator('#beads .bead.locked').getAttribute('data-bead')).toBe('6');
		// a merge into a locked bead is refused, and the message says which bead (numbered as shown: 7) and what to do
		const count = await p.locator('#beads .bead').count();
		await p.keyboard.press('Alt+ArrowDown');
		await expect.poll(() => p.locator('#align-message').textContent()).toContain('Bead 7 is locked: unlock it (L) to change it.');
		expect(await p.locator('#beads .bead').count()).toBe(count);
		await p.keyboard.press('l');
		await expect.poll(() => p.locator('#beads .bead.locked').count()).toBe(0);
		// focus on a bead's own button does the same
		await p.locator('#bead-9 button.merge-next').focus();
		expect(await p.locator('#beads .bead.active').getAttribute('data-bead')).toBe('9');
		await p.context().close();
	});

	it('with the review filter on, the arrows move among the beads shown; an empty list says so', async () => {
		const p = await app.page();
		await open(p, 3);
		// the NRC statement aligns cleanly: nothing to review
		await p.check('#low-only');
		expect(await beads(p).count()).toBe(0);
		expect(await p.locator('#nothing-to-review').textContent()).toContain('Nothing to review');
		await p.uncheck('#low-only');
		const n = await beads(p).count();
		// two sentences left without counterpart: four beads to review (2, 3 and 8, 9)
		await beads(p).nth(2).locator('button.detach').click();
		await expect.poll(() => beads(p).count()).toBe(n + 1);
		await beads(p).nth(8).locator('button.detach').click();
		await expect.poll(() => beads(p).count()).toBe(n + 2);
		expect(await p.locator('#bead-2 .conf').textContent()).toBe('no counterpart');
		expect(await p.locator('#bead-2').getAttribute('class')).toContain('low');
		expect(await p.locator('#align-summary').textContent()).toContain('4 to review');
		await p.check('#low-only');
		expect(await beads(p).evaluateAll((els) => els.map((e) => e.getAttribute('data-bead')))).toEqual(['2', '3', '8', '9']);
		// the last bead clicked (8, by its detach button) stays active; a click in bead 2 moves there
		expect((await activeDescendant(p)).id).toBe('bead-8');
		await p.locator('#bead-2 .txt').first().click();
		const seen: (string | null)[] = [];
		for (let k = 0; k < 4; k++) {
			const d = await activeDescendant(p);
			expect(d.exists && d.active, JSON.stringify(d)).toBe(true);
			seen.push(d.id);
			await p.keyboard.press('ArrowDown');
		}
		expect(seen).toEqual(['bead-2', 'bead-3', 'bead-8', 'bead-9']);
		await p.keyboard.press('ArrowUp');
		await p.keyboard.press('ArrowUp');
		expect((await activeDescendant(p)).id).toBe('bead-3');
		await p.keyboard.press('l');
		await expect.poll(() => p.locator('#beads .bead.locked').getAttribute('data-bead')).toBe('3');
		await p.context().close();
	});

	it('the translation form names the translation’s language and offers the encoding a Latin-1 file needs', async () => {
		const p = await app.page();
		await p.goto(app.server.url + '/import');
		await p.fill('#text', 'Réunion à Zurich\n\nLes ministres se sont réunis à Zurich. Ils ont parlé du café équitable.');
		await Promise.all([p.waitForURL(/\/documents\/\d+/), p.click('button[type=submit]')]);
		const id = Number(/\/documents\/(\d+)/.exec(p.url())![1]);
		await p.goto(`${app.server.url}/documents/${id}/align`);
		expect(await p.locator('label[for=tlang]').textContent()).toBe('Language of the translation');
		expect(await p.locator('#tlang').inputValue()).toBe('en-GB');
		expect(await p.locator('label[for=tencoding]').textContent()).toBe('Encoding');
		const english = Buffer.from('Meeting in Zürich\n\nThe ministers met in Zürich. They discussed fair-trade café.', 'latin1');
		const file = { name: 'en.txt', mimeType: 'text/plain', buffer: english };
		await p.setInputFiles('#tfile', file);
		await Promise.all([p.waitForURL(/\/align/), p.click('form button[type=submit]')]);
		expect(await p.locator('#align-error').textContent()).toMatch(/Latin-1.*Choose that encoding/);
		await p.setInputFiles('#tfile', file);
		await p.selectOption('#tencoding', 'latin1');
		await Promise.all([p.waitForURL(/\/align$/), p.click('form button[type=submit]')]);
		await p.waitForSelector('#beads .bead');
		expect(await p.locator('#beads .txt[data-side=tgt]').allTextContents()).toEqual(['Meeting in Zürich', 'The ministers met in Zürich.', 'They discussed fair-trade café.']);
		await p.context().close();
	});

	it('in French, the evidence writes decimals the French way, and the lock is a drawn padlock with a name', async () => {
		const p = await app.page('fr-FR');
		await open(p, 3);
		const first = beads(p).first();
		await first.locator('summary').click();
		const ev = (await first.locator('.ev li').allTextContents()).join(' | ');
		expect(ev).toMatch(/rapport de longueur \d,\d\d \(attendu \d,\d\d\)/);
		expect(ev).not.toMatch(/\d\.\d/);
		const lock = first.locator('button.lock');
		expect((await lock.textContent())!.trim()).toBe('');
		expect(await lock.locator('svg').count()).toBe(1);
		expect(await lock.getAttribute('aria-label')).toBe('Verrouiller cette perle');
		expect(await lock.getAttribute('aria-pressed')).toBe('false');
		await lock.click();
		await expect.poll(() => lock.getAttribute('aria-pressed')).toBe('true');
		expect(await lock.getAttribute('aria-label')).toBe('Déverrouiller cette perle');
		await p.context().close();
	});

	it('a bead made by joining two segments says it is unchecked rather than showing 0 %', async () => {
		const p = await app.page();
		await open(p, 1);
		// two segments of one paragraph that start two beads: joining them merges the beads
		const at = await p.evaluate(async () => {
			const rows = (await fetch('/api/documents/1/segments').then((r) => r.json())).segments as { ord: number; para: number; version: number }[];
			const beadOf = new Map<number, number>();
			document.querySelectorAll('#beads .bead').forEach((b, i) => b.querySelectorAll('.txt[data-side=src]').forEach((s) => beadOf.set(Number((s as HTMLElement).dataset.ord), i)));
			const k = rows.findIndex((r, i) => i + 1 < rows.length && rows[i + 1].para === r.para && beadOf.has(r.ord) && beadOf.has(r.ord + 1) && beadOf.get(r.ord) !== beadOf.get(r.ord + 1));
			const res = await fetch(`/api/documents/1/segments/${rows[k].ord}/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ versions: [rows[k].version, rows[k + 1].version] }) });
			return { ord: rows[k].ord, status: res.status };
		});
		expect(at.status).toBe(200);
		await open(p, 1);
		const bead = beads(p).filter({ has: p.locator(`.txt[data-side=src][data-ord="${at.ord}"]`) });
		expect(await bead.locator('.conf').textContent()).toBe('to check');
		expect(await bead.locator('.conf').getAttribute('title')).toBe('segments joined during the review: this pairing has not been checked yet');
		expect(await bead.locator('.ev li').allTextContents()).toEqual(['segments joined during the review: this pairing has not been checked yet']);
		// and listed among the beads to review
		await p.locator('#low-only').check();
		await expect.poll(() => bead.count()).toBe(1);
		expect(await bead.locator('.conf').textContent()).toBe('to check');
		await p.context().close();
	});
});
