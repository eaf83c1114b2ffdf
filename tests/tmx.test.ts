import { execFileSync } from 'node:child_process';
import { closeSync, createReadStream, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { AtelierError } from '../src/core/errors.js';
import { readTmx, readTmxHeader, type TmxHeader, type TmxReadOptions, type TmxReadSummary, type TmxWarning } from '../src/core/formats/tmx/read.js';
import { writeTmx } from '../src/core/formats/tmx/write.js';
import { TAG_BASE, type TmUnit } from '../src/core/model.js';
import { tempDir } from './helpers/db.js';

const DTD = join(import.meta.dirname, '..', '..', 'shared', 'standards', 'tmx14.dtd');
const FIX = join(import.meta.dirname, 'fixtures', 'tmx');
const P = (i: number) => String.fromCharCode(TAG_BASE + i);
const tmp = tempDir('atelier-tmx-');
afterAll(() => tmp.remove());

function xmllint(file: string): void {
	try {
		execFileSync('xmllint', ['--noout', '--dtdvalid', DTD, file], { stdio: ['ignore', 'pipe', 'pipe'] });
	} catch (e) {
		throw new Error(`xmllint rejected ${file}: ${(e as { stderr?: Buffer }).stderr}`);
	}
}

type In = Uint8Array | AsyncIterable<Uint8Array> | string;
async function readAll(input: In, opts: Partial<TmxReadOptions> = {}) {
	const units: TmUnit[] = [];
	const warnings: TmxWarning[] = [];
	let header: TmxHeader | undefined;
	const gen = readTmx(typeof input === 'string' ? new TextEncoder().encode(input) : input, {
		file: 'in.tmx',
		onHeader: (h) => (header = h),
		onWarning: (w) => warnings.push(w),
		...opts
	});
	let r = await gen.next();
	for (; !r.done; r = await gen.next()) units.push(...r.value);
	return { units, warnings, header, summary: r.value as TmxReadSummary };
}

async function failure(input: In, opts: Partial<TmxReadOptions> = {}): Promise<AtelierError> {
	try {
		await readAll(input, opts);
	} catch (e) {
		if (e instanceof AtelierError) return e;
		throw e;
	}
	throw new Error('expected an AtelierError');
}

function writeFile(name: string, units: Iterable<TmUnit>, srcLang = 'fr-FR'): string {
	const path = join(tmp.dir, name);
	const fd = openSync(path, 'w');
	for (const chunk of writeTmx(units, { srcLang })) writeSync(fd, chunk);
	closeSync(fd);
	return path;
}

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
	for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const fixture = (name: string) => new Uint8Array(readFileSync(join(FIX, name)));

describe('TMX reader: hand-written fixtures', () => {
	it('TMX 1.4b with level-2 markup: every inline element, props, notes, dates, several tuvs', async () => {
		const { units, header } = await readAll(fixture('level2.tmx'), { file: 'level2.tmx' });
		expect(header).toMatchObject({ version: '1.4', srcLang: 'fr-FR', segType: 'sentence', oTmf: 'hand-made', creationTool: 'Hand', creationToolVersion: '1.0', dataType: 'html' });
		expect(header!.props).toEqual([{ type: 'x-project', value: 'Traités' }]);
		expect(units.map((u) => [u.tuid, u.sourceLang, u.targetLang])).toEqual([
			['t1', 'fr-FR', 'en-GB'],
			['t2', 'fr-FR', 'en-GB'],
			['t3', 'fr-FR', 'en-GB'],
			['t3', 'fr-FR', 'en-GB'],
			['t3', 'fr-FR', 'de-DE']
		]);
		const [t1, t2, t3a, t3b, t3de] = units;
		expect(t1).toEqual({
			sourceLang: 'fr-FR',
			targetLang: 'en-GB',
			source: `L’article ${P(0)}5${P(1)} du traité «\u00a0OTAN\u00a0» s’applique.`,
			target: `Article ${P(0)}5${P(1)} of the “NATO” treaty applies.`,
			sourceTags: [
				{ kind: 'bpt', attrs: { i: '1', x: '1', type: 'bold' }, content: '&lt;b&gt;' },
				{ kind: 'ept', attrs: { i: '1' }, content: '&lt;/b&gt;' }
			],
			targetTags: [
				{ kind: 'bpt', attrs: { i: '1', x: '1', type: 'bold' }, content: '&lt;b&gt;' },
				{ kind: 'ept', attrs: { i: '1' }, content: '&lt;/b&gt;' }
			],
			origin: 'import',
			importFile: 'level2.tmx',
			tuid: 't1',
			createdAt: '2024-01-31T09:45:00.000Z',
			createdBy: 'marie',
			changedAt: '2024-02-01T12:00:00.000Z',
			changedBy: 'paul',
			props: [
				{ type: 'x-domain', value: 'law', lang: 'en' },
				{ type: 'source:x-origin', value: 'JO' }
			],
			notes: ['Article 5']
		});
		expect(t2.source).toBe(`Voir ${P(0)}la note${P(1)}${P(2)} et la suite${P(3)} 10\u202f000\u00a0€`);
		expect(t2.sourceTags).toEqual([
			{ kind: 'bpt', attrs: { i: '1', type: 'link' }, content: '&lt;a href="<sub datatype="html" type="x-url">notes.html</sub>"&gt;' },
			{ kind: 'ept', attrs: { i: '1' }, content: '&lt;/a&gt;' },
			{ kind: 'ph', attrs: { x: '2', type: 'image', assoc: 'p' }, content: '&lt;img src="logo.png"/&gt;' },
			{ kind: 'it', attrs: { pos: 'begin', x: '3', type: 'italic' }, content: '&lt;i&gt;' }
		]);
		// hi: an opening and a closing placeholder around text that stays matchable; NFC applied (traite + U+0301)
		expect(t3a.source).toBe(`Un ${P(0)}traité ${P(1)}très${P(2)} ${P(3)}important${P(4)}${P(5)} ici.`);
		expect(t3a.sourceTags!.map((t) => [t.kind, t.attrs, t.content])).toEqual([
			['hi', { type: 'term' }, ''],
			['hi', { x: '4' }, ''],
			['/hi', {}, ''],
			['ph', {}, '&lt;br/&gt;'],
			['/hi', {}, ''],
			['ut', {}, '{\\f1}']
		]);
		// dates and ids of a target tuv win over the tu's; tuv props and notes keep their side
		expect(t3a).toMatchObject({ target: `A ${P(0)}very ${P(1)}important treaty${P(2)}${P(3)} here.`, changedAt: '2024-03-06T00:00:00.000Z', changedBy: 'anne', props: [{ type: 'target:x-quality', value: 'good' }], targetNotes: ['preferred'] });
		expect(t3a.notes).toBeUndefined();
		expect(t3b).toMatchObject({ target: `An important ${P(0)}treaty${P(1)} here.`, changedAt: '2024-03-05T10:11:12.000Z' });
		expect(t3b.changedBy).toBeUndefined();
		expect(t3de.target).toBe(`Ein ${P(0)}wichtiger Vertrag${P(1)} hier.`);
	});

	it('notes on a tuv go back on that tuv after a trip through the TM (stored, read, exported valid)', async () => {
		const { createWorkbench } = await import('../src/core/workbench.server.js');
		const wb = createWorkbench({ dbPath: join(tmp.dir, 'notes.sqlite') });
		try {
			const tmx = `<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="fr-FR" datatype="plaintext"/><body>
<tu tuid="n1"><note>on the tu</note><tuv xml:lang="fr-FR"><note>source « note »</note><seg>Le Conseil</seg></tuv><tuv xml:lang="en-GB"><note>target note</note><seg>The Council</seg></tuv></tu>
<tu tuid="n2"><note>only the tu</note><tuv xml:lang="fr-FR"><seg>Les Alliés</seg></tuv><tuv xml:lang="en-GB"><seg>The Allies</seg></tuv></tu>
</body></tmx>`;
			const units = (await readAll(tmx)).units;
			await wb.tm.importUnits((async function* () { yield units; })());
			const stored = [...wb.tm.iterate()];
			expect(stored.map((u) => [u.notes, u.sourceNotes, u.targetNotes])).toEqual([
				[['on the tu'], ['source « note »'], ['target note']],
				[['only the tu'], undefined, undefined]
			]);
			const out = [...writeTmx(stored, { srcLang: 'fr-FR' })].join('');
			expect(out).toMatch(/<tu tuid="n1"[^>]*>\s*<note>on the tu<\/note>\s*<tuv xml:lang="fr-FR">\s*<note>source « note »<\/note>\s*<seg>Le Conseil<\/seg>\s*<\/tuv>\s*<tuv xml:lang="en-GB">\s*<note>target note<\/note>\s*<seg>The Council<\/seg>/);
			const file = join(tmp.dir, 'notes.tmx');
			writeFileSync(file, out);
			xmllint(file);
			// and they read back as they were
			expect((await readAll(out)).units.map((u) => [u.notes, u.sourceNotes, u.targetNotes])).toEqual(units.map((u) => [u.notes, u.sourceNotes, u.targetNotes]));
		} finally {
			wb.close();
		}
	});

	it('a chosen pair keeps only that target language (exact tag, else the same primary language)', async () => {
		const en = await readAll(fixture('level2.tmx'), { targetLang: 'en' });
		expect(en.units.map((u) => u.targetLang)).toEqual(['en-GB', 'en-GB', 'en-GB', 'en-GB']);
		const de = await readAll(fixture('level2.tmx'), { targetLang: 'de-DE' });
		expect(de.units.map((u) => u.tuid)).toEqual(['t3']);
		expect(de.summary).toMatchObject({ tus: 3, units: 1, skipped: 2 });
	});

	it('TMX 1.1 as OmegaT writes it: lang=, upper-case tags, DOCTYPE tmx11.dtd, dates on the target tuv', async () => {
		const input = fixture('omegat-1.1.tmx');
		expect(await readTmxHeader(input, { file: 'proj-omegat.tmx' })).toMatchObject({ version: '1.1', srcLang: 'FR-FR', creationTool: 'OmegaT' });
		const { units } = await readAll(input);
		expect(units).toHaveLength(3);
		expect(units[0]).toMatchObject({
			sourceLang: 'fr-FR',
			targetLang: 'en-GB',
			source: 'Le Conseil de l’Atlantique Nord se réunit à Bruxelles.',
			createdAt: '2023-09-15T14:03:12.000Z',
			createdBy: 'jdupont',
			changedBy: 'jdupont'
		});
		expect(units[1].source).toBe('«\u00a0Article 5\u00a0»\u00a0: une attaque contre l’un est une attaque contre tous.');
		expect(units[1]).toMatchObject({ createdBy: 'asmith', changedBy: 'jdupont', changedAt: '2023-09-15T14:05:01.000Z' });
		expect(units[2].props).toEqual([
			{ type: 'file', value: 'traite.txt' },
			{ type: 'prev', value: 'Le Conseil de l’Atlantique Nord se réunit à Bruxelles.' },
			{ type: 'next', value: '' }
		]);
	});

	it('UTF-16 LE and BE with BOM, even cut into odd-sized chunks that split characters', async () => {
		const le = fixture('utf16le-bom.tmx');
		const be = new Uint8Array(le.length);
		for (let i = 0; i + 1 < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1], le[i]];
		const expected = [
			['fr-FR', 'en-GB', 'Élève « déjà » là\u202f!', 'Pupil “already” there!'],
			['fr-FR', 'en-GB', 'Œuvre 𝄞 complète', 'Complete 𝄞 work']
		];
		for (const input of [le, be, chunked(le, 7), chunked(be, 3)]) {
			const { units } = await readAll(input);
			expect(units.map((u) => [u.sourceLang, u.targetLang, u.source, u.target])).toEqual(expected);
		}
	});

	it('UTF-8 with a BOM, and the encoding of the XML declaration otherwise', async () => {
		const doc = (enc: string, fr: string) =>
			`<?xml version="1.0" encoding="${enc}"?><tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="fr" datatype="plaintext"/><body><tu><tuv xml:lang="fr"><seg>${fr}</seg></tuv><tuv xml:lang="en"><seg>summer</seg></tuv></tu></body></tmx>`;
		const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(doc('UTF-8', 'été'))]);
		expect((await readAll(bom)).units[0].source).toBe('été');
		const latin1 = new Uint8Array([...doc('ISO-8859-1', 'XtX')].map((c) => (c === 'X' ? 0xe9 : c.charCodeAt(0))));
		expect((await readAll(latin1)).units[0].source).toBe('été');
		// declared windows-1252 (or Latin-1, as Windows tools label it): 0x92 is ’ and 0x9C œ, not C1 controls
		for (const enc of ['windows-1252', 'ISO-8859-1']) {
			const cp = new Uint8Array([...doc(enc, 'lXOTAN YY')].map((c) => (c === 'X' ? 0x92 : c === 'Y' ? 0x9c : c.charCodeAt(0))));
			expect((await readAll(cp)).units[0].source, enc).toBe('l’OTAN œœ');
		}
		expect((await failure(new TextEncoder().encode(doc('x-klingon', 'a')))).code).toBe('encoding_unknown');
	});

	it('srclang="*all*": each tu takes its first tuv as source, unless a source language is chosen', async () => {
		const all = await readAll(fixture('srclang-all.tmx'));
		expect(all.units.map((u) => `${u.sourceLang}>${u.targetLang} ${u.source}=${u.target}`)).toEqual([
			'fr-FR>en-GB Bonjour=Hello',
			'en-GB>fr-FR Thank you=Merci',
			'fr-FR>de-DE Au revoir=Auf Wiedersehen',
			'fr-FR>en-GB Au revoir=Goodbye'
		]);
		const fr = await readAll(fixture('srclang-all.tmx'), { sourceLang: 'fr', targetLang: 'en' });
		expect(fr.units.map((u) => `${u.source}=${u.target}`)).toEqual(['Bonjour=Hello', 'Merci=Thank you', 'Au revoir=Goodbye']);
	});
});

