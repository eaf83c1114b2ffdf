import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml, htmlText } from '../src/core/formats/html/escape.js';
import { writeSideBySideHtml } from '../src/core/formats/html/side-by-side.js';
import { createT } from '../src/lib/i18n/index.js';
import { HOSTILE, hostileDocument, seedAlignment, seedDocument } from './helpers/bilingual-fixture.js';
import { launchBrowser } from './helpers/server.js';

const en = { t: createT('en'), uiLang: 'en' as const };
const fr = { t: createT('fr'), uiLang: 'fr' as const };

describe('escapeHtml / htmlText', () => {
	it('escapes the five characters that matter and drops forbidden controls', () => {
		expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
		expect(escapeHtml('a\u0000b\u0007c\td\ne')).toBe('abc\td\ne');
	});

	it('keeps French typography untouched', () => {
		const s = 'Les « Alliés » ont dit\u00A0: oui\u202F! L’OTAN';
		expect(escapeHtml(s)).toBe(s);
		expect(htmlText(s)).toBe(s);
	});

	it('shows bidi overrides and zero-width characters as their code points', () => {
		const h = htmlText('abc\u202Eexe.live\u202C\u200B', (c) => `invisible ${c}`);
		expect(h).not.toMatch(/[\u202E\u202C\u200B]/);
		expect(h).toContain('<span class="cp" title="invisible U+202E">U+202E</span>exe.live');
		expect(h).toContain('U+202C');
		expect(h).toContain('U+200B');
	});
});

