import { describe, expect, it } from 'vitest';
import { isAtelierError } from '../src/core/errors.js';
import { cleanup } from '../src/core/text/cleanup.js';
import { decodeText } from '../src/core/text/decode.js';
import { importFile } from '../src/core/text/import.js';
import { lexiconFor } from '../src/core/text/lexicon.js';
import { createWorkbench } from '../src/core/workbench.server.js';
import { createT, errorMessage } from '../src/lib/i18n/index.js';
import { tempDir } from './helpers/db.js';

const NNBSP = '\u202F';
const MiB = 1024 * 1024;

/** The error a call throws, checked to be ours. */
async function refusal(run: () => unknown) {
	const err = await Promise.resolve()
		.then(run)
		.then(
			() => null,
			(e: unknown) => e
		);
	if (!isAtelierError(err)) throw new Error(`expected an AtelierError, got ${String(err)}`);
	return err;
}

describe('the size of a refused import, in the language of the message', () => {
	// 11.7 MiB: a size with a decimal, over the 10 MiB limit, which has none
	const bytes = new Uint8Array(Math.round(11.7 * MiB)).fill(0x61);
	const fr = createT('fr');
	const en = createT('en');

	it('a file too large to decode: French decimal comma, no “.0” on a whole limit', async () => {
		const e = await refusal(() => decodeText(bytes, { file: 'big.txt' }));
		expect(e.code).toBe('file_too_large');
		expect(errorMessage(fr, e)).toBe(`big.txt pèse 11,7 Mo${NNBSP}; la limite est de 10 Mo.`);
		expect(errorMessage(en, e)).toBe('big.txt is 11.7 MB; the limit is 10 MB.');
	});

	it('a file too large to import', async () => {
		const e = await refusal(() => importFile({ bytes, file: 'big.txt' }, { sourceLang: 'fr-FR', segmenter: null as never }));
		expect(e.code).toBe('file_too_large');
		expect(errorMessage(fr, e)).toBe(`big.txt pèse 11,7 Mo${NNBSP}; la limite est de 10 Mo.`);
		expect(errorMessage(en, e)).toBe('big.txt is 11.7 MB; the limit is 10 MB.');
	});

	it('pasted text too large names no file (the user chose none)', async () => {
		const e = await refusal(() => importFile({ bytes, file: 'pasted.txt', pasted: true }, { sourceLang: 'fr-FR', segmenter: null as never }));
		expect(e.code).toBe('file_too_large');
		expect(e.location.file).toBeUndefined();
		expect(errorMessage(fr, e)).toBe(`Le texte collé pèse 11,7 Mo${NNBSP}; la limite est de 10 Mo.`);
		expect(errorMessage(en, e)).toBe('The pasted text is 11.7 MB; the limit is 10 MB.');
	});

	it('the workbench passes "pasted" on: the server names no file either when the browser did not catch it', async () => {
		const dir = tempDir();
		const wb = createWorkbench({ dbPath: `${dir.dir}/p.sqlite` });
		try {
			const e = await refusal(() => wb.importDocument({ bytes, file: 'pasted.txt', pasted: true, sourceLang: 'fr-FR', targetLang: 'en-GB' }));
			expect(errorMessage(en, e)).toBe('The pasted text is 11.7 MB; the limit is 10 MB.');
			expect(wb.listDocuments().length).toBe(0);
		} finally {
			wb.close();
			dir.remove();
		}
	});

	it('a size given already rounded as text (readers that still pass strings) reads the same', () => {
		const params = { size: '11.7', limit: '50.0' };
		expect(errorMessage(fr, { code: 'file_too_large', params, location: { file: 'lexique.tbx' } })).toBe(`lexique.tbx pèse 11,7 Mo${NNBSP}; la limite est de 50 Mo.`);
		expect(errorMessage(en, { code: 'file_too_large', params, location: { file: 'lexique.tbx' } })).toBe('lexique.tbx is 11.7 MB; the limit is 50 MB.');
	});
});

describe('the cleanup report names the line a hyphen ends', () => {
	const isWord = lexiconFor('fr-FR');
	const hyphens = (text: string) => cleanup(text, { isWord }).events.filter((e) => e.kind === 'hyphen_kept' || e.kind === 'hyphen_joined');

	it('inside a paragraph: the line with the hyphen, not the one it continues on', () => {
		const text = [
			'Les Alliés ont réaffirmé leur attachement à la',
			'sécurité collective et à la solidarité de la',
			'communauté transatlantique, fondement de la',
			'sécurité euro-',
			'atlantique et du soutien au gouver-',
			'nement afghan.'
		].join('\n');
		expect(hyphens(text)).toEqual([
			{ kind: 'hyphen_kept', line: 4, text: 'euro-atlantique' },
			{ kind: 'hyphen_joined', line: 5, text: 'gouver-nement' }
		]);
	});

	it('across a dropped page number: the line before the page break', () => {
		const text = ['Il faut renforcer la sécurité euro-', '', '', '54', '', 'atlantique sans délai.', '', 'Suite.'].join('\n');
		const { blocks } = cleanup(text, { isWord });
		expect(blocks[0].text).toBe('Il faut renforcer la sécurité euro-atlantique sans délai.');
		expect(hyphens(text)).toEqual([{ kind: 'hyphen_kept', line: 1, text: 'euro-atlantique' }]);
	});
});
