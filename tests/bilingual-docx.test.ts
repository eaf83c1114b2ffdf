import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtelierError } from '../src/core/errors.js';
import type { BilingualDocument } from '../src/core/export/bilingual.js';
import { planReimport } from '../src/core/export/reimport.js';
import { columnOf, readBilingualDocx, statusOf } from '../src/core/formats/docx/bilingual-read.js';
import { STATUSES, writeBilingualDocx } from '../src/core/formats/docx/bilingual-write.js';
import { decodeIds, encodeIds, parseRowBookmark, rowBookmark } from '../src/core/formats/docx/text.js';
import { restoreInvisible, showInvisible } from '../src/core/formats/invisible.js';
import { createT } from '../src/lib/i18n/index.js';
import { HOSTILE, hostileDocument, seedAlignment, seedDocument } from './helpers/bilingual-fixture.js';
import { sampleDocx } from './helpers/docx.js';

const en = { t: createT('en'), uiLang: 'en' as const };
const fr = { t: createT('fr'), uiLang: 'fr' as const };
const rowsOf = (doc: BilingualDocument) => doc.paragraphs.flatMap((p) => p.rows);

/** Rewrites word/document.xml (and optionally adds parts), as a reviewer's editor would. */
async function edit(bytes: Uint8Array, fn: (xml: string) => string, extra: Record<string, string> = {}): Promise<Uint8Array> {
	const zip = await JSZip.loadAsync(bytes);
	zip.file('word/document.xml', fn(await zip.file('word/document.xml')!.async('string')));
	for (const [name, text] of Object.entries(extra)) zip.file(name, text);
	return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** The table's rows as XML strings, with the text before and after them. */
function splitRows(xml: string): { before: string; rows: string[]; after: string } {
	const start = xml.indexOf('<w:tr>');
	const end = xml.lastIndexOf('</w:tr>') + '</w:tr>'.length;
	return { before: xml.slice(0, start), rows: xml.slice(start, end).match(/<w:tr>.*?<\/w:tr>/gs)!, after: xml.slice(end) };
}
const joinRows = (p: ReturnType<typeof splitRows>) => p.before + p.rows.join('') + p.after;
const cells = (row: string) => row.match(/<w:tc>.*?<\/w:tc>/gs)!;
/** Applies `fn` to the cells of every row (header included). */
const mapCells = (xml: string, fn: (cs: string[]) => string[]) => {
	const p = splitRows(xml);
	p.rows = p.rows.map((r) => {
		const cs = cells(r);
		const head = r.slice(0, r.indexOf('<w:tc>'));
		return head + fn(cs).join('') + '</w:tr>';
	});
	return joinRows(p);
};
const setCellText = (cell: string, text: string) =>
	cell.replace(/<w:p>.*<\/w:p>|<w:p\/>/s, `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`);

function python(script: string, ...args: string[]): string {
	return execFileSync('/usr/bin/python3', ['-c', script, ...args], { encoding: 'utf8' });
}

let dir: string;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'atelier-bidocx-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('helpers', () => {
	it('row bookmarks carry any id within Word’s 40 characters', () => {
		for (const id of ['0', '12345', 't3', 'a/b c', 'é'.repeat(5), 'x12']) {
			const name = rowBookmark(9, id);
			expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,39}$/);
			expect(parseRowBookmark(name)).toEqual({ documentId: 9, id, version: null });
			expect(parseRowBookmark(rowBookmark(9, id, 14))).toEqual({ documentId: 9, id, version: 14 });
		}
		expect(rowBookmark(123456, 'é'.repeat(30), 5).length).toBeLessThanOrEqual(40);
		expect(parseRowBookmark('_GoBack')).toBeNull();
	});
	it('invisible characters are shown as marks and restored from them', () => {
		const s = 'a\u202Eb\u200Bc\uFEFF d\u00ADe ⟦U+0041⟧';
		expect(showInvisible(s)).toBe('a⟦U+202E⟧b⟦U+200B⟧c⟦U+FEFF⟧ d\u00ADe ⟦U+0041⟧');
		expect(restoreInvisible(showInvisible(s))).toBe(s);
	});
	it('ids compress to ranges and back', () => {
		const ids = ['0', '1', '2', '3', '7', '9', '10', 't4'];
		expect(encodeIds(ids)).toBe('0-3,7,9-10,t4');
		expect(decodeIds(encodeIds(ids))).toEqual(ids);
		expect(decodeIds('5-1')).toBeNull();
	});
	it('header and status labels of both UI languages are recognised by the reader', () => {
		for (const { t } of [en, fr]) {
			for (const c of ['number', 'source', 'target', 'status', 'comment'] as const) expect(columnOf(t(`bilingual.col.${c}`)), c).toBe(c);
			expect(columnOf(`${t('bilingual.col.target')} (en-GB)`)).toBe('target');
			for (const s of STATUSES) expect(statusOf(t(`bilingual.status.${s}`)), s).toBe(s);
		}
		expect(statusOf('Revise')).toBe('reviewed');
		expect(statusOf('maybe')).toBeNull();
	});
});

