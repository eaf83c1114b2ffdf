import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readXliff } from '../../src/core/formats/xliff/read.js';
import { createWorkbench } from '../../src/core/workbench.server.js';
import { tempDir } from '../helpers/db.js';
import { FRENCH } from '../helpers/export-workbench.js';
import { useApp } from '../helpers/server.js';

const app = useApp();
const XSD = join(import.meta.dirname, '..', '..', '..', 'shared', 'standards', 'xliff-core-1.2-strict.xsd');

/** A translated document added to the server's store, as the editor would leave it. */
async function translatedDocument(): Promise<number> {
	const wb = createWorkbench({ dbPath: app.server.dbPath });
	try {
		const { id } = await wb.importDocument({ bytes: new TextEncoder().encode(FRENCH), file: 'declaration.txt', sourceLang: 'fr-FR', targetLang: 'en-GB', title: 'Déclaration « finale »' });
		wb.setTarget(id, 0, 'Final declaration', { status: 'reviewed' });
		wb.setTarget(id, 1, 'NATO “defends” its allies: that is its mission.', { status: 'translated' });
		return id;
	} finally {
		wb.close();
	}
}

describe('exports from the document page', () => {
	it('downloads an XLIFF 1.2 from the export menu: safe name, right type, valid against the schema', async () => {
		const p = await app.page();
		await p.goto(app.server.url + '/documents/1');
		await p.selectOption('#export-menu select[name=format]', 'xliff12');
		const [download] = await Promise.all([p.waitForEvent('download'), p.click('#export-menu button')]);
		expect(download.suggestedFilename()).toMatch(/^Aider l’Afghanistan, consolider l’Europe.*\.fr-en\.xliff12\.xlf$/);
		const dir = tempDir('atelier-e2e-export-');
		try {
			const file = join(dir.dir, 'download.xlf');
			await download.saveAs(file);
			const r = spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
			expect(r.status, r.stderr).toBe(0);
			const back = await readXliff(readFileSync(file), { file });
			expect(back.documentId).toBe(1);
			expect(back.rows.length).toBeGreaterThan(50);
			expect(back.rows[0].source).toBe('Aider l’Afghanistan, consolider l’Europe, renforcer les partenariats, relever de nouveaux défis');
			expect(back.rows[0].target).toBe('Helping Afghanistan, consolidating Europe, strengthening partnerships, meeting new challenges');
		} finally {
			dir.remove();
		}
		const res = await fetch(app.server.url + '/documents/1/export?format=tmx');
		expect(res.headers.get('content-type')).toBe('application/x-tmx+xml; charset=utf-8');
		expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="Aider l'Afghanistan[^"]*\.fr-en\.tmx"; filename\*=UTF-8''Aider%20l%E2%80%99Afghanistan/);
		expect((await fetch(app.server.url + '/documents/1/export?format=../../etc/passwd')).status).toBe(400);
		expect((await fetch(app.server.url + '/documents/999/export?format=tmx')).status).toBe(404);
		await p.context().close();
	});

	it('re-imports an XLIFF with a changed target: the plan first, the target only after confirming', async () => {
		const id = await translatedDocument();
		const p = await app.page('fr-FR');
		await p.goto(`${app.server.url}/documents/${id}`);
		await p.selectOption('#export-menu select[name=format]', 'xliff');
		const [download] = await Promise.all([p.waitForEvent('download'), p.click('#export-menu button')]);
		expect(download.suggestedFilename()).toBe('Déclaration « finale ».fr-en.xlf');
		const dir = tempDir('atelier-e2e-reimport-');
		try {
			const file = join(dir.dir, 'dl.xlf');
			await download.saveAs(file);
			const edited = readFileSync(file, 'utf8').replace(
				'<target xml:space="preserve">NATO “defends” its allies: that is its mission.</target>',
				'<target xml:space="preserve">NATO “defends” its Allies — that is its mission.</target>'
			);
			expect(edited).not.toBe(readFileSync(file, 'utf8'));

			await p.click('#reimport-link');
			await p.setInputFiles('#reimport-upload input[type=file]', { name: 'relu.xlf', mimeType: 'application/xliff+xml', buffer: Buffer.from(edited) });
			await Promise.all([p.waitForLoadState('load'), p.click('#reimport-upload button')]);
			await p.locator('#reimport-plan').waitFor();
			expect(await p.locator('#reimport-summary').textContent()).toContain('À appliquer\u00a0: 1, conflits\u00a0: 0, inapplicables\u00a0: 0');
			const row = p.locator('#reimport-plan tr.change');
			expect(await row.count()).toBe(1);
			expect(await row.locator('td.new').textContent()).toBe('NATO “defends” its Allies — that is its mission.');

			// nothing applied yet
			let page = await (await fetch(`${app.server.url}/documents/${id}`)).text();
			expect(page).toContain('NATO “defends” its allies: that is its mission.');
			expect(page).not.toContain('its Allies — that');

			await Promise.all([p.waitForLoadState('load'), p.click('#reimport-confirm button')]);
			await p.locator('#reimport-applied').waitFor();
			expect(await p.locator('#reimport-applied').textContent()).toContain('Appliqué depuis relu.xlf\u00a0: 1 modification.');
			page = await (await fetch(`${app.server.url}/documents/${id}`)).text();
			expect(page).toContain('NATO “defends” its Allies — that is its mission.');
			await p.goto(`${app.server.url}/documents/${id}`);
			expect(await p.locator('#seg-2 .target').textContent()).toBe('NATO “defends” its Allies — that is its mission.');
			await p.goto(`${app.server.url}/documents/${id}/reimport`);
			expect(await p.locator('#reimport-history summary').textContent()).toContain('(1)');
		} finally {
			dir.remove();
		}
		await p.context().close();
	});

	it('shows what a file from another document cannot do, and offers nothing to apply', async () => {
		const id = await translatedDocument();
		const xml = await (await fetch(`${app.server.url}/documents/${id}/export?format=xliff12`)).text();
		const p = await app.page();
		await p.goto(`${app.server.url}/documents/3/reimport`);
		await p.setInputFiles('#reimport-upload input[type=file]', { name: 'other.xlf', mimeType: 'application/xliff+xml', buffer: Buffer.from(xml) });
		await Promise.all([p.waitForLoadState('load'), p.click('#reimport-upload button')]);
		await p.locator('#reimport-blocked').waitFor();
		expect(await p.locator('#reimport-blocked').textContent()).toContain(`exported from document ${id}, not 3`);
		expect(await p.locator('#reimport-confirm').count()).toBe(0);
		await p.context().close();
	});
});
