/**
 * Property-based fuzzing: every reader, and segmentation, alignment, term recognition and
 * TM lookup, fed arbitrary Unicode (lone surrogates, controls, RTL marks included) and
 * mutations of valid files. The only exception allowed out is our typed AtelierError.
 * 10⁴ runs per target in `npm test`; `npm run fuzz` sets FUZZ_RUNS=1000000.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { align } from '../src/core/align/index.js';
import { isAtelierError } from '../src/core/errors.js';
import { readGlossaryCsv } from '../src/core/formats/csv/glossary.js';
import { parseCsv } from '../src/core/formats/csv/parse.js';
import { checkDocxArchive } from '../src/core/formats/docx/archive-guard.js';
import { htmlToBlocks, readDocx } from '../src/core/formats/docx/read.js';
import { readTbx } from '../src/core/formats/tbx/read.js';
import { readTmx } from '../src/core/formats/tmx/read.js';
import { xmlDepthExceeds } from '../src/core/formats/xml-guard.js';
import type { Concept } from '../src/core/model.js';
import { defaultRulesPath } from '../src/core/paths.js';
import { compileSegmenter, loadSrxFile, parseSrx, segmentText } from '../src/core/segment/index.js';
import { createTermIndex, findTerms } from '../src/core/terms/recognize.js';
import { cleanup } from '../src/core/text/cleanup.js';
import { decodeText } from '../src/core/text/decode.js';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { tempDir } from './helpers/db.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const params = { numRuns: RUNS, ...(SEED != null ? { seed: SEED } : {}) };
// 10⁶ runs take long: no per-test limit then
const TIMEOUT = RUNS > 10_000 ? 0 : 120_000;

/** Runs `fn`; anything thrown must be an AtelierError with a code and a location object. */
function typedOnly(fn: () => unknown): void {
	try {
		fn();
	} catch (e) {
		if (!isAtelierError(e)) throw e;
		expect(typeof e.code).toBe('string');
		expect(e.location).toBeTypeOf('object');
	}
}
async function typedOnlyAsync(fn: () => Promise<unknown>): Promise<void> {
	try {
		await fn();
	} catch (e) {
		if (!isAtelierError(e)) throw e;
	}
}

// Arbitrary text: every code point (lone surrogates too), graphemes, and the characters that break things
const nasty = fc.constantFrom('\u202E', '\u200B', '\u200D', '\uFEFF', '\u0000', '\r', '\n', '\t', '\u00A0', '\u202F', '’', '«', '»', '…', '.', '!', '?', ' ', '<', '>', '&', '"', "'", ';', ',', '\uD800', '\uDFFF', 'é', 'ﬁ', '\u0301', '<script>', ']]>', '<!--', '&amp;', '&#0;', '&#x1F600;', '&lol;', 'M.', 'etc.', '1.', 'U.S.A.');
const text = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 200 }),
	fc.string({ unit: 'grapheme', maxLength: 200 }),
	fc.array(fc.oneof(nasty, fc.string({ unit: 'grapheme-ascii', maxLength: 8 })), { maxLength: 60 }).map((a) => a.join(''))
);
const bytes = fc.oneof(fc.uint8Array({ maxLength: 400 }), text.map((s) => new TextEncoder().encode(s)));

/** A valid file with random edits: text inserted, a slice deleted, or the file cut short. */
function mutated(valid: string) {
	return fc
		.array(fc.tuple(fc.nat(valid.length), fc.nat(40), fc.oneof(text, nasty)), { minLength: 1, maxLength: 4 })
		.map((edits) => {
			let s = valid;
			for (const [at, del, ins] of edits) {
				const p = at % (s.length + 1);
				s = s.slice(0, p) + ins + s.slice(p + (del % 3 === 0 ? del : 0));
			}
			return s;
		});
}