describe('writeBilingualDocx', () => {
	const doc = seedDocument('bucharest-summit-2008');

	it('is read by python-docx: one table, header + a row per segment, every cell’s text', async () => {
		const file = join(dir, 'seed.docx');
		writeFileSync(file, await writeBilingualDocx(doc, en));
		const out = JSON.parse(
			python(
				`import docx, json, sys
d = docx.Document(sys.argv[1])
s = d.sections[0]
print(json.dumps({"tables": len(d.tables), "rows": [[c.text for c in r.cells] for r in d.tables[0].rows],
  "landscape": s.page_width > s.page_height, "width_mm": round(s.page_width.mm), "height_mm": round(s.page_height.mm),
  "repeat": d.tables[0].rows[0]._tr.trPr.xpath("./w:tblHeader") != []}))`,
				file
			)
		);
		expect(out.tables).toBe(1);
		expect(out.landscape).toBe(true);
		expect([out.width_mm, out.height_mm]).toEqual([297, 210]);
		expect(out.repeat).toBe(true);
		expect(out.rows[0]).toEqual(['No.', 'Source (fr-FR)', 'Target (en-GB)', 'Status', 'Comment']);
		const rows = rowsOf(doc);
		expect(out.rows).toHaveLength(rows.length + 1);
		rows.forEach((r, i) => {
			expect(out.rows[i + 1]).toEqual([String(r.number), r.source, r.target ?? '', en.t(`bilingual.status.${r.status}`), r.comment ?? '']);
		});
	});

	it('round-trips through our reader: ids, numbers, texts, statuses, document and languages', async () => {
		const back = await readBilingualDocx(await writeBilingualDocx(doc, en), { file: 'r.docx' });
		expect(back).toMatchObject({ format: 'docx', file: 'r.docx', documentId: 7, sourceLang: 'fr-FR', targetLang: 'en-GB' });
		expect(back.table).toMatchObject({ missing: [], reordered: false, idsFromNumbers: 0, unknownStatuses: [] });
		expect(back).toMatchObject({ exportedAt: '2026-11-23T03:00:00Z', origin: 'document' });
		expect(back.rows.map(({ id, number, source, target, status, comment, version }) => ({ id, number, source, target, status, comment, version }))).toEqual(
			rowsOf(doc).map((r) => ({ id: r.id, number: r.number, source: r.source, target: r.target, status: r.status, comment: r.comment ?? null, version: r.version }))
		);
		expect(back.rows[4].location).toEqual({ file: 'r.docx', line: 6, document: 7 });
	});

	it('writes a tab and a line break in a segment as Word elements, and reads them back as they were', async () => {
		const d = structuredClone(doc);
		const row = d.paragraphs.flatMap((p) => p.rows).find((r) => r.target)!;
		row.target = 'Line one\nline two\tend';
		const bytes = await writeBilingualDocx(d, en);
		const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
		expect(xml).toContain('Line one</w:t><w:br/><w:t xml:space="preserve">line two</w:t><w:tab/><w:t xml:space="preserve">end');
		expect(xml).not.toMatch(/<w:t[^>]*>[^<]*[\t\n][^<]*<\/w:t>/);
		const back = await readBilingualDocx(bytes, { file: 'br.docx' });
		expect(back.rows.find((r) => r.id === row.id)!.target).toBe('Line one\nline two\tend');
	});

	it('round-trips an alignment (bead ids) and a French table', async () => {
		const al = seedAlignment('nrc-chairman-statement-2008');
		const back = await readBilingualDocx(await writeBilingualDocx(al, fr), { file: 'a.docx' });
		expect(back.rows.map((r) => [r.id, r.target, r.status])).toEqual(rowsOf(al).map((r) => [r.id, r.target, r.status]));
		const py = python('import docx,sys; print(docx.Document(sys.argv[1]).tables[0].rows[0].cells[2].text)', await fileOf(await writeBilingualDocx(al, fr)));
		expect(py.trim()).toBe('Cible (en-GB)');
	});

	it('keeps hostile text exactly, inert (no field, no hyperlink), and the long word in a fixed-width cell', async () => {
		const bytes = await writeBilingualDocx(hostileDocument(), en);
		const back = await readBilingualDocx(bytes, { file: 'h.docx' });
		const targets = back.rows.map((r) => r.target);
		const sources = back.rows.map((r) => r.source);
		for (const s of [HOSTILE.script, HOSTILE.link, HOSTILE.zw, HOSTILE.formula]) expect(sources).toContain(s);
		for (const s of [HOSTILE.img, HOSTILE.rtl, HOSTILE.long]) expect(targets).toContain(s);
		const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
		expect(xml).not.toMatch(/<script|<w:hyperlink|<w:fldSimple|<w:instrText/);
		expect(xml).toContain('&lt;script&gt;');
		expect(xml).toContain('<w:tblLayout w:type="fixed"/>');
		// a bidi override or a zero-width character is written as a visible red mark, not applied
		expect(xml).not.toMatch(/[\u202E\u202C\u200B\u200D\uFEFF]/);
		expect(xml).toMatch(/<w:color w:val="A00000"\/>.*?<w:t xml:space="preserve">⟦U\+202E⟧<\/w:t>/);
	});
});

