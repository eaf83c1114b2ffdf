/**
 * The large cases of the corpus, built on first use into a cache folder (they are too big to
 * commit and slow to rebuild): a 100 MB line, 10⁶ units, deep nesting, zip bombs.
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { sampleDocx } from '../helpers/docx.js';
import type { CaseManifest } from './types.js';

export const cacheDir = process.env.ROBUSTNESS_CACHE ?? join(tmpdir(), 'atelier-robustness-cache');

/** Path of the generated file for a case (built now if missing). */
export async function generatedFile(c: CaseManifest): Promise<string> {
	mkdirSync(cacheDir, { recursive: true });
	const path = join(cacheDir, `${c.generate}-${c.size ?? c.count ?? 0}-${c.file}`);
	if (existsSync(path)) return path;
	const tmp = `${path}.${process.pid}.part`;
	const fd = openSync(tmp, 'w');
	const w = (s: string | Uint8Array) => void writeSync(fd, typeof s === 'string' ? Buffer.from(s) : s);
	try {
		await GENERATORS[c.generate!](w, c);
	} finally {
		closeSync(fd);
	}
	renameSync(tmp, path);
	return path;
}

type Gen = (w: (s: string | Uint8Array) => void, c: CaseManifest) => void | Promise<void>;

const MB = 1024 * 1024;
/** `size` bytes of "mot " on one line, written a megabyte at a time. */
function oneLine(w: (s: Uint8Array) => void, size: number) {
	const chunk = Buffer.alloc(MB, 'mot ');
	for (let n = 0; n < size; n += MB) w(n + MB <= size ? chunk : chunk.subarray(0, size - n));
}
const TMX_HEAD = '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="fr-FR" datatype="plaintext"/><body>';
const TBX_HEAD = '<?xml version="1.0" encoding="UTF-8"?><tbx type="TBX-Basic" style="dca" xml:lang="fr" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>';
const SRX_HEAD = '<?xml version="1.0" encoding="UTF-8"?><srx xmlns="http://www.lisa.org/srx20" version="2.0"><header segmentsubflows="yes" cascade="yes"/><body><languagerules><languagerule languagerulename="Fr">';

const GENERATORS: Record<string, Gen> = {
	line: (w, c) => oneLine(w, c.size!),
	'txt-units': (w, c) => {
		// distinct sentences: identical lines would be removed as running headers
		let buf = '';
		for (let i = 0; i < c.count!; i++) {
			buf += `Vu ${i.toString(36)}.\n\n`;
			if (buf.length > MB) (w(buf), (buf = ''));
		}
		w(buf);
	},
	'tmx-line': (w, c) => {
		w(`${TMX_HEAD}<tu><tuv xml:lang="fr-FR"><seg>`);
		oneLine(w, c.size! - 300);
		w('</seg></tuv><tuv xml:lang="en-GB"><seg>x</seg></tuv></tu></body></tmx>');
	},
	'tmx-deep': (w, c) => {
		w(`${TMX_HEAD}<tu><tuv xml:lang="fr-FR"><seg>`);
		w('<hi>'.repeat(c.count!) + 'x' + '</hi>'.repeat(c.count!));
		w('</seg></tuv><tuv xml:lang="en-GB"><seg>x</seg></tuv></tu></body></tmx>');
	},
	'tmx-units': (w, c) => {
		w(TMX_HEAD + '\n');
		let buf = '';
		for (let i = 0; i < c.count!; i++) {
			buf += `<tu><tuv xml:lang="fr-FR"><seg>m${i}</seg></tuv><tuv xml:lang="en-GB"><seg>w${i}</seg></tuv></tu>\n`;
			if (buf.length > MB) (w(buf), (buf = ''));
		}
		w(buf + '</body></tmx>\n');
	},
	'tbx-deep': (w, c) => {
		w(`${TBX_HEAD}<conceptEntry id="c1"><langSec xml:lang="fr"><termSec><term>a</term>`);
		w('<note>'.repeat(c.count!) + 'x' + '</note>'.repeat(c.count!));
		w('</termSec></langSec></conceptEntry></body></text></tbx>');
	},
	'srx-deep': (w, c) => {
		w(SRX_HEAD);
		w('<x>'.repeat(c.count!) + '</x>'.repeat(c.count!));
		w('<rule break="yes"><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule></languagerule></languagerules><maprules><languagemap languagepattern="fr.*" languagerulename="Fr"/></maprules></body></srx>');
	},
	'xliff-deep': (w, c) => {
		w('<?xml version="1.0" encoding="UTF-8"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a.txt" source-language="fr-FR" target-language="en-GB" datatype="plaintext"><body><trans-unit id="0"><source>');
		w('<g id="1">'.repeat(c.count!) + 'x' + '</g>'.repeat(c.count!));
		w('</source><target>y</target></trans-unit></body></file></xliff>');
	},
	'csv-units': (w, c) => {
		w('Forbidden,Domain,Subdomain,Definition,fr,Notes,Example of use,en,Notes,Example of use\n');
		let buf = '';
		for (let i = 0; i < c.count!; i++) {
			buf += `FALSE,,,,m${i},,,w${i},,\n`;
			if (buf.length > MB) (w(buf), (buf = ''));
		}
		w(buf);
	},
	'docx-bomb': async (w, c) => {
		const doc = await sampleEntries();
		const xml = doc.get('word/document.xml')!.toString('utf8');
		const at = xml.indexOf('Consolider');
		doc.delete('word/document.xml');
		await writeZip(w, doc, { name: 'word/document.xml', prefix: xml.slice(0, at), fill: c.size!, suffix: xml.slice(at) });
	},
	'docx-media-bomb': async (w, c) => {
		const doc = await sampleEntries();
		await writeZip(w, doc, { name: 'word/media/image1.png', prefix: '', fill: c.size!, suffix: '' });
	},
	'docx-deep': async (w, c) => {
		const doc = await sampleEntries();
		const xml = doc.get('word/document.xml')!.toString('utf8');
		const at = xml.indexOf('<w:body>') + '<w:body>'.length;
		doc.set('word/document.xml', Buffer.from(xml.slice(0, at) + '<w:sdt>'.repeat(c.count!) + '</w:sdt>'.repeat(c.count!) + xml.slice(at)));
		await writeZip(w, doc);
	}
};

