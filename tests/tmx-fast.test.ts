import { closeSync, createReadStream, existsSync, openSync, readdirSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { AtelierError } from '../src/core/errors.js';
import { readTmx, type TmxHeader, type TmxWarning } from '../src/core/formats/tmx/read.js';
import { fastTmx, readTmxFast, type TmxSource } from '../src/core/formats/tmx/fast-read.js';
import { isoDate, nfc } from '../src/core/formats/tmx/units.js';
import { tmxDateToIso } from '../src/core/formats/tmx/units.js';
import type { TmUnit } from '../src/core/model.js';
import { tempDir } from './helpers/db.js';

const tmp = tempDir('atelier-tmx-fast-');
afterAll(() => tmp.remove());

const FIXTURES = [join(import.meta.dirname, 'fixtures', 'tmx'), join(import.meta.dirname, 'robustness', 'files', 'tmx')].flatMap((d) =>
	readdirSync(d)
		.filter((f) => f.endsWith('.tmx'))
		.map((f) => join(d, f))
);
const BENCH_FILE = '/tmp/atelier-tm-dev-100000.tmx';

interface Outcome {
	batches: TmUnit[][];
	warnings: TmxWarning[];
	header: TmxHeader | undefined;
	headers: number;
	summary: unknown;
	error: unknown;
	progress: number[];
}

/** Everything a caller can observe of one read, the error included (code, params, location). */
async function observe(gen: (o: Parameters<typeof readTmx>[1]) => AsyncGenerator<TmUnit[], unknown>, batchSize = 50): Promise<Outcome & { fellBack: string | null; handedOut: number }> {
	const out = { batches: [] as TmUnit[][], warnings: [] as TmxWarning[], header: undefined as TmxHeader | undefined, headers: 0, summary: undefined as unknown, error: null as unknown, progress: [] as number[], fellBack: null as string | null, handedOut: 0 };
	const g = gen({
		file: 'in.tmx',
		batchSize,
		onHeader: (h) => {
			out.header = h;
			out.headers++;
		},
		onWarning: (w) => out.warnings.push(w),
		onProgress: (b) => out.progress.push(b),
		// only readTmxFast knows this one
		...({
			onFallback: (why: string, n: number) => {
				out.fellBack = why;
				out.handedOut = n;
			}
		} as object)
	});
	try {
		for (let r = await g.next(); ; r = await g.next()) {
			if (r.done) {
				out.summary = r.value;
				break;
			}
			out.batches.push(r.value);
		}
	} catch (e) {
		out.error = e instanceof AtelierError ? { code: e.code, params: e.params, location: e.location } : { message: (e as Error).message };
	}
	return out;
}

const observable = (o: Outcome) => ({ batches: o.batches, warnings: o.warnings, header: o.header, headers: o.headers, summary: o.summary, error: o.error });

async function bothOnFile(path: string, batchSize = 50) {
	const slow = await observe((o) => readTmx(createReadStream(path), o), batchSize);
	const fast = await observe((o) => readTmxFast({ open: () => createReadStream(path) }, o), batchSize);
	return { slow, fast };
}

async function bothOnBytes(bytes: Uint8Array, batchSize = 3) {
	const slow = await observe((o) => readTmx(bytes, o), batchSize);
	const fast = await observe((o) => readTmxFast(bytes, o), batchSize);
	return { slow, fast };
}

function nonDecreasing(xs: number[]): boolean {
	return xs.every((x, i) => i === 0 || x >= xs[i - 1]);
}

// ------------------------------------------------------------------ a large file with everything the fast path must get right

/** A TMX of `n` tus with inline tags, props, notes, bad dates, tus without a language, entities, astral characters, tabs. */
function bigTmx(n: number, eol: string, extra: (i: number) => string = () => ''): string {
	const lines = [`<?xml version="1.0" encoding="UTF-8"?>`, `<!DOCTYPE tmx SYSTEM "tmx14.dtd">`, `<tmx version="1.4">`];
	lines.push(`  <header creationtool="Gen" creationtoolversion="1" segtype="sentence" o-tmf="gen" adminlang="en" srclang="fr-FR" datatype="plaintext">`);
	lines.push(`    <prop type="x-project">Traités &amp; accords</prop>`, `    <note>Généré «\u00A0test\u00A0»</note>`, `  </header>`, `  <body>`);
	for (let i = 0; i < n; i++) {
		const date = i % 13 === 5 ? '20240231T000000Z' : i % 11 === 3 ? 'n/a' : `2024${String((i % 12) + 1).padStart(2, '0')}${String((i % 31) + 1).padStart(2, '0')}T101112Z`;
		// astral characters and a tab before the tu on its line: saxes counts one column each
		const lead = i % 7 === 0 ? '\t😀 ' : i % 5 === 0 ? '\t' : '    ';
		lines.push(`${lead}<tu tuid="t${i}" creationdate="${date}" creationid="user&#x2F;${i % 3}"\tchangeid='p "q"'>`);
		if (i % 4 === 0) lines.push(`      <prop type="x-domain" xml:lang="en">law &lt;${i}&gt;</prop>`, `      <note>Note ${i}: «\u00A0a\u202Fb\u00A0» e\u0301</note>`);
		lines.push(`      <tuv xml:lang="${i % 9 === 0 ? 'fr' : 'fr-FR'}"${i % 6 === 0 ? ' changedate="20230101T000000Z"' : ''}>`);
		if (i % 8 === 1) lines.push(`        <prop type="x-origin">JO</prop>`);
		const tags = i % 3 === 0 ? ` <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>gras<ept i="1">&lt;/b&gt;</ept> <ph x="2"/> <hi type="term">terme <hi x="3">imbriqué</hi></hi>` : '';
		lines.push(`        <seg>L’article ${i} «\u00A0OTAN\u00A0» 𝄞 &#x1F600; &amp; &#233;t&#xE9;${tags} e\u0301${i % 10 === 0 ? `${eol}suite` : ''}</seg>`);
		lines.push(`      </tuv>`);
		// every 17th tu has no English: skipped with a warning
		// every 17th tu has no English: skipped with a warning; every 23rd (from 11) an English of tags only: the same
		if (i % 17 !== 0) {
			const en = i % 23 === 11 ? ` <ph>&lt;br/&gt;</ph> ` : `Article ${i} <ph>&lt;br/&gt;</ph> 😀 tab\there`;
			lines.push(`      <tuv xml:lang="en-GB">`, `        <seg>${en}</seg>`, `      </tuv>`);
		}
		lines.push(`    </tu>${extra(i)}`);
	}
	lines.push(`  </body>`, `</tmx>`, ``);
	return lines.join(eol);
}

describe('readTmxFast gives what readTmx gives', () => {
	it.each(FIXTURES.map((f) => [f.split('/').slice(-2).join('/'), f]))('%s', async (_name, path) => {
		const { slow, fast } = await bothOnFile(path as string, 1);
		expect(observable(fast)).toStrictEqual(observable(slow));
		expect(nonDecreasing(fast.progress)).toBe(true);
		expect(fast.progress.at(-1)).toBe(slow.progress.at(-1));
	});

	it('uses the fast path on the plain fixtures (DOCTYPE of the TMX DTD included) and falls back on the OmegaT one, which has comments', async () => {
		const fellBack: Record<string, string | null> = {};
		for (const f of ['level2.tmx', 'srclang-all.tmx', 'utf16le-bom.tmx', 'omegat-1.1.tmx']) {
			const { slow, fast } = await bothOnFile(join(import.meta.dirname, 'fixtures', 'tmx', f));
			expect(slow.error).toBeNull();
			expect(observable(fast)).toStrictEqual(observable(slow));
			fellBack[f] = fast.fellBack;
		}
		expect(fellBack).toEqual({ 'level2.tmx': null, 'srclang-all.tmx': null, 'utf16le-bom.tmx': null, 'omegat-1.1.tmx': 'a comment, CDATA section or DOCTYPE' });
	});

	it.each([
		['LF', '\n'],
		['CRLF', '\r\n'],
		['CR', '\r']
	])('a generated 3000-tu file with %s line ends, without giving up', async (_name, eol) => {
		const path = join(tmp.dir, `big-${_name}.tmx`);
		writeFileSync(path, bigTmx(3000, eol));
		const { slow, fast } = await bothOnFile(path, 64);
		expect(slow.error).toBeNull();
		expect(fast.fellBack).toBeNull();
		expect(observable(fast)).toStrictEqual(observable(slow));
		// the file exercises what it claims to
		const units = slow.batches.flat();
		expect(units.length).toBeGreaterThan(2700);
		expect(slow.warnings.filter((w) => w.kind === 'tu_missing_lang').length).toBe(Math.ceil(3000 / 17));
		const tagsOnly = Array.from({ length: 3000 }, (_, i) => i).filter((i) => i % 23 === 11 && i % 17 !== 0);
		expect(slow.warnings.filter((w) => w.kind === 'tu_empty').map((w) => [w.tuid, w.detail])).toEqual(tagsOnly.map((i) => [`t${i}`, 'en-GB']));
		expect(units.some((u) => tagsOnly.includes(Number(u.tuid?.slice(1))))).toBe(false);
		expect(slow.warnings.some((w) => w.kind === 'bad_date' && w.column === 4)).toBe(true); // after a tab, 😀 and a space
		expect(units.some((u) => u.sourceTags?.some((t) => t.kind === 'hi'))).toBe(true);
		expect(units[0].source).toContain('é'); // e + U+0301 composed
		expect(units.find((u) => u.tuid === 't10')!.source).toContain('\nsuite');
		expect(slow.batches.slice(0, -1).every((b) => b.length === 64)).toBe(true);
	});

	it('hands over to readTmx in the middle of a file: same units, warnings and batches, none twice', async () => {
		const path = join(tmp.dir, 'comment-late.tmx');
		writeFileSync(path, bigTmx(2000, '\n', (i) => (i === 1500 ? '<!-- a comment -->' : '')));
		const { slow, fast } = await bothOnFile(path, 100);
		expect(slow.error).toBeNull();
		expect(fast.fellBack).toBe('a comment, CDATA section or DOCTYPE');
		expect(fast.handedOut).toBeGreaterThan(1000);
		expect(observable(fast)).toStrictEqual(observable(slow));
		expect(nonDecreasing(fast.progress)).toBe(true);
	});

	it('a fault late in the file is readTmx’s error, after the same batches', async () => {
		const path = join(tmp.dir, 'fault-late.tmx');
		writeFileSync(path, bigTmx(2000, '\r\n', (i) => (i === 1700 ? '<tuv xml:lang="fr"><seg>misplaced</seg></tuv>' : '')));
		const { slow, fast } = await bothOnFile(path, 100);
		expect(slow.error).toMatchObject({ code: 'tmx_invalid' });
		expect(fast.handedOut).toBeGreaterThan(1000);
		expect(observable(fast)).toStrictEqual(observable(slow));
	});

	it('a source that cannot be re-read goes to readTmx directly', async () => {
		const path = FIXTURES.find((f) => f.endsWith('level2.tmx'))!;
		const slow = await observe((o) => readTmx(createReadStream(path), o));
		const fast = await observe((o) => readTmxFast(createReadStream(path) as unknown as TmxSource, o));
		expect(fast.fellBack).toBe('not re-readable');
		expect(observable(fast)).toStrictEqual(observable(slow));
	});

	it.each([
		['an attribute left open to the end', '<tmx version="1.4"> <header srclang="de" creationtool="a b/> <body>\r\n</body></tmx> '],
		['a tag cut by the end', '<tmx version="1.4"><header/><body></body></tmx'],
		['text after the root', '<tmx version="1.4"><header/><body></body></tmx> x'],
		['a second root', '<tmx version="1.4"><header/><body></body></tmx><tmx/>']
	])('found by the property test: %s', async (_name, s) => {
		const { slow, fast } = await bothOnBytes(new TextEncoder().encode(s as string), 1);
		expect(slow.error).not.toBeNull();
		expect(fast.fellBack).not.toBeNull();
		expect(observable(fast)).toStrictEqual(observable(slow));
	});

	it('the fast path alone, without callbacks, returns readTmx’s summary', async () => {
		const bytes = new TextEncoder().encode(bigTmx(300, '\n'));
		const g = fastTmx(bytes, { file: 'in.tmx', batchSize: 7 });
		let units = 0;
		let r = await g.next();
		for (; !r.done; r = await g.next()) units += r.value.length;
		const slow = await observe((o) => readTmx(bytes, o));
		expect(r.value).toStrictEqual(slow.summary);
		expect(units).toBe(slow.batches.flat().length);
	});

	it.skipIf(!existsSync(BENCH_FILE))('the bench file’s first units go through the fast path', async () => {
		// its first 4 MB, cut after a tu and closed
		const buf = Buffer.alloc(4 << 20);
		const fd = openSync(BENCH_FILE, 'r');
		const n = readSync(fd, buf, 0, buf.length, 0);
		closeSync(fd);
		const head = buf.subarray(0, n).toString('utf8');
		const path = join(tmp.dir, 'bench-head.tmx');
		writeFileSync(path, head.slice(0, head.lastIndexOf('</tu>') + 5) + '\n  </body>\n</tmx>\n');
		const { slow, fast } = await bothOnFile(path, 1000);
		expect(slow.error).toBeNull();
		expect(fast.fellBack).toBeNull();
		expect(slow.batches.flat().length).toBeGreaterThan(4000);
		expect(observable(fast)).toStrictEqual(observable(slow));
	});
});

describe('the shortcuts equal what they replace', () => {
	it('isoDate = tmxDateToIso on every day of four years, and odd forms', () => {
		const forms: string[] = ['20240231T000000Z', '20230229T000000Z', '19000229T000000Z', '20000229T120000Z', '00000101T000000Z', '20241301T000000Z', '20240100T000000Z', '20240101T240000Z', '20240101T236000Z', '20240101T235960Z', '2024-01-31T09:45:00Z', ' 20240101T000000Z', '2024010１T000000Z', 'x'];
		for (const y of ['1999', '2000', '2023', '2024', '2100']) for (let m = 1; m <= 12; m++) for (let d = 1; d <= 32; d++) forms.push(`${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}T235959Z`);
		for (const v of forms) expect([v, isoDate(v)]).toEqual([v, tmxDateToIso(v)]);
	});

	it('nfc = normalize("NFC") on every code point of the BMP it skips, alone and before a combining mark', () => {
		for (let c = 0; c < 0x10000; c++) {
			if (c >= 0xd800 && c <= 0xdfff) continue;
			const s = String.fromCharCode(c);
			for (const t of [s, `${s}\u0301`, `a${s}`, `${s}\u0308a`]) if (nfc(t) !== t.normalize('NFC')) throw new Error(`U+${c.toString(16)}: ${JSON.stringify(t)}`);
		}
	});
});

// ------------------------------------------------------------------ property: random documents and random damage

const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);
const textPiece = pick('a', 'Él', 'é', 'e\u0301', '’', ' ', '\t', '\n', '\r\n', '\r', '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#233;', '&#x1F600;', '&#13;', '&#9;', '😀', '>', ']]', '«\u00A0', '\u202F', '\u2000', 'Å');
const text = fc.array(textPiece, { maxLength: 6 }).map((a) => a.join(''));
const inline = pick('<bpt i="1">&lt;b&gt;</bpt>', '<ept i="1">&lt;/b&gt;</ept>', '<ph x="2"/>', '<ph>&lt;br/&gt;</ph>', '<hi type="term">mot</hi>', '<hi>a<hi x="1">b</hi></hi>', '<it pos="begin">&lt;i&gt;</it>', '<bpt i="2">&lt;a href="<sub>x</sub>"&gt;</bpt>', '<x-foo a="1">b</x-foo>');
const seg = fc.array(fc.oneof(text, inline), { maxLength: 4 }).map((p) => `<seg>${p.join('')}</seg>`);
const lang = pick('fr-FR', 'en-GB', 'fr', 'en', 'EN-us', 'fr_CA', 'de', 'fr-FR');
const attrValue = pick('x', 'a b', 'a\tb', 'a\r\nb', 'a\nb', 'a\rb', '&amp;', '&#10;', '&#13;', 'é', '😀', '>', '&lt;&#x1F600;');
const date = pick('20240131T094500Z', '20240230T000000Z', '20240229T120000Z', '2024-01-31T09:45:00Z', 'garbage', '20231231T235959Z', '00010101T000000Z');
const inWs = pick('', ' ', '\n', '\r\n', '\n\t', ' 😀 ', '\r', '\t');
const outWs = pick('', ' ', '\n', '\r\n', '\r');
const opt = (arb: fc.Arbitrary<string>) => fc.option(arb, { nil: '' });
const attr = (name: string, v: fc.Arbitrary<string>) => opt(fc.tuple(pick(' ', '\n', '\t', ' \r\n '), v, pick('"', "'")).map(([s, x, q]) => `${s}${name}=${q}${x.replaceAll(q, q === '"' ? '&quot;' : '&apos;')}${q}`));
const propOrNote = fc.oneof(
	fc.tuple(pick('x-a', 'x-b'), opt(lang), text).map(([t, l, x]) => `<prop type="${t}"${l ? ` xml:lang="${l}"` : ''}>${x}</prop>`),
	text.map((x) => `<note>${x}</note>`)
);
const extras = fc.array(fc.tuple(inWs, propOrNote), { maxLength: 2 }).map((a) => a.map(([w, x]) => w + x).join(''));
const tuv = fc.tuple(lang, attr('creationdate', date), inWs, extras, seg, inWs).map(([l, d, w1, x, s, w2]) => `<tuv xml:lang="${l}"${d}>${w1}${x}${s}${w2}</tuv>`);
const tu = fc
	.tuple(pick('<tu ', '<tu ', '<tu ', '<tu ', '<tu ', '<tu', '<tu\n'), attr('tuid', pick('1', 'a b', '&amp;')), attr('creationdate', date), attr('changedate', date), attr('srclang', lang), attr('changeid', attrValue), extras, fc.array(fc.tuple(inWs, tuv), { maxLength: 3 }), inWs)
	.map(([open, id, cd, chd, sl, cid, x, tuvs, w]) => `${open}${id}${cd}${chd}${sl}${cid}>${x}${tuvs.map(([a, b]) => a + b).join('')}${w}</tu>`);