async function fileOf(bytes: Uint8Array, name = `f${Math.random().toString(36).slice(2)}.docx`): Promise<string> {
	const f = join(dir, name);
	writeFileSync(f, bytes);
	return f;
}

describe('readBilingualDocx: what a reviewer did', () => {
	const doc = seedDocument('nrc-chairman-statement-2008');
	let bytes: Uint8Array;
	beforeAll(async () => {
		bytes = await writeBilingualDocx(doc, en);
	});

	it('a changed target, status and comment', async () => {
		const edited = await edit(bytes, (xml) =>
			mapCells(xml, (cs) => {
				if (!cs[0].includes('>3</w:t>')) return cs;
				return [cs[0], cs[1], setCellText(cs[2], 'A better sentence.'), setCellText(cs[3], 'Révisé'), setCellText(cs[4], 'tone &amp; style')];
			})
		);
		const back = await readBilingualDocx(edited, { file: 'e.docx' });
		const r = back.rows.find((x) => x.number === 3)!;
		expect(r).toMatchObject({ id: '2', target: 'A better sentence.', status: 'reviewed', comment: 'tone & style' });
		expect(back.rows.filter((x) => x.target !== rowsOf(doc).find((d) => d.id === x.id)!.target)).toHaveLength(1);
	});

	it('reordered rows: each row keeps its id, in the new order', async () => {
		const edited = await edit(bytes, (xml) => {
			const p = splitRows(xml);
			[p.rows[2], p.rows[5]] = [p.rows[5], p.rows[2]];
			return joinRows(p);
		});
		const back = await readBilingualDocx(edited, { file: 'o.docx' });
		expect(back.rows.slice(0, 5).map((r) => r.id)).toEqual(['0', '4', '2', '3', '1']);
		expect(back.rows[1]).toMatchObject({ number: 5, source: rowsOf(doc)[4].source, location: { line: 3 } });
	});

	it('a deleted column is reported missing, and the others are still read right', async () => {
		const edited = await edit(bytes, (xml) => mapCells(xml.replace(/<w:gridCol w:w="1300"\/>/, ''), (cs) => [cs[0], cs[1], cs[2], cs[4]]));
		const back = await readBilingualDocx(edited, { file: 'd.docx' });
		expect(back.table.missing).toEqual(['status']);
		expect(back.table.columns).toEqual(['number', 'source', 'target', 'comment']);
		expect(back.rows.every((r) => r.status === null)).toBe(true);
		expect(back.rows.map((r) => r.target)).toEqual(rowsOf(doc).map((r) => r.target));
	});

	it('the target column deleted: nothing can be read, a located error says which column', async () => {
		const edited = await edit(bytes, (xml) => mapCells(xml, (cs) => [cs[0], cs[1], cs[3], cs[4]]));
		const err = await readBilingualDocx(edited, { file: 'nt.docx' }).catch((e) => e);
		expect(err).toBeInstanceOf(AtelierError);
		expect(err).toMatchObject({ code: 'review_docx_columns', location: { file: 'nt.docx', line: 1 } });
		expect(err.params.found).toBe('No., Source (fr-FR), Status, Comment');
	});

	it('reordered columns are read by their headers, and flagged', async () => {
		const edited = await edit(bytes, (xml) => mapCells(xml, (cs) => [cs[2], cs[0], cs[4], cs[1], cs[3]]));
		const back = await readBilingualDocx(edited, { file: 'c.docx' });
		expect(back.table.reordered).toBe(true);
		expect(back.table.columns).toEqual(['target', 'number', 'comment', 'source', 'status']);
		expect(back.rows.map((r) => [r.id, r.source, r.target, r.status])).toEqual(rowsOf(doc).map((r) => [r.id, r.source, r.target, r.status]));
	});

	it('added rows have no id; empty rows and a repeated header are left out', async () => {
		const edited = await edit(bytes, (xml) => {
			const p = splitRows(xml);
			const added = p.rows[3]
				.replace(/<w:bookmark(Start|End)[^>]*\/>/g, '')
				.replace(/>3</, '>3a<');
			const blank = p.rows[3].replace(/<w:t xml:space="preserve">[^<]*<\/w:t>/g, '').replace(/<w:bookmark(Start|End)[^>]*\/>/g, '');
			p.rows.splice(4, 0, added, blank, p.rows[0].replace('<w:tblHeader/>', ''));
			return joinRows(p);
		});
		const back = await readBilingualDocx(edited, { file: 'a.docx' });
		expect(back.rows).toHaveLength(rowsOf(doc).length + 1);
		expect(back.rows[3]).toMatchObject({ id: null, number: null, source: rowsOf(doc)[2].source });
		expect(back.table.emptyRows).toBe(1);
	});

	it('a table split in two (Word’s Split Table) is read whole, rows numbered on', async () => {
		const edited = await edit(bytes, (xml) => {
			const p = splitRows(xml);
			const tblStart = xml.slice(xml.indexOf('<w:tbl>'), xml.indexOf('<w:tr>'));
			p.rows[6] = `</w:tbl><w:p><w:r><w:br w:type="page"/></w:r></w:p>${tblStart}${p.rows[0]}${p.rows[6]}`;
			return joinRows(p);
		});
		const back = await readBilingualDocx(edited, { file: 'split.docx' });
		expect(back.table.continuedTables).toBe(1);
		expect(back.rows.map((r) => r.id)).toEqual(rowsOf(doc).map((r) => r.id));
		expect(back.rows[5].location.line).toBe(7);
	});

	it('tracked changes read as accepted: insertions kept, deletions dropped', async () => {
		const edited = await edit(bytes, (xml) =>
			mapCells(xml, (cs) => {
				if (!cs[0].includes('>2</w:t>')) return cs;
				const tgt = cs[2].replace(
					/<w:r>(<w:rPr>.*?<\/w:rPr>)<w:t xml:space="preserve">([^<]*)<\/w:t><\/w:r>/s,
					(_m, rpr: string, text: string) =>
						`<w:del w:id="91" w:author="Rev" w:date="2026-11-23T00:00:00Z"><w:r>${rpr}<w:delText>${text}</w:delText></w:r></w:del>` +
						`<w:ins w:id="92" w:author="Rev" w:date="2026-11-23T00:00:00Z"><w:r>${rpr}<w:t>Revised </w:t></w:r></w:ins><w:r><w:t>text.</w:t></w:r>`
				);
				return [cs[0], cs[1], tgt, cs[3], cs[4]];
			})
		);
		const back = await readBilingualDocx(edited, { file: 't.docx' });
		expect(back.rows[1]).toMatchObject({ id: '1', target: 'Revised text.' });
	});

	it('Word comments anchored in a row join that row’s comment', async () => {
		const edited = await edit(
			bytes,
			(xml) =>
				mapCells(xml, (cs) =>
					cs[0].includes('>4</w:t>') ? [cs[0], cs[1], cs[2].replace('<w:p>', '<w:p><w:commentRangeStart w:id="0"/>'), cs[3], cs[4]] : cs
				),
			{
				'word/comments.xml':
					'<?xml version="1.0" encoding="UTF-8"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0" w:author="R"><w:p><w:r><w:t>Use “Allies”.</w:t></w:r></w:p></w:comment></w:comments>'
			}
		);
		const back = await readBilingualDocx(edited, { file: 'k.docx' });
		expect(back.rows[3].comment).toBe('Use “Allies”.');
	});

	it('bookmarks lost: ids come from the numbers and the document properties', async () => {
		const edited = await edit(bytes, (xml) => xml.replace(/<w:bookmark(Start|End)[^>]*\/>/g, ''));
		const back = await readBilingualDocx(edited, { file: 'b.docx' });
		expect(back.table.idsFromNumbers).toBe(rowsOf(doc).length);
		expect(back.rows.map((r) => r.id)).toEqual(rowsOf(doc).map((r) => r.id));
		expect(back.rows.every((r) => r.version === null)).toBe(true);
	});

	it('an unknown status is reported with its table row', async () => {
		const edited = await edit(bytes, (xml) => mapCells(xml, (cs) => (cs[0].includes('>2</w:t>') ? [cs[0], cs[1], cs[2], setCellText(cs[3], 'OK?'), cs[4]] : cs)));
		const back = await readBilingualDocx(edited, { file: 's.docx' });
		expect(back.table.unknownStatuses).toEqual([{ line: 3, text: 'OK?' }]);
		expect(back.rows[1].status).toBeNull();
	});
});

