import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutPoints, nearestCuts, wordAt } from '../src/core/editor/restructure.js';
import { isAtelierError, type Location } from '../src/core/errors.js';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { tempDir } from './helpers/db.js';

const SENTENCE = 'L’OTAN compte 2020 soldats\u00a0: « la sécurité\u00a0» prime.';
const TEXT = `Titre du texte\n\n${SENTENCE}\n`;

function failure(fn: () => unknown): { code: string; params: Record<string, string | number>; location: Location } | null {
	try {
		fn();
		return null;
	} catch (e) {
		if (isAtelierError(e)) return { code: e.code, params: e.params, location: e.location };
		throw e;
	}
}

describe('where a word is (pure)', () => {
	it('finds the word around an offset, letters and digits of any script, and nothing between words', () => {
		// an elided article is part of its word: no sentence ends at either side of its apostrophe
		expect(wordAt(SENTENCE, SENTENCE.indexOf('TAN'))).toEqual({ word: 'L’OTAN', start: 0, end: 6 });
		expect(wordAt(SENTENCE, 1)).toEqual({ word: 'L’OTAN', start: 0, end: 6 });
		expect(wordAt(SENTENCE, 2)).toEqual({ word: 'L’OTAN', start: 0, end: 6 });
		// so is a hyphen between two words, and an apostrophe of either kind
		const compound = "Le porte-avions de l'OTAN-Russie";
		for (const t of ['porte|-avions', 'porte-|avions', "l|'OTAN", "l'|OTAN", 'OTAN|-Russie']) expect(wordAt(compound, compound.indexOf(t.replace('|', '')) + t.indexOf('|'))?.word).toBe(t.startsWith('porte') ? 'porte-avions' : "l'OTAN-Russie");
		expect(wordAt(SENTENCE, SENTENCE.indexOf('020'))?.word).toBe('2020');
		expect(wordAt(SENTENCE, SENTENCE.indexOf('écurité'))?.word).toBe('sécurité');
		// before a no-break space or a colon, inside « »: between words
		for (const at of [SENTENCE.indexOf('\u00a0:'), SENTENCE.indexOf(':'), SENTENCE.indexOf('la')]) expect(wordAt(SENTENCE, at)).toBeNull();
		// a letter outside the BMP (a surrogate pair) counts as a letter
		const math = 'Soit x\u{1D465}\u{1D466} donné.';
		expect(wordAt(math, math.indexOf('\u{1D466}'))?.word).toBe('x\u{1D465}\u{1D466}');
		// a combining accent belongs to its letter's word
		expect(wordAt('cafe\u0301 noir', 4)?.word).toBe('cafe\u0301');
	});

	it('names the nearest cuts on both sides, falling back to the word’s edge where cutPoints offers none', () => {
		// before compte, 2020, soldats, «, sécurité, prime (not after «, nor before :)
		expect(cutPoints(SENTENCE)).toEqual([7, 14, 19, 29, 34, 45]);
		expect(nearestCuts(SENTENCE, 22)).toEqual({ before: 19, after: 29 });
		// nothing before L’OTAN: it starts the text
		expect(nearestCuts(SENTENCE, 3)).toEqual({ before: null, after: 7 });
		// nothing after prime: the word's end
		expect(nearestCuts(SENTENCE, 47)).toEqual({ before: 45, after: 50 });
		// one word, nowhere to cut
		expect(nearestCuts('Anticonstitutionnellement', 5)).toEqual({ before: null, after: null });
	});
});

describe('splitting inside a word is refused (module)', () => {
	let dir: ReturnType<typeof tempDir>;
	let wb: Workbench;
	beforeAll(() => {
		dir = tempDir();
		wb = createWorkbench({ dbPath: join(dir.dir, 'split.sqlite') });
	});
	afterAll(() => {
		wb.close();
		dir.remove();
	});
	/** a fresh copy of the document, and the ord of the sentence */
	async function fresh() {
		const doc = (await wb.importDocument({ bytes: new TextEncoder().encode(TEXT), file: 'otan.txt', sourceLang: 'fr-FR', targetLang: 'en-GB' })).id;
		const ord = wb.editing.rows(doc).findIndex((r) => r.source === SENTENCE);
		expect(ord).toBeGreaterThan(0);
		return { doc, ord, split: (offset: number) => wb.editing.splitSegment(doc, ord, offset, { version: wb.editing.get(doc, ord).version }) };
	}

	it('refuses an offset inside a word with a located error naming the word and the nearest cuts, and writes nothing', async () => {
		const { doc, ord, split } = await fresh();
		const before = wb.editing.rows(doc).length;
		const at = SENTENCE.indexOf('soldats') + 3;
		expect(failure(() => split(at))).toEqual({
			code: 'segment_split_inside_word',
			params: { segment: ord + 1, offset: at, word: 'soldats', before: SENTENCE.indexOf('soldats'), after: cutPoints(SENTENCE).find((c) => c > at) },
			location: { document: doc, segment: ord + 1 }
		});
		for (const mid of [SENTENCE.indexOf('TAN'), SENTENCE.indexOf('020'), SENTENCE.indexOf('écurité'), SENTENCE.indexOf('rime')])
			expect(failure(() => split(mid))?.code).toBe('segment_split_inside_word');
		// inside the first word: no cut before it at all; at either side of the elision's apostrophe too
		for (const at of [1, 2, 3]) expect(failure(() => split(at))?.params).toMatchObject({ word: 'L’OTAN', before: '$t(reasons.segmentEdit.noCut)', after: 7 });
		const single = (await wb.importDocument({ bytes: new TextEncoder().encode('Anticonstitutionnellement\n'), file: 'mot.txt', sourceLang: 'fr-FR', targetLang: 'en-GB' })).id;
		expect(failure(() => wb.editing.splitSegment(single, 0, 5, {}))?.params).toMatchObject({ before: '$t(reasons.segmentEdit.noCut)', after: '$t(reasons.segmentEdit.noCut)' });
		expect(wb.editing.rows(doc).length).toBe(before);
		expect(wb.editing.get(doc, ord).source).toBe(SENTENCE);
	});

	it('still allows the places cutPoints avoids but a user may choose: before the colon, inside « »', async () => {
		for (const [at, left, right] of [
			[SENTENCE.indexOf('\u00a0:'), 'L’OTAN compte 2020 soldats', ': « la'],
			[SENTENCE.indexOf('la sécurité'), 'soldats\u00a0: «', 'la sécurité\u00a0» prime.']
		] as const) {
			const { doc, ord, split } = await fresh();
			expect(cutPoints(SENTENCE)).not.toContain(at);
			const r = split(at);
			expect(r.rows[0].source.endsWith(left)).toBe(true);
			expect(wb.editing.get(doc, ord + 1).source.startsWith(right)).toBe(true);
		}
	});
});

