/**
 * Hostile text in every page and export: segments, targets, glossary terms and notes, TM
 * units and a file name carrying `<script>`, `<img onerror>`, `javascript:` links, RTL
 * overrides, zero-width characters and a 10,000-character word. In Chromium, no script of
 * theirs may run (a trap on window.__pwned, dialogs, CSP violation reports), no element may
 * be built from them, they must be readable as text, and the page must not grow sideways.
 * Also: the security headers, the CSRF origin check, and where the server listens.
 */
import { writeFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkbench } from '../../src/core/workbench.server.js';
import { tempDir } from '../helpers/db.js';
import { launchBrowser, startServer, type RunningServer } from '../helpers/server.js';
import type { Browser } from 'playwright-core';

const WORD = 'anticonstitutionnellement'.repeat(400);
const SCRIPT = '<script>window.__pwned = 1</script>';
const IMG = '<img src=x onerror="window.__pwned = 2">';
const LINK = '<a href="javascript:window.__pwned=3">cliquez</a>';
const RTL = 'Dépôt \u202Egnp.exe\u202C et\u200B zéro\u200Dlargeur\uFEFF';
const HOSTILE = [`${SCRIPT} Le ${IMG} texte.`, `Un lien ${LINK} ici.`, `${RTL}.`, `Mot ${WORD} fin.`];
const FILE = `${IMG}\u202Etxt.exe`;

let dir: ReturnType<typeof tempDir>;
let server: RunningServer;
let browser: Browser;
let docId = 0;

beforeAll(async () => {
	dir = tempDir('atelier-hostile-');
	const dbPath = `${dir.dir}/hostile.sqlite`;
	const wb = createWorkbench({ dbPath });
	const doc = await wb.importDocument({ bytes: Buffer.from(HOSTILE.join('\n\n')), file: FILE, sourceLang: 'fr-FR', targetLang: 'en-GB', title: `${SCRIPT}${RTL}` });
	docId = doc.id;
	for (let ord = 0; ord < doc.segments; ord++) wb.setTarget(docId, ord, HOSTILE[ord % HOSTILE.length], { status: 'translated' });
	const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
	wb.terminology.importGlossary(
		Buffer.from(
			'Forbidden,Domain,Subdomain,Definition,fr,Notes,Example of use,en,Notes,Example of use\n' +
				HOSTILE.map((h, i) => `FALSE,${q(IMG)},,${q(LINK)},${q(i === 0 ? 'texte' : h)},${q(SCRIPT)},${q(h)},${q(h)},${q(RTL)},${q(LINK)}`).join('\n') +
				'\n'
		),
		FILE
	);
	wb.tm.add(HOSTILE.map((h) => ({ sourceLang: 'fr-FR', targetLang: 'en-GB', source: h, target: h, origin: 'import' as const, notes: [SCRIPT] })));
	wb.close();
	server = await startServer({ ATELIER_DB: dbPath });
	browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	dir?.remove();
});