const rtUnits: TmUnit[] = [
	{
		sourceLang: 'fr-FR',
		targetLang: 'en-GB',
		source: `L’${P(0)}élève${P(1)} «\u00a0déjà\u00a0» là\u202f! ${P(2)}a${P(3)}b${P(4)}c${P(5)} ${P(6)} ${P(7)}${P(8)}fin${P(9)}`,
		target: `The ${P(0)}pupil${P(1)} “already” there! ${P(2)}${P(3)}`,
		sourceTags: [
			{ kind: 'bpt', attrs: { i: '1', x: '1', type: 'bold' }, content: '&lt;b class="<sub type="x-class">big</sub>"&gt;' },
			{ kind: 'ept', attrs: { i: '1' }, content: '&lt;/b&gt;' },
			{ kind: 'hi', attrs: { type: 'term' }, content: '' },
			{ kind: 'hi', attrs: { x: '9' }, content: '' },
			{ kind: '/hi', attrs: {}, content: '' },
			{ kind: '/hi', attrs: {}, content: '' },
			{ kind: 'ph', attrs: { x: '2', assoc: 'b', type: 'image' }, content: '&lt;img/&gt;' },
			{ kind: 'it', attrs: { pos: 'end', x: '3' }, content: '&lt;/i&gt;' },
			{ kind: 'ut', attrs: { x: '4' }, content: '{\\b}' },
			{ kind: 'ph', attrs: {}, content: '' }
		],
		targetTags: [
			{ kind: 'bpt', attrs: { i: '1', x: '1', type: 'bold' }, content: '&lt;b&gt;' },
			{ kind: 'ept', attrs: { i: '1' }, content: '&lt;/b&gt;' },
			{ kind: 'it', attrs: { pos: 'end', x: '3' }, content: '&lt;/i&gt;' },
			{ kind: 'ut', attrs: { x: '4' }, content: '{\\b}' }
		],
		origin: 'import',
		tuid: 'r1',
		createdAt: '2024-01-31T09:45:00.000Z',
		createdBy: 'marie',
		changedAt: '2024-12-31T23:59:59.000Z',
		changedBy: 'paul « p »',
		props: [
			{ type: 'x-domain', value: 'droit & <co>', lang: 'fr' },
			{ type: 'source:x-a', value: '1' },
			{ type: 'target:x-b', value: '2' }
		],
		notes: ['note « 1 »', 'two\r\nlines\tand "quotes"']
	},
	// several tuvs: one source, three targets in two languages, each with its own dates
	...(['en-GB', 'en-GB', 'en-US'] as const).map((targetLang, i) => ({
		sourceLang: 'fr-FR',
		targetLang,
		source: 'Œuvre',
		target: ['Work', 'Opus', 'Work!'][i],
		origin: 'import' as const,
		tuid: 'r2',
		changedAt: `2024-0${i + 1}-01T00:00:00.000Z`,
		changedBy: `u${i}`,
		props: [{ type: 'x-shared', value: 's' }, ...(i === 1 ? [{ type: 'target:x-alt', value: 'yes' }] : [])]
	})),
	{ sourceLang: 'en-GB', targetLang: 'fr-FR', source: 'The other way', target: 'Dans l’autre sens', origin: 'import', tuid: 'r3' },
	{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: ' <&>"\' a\rb ', target: '\ttabs\t', origin: 'import' }
];