describe('through the re-import planner', () => {
	it('rows reordered, a target edited, a row added, the status column deleted: one change, the addition refused, nothing else', async () => {
		const stored = seedDocument('nrc-chairman-statement-2008');
		const edited = await edit(await writeBilingualDocx(stored, fr), (xml) => {
			const p = splitRows(xml);
			[p.rows[2], p.rows[5]] = [p.rows[5], p.rows[2]];
			const added = p.rows[4].replace(/<w:bookmark(Start|End)[^>]*\/>/g, '').replace(/>4</, '><');
			p.rows.splice(6, 0, mapCells(`<w:tbl>${added}</w:tbl>`, (cs) => [cs[0], setCellText(cs[1], 'Ajout.'), setCellText(cs[2], 'Added.'), cs[3], cs[4]]).slice(7, -8));
			return mapCells(
				joinRows(p).replace(/<w:gridCol w:w="1300"\/>/, ''),
				(cs) => (cs[0].includes('>3</w:t>') ? [cs[0], cs[1], setCellText(cs[2], 'A reviewed sentence.'), cs[4]] : [cs[0], cs[1], cs[2], cs[4]])
			);
		});
		const returned = await readBilingualDocx(edited, { file: 'rev.docx' });
		expect(returned.table.missing).toEqual(['status']);
		const plan = planReimport(stored, returned);
		expect(plan.blocking).toEqual([]);
		expect(plan.changes.map((c) => [c.id, c.newTarget, c.location.line])).toEqual([['2', 'A reviewed sentence.', 4]]);
		expect(plan.conflicts).toEqual([]);
		expect(plan.rejected.map((r) => [r.reason, r.source, r.location.line])).toEqual([['added_row', 'Ajout.', 7]]);
		expect(plan.missing).toEqual([]);
		expect(plan.unchanged).toBe(rowsOf(stored).length - 1);
	});
});

