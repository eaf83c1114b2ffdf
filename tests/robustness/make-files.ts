/**
 * Writes the small files of the robustness corpus and one manifest per case
 * (`files/<format>/<name>.case.json`). Run once with `npx tsx tests/robustness/make-files.ts`;
 * the output is committed. Large cases (100 MB, 10⁶ units, zip bomb, deep nesting) are not
 * files but generators (see generate.ts), named by the manifest's `generate`.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { sampleDocx } from '../helpers/docx.js';
import type { CaseManifest, Expect } from './types.js';

const root = join(import.meta.dirname, 'files');

const cases: { dir: string; manifest: CaseManifest; bytes?: Uint8Array }[] = [];
function add(dir: string, manifest: Omit<CaseManifest, 'format'> & { format?: CaseManifest['format'] }, content?: string | Uint8Array) {
	const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
	cases.push({ dir, manifest: { format: dir as CaseManifest['format'], ...manifest }, bytes });
}
const err = (code: string, en: string, fr: string, location?: Extract<Expect, { error: string }>['location']): Expect => ({ error: code, en, fr, ...(location ? { location } : {}) });

const utf16le = (s: string, bom = true) => {
	const b = Buffer.from(s, 'utf16le');
	return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), b]) : b;
};
const utf16be = (s: string, bom = true) => {
	const le = Buffer.from(s, 'utf16le');
	for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
	return bom ? Buffer.concat([Buffer.from([0xfe, 0xff]), le]) : le;
};
const latin1 = (s: string) => Buffer.from(s, 'latin1');
const binary = () => {
	const b = Buffer.alloc(2048);
	const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52];
	png.forEach((v, i) => (b[i] = v));
	let x = 7;
	for (let i = 16; i < b.length; i++) b[i] = x = (x * 1103515245 + 12345) & 0xff;
	return b;
};
const HOSTILE = [
	'<script>window.__pwned = 1</script> Le <img src=x onerror="window.__pwned = 2"> texte.',
	'Un lien <a href="javascript:window.__pwned=3">cliquez</a> ici.',
	'Dépôt \u202Egnp.exe\u202C et\u200B zéro\u200Dlargeur\uFEFF.',
	`Mot ${'anticonstitutionnellement'.repeat(400)} fin.`
];

// ---------------------------------------------------------------- TXT
{
	const d = 'txt';
	add(d, { file: 'empty.txt', description: 'zero bytes', expect: err('file_empty', 'is empty', 'est vide', { file: 'empty.txt' }) }, '');
	add(d, { file: 'binary.txt', description: 'a PNG renamed .txt', expect: err('file_binary', 'binary file', 'fichier binaire', { offset: 8 }) }, binary());
	add(d, { file: 'nul-in-text.txt', description: 'one NUL byte in a text', expect: err('file_binary', 'binary file', 'fichier binaire', { offset: 14 }) }, 'Bonjour Paris.\u0000 Suite.\n');
	add(d, { file: 'truncated-utf8.txt', description: 'a file cut in the middle of a two-byte character', expect: err('encoding_invalid_utf8', 'not valid UTF-8', 'pas de l’UTF-8 valide', { line: 2, column: 10 }) }, Buffer.concat([Buffer.from('Première ligne.\nDernière '), Buffer.from([0xc3])]));
	add(d, { file: 'invalid-utf8.txt', description: 'a stray 0xFF on line 3', expect: err('encoding_invalid_utf8', 'not valid UTF-8', 'pas de l’UTF-8 valide', { line: 3, column: 4 }) }, Buffer.concat([Buffer.from('Un.\nDeux.\nTro'), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from('is.\n')]));
	add(d, { file: 'overlong-utf8.txt', description: 'an overlong encoding of "/" (0xC0 0xAF), a classic filter bypass', expect: err('encoding_invalid_utf8', 'not valid UTF-8', 'pas de l’UTF-8 valide', { line: 1, column: 5 }) }, Buffer.concat([Buffer.from('../.'), Buffer.from([0xc0, 0xaf]), Buffer.from('etc')]));
	add(d, { file: 'utf16le-bom.txt', description: 'UTF-16 LE with BOM', expect: { ok: true, contains: 'Élysée' } }, utf16le('Le palais de l’Élysée.\n\nDeuxième paragraphe.\n'));
	add(d, { file: 'utf16be-bom.txt', description: 'UTF-16 BE with BOM', expect: { ok: true, contains: 'Élysée' } }, utf16be('Le palais de l’Élysée.\n\nDeuxième paragraphe.\n'));
	add(d, { file: 'utf16le-nobom.txt', description: 'UTF-16 LE without BOM', expect: err('encoding_unknown', 'utf-16le', 'utf-16le', { file: 'utf16le-nobom.txt' }) }, utf16le('Le palais de l’Élysée.\n\nDeuxième paragraphe.\n', false));
	add(d, { file: 'utf16be-nobom.txt', description: 'UTF-16 BE without BOM', expect: err('encoding_unknown', 'utf-16be', 'utf-16be', { file: 'utf16be-nobom.txt' }) }, utf16be('Le palais de l’Élysée.\n\nDeuxième paragraphe.\n', false));
	add(d, { file: 'utf16le-odd.txt', description: 'UTF-16 with BOM cut to an odd number of bytes', expect: err('encoding_odd_length', 'odd number of bytes', 'nombre impair') }, utf16le('Bonjour.').subarray(0, 9));
	add(d, { file: 'latin1.txt', description: 'Latin-1 without saying so', expect: err('encoding_latin1', 'Latin-1', 'Latin-1', { line: 1, column: 2 }) }, latin1('Né à Paris.\n\nÉté.\n'));
	add(d, { file: 'latin1-declared.txt', description: 'Latin-1 with the encoding chosen', options: { encoding: 'latin1' }, expect: { ok: true, contains: 'Né à Paris' } }, latin1('Né à Paris.\n\nÉté.\n'));
	add(d, { file: 'bom-only.txt', description: 'a UTF-8 BOM and nothing else', expect: err('no_text', 'no text', 'aucun texte') }, Buffer.from([0xef, 0xbb, 0xbf]));
	add(d, { file: 'whitespace.txt', description: 'spaces, tabs and blank lines only', expect: err('no_text', 'no text', 'aucun texte') }, ' \t\n\n \u00A0\n\r\n');
	add(d, { file: 'controls.txt', description: 'many C0 controls: a binary file', expect: err('file_binary', 'binary file', 'fichier binaire', { offset: 1 }) }, 'a\u0001\u0002\u0003\u0004\u0005b'.repeat(50));
	add(d, { file: 'hostile.txt', description: 'markup, RTL override, zero-width characters, a 10,000-character word', expect: { ok: true, contains: '<script>window.__pwned = 1</script>' } }, HOSTILE.join('\n\n'));
	add(d, { file: 'long-line-100mb.txt', generate: 'line', size: 100 * 1024 * 1024, description: 'a 100 MB single line', isolate: true, expect: err('file_too_large', 'the limit is 10 MB', 'la limite est de 10 Mo') });
	add(d, { file: 'million-units.txt', generate: 'txt-units', count: 1_000_000, description: '10⁶ two-word sentences, one per paragraph (slow: storing is superlinear, about 4 s for 40,000 paragraphs): run with ROBUSTNESS_SLOW=1', isolate: true, slow: true, expect: { ok: true, units: 1_000_000 } });
	add(d, { file: 'image.pdf', description: 'a PDF: not a format we read', expect: err('file_binary', 'binary file', 'fichier binaire') }, Buffer.concat([Buffer.from('%PDF-1.7\n'), binary()]));
}

// ---------------------------------------------------------------- XML helpers
const XXE_FILE = (root: string) => `<!DOCTYPE ${root} [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`;
const XXE_NET = (root: string) => `<!DOCTYPE ${root} [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/leak">]>`;
const XXE_PARAM = (root: string) => `<!DOCTYPE ${root} [<!ENTITY % ext SYSTEM "http://127.0.0.1:9/evil.dtd"> %ext;]>`;
const LOL = (root: string) =>
	`<!DOCTYPE ${root} [<!ENTITY lol "lol">` +
	Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('') +
	']>';
const QUADRATIC = (root: string) => `<!DOCTYPE ${root} [<!ENTITY a "${'x'.repeat(50_000)}">]>`;

// ---------------------------------------------------------------- TMX
{
	const d = 'tmx';
	const head = '<?xml version="1.0" encoding="UTF-8"?>\n';
	const header = '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="fr-FR" datatype="plaintext"/>';
	const tu = (fr: string, en: string) => `<tu><tuv xml:lang="fr-FR"><seg>${fr}</seg></tuv><tuv xml:lang="en-GB"><seg>${en}</seg></tuv></tu>`;
	const tmx = (body: string, doctype = '', root = '<tmx version="1.4">') => `${head}${doctype}\n${root}\n${header}\n<body>\n${body}\n</body>\n</tmx>\n`;
	const good = tmx([tu('Bonjour.', 'Hello.'), tu('Le Conseil se réunit.', 'The Council meets.')].join('\n'));
	add(d, { file: 'empty.tmx', description: 'zero bytes', expect: err('file_empty', 'is empty', 'est vide') }, '');
	add(d, { file: 'binary.tmx', description: 'a PNG renamed .tmx', expect: err('encoding_invalid_utf8', 'not valid UTF-8', 'pas de l’UTF-8 valide', { offset: 0 }) }, binary());
	add(d, { file: 'truncated.tmx', description: 'cut in the middle of a tu', expect: err('tmx_invalid', 'not a valid TMX file', 'fichier TMX invalide', { line: 7 }) }, good.slice(0, good.indexOf('Le Conseil') + 5));
	add(d, { file: 'invalid-utf8.tmx', description: 'a stray 0xFF in a seg', expect: err('encoding_invalid_utf8', 'not valid UTF-8', 'pas de l’UTF-8 valide', { offset: good.indexOf('Bonjour') + 3 }) }, Buffer.concat([Buffer.from(good.slice(0, good.indexOf('Bonjour') + 3)), Buffer.from([0xff]), Buffer.from(good.slice(good.indexOf('Bonjour') + 3))]));
	add(d, { file: 'latin1-undeclared.tmx', description: 'Latin-1 bytes, declared UTF-8', expect: err('encoding_invalid_utf8', 'not valid UTF-8', 'pas de l’UTF-8 valide') }, latin1(tmx(tu('Été à Noël.', 'Summer at Christmas.'))));
	add(d, { file: 'latin1-declared.tmx', description: 'Latin-1 declared in the XML declaration', expect: { ok: true, units: 1, contains: 'Été à Noël.' } }, latin1(tmx(tu('Été à Noël.', 'Summer at Christmas.')).replace('UTF-8', 'ISO-8859-1')));
	add(d, { file: 'utf16le-bom.tmx', description: 'UTF-16 LE with BOM', expect: { ok: true, units: 2 } }, utf16le(good.replace('UTF-8', 'UTF-16')));
	add(d, { file: 'utf16be-nobom.tmx', description: 'UTF-16 BE without BOM (detected from "<?xml")', expect: { ok: true, units: 2 } }, utf16be(good.replace('UTF-8', 'UTF-16'), false));
	add(d, { file: 'xxe-file.tmx', description: 'external entity on a local file', expect: err('tmx_entity', 'refused for safety', 'refusé par sécurité', { line: 2 }) }, tmx(tu('&xxe;', 'x'), XXE_FILE('tmx')));
	add(d, { file: 'xxe-network.tmx', description: 'external entity over the network', expect: err('tmx_entity', 'refused for safety', 'refusé par sécurité', { line: 2 }) }, tmx(tu('&xxe;', 'x'), XXE_NET('tmx')));
	add(d, { file: 'xxe-parameter.tmx', description: 'external parameter entity (out-of-band DTD)', expect: err('tmx_entity', 'refused for safety', 'refusé par sécurité', { line: 2 }) }, tmx(tu('a', 'b'), XXE_PARAM('tmx')));
	add(d, { file: 'billion-laughs.tmx', description: 'nested entity expansion bomb', expect: err('tmx_entity', 'refused for safety', 'refusé par sécurité', { line: 2 }) }, tmx(tu('&lol9;', 'x'), LOL('tmx')));
	add(d, { file: 'quadratic-blowup.tmx', description: 'one 50 kB entity referenced many times', expect: err('tmx_entity', 'refused for safety', 'refusé par sécurité', { line: 2 }) }, tmx(tu('&a;'.repeat(5000), 'x'), QUADRATIC('tmx')));
	add(d, { file: 'wrong-root.tmx', description: 'XML whose root is not tmx', expect: err('tmx_not_tmx', 'not TMX', 'pas du TMX', { line: 2 }) }, `${head}<xliff version="1.2"><file/></xliff>\n`);
	add(d, { file: 'wrong-namespace.tmx', description: 'a tmx root in a foreign namespace', expect: err('tmx_not_tmx', 'not TMX', 'pas du TMX') }, tmx(tu('a', 'b'), '', '<x:tmx xmlns:x="urn:example:not-tmx" version="1.4">').replace('</tmx>', '</x:tmx>'));
	add(d, { file: 'wrong-version.tmx', description: 'TMX version 9.9: read as 1.4 (the elements are the same)', expect: { ok: true, units: 2 } }, good.replace('version="1.4"', 'version="9.9"'));
	add(d, { file: 'no-lang.tmx', description: 'a tuv without xml:lang', expect: err('tmx_no_lang', 'has no xml:lang', 'n’a pas de xml:lang', { line: 6, column: 5 }) }, tmx('<tu><tuv><seg>a</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>'));
	add(d, { file: 'mismatched-langs.tmx', description: 'a de→it memory imported as fr→en: nothing imported, each tu skipped with a located warning', options: { sourceLang: 'fr-FR', targetLang: 'en-GB' }, expect: { ok: true, units: 0 } }, tmx('<tu><tuv xml:lang="de-DE"><seg>Guten Tag.</seg></tuv><tuv xml:lang="it-IT"><seg>Buongiorno.</seg></tuv></tu>'));
	add(d, { file: 'not-xml.tmx', description: 'plain text named .tmx', expect: err('tmx_invalid', 'not a valid TMX file', 'fichier TMX invalide', { line: 1 }) }, 'Ceci n’est pas du XML.\n');
	add(d, { file: 'hostile.tmx', description: 'markup as text, RTL override, zero-width, 10,000-character word', expect: { ok: true, units: 4, contains: '<script>window.__pwned = 1</script>' } }, tmx(HOSTILE.map((h) => tu(h.replace(/&/g, '&amp;').replace(/</g, '&lt;'), h.replace(/&/g, '&amp;').replace(/</g, '&lt;'))).join('\n')));
	add(d, { file: 'long-line-100mb.tmx', generate: 'tmx-line', size: 100 * 1024 * 1024, description: 'a 100 MB single line: one seg of 100 MB', isolate: true, expect: err('text_too_long', 'longer than 1000000 characters', 'dépasse 1000000 caractères', { line: 1 }) });
	add(d, { file: 'deep-nesting.tmx', generate: 'tmx-deep', count: 200_000, description: '200,000 nested elements in a seg', isolate: true, expect: err('xml_too_deep', 'nested more than 1000 deep', 'imbriqués sur plus de 1000 niveaux') });
	add(d, { file: 'million-units.tmx', generate: 'tmx-units', count: 1_000_000, description: '10⁶ tiny units (~300 s at the measured import speed): run with ROBUSTNESS_SLOW=1', isolate: true, slow: true, expect: { ok: true, units: 1_000_000 } });
}

// ---------------------------------------------------------------- TBX
{
	const d = 'tbx';
	const head = '<?xml version="1.0" encoding="UTF-8"?>\n';
	const entry = (id: string, fr: string, en: string) =>
		`<conceptEntry id="${id}"><langSec xml:lang="fr"><termSec><term>${fr}</term></termSec></langSec><langSec xml:lang="en"><termSec><term>${en}</term></termSec></langSec></conceptEntry>`;
	const tbx = (body: string, doctype = '', root = '<tbx type="TBX-Basic" style="dca" xml:lang="fr" xmlns="urn:iso:std:iso:30042:ed-2">') =>
		`${head}${doctype}\n${root}\n<text><body>\n${body}\n</body></text>\n</tbx>\n`;
	const good = tbx([entry('c1', 'Alliance', 'Alliance'), entry('c2', 'Conseil', 'Council')].join('\n'));
	add(d, { file: 'empty.tbx', description: 'zero bytes', expect: err('file_empty', 'is empty', 'est vide') }, '');
	add(d, { file: 'binary.tbx', description: 'a PNG renamed .tbx', expect: err('file_binary', 'binary file', 'fichier binaire') }, binary());
	add(d, { file: 'truncated.tbx', description: 'cut inside a concept', expect: err('tbx_invalid', 'not a valid TBX file', 'fichier TBX invalide', { line: 6 }) }, good.slice(0, good.indexOf('Conseil')));
	add(d, { file: 'invalid-utf8.tbx', description: 'a stray 0xFF', expect: err('encoding_latin1', 'not UTF-8', 'pas en UTF-8', { line: 5 }) }, Buffer.concat([Buffer.from(good.slice(0, good.indexOf('Alliance'))), Buffer.from([0xff]), Buffer.from(good.slice(good.indexOf('Alliance')))]));
	add(d, { file: 'utf16le-bom.tbx', description: 'UTF-16 LE with BOM', expect: { ok: true, units: 2 } }, utf16le(good.replace('UTF-8', 'UTF-16')));
	add(d, { file: 'utf16le-nobom.tbx', description: 'UTF-16 LE without BOM', expect: err('encoding_unknown', 'utf-16le', 'utf-16le') }, utf16le(good.replace('UTF-8', 'UTF-16'), false));
	add(d, { file: 'latin1.tbx', description: 'Latin-1 bytes', expect: err('encoding_latin1', 'Latin-1', 'Latin-1', { line: 5 }) }, latin1(tbx(entry('c1', 'Été', 'Summer'))));
	add(d, { file: 'xxe-file.tbx', description: 'external entity on a local file', expect: err('tbx_invalid', 'DOCTYPE', 'DOCTYPE', { line: 2 }) }, tbx(entry('c1', '&xxe;', 'x'), XXE_FILE('tbx')));
	add(d, { file: 'xxe-network.tbx', description: 'external entity over the network', expect: err('tbx_invalid', 'DOCTYPE', 'DOCTYPE', { line: 2 }) }, tbx(entry('c1', '&xxe;', 'x'), XXE_NET('tbx')));
	add(d, { file: 'billion-laughs.tbx', description: 'entity expansion bomb', expect: err('tbx_invalid', 'DOCTYPE', 'DOCTYPE', { line: 2 }) }, tbx(entry('c1', '&lol9;', 'x'), LOL('tbx')));
	add(d, { file: 'wrong-root.tbx', description: 'XML whose root is not tbx', expect: err('tbx_not_tbx', 'not TBX', 'pas du TBX', { line: 2 }) }, `${head}<tmx version="1.4"><body/></tmx>\n`);
	add(d, { file: 'wrong-namespace.tbx', description: 'a tbx root in a foreign namespace, TBX version 9: the concepts are still read', expect: { ok: true, units: 2 } }, good.replace('urn:iso:std:iso:30042:ed-2', 'urn:example:other').replace('type="TBX-Basic"', 'type="TBX-9"'));
	add(d, { file: 'no-term.tbx', description: 'a concept without a term', expect: err('tbx_no_term', 'has no term', 'aucun terme', { line: 5 }) }, tbx('<conceptEntry id="c9"><langSec xml:lang="fr"></langSec></conceptEntry>'));
	add(d, { file: 'duplicate.tbx', description: 'the same concept id twice', expect: err('tbx_duplicate', 'appears twice', 'apparaît deux fois', { line: 6 }) }, tbx([entry('c1', 'a', 'b'), entry('c1', 'c', 'd')].join('\n')));
	add(d, { file: 'mismatched-langs.tbx', description: 'a German–Italian termbase: stored as is (a termbase may hold any languages)', expect: { ok: true, units: 1 } }, tbx('<conceptEntry id="c1"><langSec xml:lang="de"><termSec><term>Rat</term></termSec></langSec><langSec xml:lang="it"><termSec><term>Consiglio</term></termSec></langSec></conceptEntry>'));
	add(d, { file: 'hostile.tbx', description: 'markup as text and a 10,000-character term', expect: { ok: true, units: 4, contains: '<script>window.__pwned = 1</script>' } }, tbx(HOSTILE.map((h, i) => entry(`h${i}`, h.replace(/&/g, '&amp;').replace(/</g, '&lt;'), `term ${i}`)).join('\n')));
	add(d, { file: 'long-line-100mb.tbx', generate: 'line', size: 100 * 1024 * 1024, description: 'a 100 MB single line', isolate: true, expect: err('file_too_large', 'the limit is 50 MB', 'la limite est de 50 Mo') });
	add(d, { file: 'deep-nesting.tbx', generate: 'tbx-deep', count: 200_000, description: '200,000 nested elements', isolate: true, expect: err('xml_too_deep', 'nested more than 1000 deep', 'imbriqués sur plus de 1000 niveaux') });
}

// ---------------------------------------------------------------- CSV / TSV
{
	const d = 'csv';
	const headerRow = 'Forbidden,Domain,Subdomain,Definition,fr,Notes,Example of use,en,Notes,Example of use';
	add(d, { file: 'empty.csv', description: 'zero bytes', expect: err('file_empty', 'is empty', 'est vide') }, '');
	add(d, { file: 'binary.csv', description: 'a PNG renamed .csv', expect: err('file_binary', 'binary file', 'fichier binaire') }, binary());
	add(d, { file: 'unterminated-quote.csv', description: 'a quoted cell never closed (truncated file)', expect: err('csv_invalid', 'invalid CSV', 'CSV invalide', { line: 2 }) }, `${headerRow}\nFALSE,,,,"Conseil,,,Council,,\n`);
	add(d, { file: 'invalid-utf8.csv', description: 'a stray 0xFF', expect: err('encoding_latin1', 'not UTF-8', 'pas en UTF-8', { line: 2, column: 13 }) }, Buffer.concat([Buffer.from(`${headerRow}\nFALSE,,,,Con`), Buffer.from([0xff]), Buffer.from('seil,,,Council,,\n')]));
	add(d, { file: 'latin1.csv', description: 'Latin-1 bytes', expect: err('encoding_latin1', 'Latin-1', 'Latin-1', { line: 2 }) }, latin1(`${headerRow}\nFALSE,,,,Été,,,Summer,,\n`));
	add(d, { file: 'utf16le-bom.csv', description: 'UTF-16 LE with BOM (as Excel writes "Unicode text")', expect: { ok: true, units: 1 } }, utf16le(`${headerRow}\nFALSE,,,,Été,,,Summer,,\n`));
	add(d, { file: 'utf16le-nobom.csv', description: 'UTF-16 LE without BOM', expect: err('encoding_unknown', 'utf-16le', 'utf-16le') }, utf16le(`${headerRow}\nFALSE,,,,Été,,,Summer,,\n`, false));
	add(d, { file: 'wrong-columns.csv', description: 'a CSV that is not a glossary', expect: err('csv_columns', 'wrong columns', 'colonnes incorrectes') }, 'name,age\nAlice,30\n');
	add(d, { file: 'header-only.csv', description: 'a header and no row', expect: { ok: true, units: 0 } }, `${headerRow}\n`);
	add(d, { file: 'mismatched-langs.csv', description: 'a German–Italian glossary: stored as is', expect: { ok: true, units: 1 } }, headerRow.replace(',fr,', ',de,').replace(',en,', ',it,') + '\nFALSE,,,,Rat,,,Consiglio,,\n');
	add(d, { file: 'hostile.csv', description: 'markup, formula injection, RTL override, a 10,000-character word', expect: { ok: true, units: 5, contains: '<script>window.__pwned = 1</script>' } }, [headerRow, ...HOSTILE.map((h) => `FALSE,,,,"${h.replace(/"/g, '""')}",,,x,,`), 'FALSE,,,,"=HYPERLINK(""http://evil"")",,,"+cmd|\' /C calc\'!A0",,'].join('\n') + '\n');
	add(d, { file: 'long-line-100mb.csv', generate: 'line', size: 100 * 1024 * 1024, description: 'a 100 MB single line', isolate: true, expect: err('file_too_large', 'the limit is 50 MB', 'la limite est de 50 Mo') });
	add(d, { file: 'million-rows.csv', generate: 'csv-units', count: 1_000_000, description: '10⁶ tiny glossary rows', isolate: true, slow: true, expect: { ok: true, units: 1_000_000 } });
	const t = 'tsv';
	const tsvHeader = headerRow.replace(/,/g, '\t');
	add(t, { format: 'tsv', file: 'ok.tsv', description: 'a plain TSV glossary', expect: { ok: true, units: 2 } }, `${tsvHeader}\nFALSE\t\t\t\tConseil\t\t\tCouncil\t\t\nFALSE\t\t\t\tAlliance\t\t\tAlliance\t\t\n`);
	add(t, { format: 'tsv', file: 'empty.tsv', description: 'zero bytes', expect: err('file_empty', 'is empty', 'est vide') }, '');
	add(t, { format: 'tsv', file: 'wrong-columns.tsv', description: 'a TSV that is not a glossary', expect: err('csv_columns', 'wrong columns', 'colonnes incorrectes') }, 'a\tb\n1\t2\n');
	add(t, { format: 'tsv', file: 'ragged.tsv', description: 'a row with more cells than the header: the extra cells are ignored', expect: { ok: true, units: 1 } }, `${tsvHeader}\nFALSE\t\t\t\tConseil\t\t\tCouncil\t\t\textra\tmore\n`);
	add(t, { format: 'tsv', file: 'utf16be-bom.tsv', description: 'UTF-16 BE with BOM', expect: { ok: true, units: 1 } }, utf16be(`${tsvHeader}\nFALSE\t\t\t\tConseil\t\t\tCouncil\t\t\n`));
	add(t, { format: 'tsv', file: 'invalid-utf8.tsv', description: 'a stray 0xC3 at the end (truncated character)', expect: err('encoding_latin1', 'not UTF-8', 'pas en UTF-8', { line: 2 }) }, Buffer.concat([Buffer.from(`${tsvHeader}\nFALSE\t\t\t\tConseil\t\t\tCouncil\t\t`), Buffer.from([0xc3])]));
}

// ---------------------------------------------------------------- SRX
{
	const d = 'srx';
	const head = '<?xml version="1.0" encoding="UTF-8"?>\n';
	const srx = (rules: string, doctype = '', version = '2.0') =>
		`${head}${doctype}\n<srx xmlns="http://www.lisa.org/srx20" version="${version}">\n<header segmentsubflows="yes" cascade="yes"/>\n<body>\n<languagerules>\n<languagerule languagerulename="Fr">\n${rules}\n</languagerule>\n</languagerules>\n<maprules><languagemap languagepattern="fr.*" languagerulename="Fr"/></maprules>\n</body>\n</srx>\n`;
	const rule = (b: string, a: string, brk = 'yes') => `<rule break="${brk}"><beforebreak>${b}</beforebreak><afterbreak>${a}</afterbreak></rule>`;
	add(d, { file: 'ok.srx', description: 'a minimal valid SRX', expect: { ok: true, units: 2 } }, srx(rule('\\.', '\\s')));
	add(d, { file: 'empty.srx', description: 'zero bytes', expect: err('srx_invalid', 'invalid SRX file', 'fichier SRX invalide') }, '');
	add(d, { file: 'binary.srx', description: 'a PNG renamed .srx', expect: err('file_binary', 'binary file', 'fichier binaire') }, binary());
	add(d, { file: 'invalid-utf8.srx', description: 'a stray 0xFF in a rule', expect: err('encoding_latin1', 'not UTF-8', 'pas en UTF-8', { line: 8 }) }, Buffer.concat([Buffer.from(srx(rule('\\.', '\\sX')).split('X')[0]), Buffer.from([0xff]), Buffer.from(srx(rule('\\.', '\\sX')).split('X')[1])]));
	add(d, { file: 'truncated.srx', description: 'cut inside the rules', expect: err('srx_invalid', 'invalid SRX file', 'fichier SRX invalide') }, srx(rule('\\.', '\\s')).slice(0, 200));
	add(d, { file: 'xxe-file.srx', description: 'external entity on a local file', expect: err('srx_invalid', 'DOCTYPE', 'DOCTYPE', { line: 2 }) }, srx(rule('&xxe;', '\\s'), XXE_FILE('srx')));
	add(d, { file: 'xxe-network.srx', description: 'external entity over the network', expect: err('srx_invalid', 'DOCTYPE', 'DOCTYPE', { line: 2 }) }, srx(rule('&xxe;', '\\s'), XXE_NET('srx')));
	add(d, { file: 'billion-laughs.srx', description: 'entity expansion bomb', expect: err('srx_invalid', 'DOCTYPE', 'DOCTYPE', { line: 2 }) }, srx(rule('&lol9;', '\\s'), LOL('srx')));
	add(d, { file: 'bad-regex.srx', description: 'a rule whose pattern does not compile', expect: err('srx_regex', 'cannot be used', 'inutilisable') }, srx(rule('([a-z', '\\s')));
	add(d, { file: 'wrong-root.srx', description: 'XML whose root is not srx', expect: err('srx_invalid', 'invalid SRX file', 'fichier SRX invalide', { line: 2 }) }, `${head}<tmx version="1.4"/>\n`);
	add(d, { file: 'wrong-version.srx', description: 'SRX version 9.0: read as 2.0 (the elements are the same)', expect: { ok: true, units: 2 } }, srx(rule('\\.', '\\s'), '', '9.0'));
	add(d, { file: 'mismatched-langs.srx', description: 'rules mapped to German only, asked for French', expect: err('srx_no_rules', 'No segmentation rule', 'Aucune règle') }, srx(rule('\\.', '\\s')).replace('languagepattern="fr.*"', 'languagepattern="de.*"'));
	add(d, { file: 'deep-nesting.srx', generate: 'srx-deep', count: 200_000, description: '200,000 nested elements', isolate: true, expect: err('xml_too_deep', 'nested more than 1000 deep', 'imbriqués sur plus de 1000 niveaux') });
}

// ---------------------------------------------------------------- XLIFF (re-import into the worker's document: ids 0 and 1, fr-FR→en-GB)
{
	const d = 'xliff';
	const head = '<?xml version="1.0" encoding="UTF-8"?>\n';
	const x12 = (units: string, doctype = '', ns = 'urn:oasis:names:tc:xliff:document:1.2', version = '1.2', docNote = '') =>
		`${head}${doctype}\n<xliff version="${version}" xmlns="${ns}">\n<file original="a.txt" source-language="fr-FR" target-language="en-GB" datatype="plaintext">${docNote}<body>\n${units}\n</body></file>\n</xliff>\n`;
	const unit = (id: string, s: string, t: string) => `<trans-unit id="${id}"><source>${s}</source><target>${t}</target></trans-unit>`;
	const good = x12(unit('0', 'Le Conseil se réunit.', 'The Council meets at the Élysée.'));
	const x20 = `${head}<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="fr-FR" trgLang="en-GB">\n<file id="f1"><unit id="1"><segment><source>L’Alliance décide.</source><target>The Alliance decides.</target></segment></unit></file>\n</xliff>\n`;
	add(d, { file: 'ok-1.2.xlf', description: 'a returned XLIFF 1.2: one target applied', expect: { ok: true, units: 1, contains: 'The Council meets at the Élysée.' } }, good);
	add(d, { file: 'ok-2.0.xlf', description: 'a returned XLIFF 2.0: one target applied', expect: { ok: true, units: 1, contains: 'The Alliance decides.' } }, x20);
	add(d, { file: 'utf16le-bom.xlf', description: 'UTF-16 LE with BOM', expect: { ok: true, units: 1, contains: 'The Council meets at the Élysée.' } }, utf16le(good.replace('UTF-8', 'UTF-16')));
	add(d, { file: 'utf16be-bom.xlf', description: 'UTF-16 BE with BOM', expect: { ok: true, units: 1, contains: 'The Council meets at the Élysée.' } }, utf16be(good.replace('UTF-8', 'UTF-16')));
	add(d, { file: 'utf16le-nobom.xlf', description: 'UTF-16 LE without BOM (known from the bytes of <?xml)', expect: { ok: true, units: 1, contains: 'The Council meets at the Élysée.' } }, utf16le(good.replace('UTF-8', 'UTF-16'), false));
	add(d, { file: 'utf16be-nobom.xlf', description: 'UTF-16 BE without BOM (known from the bytes of <?xml)', expect: { ok: true, units: 1, contains: 'The Council meets at the Élysée.' } }, utf16be(good.replace('UTF-8', 'UTF-16'), false));
	add(d, { file: 'hostile.xlf', description: 'markup (escaped), RTL override, zero-width characters, a 10,000-character word as a target', expect: { ok: true, units: 1, contains: '<script>window.__pwned = 1</script>' } }, x12(unit('0', 'Le Conseil se réunit.', HOSTILE.map((h) => h.replace(/&/g, '&amp;').replace(/</g, '&lt;')).join(' '))));
	add(d, { file: 'empty.xlf', description: 'zero bytes', expect: err('file_empty', 'is empty', 'est vide', { file: 'empty.xlf' }) }, '');
	add(d, { file: 'binary.xlf', description: 'a PNG renamed .xlf', expect: err('encoding_invalid_utf8', 'not valid UTF-8', 'pas de l’UTF-8 valide', { offset: 0 }) }, binary());
	add(d, { file: 'truncated.xlf', description: 'cut inside a unit', expect: err('xliff_invalid', 'not a valid XLIFF file', 'fichier XLIFF invalide', { line: 5, column: 65 }) }, good.slice(0, good.indexOf('The Council')));
	add(d, { file: 'invalid-utf8.xlf', description: 'a stray 0xFF', expect: err('encoding_invalid_utf8', 'not valid UTF-8', 'pas de l’UTF-8 valide', { offset: 200 }) }, Buffer.concat([Buffer.from(good.slice(0, 200)), Buffer.from([0xff]), Buffer.from(good.slice(200))]));
	add(d, { file: 'xxe-file.xlf', description: 'external entity on a local file', expect: err('xliff_entity', 'DOCTYPE', 'DOCTYPE', { line: 2 }) }, x12(unit('0', '&xxe;', 'x'), XXE_FILE('xliff')));
	add(d, { file: 'xxe-network.xlf', description: 'external entity over the network', expect: err('xliff_entity', 'DOCTYPE', 'DOCTYPE', { line: 2 }) }, x12(unit('0', '&xxe;', 'x'), XXE_NET('xliff')));
	add(d, { file: 'xxe-parameter.xlf', description: 'external parameter entity (a remote DTD)', expect: err('xliff_entity', 'DOCTYPE', 'DOCTYPE', { line: 2 }) }, x12(unit('0', 'a', 'x'), XXE_PARAM('xliff')));
	add(d, { file: 'billion-laughs.xlf', description: 'entity expansion bomb', expect: err('xliff_entity', 'DOCTYPE', 'DOCTYPE', { line: 2 }) }, x12(unit('0', '&lol9;', 'x'), LOL('xliff')));
	add(d, { file: 'undeclared-entity.xlf', description: 'an entity reference with no DOCTYPE', expect: err('xliff_invalid', 'not a valid XLIFF file', 'fichier XLIFF invalide', { line: 5, column: 32 }) }, x12(unit('0', '&xxe;', 'x')));
	add(d, { file: 'wrong-version.xlf', description: 'XLIFF version 9.0 in an unknown namespace', expect: err('xliff_not_xliff', '9.0', '9.0', { line: 3, column: 1 }) }, x12(unit('0', 'a', 'x'), '', 'urn:oasis:names:tc:xliff:document:9.0', '9.0'));
	add(d, { file: 'wrong-namespace.xlf', description: 'version 1.2 in a foreign namespace', expect: err('xliff_not_xliff', 'urn:example:not-xliff', 'urn:example:not-xliff', { line: 3, column: 1 }) }, x12(unit('0', 'a', 'x'), '', 'urn:example:not-xliff'));
	add(d, { file: 'wrong-root.xlf', description: 'a TMX file named .xlf', expect: err('xliff_not_xliff', 'tmx', 'tmx', { line: 2, column: 1 }) }, `${head}<tmx version="1.4"><header/><body/></tmx>\n`);
	add(d, { file: 'mismatched-langs.xlf', description: 'a de→it file re-imported into a fr→en document: refused as a whole', expect: err('reimport_blocked', 'de-DE→it-IT', 'de-DE→it-IT', { file: 'mismatched-langs.xlf' }) }, good.replace('fr-FR', 'de-DE').replace('en-GB', 'it-IT'));
	add(d, { file: 'other-document.xlf', description: 'a file exported from another document: refused as a whole', expect: err('reimport_blocked', 'document 999', 'document 999', { file: 'other-document.xlf' }) }, x12(unit('0', 'Le Conseil se réunit.', 'x'), '', undefined, undefined, '<header><note from="atelier:document">999</note></header>'));
	add(d, { file: 'deep-nesting.xlf', generate: 'xliff-deep', count: 200_000, description: '200,000 nested inline elements in a source', isolate: true, expect: err('xml_too_deep', 'nested more than 1000 deep', 'imbriqués sur plus de 1000 niveaux', { line: 1 }) });
	add(d, { file: 'long-line-100mb.xlf', generate: 'line', size: 100 * 1024 * 1024, description: 'a 100 MB single line', isolate: true, expect: err('file_too_large', 'the limit is 50 MB', 'la limite est de 50 Mo') });
}

async function docxCases() {
	const d = 'docx';
	const sample = await sampleDocx();
	const rezip = async (edit: (z: JSZip) => void | Promise<void>, opts: JSZip.JSZipGeneratorOptions<'uint8array'> = {}) => {
		const z = await JSZip.loadAsync(sample);
		await edit(z);
		return z.generateAsync({ type: 'uint8array', compression: 'DEFLATE', ...opts });
	};
	const docXml = (await (await JSZip.loadAsync(sample)).file('word/document.xml')!.async('string'));
	const withBody = (doctype: string, text: string) => {
		const x = docXml.replace(/^(<\?xml[^>]*\?>)/, `$1${doctype}`);
		return x.replace(/<w:t(?: [^>]*)?>Consolider l’Europe<\/w:t>/, `<w:t>${text}</w:t>`);
	};
	add('txt', { format: 'txt', file: 'zip-named.txt', description: 'a .docx renamed .txt', expect: err('file_binary', 'binary file', 'fichier binaire') }, sample);
	add(d, { file: 'empty.docx', description: 'zero bytes', expect: err('file_empty', 'is empty', 'est vide') }, '');
	add(d, { file: 'not-zip.docx', description: 'text named .docx', expect: err('docx_not_zip', 'not a ZIP archive', 'pas une archive ZIP') }, 'Bonjour.\n');
	add(d, { file: 'truncated.docx', description: 'the first half of a real .docx', expect: err('docx_invalid', 'could not be read', 'n’a pas pu être lu') }, sample.subarray(0, Math.floor(sample.length / 2)));
	add(d, { file: 'no-document.docx', description: 'a ZIP without word/document.xml', expect: err('docx_invalid', 'could not be read', 'n’a pas pu être lu') }, await rezip((z) => void z.remove('word/document.xml')));
	add(d, { file: 'odt-renamed.docx', description: 'a ZIP of another kind (OpenDocument)', expect: err('docx_invalid', 'could not be read', 'n’a pas pu être lu') }, await (async () => { const z = new JSZip(); z.file('mimetype', 'application/vnd.oasis.opendocument.text'); z.file('content.xml', '<office:document-content/>'); return z.generateAsync({ type: 'uint8array' }); })());
	add(d, { file: 'malformed-xml.docx', description: 'word/document.xml is not well-formed', expect: err('docx_invalid', 'could not be read', 'n’a pas pu être lu') }, await rezip((z) => void z.file('word/document.xml', docXml.slice(0, docXml.length / 2))));
	add(d, { file: 'path-traversal.docx', description: 'entry names ../../etc/cron.d/x and /tmp/abs', expect: err('docx_unsafe_entry', 'points outside the document', 'pointe hors du document', { file: 'path-traversal.docx' }) }, await rezip((z) => { z.file('../../evil.sh', '#!/bin/sh\necho pwned\n'); z.file('/tmp/abs.txt', 'x'); }));
	add(d, { file: 'xxe-file.docx', description: 'document.xml with an external entity on a local file', expect: err('xml_doctype', 'declares a DOCTYPE', 'déclare un DOCTYPE') }, await rezip((z) => void z.file('word/document.xml', withBody(XXE_FILE('w:document'), '&xxe;'))));
	add(d, { file: 'xxe-network.docx', description: 'document.xml with an external entity over the network', expect: err('xml_doctype', 'declares a DOCTYPE', 'déclare un DOCTYPE') }, await rezip((z) => void z.file('word/document.xml', withBody(XXE_NET('w:document'), '&xxe;'))));
	add(d, { file: 'billion-laughs.docx', description: 'document.xml with an entity expansion bomb', expect: err('xml_doctype', 'declares a DOCTYPE', 'déclare un DOCTYPE') }, await rezip((z) => void z.file('word/document.xml', withBody(LOL('w:document'), '&lol9;'))));
	add(d, { file: 'rels-xxe.docx', description: 'an entity in word/_rels/document.xml.rels', expect: err('xml_doctype', 'declares a DOCTYPE', 'déclare un DOCTYPE') }, await rezip(async (z) => { const r = await z.file('word/_rels/document.xml.rels')!.async('string'); z.file('word/_rels/document.xml.rels', r.replace(/^(<\?xml[^>]*\?>)/, `$1${XXE_FILE('Relationships')}`)); }));
	add(d, { file: 'no-text.docx', description: 'a document whose paragraphs are all empty', expect: err('no_text', 'no text', 'aucun texte') }, await rezip(async (z) => { z.file('word/document.xml', docXml.replace(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g, '')); const f = await z.file('word/footnotes.xml')!.async('string'); z.file('word/footnotes.xml', f.replace(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g, '')); }));
	add(d, { file: 'wrong-namespace.docx', description: 'document.xml in a foreign namespace', expect: err('docx_invalid', 'could not be read', 'n’a pas pu être lu') }, await rezip((z) => void z.file('word/document.xml', docXml.replace(/http:\/\/schemas.openxmlformats.org\/wordprocessingml\/2006\/main/g, 'urn:example:not-word'))));
	add(d, { file: 'hostile.docx', description: 'markup as text, RTL override, zero-width, a 10,000-character word', expect: { ok: true, contains: '<script>window.__pwned = 1</script>' } }, await rezip((z) => void z.file('word/document.xml', withBody('', HOSTILE.map((h) => h.replace(/&/g, '&amp;').replace(/</g, '&lt;')).join(' ')))));
	add(d, { file: 'zip-bomb.docx', generate: 'docx-bomb', size: 300 * 1024 * 1024, description: 'document.xml inflating to 300 MB (300 kB compressed): inflation stops at the cap', isolate: true, expect: err('docx_too_large', 'more than 64 MB', 'dépasserait 64 Mo') });
	add(d, { file: 'media-bomb.docx', generate: 'docx-media-bomb', size: 1024 * 1024 * 1024, description: 'an image inflating to 1 GB (refused from the sizes the archive declares; images are never inflated anyway)', isolate: true, expect: err('docx_too_large', 'more than 512 MB', 'dépasserait 512 Mo') });
	add(d, { file: 'deep-nesting.docx', generate: 'docx-deep', count: 200_000, description: '200,000 nested elements in document.xml', isolate: true, expect: err('xml_too_deep', 'nested more than 1000 deep', 'imbriqués sur plus de 1000 niveaux') });
	// bilingual DOCX re-import (into the worker's document)
	const bi = (m: Omit<CaseManifest, 'format'>, bytes: string | Uint8Array) => add('docx-bilingual', { format: 'docx-bilingual', ...m }, bytes);
	bi({ file: 'not-bilingual.docx', description: 'an ordinary .docx given as a bilingual table', expect: err('review_docx_not_table', 'has no table', 'aucun tableau', { file: 'not-bilingual.docx' }) }, sample);
	bi({ file: 'truncated.docx', description: 'a bilingual table file cut short', expect: err('docx_invalid', 'could not be read', 'n’a pas pu être lu', { file: 'truncated.docx' }) }, sample.subarray(0, 1000));
	bi({ file: 'empty.docx', description: 'zero bytes', expect: err('docx_not_zip', 'not a ZIP archive', 'pas une archive ZIP', { file: 'empty.docx' }) }, '');
	bi({ file: 'not-zip.docx', description: 'text named .docx', expect: err('docx_not_zip', 'not a ZIP archive', 'pas une archive ZIP', { file: 'not-zip.docx' }) }, 'Bonjour.\n');
	bi({ file: 'xxe-file.docx', description: 'document.xml with an external entity on a local file', expect: err('xml_doctype', 'declares a DOCTYPE', 'déclare un DOCTYPE', { file: 'xxe-file.docx', line: 1 }) }, await rezip((z) => void z.file('word/document.xml', withBody(XXE_FILE('w:document'), '&xxe;'))));
	bi({ file: 'billion-laughs.docx', description: 'document.xml with an entity expansion bomb', expect: err('xml_doctype', 'declares a DOCTYPE', 'déclare un DOCTYPE', { file: 'billion-laughs.docx', line: 1 }) }, await rezip((z) => void z.file('word/document.xml', withBody(LOL('w:document'), '&lol9;'))));
	bi({ file: 'malformed-xml.docx', description: 'word/document.xml is not well-formed', expect: err('docx_invalid', 'could not be read', 'n’a pas pu être lu', { file: 'malformed-xml.docx' }) }, await rezip((z) => void z.file('word/document.xml', docXml.slice(0, docXml.length / 2))));
}

await docxCases();
rmSync(root, { recursive: true, force: true });
for (const c of cases) {
	const dir = join(root, c.dir);
	mkdirSync(dir, { recursive: true });
	if (c.bytes) writeFileSync(join(dir, c.manifest.file), c.bytes);
	writeFileSync(join(dir, `${c.manifest.file}.case.json`), JSON.stringify(c.manifest, null, '\t') + '\n');
}
console.log(`${cases.length} cases written under ${root}`);