const bin = join(import.meta.dirname, '..', 'bin', 'atelier.js');

// each run of the CLI starts a process (a few seconds on a busy machine)
describe('atelier split --offset / --at inside a word', { timeout: 180_000 }, () => {
	let dir: ReturnType<typeof tempDir>;
	let doc: string;
	let seg: number;
	const atelier = (args: string[], lang = 'en') => {
		const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir.dir, encoding: 'utf8', env: { ...process.env, ATELIER_DB: join(dir.dir, 'cli.sqlite'), ATELIER_LANG: lang, ATELIER_PROGRESS: '0' } });
		return { code: r.status, out: r.stdout, err: r.stderr };
	};
	beforeAll(async () => {
		dir = tempDir();
		writeFileSync(join(dir.dir, 'otan.txt'), TEXT);
		const wb = createWorkbench({ dbPath: join(dir.dir, 'cli.sqlite') });
		const id = (await wb.importDocument({ bytes: new TextEncoder().encode(TEXT), file: 'otan.txt', sourceLang: 'fr-FR', targetLang: 'en-GB' })).id;
		seg = wb.editing.rows(id).findIndex((r) => r.source === SENTENCE) + 1;
		wb.close();
		doc = String(id);
	});
	afterAll(() => dir.remove());

	it('--offset inside a word: exit 1, the reason in the reader’s language, nothing split', () => {
		const at = SENTENCE.indexOf('soldats') + 3;
		const after = cutPoints(SENTENCE).find((c) => c > at);
		const en = atelier(['split', doc, String(seg), '--offset', String(at)]);
		expect(en.code).toBe(1);
		expect(en.err).toContain(`Segment ${seg} cannot be cut at position ${at}: that is inside the word “soldats”. Nearest positions between words: ${SENTENCE.indexOf('soldats')} before it, ${after} after it`);
		// the segment is named once; the location says the document instead
		expect(en.err).toContain(`after it. (document ${doc})`);
		expect(en.err).not.toContain('(segment');
		const fr = atelier(['split', doc, String(seg), '--offset', String(at)], 'fr');
		expect(fr.code).toBe(1);
		expect(fr.err).toContain(`Le segment ${seg} ne peut pas être coupé à la position ${at}\u00a0: elle tombe au milieu du mot «\u00a0soldats\u00a0».`);
		// inside the last word: no cut between words after it but its end, before the full stop
		const lastWord = atelier(['split', doc, String(seg), '--offset', String(SENTENCE.indexOf('rime'))], 'fr');
		expect(lastWord.err).toContain(`: 45 avant, 50 après.`);
	});

	it('--at "TAN" in "OTAN" is refused the same way; --at a whole word and --offset before the colon split', () => {
		const tan = atelier(['split', doc, String(seg), '--at', 'TAN']);
		expect(tan.code).toBe(1);
		expect(tan.err).toContain(`cannot be cut at position ${SENTENCE.indexOf('TAN')}: that is inside the word “L’OTAN”`);
		// nor after the elided article, nor before its apostrophe
		for (const at of ['OTAN', '’OTAN']) expect(atelier(['split', doc, String(seg), '--at', at]).err).toContain('inside the word “L’OTAN”');
		const rows = () => JSON.parse(atelier(['edit', 'show', doc, '--json']).out) as { source: string }[];
		expect(rows()[seg - 1].source).toBe(SENTENCE);
		const colon = atelier(['split', doc, String(seg), '--offset', String(SENTENCE.indexOf('\u00a0:'))]);
		expect(colon.code).toBe(0);
		expect(rows()[seg].source).toBe(': « la sécurité\u00a0» prime.');
		const word = atelier(['split', doc, String(seg + 1), '--at', 'prime']);
		expect(word.code).toBe(0);
		expect(rows()[seg + 1].source).toBe('prime.');
	});
});