/** Opens a page with traps set before any script of the page runs. */
async function visit(path: string): Promise<{ page: Page; problems: () => Promise<string[]> }> {
	const ctx = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } });
	const page = await ctx.newPage();
	const problems: string[] = [];
	page.on('dialog', (d) => {
		problems.push(`dialog: ${d.message()}`);
		void d.dismiss();
	});
	page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
	await page.addInitScript(() => {
		const w = window as unknown as { __ran: unknown[]; __csp: string[] };
		w.__ran = [];
		w.__csp = [];
		Object.defineProperty(window, '__pwned', { configurable: false, get: () => undefined, set: (v) => void w.__ran.push(v) });
		document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
	});
	const res = await page.goto(server.url + path);
	expect(res?.status(), path).toBe(200);
	await page.waitForLoadState('networkidle');
	return {
		page,
		problems: async () => {
			const state = await page.evaluate(() => {
				const w = window as unknown as { __ran: unknown[]; __csp: string[] };
				return {
					ran: w.__ran,
					csp: w.__csp,
					imgs: document.querySelectorAll('img[src="x"], img[onerror]').length,
					links: [...document.querySelectorAll('a[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? '')).length,
					// SvelteKit's own data script carries the texts too, escaped (\u003C): only a raw tag counts
					scripts: [...document.querySelectorAll('script')].filter((s) => (s.textContent ?? '').includes('<script>window.__pwned')).length,
					overflow: document.documentElement.scrollWidth - window.innerWidth
				};
			});
			if (state.ran.length) problems.push(`hostile script ran: ${JSON.stringify(state.ran)}`);
			if (state.csp.length) problems.push(`CSP violations (an injection was attempted): ${state.csp.join(' | ')}`);
			if (state.imgs) problems.push(`${state.imgs} <img> built from text`);
			if (state.links) problems.push(`${state.links} javascript: links`);
			if (state.scripts) problems.push(`${state.scripts} <script> elements from text`);
			if (state.overflow > 2) problems.push(`layout broken: the page is ${state.overflow}px wider than the window`);
			return problems;
		}
	};
}

describe('hostile text is inert and readable in every page', () => {
	const pages = () => [
		['/', [SCRIPT.slice(0, 20)]],
		[`/documents/${docId}`, [SCRIPT, 'javascript:window.__pwned=3', 'gnp.exe']],
		[`/documents/${docId}/terms`, []],
		[`/documents/${docId}/align`, []],
		['/glossary', [SCRIPT, 'onerror']],
		['/glossary?q=texte', []],
		['/tm?q=lien', ['javascript:window.__pwned=3']],
		[`/tm?mode=fuzzy&q=${encodeURIComponent(HOSTILE[0])}`, [SCRIPT]],
		['/import', []],
		['/segment', []]
	] as [string, string[]][];

	it('no hostile script runs, no element is built from text, text stays readable, layout holds', async () => {
		const failures: string[] = [];
		for (const [path, visible] of pages()) {
			const { page, problems } = await visit(path);
			const text = await page.evaluate(() => document.body.innerText);
			for (const v of visible) if (!text.includes(v)) failures.push(`${path}: "${v.slice(0, 40)}" not shown as text`);
			for (const p of await problems()) failures.push(`${path}: ${p}`);
			await page.context().close();
		}
		expect(failures).toEqual([]);
	}, 180_000);

	it('the segmentation tester and a search with hostile input echo it as text', async () => {
		const { page, problems } = await visit('/segment');
		await page.locator('textarea[name="text"]').fill(HOSTILE.join(' '));
		await page.locator('form button[type="submit"], form input[type="submit"]').first().click();
		await page.waitForLoadState('networkidle');
		expect(await page.evaluate(() => document.body.innerText)).toContain(SCRIPT);
		expect(await problems()).toEqual([]);
		await page.context().close();
	}, 60_000);
});

describe('exports stay inert', () => {
	it('TMX, glossary (TBX, CSV) and term-report exports are downloads, escaped, and under the strict policy', async () => {
		for (const path of ['/tm/export', '/glossary/export?format=tbx', '/glossary/export?format=csv', `/documents/${docId}/terms.csv`]) {
			const r = await fetch(server.url + path);
			expect(r.status, path).toBe(200);
			expect(r.headers.get('content-type'), path).not.toMatch(/html/);
			expect(r.headers.get('x-content-type-options')).toBe('nosniff');
			expect(r.headers.get('content-security-policy'), path).toMatch(/default-src 'none'.*sandbox/);
			const body = await r.text();
			if (/xml/.test(r.headers.get('content-type') ?? '')) {
				expect(body, path).not.toContain('<script>');
				expect(body, path).toContain('&lt;script&gt;');
			}
		}
	});

	it('side-by-side HTML export: a download, inert when opened in Chromium from disk, text readable, layout holds', async () => {
		const r = await fetch(`${server.url}/documents/${docId}/export?format=html`, { headers: { 'accept-language': 'fr' } });
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toMatch(/^text\/html/);
		expect(r.headers.get('content-disposition')).toMatch(/^attachment/);
		expect(r.headers.get('x-content-type-options')).toBe('nosniff');
		const html = await r.text();
		// raw markup from the texts would be a tag; escaped it is text
		expect(html).not.toContain(SCRIPT);
		expect(html).not.toContain(IMG);
		expect(html).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
		// opened as the user would, from a file: no server policy protects it, only its own markup
		const path = `${dir.dir}/side-by-side.html`;
		writeFileSync(path, html);
		const ctx = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } });
		const page = await ctx.newPage();
		const problems: string[] = [];
		page.on('dialog', (d) => {
			problems.push(`dialog: ${d.message()}`);
			void d.dismiss();
		});
		page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
		page.on('request', (q) => {
			if (!q.url().startsWith('file://') && !q.url().startsWith('data:')) problems.push(`network request: ${q.url()}`);
		});
		await page.addInitScript(() => {
			const w = window as unknown as { __ran: unknown[] };
			w.__ran = [];
			Object.defineProperty(window, '__pwned', { configurable: false, get: () => undefined, set: (v) => void w.__ran.push(v) });
		});
		await page.goto(`file://${path}`);
		await page.waitForLoadState('load');
		// a javascript: link runs only if followed: click every link the page has
		for (const a of await page.locator('a[href]').all()) await a.click({ timeout: 2_000, noWaitAfter: true }).catch(() => {});
		await page.waitForTimeout(200);
		const state = await page.evaluate(() => ({
			ran: (window as unknown as { __ran: unknown[] }).__ran,
			imgs: document.querySelectorAll('img[src="x"], img[onerror], [onerror], [onclick], [onload]').length,
			links: [...document.querySelectorAll('a[href], [src], [href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? a.getAttribute('src') ?? '')).length,
			scripts: [...document.querySelectorAll('script')].filter((s) => (s.textContent ?? '').includes('__pwned')).length,
			iframes: document.querySelectorAll('iframe, object, embed').length,
			overflow: document.documentElement.scrollWidth - window.innerWidth,
			text: document.body.innerText
		}));
		await ctx.close();
		if (state.ran.length) problems.push(`hostile script ran: ${JSON.stringify(state.ran)}`);
		if (state.imgs) problems.push(`${state.imgs} elements with handlers built from text`);
		if (state.links) problems.push(`${state.links} javascript: URLs`);
		if (state.scripts) problems.push(`${state.scripts} <script> elements from text`);
		if (state.iframes) problems.push(`${state.iframes} embedded frames`);
		if (state.overflow > 2) problems.push(`layout broken: the page is ${state.overflow}px wider than the window`);
		for (const v of [SCRIPT, IMG, 'javascript:window.__pwned=3', 'gnp.exe']) if (!state.text.includes(v)) problems.push(`"${v.slice(0, 40)}" not shown as text`);
		expect(problems).toEqual([]);
	}, 60_000);

	it('bilingual DOCX and XLIFF downloads carry the hostile strings XML-escaped', async () => {
		const docx = await fetch(`${server.url}/documents/${docId}/export?format=docx`);
		expect(docx.status).toBe(200);
		const zip = await JSZip.loadAsync(await docx.arrayBuffer());
		const xml = await zip.file('word/document.xml')!.async('string');
		expect(xml).not.toContain('<script>');
		expect(xml).not.toContain('<img ');
		expect(xml).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
		expect(xml).toContain('onerror=');
		for (const format of ['xliff', 'xliff12']) {
			const r = await fetch(`${server.url}/documents/${docId}/export?format=${format}`);
			expect(r.status, format).toBe(200);
			const body = await r.text();
			expect(body, format).not.toContain('<script>');
			expect(body, format).not.toContain('<img ');
			expect(body, format).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
			expect(body, format).toContain(WORD);
		}
	});
});

