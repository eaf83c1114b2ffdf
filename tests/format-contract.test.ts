import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BilingualDocument, BilingualRow } from '../src/core/export/bilingual.js';
import { confirmedUnits } from '../src/core/export/tmx.js';
import { readBilingualDocx } from '../src/core/formats/docx/bilingual-read.js';
import { writeBilingualDocx } from '../src/core/formats/docx/bilingual-write.js';
import { readTmx } from '../src/core/formats/tmx/read.js';
import { writeTmx } from '../src/core/formats/tmx/write.js';
import { readXliff } from '../src/core/formats/xliff/read.js';
import { writeXliff12, writeXliff20 } from '../src/core/formats/xliff/write.js';
import { TAG_BASE, type InlineTag, type SegmentStatus } from '../src/core/model.js';
import { tEn } from './helpers/export-workbench.js';

/**
 * The contract every writer/reader pair keeps: what goes out comes back — accents, ’ « »,
 * U+00A0 and U+202F, inline tags (where the format has them) and notes/comments.
 */
interface Back {
	source: string | null;
	target: string | null;
	comment: string | null;
	targetTags?: InlineTag[];
}

interface Pair {
	name: string;
	tags: boolean;
	roundTrip(doc: BilingualDocument): Promise<Back[]>;
}

const enc = (s: string) => new TextEncoder().encode(s);

const PAIRS: Pair[] = [
	{
		name: 'TMX 1.4b',
		tags: true,
		async roundTrip(doc) {
			const xml = [...writeTmx(confirmedUnits(doc), { srcLang: doc.sourceLang })].join('');
			const out: Back[] = [];
			for await (const batch of readTmx(enc(xml), { file: 'c.tmx', targetLang: doc.targetLang }))
				for (const u of batch) out.push({ source: u.source, target: u.target, comment: u.notes?.join('\n') || null, targetTags: u.targetTags?.length ? u.targetTags : undefined });
			return out;
		}
	},
	{
		name: 'XLIFF 2.0',
		tags: true,
		roundTrip: async (doc) => (await readXliff(enc(writeXliff20(doc)), { file: 'c.xlf' })).rows
	},
	{
		name: 'XLIFF 1.2',
		tags: true,
		roundTrip: async (doc) => (await readXliff(enc(writeXliff12(doc)), { file: 'c.xlf' })).rows
	},
	{
		name: 'bilingual DOCX',
		tags: false,
		roundTrip: async (doc) => (await readBilingualDocx(await writeBilingualDocx(doc, { t: tEn, uiLang: 'en' }), { file: 'c.docx' })).rows
	}
];

const P = (i: number) => String.fromCharCode(TAG_BASE + i);
const TAGS: InlineTag[] = [
	{ kind: 'bpt', attrs: { i: '1', type: 'italic' }, content: '&lt;i&gt;' },
	{ kind: 'ept', attrs: { i: '1' }, content: '&lt;/i&gt;' },
	{ kind: 'ph', attrs: { x: '2' }, content: '&lt;br/&gt;' }
];

function doc(rows: { source: string; target: string; comment?: string | null; tags?: boolean }[]): BilingualDocument {
	return {
		documentId: 5,
		title: 'Contrat « format »',
		sourceLang: 'fr-FR',
		targetLang: 'en-GB',
		originFile: null,
		origin: 'document',
		exportedAt: '2026-11-23T03:00:00.000Z',
		paragraphs: [
			{
				ord: 0,
				kind: 'body',
				level: null,
				marker: null,
				rows: rows.map(
					(r, i): BilingualRow => ({
						number: i + 1,
						id: String(i),
						sourceOrds: [i],
						kind: 'body',
						source: r.source,
						target: r.target,
						status: (i % 2 ? 'translated' : 'reviewed') as SegmentStatus,
						version: 1,
						comment: r.comment ?? null,
						...(r.tags ? { sourceTags: TAGS, targetTags: TAGS } : {})
					})
				)
			}
		]
	};
}

const FIXED = [
	{ source: 'Élève à l’école\u00a0: « déjà » vu\u202f!', target: 'Pupil at school: “already” seen!', comment: 'Relu — l’accord « OK »\u00a0; à revoir\u202f?' },
	{ source: 'Œuvre, cœur, naïf, Noël, ÇA, 12\u202f500\u00a0€.', target: 'Work, heart, naive, Christmas, THAT, €12,500.', comment: null },
	{ source: 'Chevrons <b> & esperluette & "guillemets" \'droits\'', target: '<b> & "quotes" \'straight\'', comment: 'a < b & c > d' }
];

describe.each(PAIRS)('$name keeps the contract', (pair) => {
	it('typography, accents, special XML characters and notes', async () => {
		const back = await pair.roundTrip(doc(FIXED));
		expect(back.map((r) => [r.source, r.target, r.comment])).toEqual(FIXED.map((r) => [r.source, r.target, r.comment]));
	});

	it.runIf(pair.tags)('inline tags come back where they were, with their kind, attributes and native code', async () => {
		const rows = [{ source: `Texte ${P(0)}en italique${P(1)}${P(2)}suite.`, target: `Text ${P(0)}in italics${P(1)}${P(2)}next.`, tags: true }];
		const back = await pair.roundTrip(doc(rows));
		expect(back[0].source).toBe(rows[0].source);
		expect(back[0].target).toBe(rows[0].target);
		expect(back[0].targetTags).toEqual(TAGS);
	});

	it('any text from a tricky alphabet round-trips (property)', async () => {
		const alphabet = [...'aéèàçÉÀœŒ’‘«»“”—–…\u00a0\u202f&<>"\'; :!?.,0123456789 ', 'ꝏ', '😀'];
		const word = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 30 }).map((a) => a.join(''));
		// word processors and our normalisation trim the ends of a cell; the middle must survive exactly
		const text = word.map((s) => `x${s}y`);
		await fc.assert(
			fc.asyncProperty(fc.array(fc.tuple(text, text, fc.option(text, { nil: null })), { minLength: 1, maxLength: 4 }), async (rows) => {
				const d = doc(rows.map(([source, target, comment]) => ({ source, target, comment })));
				const back = await pair.roundTrip(d);
				expect(back.map((r) => [r.source, r.target, r.comment])).toEqual(rows.map(([s, t, c]) => [s.normalize('NFC'), t.normalize('NFC'), c?.normalize('NFC') ?? null]));
			}),
			{ numRuns: pair.name === 'bilingual DOCX' ? 15 : 60 }
		);
	}, 60_000);
});