async function sampleEntries(): Promise<Map<string, Buffer>> {
	const z = await JSZip.loadAsync(await sampleDocx());
	const out = new Map<string, Buffer>();
	for (const name of Object.keys(z.files)) if (!z.files[name].dir) out.set(name, await z.files[name].async('nodebuffer'));
	return out;
}

/**
 * A ZIP written by hand so that one entry can be a bomb: `fill` bytes of "a" between a prefix
 * and a suffix, deflated a megabyte at a time (the archive stays about 1/1000 of that).
 */
async function writeZip(w: (s: Uint8Array) => void, entries: Map<string, Buffer>, bomb?: { name: string; prefix: string; fill: number; suffix: string }) {
	const { createDeflateRaw } = await import('node:zlib');
	const central: Buffer[] = [];
	let offset = 0;
	const put = (b: Buffer) => {
		w(b);
		offset += b.length;
	};
	const entry = (name: string, data: Buffer, crc: number, size: number) => {
		const n = Buffer.from(name);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(8, 8);
		local.writeUInt32LE(crc >>> 0, 14);
		local.writeUInt32LE(data.length, 18);
		local.writeUInt32LE(size >>> 0, 22);
		local.writeUInt16LE(n.length, 26);
		const cd = Buffer.alloc(46);
		cd.writeUInt32LE(0x02014b50, 0);
		cd.writeUInt16LE(20, 4);
		cd.writeUInt16LE(20, 6);
		cd.writeUInt16LE(8, 10);
		cd.writeUInt32LE(crc >>> 0, 16);
		cd.writeUInt32LE(data.length, 20);
		cd.writeUInt32LE(size >>> 0, 24);
		cd.writeUInt16LE(n.length, 28);
		cd.writeUInt32LE(offset, 42);
		central.push(Buffer.concat([cd, n]));
		put(Buffer.concat([local, n]));
		put(data);
	};
	for (const [name, data] of entries) entry(name, deflateRawSync(data), crc32(data), data.length);
	if (bomb) {
		const z = createDeflateRaw({ level: 9 });
		const parts: Buffer[] = [];
		z.on('data', (d: Buffer) => parts.push(d));
		const done = new Promise((r) => z.on('end', r));
		let crc = 0;
		const feed = async (b: Buffer) => {
			crc = crc32(b, crc);
			if (!z.write(b)) await new Promise((r) => z.once('drain', r));
		};
		await feed(Buffer.from(bomb.prefix));
		const chunk = Buffer.alloc(MB, 'a');
		for (let n = 0; n < bomb.fill; n += MB) await feed(chunk);
		await feed(Buffer.from(bomb.suffix));
		z.end();
		await done;
		const size = Buffer.byteLength(bomb.prefix) + Math.ceil(bomb.fill / MB) * MB + Buffer.byteLength(bomb.suffix);
		entry(bomb.name, Buffer.concat(parts), crc, Math.min(size, 0xffffffff));
	}
	const cdStart = offset;
	const cd = Buffer.concat(central);
	put(cd);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(central.length, 8);
	end.writeUInt16LE(central.length, 10);
	end.writeUInt32LE(cd.length, 12);
	end.writeUInt32LE(cdStart, 16);
	put(end);
}
