import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { writeTmx } from '../../src/core/formats/tmx/write.js';
import type { TmUnit } from '../../src/core/model.js';
import { useApp } from '../helpers/server.js';

/** The defects a translator-reviewer found in the editor, the TM page and the terminology UI, each as the browser shows it. */
const app = useApp();

const api = (path: string, init?: RequestInit) => fetch(app.server.url + path, init).then((r) => r.json());
const put = (doc: number, ord: number, target: string, status = 'draft') =>
	fetch(`${app.server.url}/api/documents/${doc}/segments/${ord}`).then(async (r) => {
		const { version } = await r.json();
		return api(`/api/documents/${doc}/segments/${ord}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target, status, version }) });
	});
const editor = (p: Page) => p.locator('#target-editor');
const activeOrd = (p: Page) => p.evaluate(() => Number(document.querySelector('#grid [role=row][aria-selected=true]')?.id.replace('row-', '') ?? 0) - 1);

async function open(p: Page, doc: number, seg?: number) {
	await p.goto(`${app.server.url}/documents/${doc}/edit${seg ? `?seg=${seg}` : ''}`);
	await p.waitForSelector('#grid[data-ready=true]');
}
const termsLoaded = (p: Page) => p.waitForSelector('#term-list, #terms-panel p.muted');

function tmx(): Buffer {
	const units: TmUnit[] = [
		{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: 'La sécurité de l’OTAN est indivisible, et l’Alliance le sait.', target: 'NATO’s security is indivisible, and the Alliance knows it.', origin: 'import' },
		{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: 'Le COR a mené avec succès un exercice en janvier 2008.', target: 'The NRC successfully conducted an exercise in January 2008.', origin: 'import' }
	];
	return Buffer.from([...writeTmx(units, { srcLang: 'fr-FR', creationTool: 'test' })].join(''));
}

/** Puts a file into the TM page's file input as a file chooser does for `.tmx`: with an empty type. */
async function choose(p: Page, name: string, text: string) {
	await p.evaluate(
		([name, text]) => {
			const dt = new DataTransfer();
			dt.items.add(new File([text], name));
			const input = document.querySelector('#tmx') as HTMLInputElement;
			input.files = dt.files;
		},
		[name, text]
	);
}

describe('the TM page', () => {
	it('imports a .tmx the browser gives no type, and shows a refused upload as a message, not JSON', async () => {
		const p = await app.page();
		await p.goto(app.server.url + '/tm');
		// what a real file chooser gives for .tmx: no MIME type (Playwright would make one up)
		await choose(p, 'memoire.tmx', tmx().toString('utf8'));
		expect(await p.evaluate(() => (document.querySelector('#tmx') as HTMLInputElement).files![0].type)).toBe('');
		await p.click('#tm-import button');
		await expect.poll(() => p.locator('#tm-progress').textContent(), { timeout: 30_000 }).toContain('Done: 2 units imported.');

		// an empty file is refused in words
		await choose(p, 'vide.tmx', '');
		await p.click('#tm-import button');
		await expect.poll(() => p.locator('#tm-progress .error').textContent(), { timeout: 10_000 }).toBe('Choose a TMX file to import: the file received was empty.');
		await p.context().close();
	});

	it('takes the TMX body whatever its Content-Type, none included', async () => {
		const res = await fetch(app.server.url + '/tm/import?name=raw.tmx', { method: 'POST', body: new Uint8Array(tmx()) });
		expect(res.status).toBe(202);
		const { job } = await res.json();
		await expect.poll(async () => (await api(`/tm/import/${job}`)).state, { timeout: 30_000 }).toBe('done');
	});

	it('draws the fuzzy match on the real texts, in the units’ languages, with spaced separators', async () => {
		const p = await app.page();
		await p.goto(app.server.url + '/tm?mode=fuzzy&q=' + encodeURIComponent('La sécurité de l’OTAN est divisible, et l’Alliance le sait.'));
		const first = p.locator('#fuzzy li').first();
		const diff = first.locator('.diff');
		expect(await diff.textContent()).toContain('La sécurité de l’OTAN est');
		expect(await diff.textContent()).toContain(', et l’Alliance le sait.');
		expect(await diff.getAttribute('lang')).toBe('fr-FR');
		expect(await first.locator('.target').getAttribute('lang')).toBe('en-GB');
		expect(await first.locator('del').allTextContents()).toEqual(['indivisible']);
		expect(await first.locator('ins').allTextContents()).toEqual(['divisible']);
		// the date the reader's way (en: "Nov 23, 2026"), not ISO
		expect(await first.locator('.small').textContent()).toMatch(/^#\d+ · import · [A-Z][a-z]{2} \d{1,2}, \d{4}( · |$)/);
		await p.goto(app.server.url + '/tm');
		expect(await p.locator('a[href="/tm/export"]').locator('xpath=..').textContent()).toMatch(/everything · import/);
		await p.context().close();
	});
});

describe('the editor', () => {
	it('shows a replace-all in the active segment, and keeps the replaced text when typing on', async () => {
		const p = await app.page();
		await open(p, 3, 20);
		await editor(p).fill('');
		await p.keyboard.type('Alpha beta');
		await expect.poll(async () => (await api('/api/documents/3/segments/19')).target).toBe('Alpha beta');
		await p.keyboard.press('Control+Shift+F');
		await p.fill('#find-text', 'beta');
		await p.fill('#replace-text', 'gamma');
		await p.click('#replace-preview');
		await p.waitForSelector('#replace-apply');
		await p.click('#replace-apply');
		await expect.poll(() => editor(p).inputValue()).toBe('Alpha gamma');
		await editor(p).click();
		await p.keyboard.press('End');
		await p.keyboard.type(' delta');
		await expect.poll(async () => (await api('/api/documents/3/segments/19')).target).toBe('Alpha gamma delta');
		await expect.poll(() => p.locator('#save-state').getAttribute('data-state')).toBe('saved');
		await p.context().close();
	});

	it('says "saved" only when it is: after an autosave the row says nothing, a conflict is reported as not saved', async () => {
		const a = await app.page();
		const b = await app.page();
		await open(a, 3, 22);
		await open(b, 3, 22);
		await a.keyboard.type('From A');
		await expect.poll(() => a.locator('#save-state').textContent()).toBe('All changes saved');
		expect(await a.locator('#row-save').count()).toBe(0);

		await b.keyboard.type('From B');
		await b.waitForSelector('#conflict[open]', { timeout: 5000 });
		expect(await b.locator('#save-state').getAttribute('data-state')).toBe('blocked');
		expect(await b.locator('#save-state').textContent()).toBe('Not saved: a conflict is waiting for your choice');
		await b.click('#take-theirs');
		await expect.poll(() => b.locator('#save-state').textContent()).toBe('All changes saved');
		await a.context().close();
		await b.context().close();
	});

	it('reopens on the segment being edited after a reload, and on a later visit', async () => {
		const p = await app.page();
		await open(p, 3, 5);
		await p.keyboard.press('Control+ArrowDown');
		await p.keyboard.press('Control+ArrowDown');
		await expect.poll(() => activeOrd(p)).toBe(6);
		await expect.poll(() => new URL(p.url()).searchParams.get('seg')).toBe('7');
		await p.reload();
		await p.waitForSelector('#grid[data-ready=true]');
		expect(await activeOrd(p)).toBe(6);
		await open(p, 3);
		await expect.poll(() => activeOrd(p)).toBe(6);
		expect(await p.evaluate(() => (document.activeElement as HTMLElement).id)).toBe('target-editor');
		await p.context().close();
	});

	it('does not flag the empty segment being translated as an error', async () => {
		const p = await app.page();
		await open(p, 1, 30);
		expect(await editor(p).inputValue()).toBe('');
		await termsLoaded(p);
		expect(await p.locator('#issues-panel [data-check="qa.untranslated"]').count()).toBe(0);
		expect(await p.locator('#qa-clean').count()).toBe(1);
		await p.context().close();
	});

	it('proposes NATO first for OTAN, and marks variants only when written as such', async () => {
		const p = await app.page();
		// doc 1, segment 6: “… suivie par l’OTAN, et la détermination de l’Alliance …”
		await open(p, 1, 6);
		await termsLoaded(p);
		const nato = p.locator('#term-list li[data-concept=c-nato]');
		expect(await nato.locator('.eq').first().textContent()).toMatch(/^\d NATO$/);
		expect(await nato.locator('.eq').nth(1).textContent()).toBe('North Atlantic Treaty Organization');
		const n = (await nato.locator('kbd').textContent())!.trim();
		await editor(p).fill('');
		await p.keyboard.press(`Alt+${n}`);
		expect(await editor(p).inputValue()).toBe('NATO');

		await editor(p).fill('');
		await p.keyboard.type('NATO’s open door policy and the Alliance');
		const avoid = (concept: string, term: string) => p.locator(`#term-list li[data-concept=${concept}] .avoid`, { hasText: new RegExp(`: ${term}$`) });
		expect(await avoid('c-nato', 'Nato').getAttribute('data-present')).toBe('false');
		expect(await avoid('c-alliance', 'alliance').getAttribute('data-present')).toBe('false');
		expect(await p.locator('#term-list li[data-concept=c-nato]').getAttribute('class')).toContain('done');
		await p.keyboard.type(', a Nato alliance');
		expect(await avoid('c-nato', 'Nato').getAttribute('data-present')).toBe('true');
		expect(await avoid('c-alliance', 'alliance').getAttribute('data-present')).toBe('true');
		await p.context().close();
	});

	it('lists a term found twice once, with one number', async () => {
		const p = await app.page();
		// doc 1, segment 50: “Les dirigeants du COR … le partenariat OTAN-Russie, … le COR constituait …”
		await open(p, 1, 50);
		await termsLoaded(p);
		const src = (await p.locator('[role=row][aria-selected=true] .src').textContent())!;
		expect(src.match(/\bCOR\b/g)!.length).toBe(2);
		expect(await p.locator('#term-list li[data-concept=c-nrc]').count()).toBe(1);
		const kbds = await p.locator('#term-list kbd').allTextContents();
		expect(new Set(kbds).size).toBe(kbds.length);
		await p.context().close();
	});

	it('lists the same finding at two places of a segment once, with one Accept', async () => {
		const p = await app.page();
		// doc 1, segment 14: “L’Alliance préconise … pour l’Afghanistan …”, typed with the deprecated “alliance” twice
		await open(p, 1, 14);
		await editor(p).fill('');
		await p.keyboard.type('The alliance has long advocated, as the alliance knows, a comprehensive approach.');
		const forbidden = p.locator('#issue-list li[data-check=term-forbidden]');
		await expect.poll(() => forbidden.count(), { timeout: 5000 }).toBe(1);
		expect(await forbidden.getAttribute('data-count')).toBe('2');
		expect(await forbidden.locator('button.accept').count()).toBe(1);
		await p.context().close();
	});

	it('filters rows and finds with either apostrophe', async () => {
		const p = await app.page();
		await open(p, 1, 1);
		await p.waitForSelector('#grid[data-loaded=true]');
		await p.fill('#text-filter', "l'OTAN");
		const sources = p.locator('#grid [role=row][data-ord] .src');
		await expect.poll(() => sources.count()).toBeGreaterThan(3);
		for (const s of await sources.allTextContents()) expect(s).toMatch(/l[’']OTAN/i);
		await p.fill('#text-filter', '');
		await p.click('#find-toggle');
		await p.fill('#find-text', "l'OTAN");
		await p.selectOption('#find-in', 'source');
		await p.click('#find-panel button[type=submit]');
		await expect.poll(() => p.locator('#find-hits li').count()).toBeGreaterThan(3);
		await p.context().close();
	});

	it('never breaks the line between “l’” and the highlighted term that follows', async () => {
		const p = await app.page();
		// doc 1, segment 1: “Aider l’Afghanistan, consolider l’Europe, …”
		await open(p, 1, 1);
		await termsLoaded(p);
		await p.waitForSelector('[role=row][aria-selected=true] .src .term');
		const broken = await p.evaluate(() => {
			const src = document.querySelector('[role=row][aria-selected=true] .src') as HTMLElement;
			const text = src.textContent;
			const out: number[] = [];
			for (let w = 120; w <= 700; w += 4) {
				src.style.width = `${w}px`;
				for (const b of src.querySelectorAll<HTMLElement>('.term')) {
					// the last character before the highlight, wherever it is in the DOM
					const walker = document.createTreeWalker(src, NodeFilter.SHOW_TEXT);
					let prev: Text | null = null;
					for (let n = walker.nextNode(); n; n = walker.nextNode()) {
						if (b.contains(n)) break;
						if ((n as Text).data) prev = n as Text;
					}
					if (!prev || !/[’']$/.test(prev.data)) continue;
					const r = document.createRange();
					r.setStart(prev, prev.data.length - 1);
					r.setEnd(prev, prev.data.length);
					const a = r.getBoundingClientRect();
					if (Math.abs(a.top - b.getClientRects()[0].top) > 4) out.push(w);
				}
			}
			src.style.width = '';
			return { out, same: src.textContent === text };
		});
		expect(broken.out).toEqual([]);
		expect(broken.same).toBe(true);
		// the stored text is untouched
		expect((await api('/api/documents/1/segments/0')).source.startsWith('Aider l’Afghanistan')).toBe(true);
		await p.context().close();
	});

	it('at 1000 px the panels leave the grid most of the width and the row buttons fit on two lines; the pre-translate dialog does not scroll the page', async () => {
		const ctx = await app.browser.newContext({ viewport: { width: 1000, height: 700 }, locale: 'en-GB' });
		const p = await ctx.newPage();
		await open(p, 1, 6);
		const m = await p.evaluate(() => ({
			side: document.querySelector('.side')!.getBoundingClientRect().width,
			editor: document.querySelector('.editor')!.getBoundingClientRect().width,
			lines: new Set([...document.querySelectorAll('.row-actions button')].map((b) => Math.round(b.getBoundingClientRect().top))).size
		}));
		expect(m.side / m.editor).toBeLessThanOrEqual(0.3);
		expect(m.lines).toBeLessThanOrEqual(2);
		await p.evaluate(() => window.scrollTo(0, 20));
		const before = await p.evaluate(() => window.scrollY);
		await p.click('#pre-open');
		await p.waitForSelector('#pretranslate[open]');
		expect(await p.evaluate(() => window.scrollY)).toBe(before);
		await ctx.close();
	});

	it('writes the analysis percentages the French way', async () => {
		const p = await app.page('fr-FR');
		await p.goto(app.server.url + '/documents/1/edit/analysis');
		const cells = await p.locator('#analysis-table tbody tr td.num:nth-child(4), #progress-table tbody tr td.num:nth-child(4)').allTextContents();
		expect(cells.length).toBeGreaterThan(8);
		for (const c of cells) expect(c).toMatch(/^\d{1,3},\d$/);
		await p.context().close();
	});
});

describe('terminology', () => {
	it('the report links findings to the editor at their segment, shows the target, keeps "Accept" whole and merges identical findings', async () => {
		// doc 1, segment 13: “… depuis que l’OTAN a pris le commandement de la mission de la FIAS …”
		await put(1, 12, 'Since Nato took over the mission, Nato has made progress.');
		const check = await api('/api/documents/1/segments/12/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target: 'Since Nato took over the mission, Nato has made progress.' }) });
		const forbidden = check.issues.filter((i: { check: string; params: { term?: string } }) => i.check === 'term-forbidden');
		const ctx = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
		const p = await ctx.newPage();
		await p.goto(app.server.url + '/documents/1/terms');
		const rows = p.locator('section[data-check=term-forbidden] tbody tr');
		const row = rows.filter({ has: p.locator('a[href="/documents/1/edit?seg=13"]') });
		// one row however many times the same variant occurs
		expect(await row.count()).toBe(1);
		expect(Number(await row.getAttribute('data-count'))).toBe(forbidden.length);
		expect(await row.locator('.tgt').textContent()).toBe('Since Nato took over the mission, Nato has made progress.');
		const summary = row.locator('summary');
		const box = (await summary.boundingBox())!;
		const lineHeight = await summary.evaluate((e) => parseFloat(getComputedStyle(e).lineHeight) || parseFloat(getComputedStyle(e).fontSize) * 1.3);
		expect(box.height).toBeLessThan(lineHeight * 1.6);
		expect(await summary.evaluate((e) => e.scrollWidth <= e.clientWidth + 1)).toBe(true);

		// accepting the row accepts every occurrence
		await summary.click();
		await row.locator('input[name=reason]').fill('quoted');
		await row.locator('form[action="?/accept"] button').click();
		await expect.poll(() => p.locator('section[data-check=term-forbidden] tbody tr.ignored').filter({ has: p.locator('a[href="/documents/1/edit?seg=13"]') }).count()).toBe(1);
		const after = await api('/api/documents/1/segments/12/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target: 'Since Nato took over the mission, Nato has made progress.' }) });
		for (const i of after.issues.filter((x: { check: string }) => x.check === 'term-forbidden')) expect(i.ignored).toBe('quoted');

		await p.click('a[href="/documents/1/edit?seg=13"]');
		await p.waitForSelector('#grid[data-ready=true]');
		expect(await activeOrd(p)).toBe(12);
		await ctx.close();
	});

	it('the glossary page strikes through the forbidden term only, not its replacement', async () => {
		const p = await app.page();
		await p.goto(app.server.url + '/glossary?q=NATO');
		const st = p.locator('tr[data-concept=c-nato] .term.status-forbidden .st').first();
		expect(await st.textContent()).toContain('→ NATO');
		const struck = await st.evaluate((e) => {
			const out: string[] = [];
			for (let n: Element | null = e; n && !n.matches('td'); n = n.parentElement) if (getComputedStyle(n).textDecorationLine.includes('line-through')) out.push(n.className);
			return out;
		});
		expect(struck).toEqual([]);
		const tx = p.locator('tr[data-concept=c-nato] .term.status-forbidden .tx').first();
		expect(await tx.evaluate((e) => getComputedStyle(e).textDecorationLine)).toContain('line-through');
		await p.context().close();
	});
});