const header = fc.oneof(
	fc.tuple(attr('srclang', fc.oneof(lang, pick('*all*'))), attr('creationtool', attrValue)).map(([a, b]) => `<header${a}${b}/>`),
	fc.tuple(attr('srclang', lang), extras).map(([a, x]) => `<header${a}>${x}</header>`)
);
const decl = pick('', '', '', '<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-8"?>\n', "<?xml version='1.0'?>", '<?xml version="1.1"?>\n', '<?xml version="1.0" standalone="yes"?>\r\n', '<?xml  version = "1.0"  encoding="utf-8" ?>');
const doctype = pick('', '', '', '', '', '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n', "<!DOCTYPE tmx SYSTEM 'tmx11.dtd'>", '<!-- c -->\n', '<?pi x?>');
const doc = fc
	.tuple(decl, doctype, outWs, inWs, header, inWs, fc.array(fc.tuple(inWs, tu), { maxLength: 5 }), inWs, outWs)
	.map(([d, dt, w0, w1, h, w2, tus, w3, w4]) => `${d}${dt}${w0}<tmx version="1.4">${w1}${h}${w2}<body>${tus.map(([a, b]) => a + b).join('')}${w3}</body></tmx>${w4}`);
const damage = pick('<', '>', '&', '"', "'", ']]>', '\r', '\n', '\t', '\u0001', '\u000B', '\uFFFE', '\uFFFF', '\uD800', '\uDC00', '&#xD800;', '&#0;', '&foo;', '&#x110000;', '&#X41;', '<!-- x -->', '<![CDATA[x]]>', '</tu>', '<tu>', '</seg>', ' ', '=', '/', 'é', '😀', '<?x?>', '<tuv>', 'xml:lang="fr" ', '\uFEFF', '&#65;');
const edits = fc.array(fc.record({ at: fc.nat(), del: fc.nat({ max: 3 }), ins: fc.oneof(damage, pick('')) }), { minLength: 1, maxLength: 3 });
const applyEdits = (s: string, es: { at: number; del: number; ins: string }[]) => es.reduce((acc, e) => ((p) => acc.slice(0, p) + e.ins + acc.slice(p + e.del))(e.at % (acc.length + 1)), s);