const TMX = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="fr-FR" datatype="plaintext"><prop type="x">y</prop></header><body>
<tu tuid="1" creationdate="20240101T000000Z"><note>n</note><tuv xml:lang="fr-FR"><seg>Le <bpt i="1">&lt;b&gt;</bpt>Conseil<ept i="1">&lt;/b&gt;</ept> se réunit.</seg></tuv><tuv xml:lang="en-GB"><seg>The Council <ph>x</ph>meets.</seg></tuv></tu>
<tu><tuv xml:lang="fr-FR"><seg>Bonjour<hi>!</hi></seg></tuv><tuv xml:lang="en-GB"><seg><![CDATA[Hello]]></seg></tuv></tu>
</body></tmx>`;
const TBX = `<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="fr" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="c1"><descrip type="definition">d</descrip><langSec xml:lang="fr"><termSec><term>Conseil</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote><note>FORBIDDEN: x — y</note></termSec></langSec><langSec xml:lang="en"><termSec><term>Council</term></termSec></langSec></conceptEntry>
</body></text></tbx>`;
const CSV = 'Forbidden,Domain,Subdomain,Definition,fr,Notes,Example of use,en,Notes,Example of use,Concept ID,Status fr,Type fr,Status en,Type en\nFALSE,pol,,"a ""b""",Conseil,,,Council,,,c1,preferred,,admitted,\nTRUE,,,,OTAN,,,NATO,,,c2,,,,\n';
const SRX = `<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header segmentsubflows="yes" cascade="yes"/><body><languagerules>
<languagerule languagerulename="Fr"><rule break="no"><beforebreak>\\bM\\.</beforebreak><afterbreak>\\s</afterbreak></rule><rule break="yes"><beforebreak>[.?!]+</beforebreak><afterbreak>\\s+\\p{Lu}</afterbreak></rule></languagerule>
</languagerules><maprules><languagemap languagepattern="fr.*" languagerulename="Fr"/></maprules></body></srx>`;

async function drainTmx(input: Uint8Array | string) {
	const b = typeof input === 'string' ? new TextEncoder().encode(input) : input;
	let n = 0;
	for await (const batch of readTmx(b, { file: 'f.tmx', batchSize: 7 })) n += batch.length;
	return n;
}

const rules = [loadSrxFile(defaultRulesPath())];
const segFr = compileSegmenter(rules, 'fr-FR');
const segEn = compileSegmenter(rules, 'en-GB');

describe(`fuzzing (${RUNS} runs per target)`, () => {
	it('decodeText: any bytes → text or a typed error', () => {
		fc.assert(fc.property(bytes, (b) => typedOnly(() => decodeText(b, { file: 'f.txt' }))), params);
	}, TIMEOUT);

	it('TXT cleanup + segmentation: any text → segments whose offsets lie inside their paragraph', () => {
		fc.assert(
			fc.property(text, (s) => {
				const { blocks } = cleanup(s, {});
				for (const b of blocks) {
					let last = 0;
					for (const sp of segmentText(segFr, b.text)) {
						expect(sp.start).toBeGreaterThanOrEqual(last);
						expect(sp.end).toBeLessThanOrEqual(b.text.length);
						expect(b.text.slice(sp.start, sp.end)).toContain(sp.text.trim().slice(0, 1));
						last = sp.end;
					}
				}
			}),
			params
		);
	}, TIMEOUT);

	it('segmentation of raw text (no cleanup), French and English rules', () => {
		fc.assert(
			fc.property(text, (s) => {
				for (const seg of [segFr, segEn]) {
					const spans = segmentText(seg, s);
					for (const sp of spans) expect(sp.end).toBeLessThanOrEqual(s.length);
				}
			}),
			params
		);
	}, TIMEOUT);

	it('TMX reader: arbitrary bytes and mutated TMX', async () => {
		await fc.assert(fc.asyncProperty(fc.oneof(bytes, mutated(TMX)), (x) => typedOnlyAsync(() => drainTmx(x))), params);
	}, TIMEOUT);

	it('TBX reader: arbitrary text and mutated TBX', () => {
		fc.assert(fc.property(fc.oneof(text, mutated(TBX)), (x) => typedOnly(() => readTbx(x, 'f.tbx'))), params);
	}, TIMEOUT);

	it('CSV/TSV glossary reader: arbitrary text and mutated CSV', () => {
		fc.assert(
			fc.property(fc.oneof(text, mutated(CSV), mutated(CSV.replace(/,/g, '\t'))), (x) =>
				typedOnly(() => {
					parseCsv(x, 'f.csv');
					readGlossaryCsv(x, 'f.csv');
				})
			),
			params
		);
	}, TIMEOUT);

	it('SRX reader and compiler: arbitrary text and mutated SRX', () => {
		fc.assert(
			fc.property(fc.oneof(text, mutated(SRX)), (x) =>
				typedOnly(() => {
					const doc = parseSrx(x, 'f.srx');
					segmentText(compileSegmenter([doc], 'fr-FR'), 'M. Dupont arrive. Il part.');
				})
			),
			params
		);
	}, TIMEOUT);

	it('DOCX: archive guard, reader and HTML tokenizer on arbitrary bytes', async () => {
		await fc.assert(
			fc.asyncProperty(fc.oneof(bytes, bytes.map((b) => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...b]))), text, async (b, html) => {
				typedOnly(() => checkDocxArchive(b, 'f.docx'));
				typedOnly(() => htmlToBlocks(html));
				typedOnly(() => xmlDepthExceeds(html, 5));
				await typedOnlyAsync(() => readDocx(b, 'f.docx'));
			}),
			{ ...params, numRuns: Math.min(RUNS, Number(process.env.FUZZ_DOCX_RUNS ?? RUNS)) }
		);
	}, TIMEOUT);

	it('alignment: arbitrary sentences on both sides → beads covering every sentence once', () => {
		const short = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.array(fc.oneof(nasty, fc.string({ unit: 'grapheme-ascii', maxLength: 8 })), { maxLength: 10 }).map((x) => x.join('')));
		const side = fc.array(fc.record({ text: short, paragraph: fc.nat(3) }), { maxLength: 5 }).map((a) => a.sort((x, y) => x.paragraph - y.paragraph));
		fc.assert(
			fc.property(side, side, fc.boolean(), (src, tgt, learnLexicon) =>
				typedOnly(() => {
					const r = align(src, tgt, { srcLang: 'fr', tgtLang: 'en', learnLexicon });
					const s = r.beads.flatMap((b) => b.src);
					const t = r.beads.flatMap((b) => b.tgt);
					expect(s).toEqual(src.map((_, i) => i));
					expect(t).toEqual(tgt.map((_, i) => i));
				})
			),
			params
		);
	}, TIMEOUT);

	it('term recognition: arbitrary glossary terms and texts', () => {
		const concepts = fc.array(
			fc.tuple(text, text, fc.nat()).map(([fr, en, i]): Concept => ({
				key: `c${i}`,
				terms: [
					{ lang: 'fr', text: fr, status: 'preferred' },
					{ lang: 'en', text: en, status: 'admitted' }
				]
			} as Concept)),
			{ maxLength: 5 }
		);
		fc.assert(
			fc.property(concepts, text, (cs, s) =>
				typedOnly(() => {
					const hits = findTerms(createTermIndex(cs, 'fr'), s);
					for (const h of hits) expect(h.end).toBeLessThanOrEqual(s.length);
				})
			),
			params
		);
	}, TIMEOUT);

	describe('TM lookup (a real database)', () => {
		let wb: Workbench;
		const dir = tempDir('atelier-fuzz-');
		beforeAll(() => {
			wb = createWorkbench({ dbPath: `${dir.dir}/fuzz.sqlite` });
			wb.tm.add(
				['Le Conseil se réunit.', 'L’Alliance décide à l’unanimité.', 'M. Dupont arrive à Bruxelles.', '« Oui »\u00A0!'].map((s, i) => ({
					sourceLang: 'fr-FR',
					targetLang: 'en-GB',
					source: s,
					target: `t${i}`,
					origin: 'import' as const
				}))
			);
		});
		afterAll(() => {
			wb.close();
			dir.remove();
		});
		it('lookup and concordance: arbitrary queries', () => {
			fc.assert(
				fc.property(text, (q) =>
					typedOnly(() => {
						for (const m of wb.tm.lookup(q, { sourceLang: 'fr-FR', targetLang: 'en-GB', threshold: 30 })) {
							expect(m.score).toBeGreaterThanOrEqual(30);
							expect(m.score).toBeLessThanOrEqual(101);
						}
						wb.tm.concordance(q);
					})
				),
				params
			);
		}, TIMEOUT);
	});
});
