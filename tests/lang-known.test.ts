import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { knownLang } from '../src/core/lang.js';
import { createWorkbench } from '../src/core/workbench.server.js';
import { inProcessCli } from './helpers/cli.js';
import { contentChecksum, tempDir } from './helpers/db.js';

const dir = tempDir('atelier-lang-');
const dbPath = join(dir.dir, 'lang.sqlite');
afterAll(() => dir.remove());

const atelier = inProcessCli(dbPath);

describe('a language a person chose must be one that exists', () => {
	it('well-formed tags of real languages pass, canonicalised; made-up ones are refused by name', () => {
		expect(knownLang('fr-fr')).toBe('fr-FR');
		expect(knownLang('EN')).toBe('en');
		expect(knownLang('tlh')).toBe('tlh');
		for (const tag of ['xx', 'zz-ZZ', 'foo', 'qq-FR']) expect(() => knownLang(tag, 'from'), tag).toThrow(expect.objectContaining({ code: 'lang_unknown', params: { lang: tag, field: 'from' } }));
		// still malformed before unknown
		expect(() => knownLang('français')).toThrow(expect.objectContaining({ code: 'lang_invalid' }));
	});

	it('a document in language xx is refused and changes nothing', async () => {
		const wb = createWorkbench({ dbPath });
		try {
			const before = contentChecksum(wb.db);
			await expect(wb.importDocument({ bytes: Buffer.from('Texte.'), file: 'a.txt', sourceLang: 'xx', targetLang: 'en-GB' })).rejects.toMatchObject({
				code: 'lang_unknown',
				params: { lang: 'xx', field: 'sourceLang' }
			});
			expect(contentChecksum(wb.db)).toBe(before);
		} finally {
			wb.close();
		}
	});

	it('`check --from xx` says so (it used to check against no glossary language and pass)', async () => {
		const ok = await atelier(['check', '--source', 'L’OTAN et la FIAS.', '--target', 'NATO and ISAF.']);
		expect(ok.code).toBe(0);
		const bad = await atelier(['check', '--source', 'L’OTAN et la FIAS.', '--target', 'The Nato.', '--from', 'xx']);
		expect(bad.code).toBe(1);
		expect(bad.err).toContain('“xx” names no language known here');
		const fr = await atelier(['qa', '--source', 'Un.', '--target', 'One.', '--from', 'fr', '--to', 'yy'], 'fr');
		expect(fr.code).toBe(1);
		expect(fr.err).toContain('«\u00a0yy\u00a0» ne désigne aucune langue connue ici');
	});
});