/** UTF-8, or UTF-16 LE with a BOM (which lets lone surrogates reach the decoder) */
function encode(s: string, utf16: boolean): Uint8Array {
	if (!utf16) return new TextEncoder().encode(s);
	const b = new Uint8Array(2 + 2 * s.length);
	b[0] = 0xff;
	b[1] = 0xfe;
	for (let i = 0; i < s.length; i++) {
		b[2 + 2 * i] = s.charCodeAt(i) & 0xff;
		b[3 + 2 * i] = s.charCodeAt(i) >> 8;
	}
	return b;
}

describe('property: readTmxFast = readTmx', () => {
	let fastPathUsed = 0;
	let fellBack = 0;
	afterAll(() => {
		// the generated documents are mostly in the fast path's subset: the property is not only about the fallback
		expect(fastPathUsed).toBeGreaterThan(500);
		expect(fellBack).toBeGreaterThan(100);
	});

	it('random TMX documents', async () => {
		await fc.assert(
			fc.asyncProperty(doc, fc.boolean(), fc.integer({ min: 1, max: 4 }), async (s, utf16, batch) => {
				const { slow, fast } = await bothOnBytes(encode(s, utf16), batch);
				expect(observable(fast)).toStrictEqual(observable(slow));
				if (fast.fellBack) fellBack++;
				else fastPathUsed++;
			}),
			{ numRuns: 1500 }
		);
	}, 300_000);

	it('random damage to valid documents', async () => {
		await fc.assert(
			fc.asyncProperty(doc, edits, fc.boolean(), fc.integer({ min: 1, max: 4 }), async (s, es, utf16, batch) => {
				const { slow, fast } = await bothOnBytes(encode(applyEdits(s, es), utf16), batch);
				expect(observable(fast)).toStrictEqual(observable(slow));
				if (fast.fellBack) fellBack++;
				else fastPathUsed++;
			}),
			{ numRuns: 2500 }
		);
	}, 300_000);

	it('the documents of the big generator, damaged', async () => {
		const base = bigTmx(12, '\r\n');
		await fc.assert(
			fc.asyncProperty(edits, fc.integer({ min: 1, max: 5 }), async (es, batch) => {
				const { slow, fast } = await bothOnBytes(encode(applyEdits(base, es), false), batch);
				expect(observable(fast)).toStrictEqual(observable(slow));
			}),
			{ numRuns: 1000 }
		);
	}, 300_000);
});