describe('TMX writer and round trip', () => {
	it('write then read gives the same units, and xmllint validates the output against tmx14.dtd', async () => {
		const path = writeFile('rt.tmx', rtUnits);
		xmllint(path);
		const { units } = await readAll(new Uint8Array(readFileSync(path)), { file: 'rt.tmx' });
		expect(units).toEqual(rtUnits.map((u) => ({ ...u, importFile: 'rt.tmx' })));
		const xml = readFileSync(path, 'utf8');
		expect(xml).toMatch(/<tmx version="1.4">/);
		expect(xml).toMatch(/creationdate="\d{8}T\d{6}Z"/);
		expect(xml.match(/<tu[ >]/g)).toHaveLength(4); // r2's three targets share one tu
		expect(xml).toContain('<tu tuid="r3" srclang="en-GB">');
	});

	it('the level-2 fixture survives read → write → read and the export is DTD-valid', async () => {
		const first = (await readAll(fixture('level2.tmx'), { file: 'x' })).units;
		const path = writeFile('level2-out.tmx', first);
		xmllint(path);
		expect((await readAll(new Uint8Array(readFileSync(path)), { file: 'x' })).units).toEqual(first);
	});

	it('tags from elsewhere still give valid TMX: unknown kinds, missing attributes, unbalanced hi, broken content', () => {
		const path = writeFile('odd.tmx', [
			{
				sourceLang: 'fr',
				targetLang: 'en',
				source: `${P(0)}a${P(1)}${P(2)}b${P(3)}${P(4)}${P(5)}`,
				target: `x${P(0)}`,
				sourceTags: [
					{ kind: 'g', attrs: { id: '1' }, content: '<g>' },
					{ kind: 'bpt', attrs: {}, content: '' },
					{ kind: 'ept', attrs: { bogus: 'z' }, content: 'a < b' },
					{ kind: '/hi', attrs: {}, content: '' },
					{ kind: 'hi', attrs: {}, content: '' },
					{ kind: 'it', attrs: {}, content: '' }
				],
				targetTags: [{ kind: 'x', attrs: {}, content: '' }],
				origin: 'translation',
				createdAt: 'not a date'
			}
		]);
		xmllint(path);
	});

	it('property: any text without tags round-trips (NFC-normalised, XML-invalid controls dropped)', async () => {
		const char = fc.integer({ min: 1, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff).map((c) => String.fromCodePoint(c));
		// eslint-disable-next-line no-control-regex
		const clean = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').normalize('NFC');
		await fc.assert(
			fc.asyncProperty(fc.string({ unit: char, maxLength: 40 }), fc.string({ unit: char, maxLength: 40 }), async (s, t) => {
				const unit: TmUnit = { sourceLang: 'fr', targetLang: 'en', source: s, target: t, origin: 'import', notes: [t] };
				const xml = [...writeTmx([unit], { srcLang: 'fr' })].join('');
				const { units, summary, warnings } = await readAll(xml);
				// a side with no text (blanks, no-break spaces, tag placeholders only) is no unit: skipped with a warning
				const blank = (x: string) => /^[\u0000-\u0020\u00a0\u202f\u2009\ue000-\uf8ff]*$/.test(x);
				if (blank(clean(s)) || blank(clean(t))) {
					expect([summary.units, warnings.map((w) => w.kind)]).toEqual([0, ['tu_empty']]);
					return;
				}
				expect(summary.units).toBe(1);
				expect([units[0].source, units[0].target, units[0].notes?.[0]]).toEqual([clean(s), clean(t), clean(t)]);
			}),
			{ numRuns: 150 }
		);
	});
});

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="fr" datatype="plaintext"/>
<body>
`; // the body's content starts on line 5
const TAIL = '\n</body>\n</tmx>\n';
const TU = '<tu><tuv xml:lang="fr"><seg>Bonjour</seg></tuv><tuv xml:lang="en"><seg>Hello</seg></tuv></tu>';

describe('TMX reader: malformed input is refused at the fault', () => {
	const cases: [string, string, string, number, number | undefined][] = [
		['not XML', '\n  This is not XML at all\n', 'tmx_invalid', 2, 3],
		['binary', '%PDF-1.4\u0000\u0001', 'tmx_invalid', 1, 1],
		['root not tmx', '<?xml version="1.0"?>\n  <xliff version="1.2"><file/></xliff>', 'tmx_not_tmx', 2, 3],
		['tuv without xml:lang or lang', `${HEAD}<tu>\n  <tuv><seg>a</seg></tuv>\n</tu>${TAIL}`, 'tmx_no_lang', 6, 3],
		['tuv with an empty lang, its name ending the line', `${HEAD}<tu>\n  <tuv\n   xml:lang=""><seg>a</seg></tuv>\n</tu>${TAIL}`, 'tmx_no_lang', 6, 3],
		['tuv without lang, CRLF line ends', `${HEAD}<tu>\n   <tuv><seg>a</seg></tuv>\n</tu>${TAIL}`.replace(/\n/g, '\r\n'), 'tmx_no_lang', 6, 4],
		['invalid language tag', `${HEAD}<tu>\n <tuv xml:lang="français"><seg>a</seg></tuv>\n</tu>${TAIL}`, 'lang_invalid', 6, 2],
		['wrong nesting', `${HEAD}<tu>\n<tuv xml:lang="fr"><seg>a</tuv>\n</tu>${TAIL}`, 'tmx_invalid', 6, 31],
		['truncated file', `${HEAD}${TU}\n<tu><tuv xml:lang="fr"><seg>Bonj`, 'tmx_invalid', 6, 32],
		['tuv outside a tu', `${HEAD}${TU}\n<tuv xml:lang="fr"><seg>a</seg></tuv>${TAIL}`, 'tmx_invalid', 6, 1],
		['tuv without seg', `${HEAD}<tu>\n<tuv xml:lang="fr"><note>n</note></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>${TAIL}`, 'tmx_invalid', 6, 1],
		['markup inside a note', `${HEAD}<tu><note>a <b>b</b></note>${TU.slice(4)}${TAIL}`, 'tmx_invalid', 5, 13],
		[
			'entity declarations (billion laughs)',
			'<?xml version="1.0"?>\n<!DOCTYPE tmx [\n  <!ENTITY lol "lol">\n  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n]>\n<tmx version="1.4">&lol2;</tmx>',
			'tmx_entity',
			3,
			3
		],
		['external entity (XXE)', '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<tmx>&xxe;</tmx>', 'tmx_entity', 2, 16],
		['external DTD other than tmx14.dtd', '<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "http://example.com/evil.dtd">\n<tmx/>', 'tmx_entity', 2, 51],
		['undeclared entity reference', `${HEAD}<tu><tuv xml:lang="fr"><seg>a &xxe; b</seg></tuv></tu>${TAIL}`, 'tmx_entity', 5, 35]
	];
	it.each(cases)('%s', async (_name, xml, code, line, column) => {
		const e = await failure(xml);
		expect({ code: e.code, line: e.location.line, column: e.location.column, file: e.location.file }).toEqual({ code, line, column, file: 'in.tmx' });
	});

	it('an empty file and invalid UTF-8 (located by byte offset)', async () => {
		expect((await failure('')).code).toBe('file_empty');
		const bytes = new TextEncoder().encode(`${HEAD}<tu><tuv xml:lang="fr"><seg>cafX</seg></tuv></tu>${TAIL}`);
		const at = bytes.indexOf(0x58);
		bytes[at] = 0xe9;
		const e = await failure(bytes);
		expect([e.code, e.location.offset, e.params.byte]).toEqual(['encoding_invalid_utf8', at, '0xE9']);
	});

	it('accepts the plain DOCTYPEs tools write (never fetched)', async () => {
		for (const dt of ['<!DOCTYPE tmx SYSTEM "tmx14.dtd">', '<!DOCTYPE tmx PUBLIC "-//LISA OSCAR:1998//DTD for Translation Memory eXchange//EN" "tmx14.dtd">', '<!DOCTYPE tmx>'])
			expect((await readAll(HEAD.replace('\n<tmx', `\n${dt}\n<tmx`) + TU + TAIL)).units).toHaveLength(1);
	});

	it('readTmxHeader stops at the header: a broken body does not matter', async () => {
		const h = await readTmxHeader(new TextEncoder().encode(`${HEAD}<tu><tuv>broken`), { file: 'in.tmx' });
		expect(h).toMatchObject({ version: '1.4', srcLang: 'fr', segType: 'sentence', oTmf: 't', adminLang: 'en', dataType: 'plaintext' });
	});

	it('a tu without both languages is skipped with a located warning, not an error', async () => {
		const xml = `${HEAD}${TU}\n<tu tuid="lonely"><tuv xml:lang="fr"><seg>Seul</seg></tuv></tu>\n<tu tuid="bad-date" changedate="20240231T000000Z">${TU.slice(4)}${TAIL}`;
		const { units, warnings, summary } = await readAll(xml);
		expect(units).toHaveLength(2);
		expect(units[1].changedAt).toBeUndefined();
		expect(summary).toEqual({ tus: 3, units: 2, skipped: 1, badDates: 1 });
		expect(warnings).toEqual([
			{ kind: 'tu_missing_lang', line: 6, column: 1, tuid: 'lonely', detail: 'fr' },
			{ kind: 'bad_date', line: 7, column: 1, tuid: 'bad-date', detail: '20240231T000000Z' }
		]);
	});

	it('a tu whose source or target has no text (empty, blank, tags only) is skipped with a located warning', async () => {
		const xml = `${HEAD}${TU}\n<tu tuid="empty-src"><tuv xml:lang="fr"><seg></seg></tuv><tuv xml:lang="en"><seg>Alone</seg></tuv></tu>\n<tu tuid="tags-tgt"><tuv xml:lang="fr"><seg>Seul</seg></tuv><tuv xml:lang="en"><seg> <ph>&lt;br/&gt;</ph> </seg></tuv></tu>${TAIL}`;
		const { units, warnings, summary } = await readAll(xml);
		expect(units).toHaveLength(1);
		expect(summary).toMatchObject({ tus: 3, units: 1, skipped: 2 });
		expect(warnings).toEqual([
			{ kind: 'tu_empty', line: 6, column: 1, tuid: 'empty-src', detail: 'fr' },
			{ kind: 'tu_empty', line: 7, column: 1, tuid: 'tags-tgt', detail: 'en' }
		]);
	});

	it('an error after some batches is thrown from the generator, so the caller can roll back', async () => {
		const good = Array.from({ length: 5 }, () => TU).join('\n');
		const bytes = new TextEncoder().encode(`${HEAD}${good}\n<tu><tuv><seg>x</seg></tuv></tu>${TAIL}`);
		const got: number[] = [];
		let error: unknown;
		try {
			for await (const batch of readTmx(chunked(bytes, 100), { file: 'in.tmx', batchSize: 2 })) got.push(batch.length);
		} catch (e) {
			error = e;
		}
		expect(got.length).toBeGreaterThan(0);
		expect(error).toBeInstanceOf(AtelierError);
		expect((error as AtelierError).location).toMatchObject({ line: 10, column: 5 });
	});
});

describe('TMX streaming', () => {
	it('reads a 100,000-unit file through fs.createReadStream in batches, with progress, before the end of the stream', async () => {
		const N = 100_000;
		function* gen(): Generator<TmUnit> {
			for (let i = 0; i < N; i++)
				yield { sourceLang: 'fr-FR', targetLang: 'en-GB', source: `Phrase n° ${i} : « l’été »`, target: `Sentence No. ${i}: “summer”`, origin: 'translation', tuid: `u${i}` };
		}
		const path = writeFile('big.tmx', gen());
		const size = statSync(path).size;
		const progress: number[] = [];
		const firstBatchAt: number[] = [];
		let count = 0;
		let batches = 0;
		const gc = (globalThis as { gc?: () => void }).gc;
		gc?.();
		const before = process.memoryUsage().heapUsed;
		let peak = 0;
		for await (const batch of readTmx(createReadStream(path), { file: 'big.tmx', onProgress: (b) => progress.push(b) })) {
			if (batches === 0) firstBatchAt.push(progress[progress.length - 1]);
			batches++;
			count += batch.length;
			if (batches % 10 === 0) {
				gc?.();
				peak = Math.max(peak, process.memoryUsage().heapUsed - before);
			}
			expect(batch[0].tuid).toBe(`u${count - batch.length}`);
		}
		expect(count).toBe(N);
		expect(batches).toBe(N / 1000);
		expect(progress.length).toBeGreaterThan(10);
		expect(progress[progress.length - 1]).toBe(size);
		// the first batch arrives after reading a small part of the file: nothing waits for the end
		expect(firstBatchAt[0]).toBeLessThan(size / 10);
		// with --expose-gc the heap stays flat; without it the measure is too noisy to assert
		if (gc) expect(peak).toBeLessThan(size / 4);
	}, 120_000);
});