describe('security headers and origin checks', () => {
	it('pages carry a CSP without unsafe-inline scripts and refuse framing; other responses the strict policy', async () => {
		const r = await fetch(server.url + '/');
		const csp = r.headers.get('content-security-policy') ?? '';
		const script = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
		expect(script).toContain("'self'");
		expect(script).not.toContain('unsafe-inline');
		expect(script).not.toContain('unsafe-eval');
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain("object-src 'none'");
		expect(r.headers.get('x-content-type-options')).toBe('nosniff');
		expect(r.headers.get('referrer-policy')).toBe('same-origin');
		expect(r.headers.get('x-frame-options')).toBe('DENY');
		const api = await fetch(`${server.url}/api/documents/${docId}/segments/0`);
		expect(api.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
	});

	it('a form post from another origin is refused (CSRF check on)', async () => {
		const r = await fetch(server.url + '/glossary?/import', {
			method: 'POST',
			headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
			body: 'x=1'
		});
		expect(r.status).toBe(403);
		const same = await fetch(server.url + '/segment', {
			method: 'POST',
			headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: 'text=Un.%20Deux.&lang=fr-FR'
		});
		expect(same.status).toBe(200);
	});

	it('uploads are bounded: a body over BODY_SIZE_LIMIT is refused, an oversized text gets the translated size error', async () => {
		const small = await startServer({ BODY_SIZE_LIMIT: '65536' });
		try {
			const big = await fetch(`${small.url}/tm/import?name=big.tmx`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(200_000, 'a') });
			expect(big.status).toBe(413);
		} finally {
			await small.stop();
		}
		const form = new FormData();
		form.set('file', new File([Buffer.alloc(11 * 1024 * 1024, 'mot ')], 'énorme.txt', { type: 'text/plain' }));
		form.set('sourceLang', 'fr-FR');
		form.set('targetLang', 'en-GB');
		const r = await fetch(`${server.url}/import`, { method: 'POST', headers: { origin: server.url, 'accept-language': 'fr', 'x-sveltekit-action': 'true' }, body: form });
		const text = await r.text();
		expect(text).toContain('énorme.txt');
		expect(text).toContain('pèse 11 Mo');
		expect(text).toContain('la limite est de 10 Mo');
	}, 120_000);

	it('listens on 127.0.0.1 by default and says so at start', () => {
		expect(server.output()).toMatch(/Atelier listens on http:\/\/127\.0\.0\.1:\d+ \(this machine only/);
		expect(server.output()).toMatch(/Listening on http:\/\/127\.0\.0\.1:/);
	});
});
