import { describe, expect, it } from 'vitest';
import { useApp } from '../helpers/server.js';

const app = useApp();
const NB = '\u00a0';
const csv = (...lines: string[]) => Buffer.from(['Concept ID,fr-FR,en-GB', ...lines, ''].join('\n'));

/** Uploads a CSV on the glossary page, as a user does, and waits for the page that follows. */
async function upload(p: Awaited<ReturnType<typeof app.page>>, name: string, body: Buffer) {
	await p.goto(app.server.url + '/glossary');
	await p.setInputFiles('#gfile', { name, mimeType: 'text/csv', buffer: body });
	await p.click('form.import button[type=submit]');
	await p.locator('#glossary-import-counts').waitFor();
}

describe('glossary import: what it did, and its possible duplicates', () => {
	it('English: the counts, and a duplicate of the seeded glossary located by line and column, linking both concepts', async () => {
		const p = await app.page('en-GB');
		await upload(p, 'nrc.csv', csv('x-16,zone de paix,peace zone', 'x-17,Conseil OTAN-Russie,Council of NATO and Russia'));
		expect(await p.locator('#glossary-message').textContent()).toBe('Imported 2 concepts (4 terms) from nrc.csv.');
		expect(await p.locator('#glossary-import-counts').textContent()).toBe('2 concepts added, 0 replaced, 0 unchanged.');
		const items = p.locator('#glossary-import-warnings li');
		expect(await items.count()).toBe(1);
		expect(await items.first().textContent()).toBe('nrc.csv, line 3, column 2: fr-FR “Conseil OTAN-Russie” of concept x-17 is already a term of concept c-nrc (“Conseil OTAN-Russie”).');
		expect(await items.first().locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['?q=x-17#concept-x-17', '?q=c-nrc#concept-c-nrc']);
		expect(await p.locator('#glossary-import-more').count()).toBe(0);
		// the link shows the other concept's row
		await items.first().locator('a', { hasText: 'c-nrc' }).click();
		// the row is on the page before the link is followed too (the page lists every concept): wait for the search
		await p.waitForURL((u) => u.search === '?q=c-nrc');
		await p.locator('#glossary-import-summary').waitFor({ state: 'detached' });
		await p.locator('tr#concept-c-nrc').waitFor();
		expect(await p.locator('tr#concept-c-nrc .tx').first().textContent()).toBe('Conseil OTAN-Russie');
		// the summary was for the import, not for later views of the page
		expect(await p.locator('#glossary-import-summary').count()).toBe(0);

		// the same file again: unchanged, and the duplicate still said
		await upload(p, 'nrc.csv', csv('x-16,zone de paix,peace zone', 'x-17,Conseil OTAN-Russie,Council of NATO and Russia'));
		expect(await p.locator('#glossary-import-counts').textContent()).toBe('0 concepts added, 0 replaced, 2 unchanged.');
		expect(await p.locator('#glossary-import-warnings li').count()).toBe(1);
		await p.context().close();
	});

	it('French: counts and warnings in French; past 50 warnings the rest are counted (more than a cookie holds)', async () => {
		const p = await app.page('fr-FR');
		await upload(p, 'conseil.csv', csv('x-17,Conseil OTAN-Russie,Russia Council of NATO'));
		expect(await p.locator('#glossary-import-counts').textContent()).toBe('0 concept ajouté, 1 remplacé, 0 inchangé.');
		expect(await p.locator('#glossary-import-warnings-heading').textContent()).toBe(
			`1 doublon possible${NB}: un terme du fichier est déjà celui d’un autre concept. Les homonymes sont permis (un sigle à deux sens)${NB}: vérifiez-le.`
		);
		expect(await p.locator('#glossary-import-warnings li').allTextContents()).toEqual([
			`conseil.csv, ligne 2, colonne 2${NB}: fr-FR «${NB}Conseil OTAN-Russie${NB}» du concept x-17 est déjà un terme du concept c-nrc («${NB}Conseil OTAN-Russie${NB}»).`
		]);

		const rows = Array.from({ length: 55 }, (_, i) => `z-${i + 1},zone tampon démilitarisée,buffer zone ${i + 1}`);
		await upload(p, 'zones.csv', csv(...rows));
		expect(await p.locator('#glossary-import-counts').textContent()).toBe('55 concepts ajoutés, 0 remplacé, 0 inchangé.');
		expect(await p.locator('#glossary-import-warnings-heading').textContent()).toMatch(/^54 doublons possibles\u00a0:/);
		const items = p.locator('#glossary-import-warnings li');
		expect(await items.count()).toBe(50);
		expect(await items.nth(0).textContent()).toBe(
			`zones.csv, ligne 3, colonne 2${NB}: fr-FR «${NB}zone tampon démilitarisée${NB}» du concept z-2 est déjà un terme du concept z-1 («${NB}zone tampon démilitarisée${NB}», zones.csv, ligne 2, colonne 2).`
		);
		expect(await p.locator('#glossary-import-more').textContent()).toBe('et 4 autres');
		await p.context().close();
	});
});