describe('readBilingualDocx: files it refuses', () => {
	const refuse = async (bytes: Uint8Array, opts: Record<string, unknown> = {}) => {
		const e = await readBilingualDocx(bytes, { file: 'bad.docx', ...opts }).catch((x) => x);
		expect(e).toBeInstanceOf(AtelierError);
		expect((e as AtelierError).location.file).toBe('bad.docx');
		return e as AtelierError;
	};

	it('not a zip, truncated, not our table', async () => {
		expect((await refuse(new TextEncoder().encode('No.\tSource\tTarget\n'))).code).toBe('docx_not_zip');
		const good = await writeBilingualDocx(seedDocument('nrc-chairman-statement-2008'), en);
		expect((await refuse(good.slice(0, Math.floor(good.length / 2)))).code).toBe('docx_invalid');
		const e = await refuse(new Uint8Array(await sampleDocx()));
		expect(e.code).toBe('review_docx_not_table');
		expect(e.params.reason).toMatch(/no table/);
	});

	it('a zip bomb is stopped while inflating', async () => {
		const zip = new JSZip();
		zip.file('word/document.xml', '<w:document>' + ' '.repeat(8 * 1024 * 1024) + '</w:document>');
		const bomb = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
		expect(bomb.length).toBeLessThan(100_000);
		const e = await refuse(bomb, { maxXmlBytes: 1024 * 1024 });
		expect(e.code).toBe('docx_unsafe');
	});

	it('a DOCTYPE (entity expansion) and malformed XML', async () => {
		const good = await writeBilingualDocx(seedDocument('nrc-chairman-statement-2008'), en);
		const dtd = await edit(good, (xml) => xml.replace('?>', '?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">]>'));
		expect((await refuse(dtd)).code).toBe('xml_doctype');
		const broken = await edit(good, (xml) => xml.replace('</w:tbl>', '</w:tb>'));
		const e = await refuse(broken);
		expect(e.code).toBe('docx_invalid');
		expect(e.location.line).toBeGreaterThan(0);
	});
});