describe('writeSideBySideHtml: structure', () => {
	const doc = seedDocument('bucharest-summit-2008');
	const html = writeSideBySideHtml(doc, en);

	it('has one table body per paragraph and one row per segment', () => {
		expect(html.match(/<tbody /g)).toHaveLength(doc.paragraphs.length);
		const rows = doc.paragraphs.flatMap((p) => p.rows);
		expect(html.match(/<tr id="s-/g)).toHaveLength(rows.length);
		expect(html).toContain(`<td class="no">${rows.length}</td>`);
	});

	it('renders headings as headings, list items with their bullet, the footnote with its mark', () => {
		const headings = doc.paragraphs.filter((p) => p.kind === 'heading');
		expect(html.match(/<h\d lang="fr-FR">/g)?.length).toBe(headings.reduce((n, p) => n + p.rows.length, 0));
		expect(html).toContain('<tbody class="para k-list_item"');
		expect(html).toMatch(/<p lang="fr-FR"><span class="mark">•<\/span>/);
		const fn = doc.paragraphs.find((p) => p.kind === 'footnote')!;
		expect(html).toContain(`<tbody class="para k-footnote" data-paragraph="${fn.ord}">`);
		expect(html).toContain(`<span class="mark">${fn.marker}</span>`);
	});

	it('marks untranslated rows and labels in the UI language', () => {
		expect(html).toContain('<span class="untr">Not translated</span>');
		const frHtml = writeSideBySideHtml(doc, fr);
		expect(frHtml).toContain('<html lang="fr">');
		expect(frHtml).toContain('Non traduit');
		expect(frHtml).toContain('>Cible <span class="lang">en-GB</span>');
		expect(frHtml).toContain('>Traduit</span>');
	});

	it('options hide numbers and status; alignments show their confidence', () => {
		const bare = writeSideBySideHtml(doc, { ...en, show: { numbers: false, status: false, match: false } });
		expect(bare).not.toContain('<td class="no">');
		expect(bare).not.toContain('class="st ');
		expect(bare).not.toContain('<td class="meta">');
		const al = writeSideBySideHtml(seedAlignment('nrc-chairman-statement-2008'), en);
		expect(al).toContain('Confidence 93%');
		expect(al).toContain('Confidence 61%');
		expect(al).toContain('data-origin="alignment"');
	});

	it('highlights terms, lists QA findings and comments when asked', () => {
		const h = writeSideBySideHtml(hostileDocument(), en);
		expect(h).toContain('Les « <mark title="Term: Alliés → Allies / Allied nations">Alliés</mark> »');
		expect(h).toContain('Match 100%');
		expect(h).toMatch(/<li class="qa qa-warning">Warning: “&lt;b&gt;x&lt;\/b&gt;” is not translated/);
		expect(h).toContain('<li class="comment">Comment: vérifié</li>');
		const off = writeSideBySideHtml(hostileDocument(), { ...en, show: { terms: false, issues: false } });
		expect(off).not.toContain('<mark');
		expect(off).not.toContain('class="qa');
	});
});

describe('writeSideBySideHtml: inline tags', () => {
	it('shows each tag placeholder as a numbered mark, its markup only in a tooltip', () => {
		const doc = hostileDocument();
		const row = doc.paragraphs[1].rows[0];
		row.source = 'Cliquez \uE000ici\uE001 et\uE002.';
		row.sourceTags = [
			{ kind: 'bpt', attrs: { i: '1' }, content: '&lt;a href="javascript:alert(1)"&gt;' },
			{ kind: 'ept', attrs: { i: '1' }, content: '&lt;/a&gt;' },
			{ kind: 'ph', attrs: { x: '2' }, content: '&lt;br/&gt;' }
		];
		row.termHits = [];
		const h = writeSideBySideHtml(doc, en);
		expect(h).toContain(
			'Cliquez <span class="tag" title="&lt;a href=&quot;javascript:alert(1)&quot;&gt;">[1</span>ici<span class="tag" title="&lt;/a&gt;">1]</span> et<span class="tag" title="&lt;br/&gt;">{2}</span>.'
		);
		expect(h).not.toMatch(/[\uE000-\uE002]/);
		expect(h).not.toMatch(/<a\s/);
	});
});

describe('writeSideBySideHtml: hostile text is inert', () => {
	const html = writeSideBySideHtml(hostileDocument(), en);

	it('contains no script, no event handler, no link, and a restrictive CSP', () => {
		expect(html).not.toMatch(/<script/i);
		expect(html).not.toMatch(/<img/i);
		expect(html).not.toMatch(/<a\s/i);
		expect(html).not.toMatch(/<[^>]*\son\w+=/i);
		expect(html).not.toMatch(/<[^>]*\shref=/i);
		expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src 'none'; base-uri 'none'; form-action 'none'">/);
		expect(html).not.toMatch(/[\u202E\u200B\u200D\uFEFF]/);
		expect(html).toContain('x'.repeat(10_000));
		expect(html).toContain('<title>Titre &lt;b&gt;gras&lt;/b&gt; &amp; « guillemets » — Bilingual document</title>');
	});

	describe('in Chromium', () => {
		let browser: Browser;
		let dir: string;
		beforeAll(async () => {
			browser = await launchBrowser();
			dir = mkdtempSync(join(tmpdir(), 'atelier-html-'));
		});
		afterAll(async () => {
			await browser?.close();
			rmSync(dir, { recursive: true, force: true });
		});

		it('shows the hostile text as text, runs nothing, and long words wrap', async () => {
			const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
			const errors: string[] = [];
			const dialogs: string[] = [];
			page.on('console', (m) => errors.push(m.text()));
			page.on('dialog', (d) => {
				dialogs.push(d.message());
				void d.dismiss();
			});
			await page.setContent(html, { waitUntil: 'load' });
			const facts = await page.evaluate(() => ({
				scripts: document.scripts.length,
				imgs: document.images.length,
				links: document.links.length,
				texts: [...document.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td.src, td.tgt')].map((td) => td.querySelector('p,h2,h3')!.textContent)),
				overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
				cellsOverflowing: [...document.querySelectorAll('td')].filter((td) => td.scrollWidth > td.clientWidth + 1).length,
				styled: getComputedStyle(document.querySelector('thead tr.cols th')!).fontWeight
			}));
			expect(dialogs).toEqual([]);
			expect(facts.scripts).toBe(0);
			expect(facts.imgs).toBe(0);
			expect(facts.links).toBe(0);
			// the CSS hash in the CSP lets our style in: header cells are bold
			expect(facts.styled).toBe('700');
			expect(errors.filter((e) => /Content Security Policy/.test(e))).toEqual([]);
			const flat = facts.texts.flat();
			expect(flat).toContain(HOSTILE.script);
			expect(flat).toContain(HOSTILE.img);
			expect(flat).toContain(HOSTILE.link);
			expect(flat).toContain('abcU+202Eevil.exeU+202C def');
			expect(flat).toContain(HOSTILE.long);
			expect(facts.overflow).toBeLessThanOrEqual(0);
			expect(facts.cellsOverflowing).toBe(0);
			await page.close();
		});

		it('prints on A4 with the column headers repeated on every page', async () => {
			const page = await browser.newPage();
			await page.setContent(writeSideBySideHtml(seedDocument('bucharest-summit-2008'), en), { waitUntil: 'load' });
			const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
			await page.close();
			const file = join(dir, 'bi.pdf');
			writeFileSync(file, pdf);
			const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
			const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
			expect(pages).toBeGreaterThan(2);
			expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
			const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
			const perPage = text.split('\f').filter((p) => p.trim());
			expect(perPage).toHaveLength(pages);
			for (const p of perPage) {
				expect(p).toMatch(/No\.\s+Source fr-FR\s+Target en-GB\s+Status/);
				expect(p).toContain('Document 7 · fr-FR → en-GB');
			}
			// page numbers in the bottom margin
			expect(perPage[1]).toContain(`2 / ${pages}`);
			if (process.env.ATELIER_KEEP_PDF) writeFileSync(process.env.ATELIER_KEEP_PDF, pdf);
		});
	});
});