describe('with LibreOffice (a reviewer saving in Writer) and python-docx (another tool writing)', () => {
	const doc = seedDocument('bucharest-summit-2008');
	const soffice = (args: string[]) =>
		execFileSync('libreoffice', [`-env:UserInstallation=file://${dir}/lo-profile`, '--headless', ...args], {
			env: { ...process.env, HOME: dir },
			stdio: 'pipe',
			timeout: 120_000
		});

	it('a file saved again by LibreOffice keeps every row id, target and the document id', async () => {
		const src = await fileOf(await writeBilingualDocx(doc, en), 'lo-in.docx');
		soffice(['--convert-to', 'docx:MS Word 2007 XML', '--outdir', join(dir, 'lo-out'), src]);
		const back = await readBilingualDocx(readFileSync(join(dir, 'lo-out', 'lo-in.docx')), { file: 'lo.docx' });
		expect(back.documentId).toBe(7);
		expect(back.table.idsFromNumbers).toBe(0);
		expect(back.rows.map((r) => [r.id, r.target, r.status])).toEqual(rowsOf(doc).map((r) => [r.id, r.target, r.status]));
	});

	it('a target edited with python-docx is read back', async () => {
		const src = await fileOf(await writeBilingualDocx(doc, en), 'py-in.docx');
		const out = join(dir, 'py-out.docx');
		python(
			`import docx, sys
d = docx.Document(sys.argv[1])
row = d.tables[0].rows[3]
row.cells[2].text = "Edited by another tool."
row.cells[3].text = "Rejected"
d.save(sys.argv[2])`,
			src,
			out
		);
		const back = await readBilingualDocx(readFileSync(out), { file: 'py.docx' });
		expect(back.rows[2]).toMatchObject({ id: '2', target: 'Edited by another tool.', status: 'rejected' });
	});

	it('renders: LibreOffice → PDF (A4 landscape, header row on every page) → PNG', async () => {
		const src = await fileOf(await writeBilingualDocx(doc, en), 'render.docx');
		soffice(['--convert-to', 'pdf', '--outdir', join(dir, 'pdf'), src]);
		const pdf = join(dir, 'pdf', 'render.pdf');
		const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
		const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
		expect(pages).toBeGreaterThan(2);
		expect(info).toMatch(/Page size:\s+84[12](\.\d+)? x 59[45](\.\d+)? pts \(A4\)/);
		const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim());
		expect(text).toHaveLength(pages);
		for (const p of text) expect(p).toMatch(/No\.\s+Source \(fr-FR\)\s+Target \(en-GB\)\s+Status\s+Comment/);
		expect(text.join('\n')).toContain('Helping Afghanistan');
		execFileSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '1', pdf, join(dir, 'pdf', 'page')]);
		const png = readFileSync(join(dir, 'pdf', 'page-1.png'));
		expect(png.subarray(1, 4).toString()).toBe('PNG');
		// 297 mm × 210 mm at 50 dpi
		expect(png.readUInt32BE(16)).toBe(585);
		expect(Math.abs(png.readUInt32BE(20) - 413)).toBeLessThanOrEqual(1);
		expect(statSync(join(dir, 'pdf', 'page-1.png')).size).toBeGreaterThan(10_000);
	});
});
