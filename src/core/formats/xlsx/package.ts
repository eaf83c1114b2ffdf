import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AtelierError } from '../../errors.js';
import { reason, xmlReason } from '../reason.js';
import { MAX_XML_DEPTH, xmlAt } from '../xml-guard.js';
import type { ZipReader } from './zip.js';

/*
 * The package around the cells: which part is the workbook, its sheets in tab order and
 * the parts they live in, found through relationships as Office Open XML (ECMA-376 part 2)
 * lays them out, whatever the writer named the files.
 */

export interface PartHandlers {
	open?(tag: SaxesTagPlain): void;
	close?(tag: SaxesTagPlain): void;
	text?(t: string): void;
}

/**
 * Parses one part of the package with saxes: no DOCTYPE (so no entity is ever declared,
 * expanded or fetched), bounded depth, every error located in the part. saxes keeps one
 * handler per event, so the guards and the caller's handlers are composed here.
 */
export function parsePart(xml: string, part: string, file: string, handlers: (where: () => { line: number; column: number }) => PartHandlers): void {
	const parser = new SaxesParser({ xmlns: false, position: true });
	const where = () => xmlAt(parser);
	const h = handlers(where);
	let depth = 0;
	parser.on('doctype', () => {
		throw new AtelierError('xml_doctype', { part }, { file, ...where() });
	});
	parser.on('opentag', (tag) => {
		if (++depth > MAX_XML_DEPTH) throw new AtelierError('xml_too_deep', { limit: MAX_XML_DEPTH, part }, { file, ...where() });
		h.open?.(tag as SaxesTagPlain);
	});
	parser.on('closetag', (tag) => {
		depth--;
		h.close?.(tag as SaxesTagPlain);
	});
	if (h.text) {
		parser.on('text', h.text);
		parser.on('cdata', h.text);
	}
	try {
		parser.write(xml).close();
	} catch (e) {
		if (e instanceof AtelierError) throw e;
		throw new AtelierError('xlsx_invalid', { reason: reason('inPart', { part, reason: xmlReason(String((e as Error).message)) }) }, { file, ...where() });
	}
}

export const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** The workbook part named by the package's root relationships (xl/workbook.xml in practice). */
export function officeDocument(zip: ZipReader, file: string): string {
	const rootRels = zip.text('_rels/.rels');
	if (rootRels != null) {
		for (const r of readRels(rootRels, '_rels/.rels', '', file).values()) if (/\/officeDocument$/.test(r.type)) return r.target;
	}
	if (zip.has('xl/workbook.xml')) return 'xl/workbook.xml';
	// an OpenDocument spreadsheet is a ZIP too, and the likeliest mistake
	throw new AtelierError('xlsx_invalid', { reason: reason(zip.has('content.xml') ? 'xlsx.ods' : 'xlsx.missingPart', { part: 'xl/workbook.xml' }) }, { file });
}

export interface Rel {
	type: string;
	target: string;
}

export function relationships(zip: ZipReader, part: string, file: string): Map<string, Rel> {
	const slash = part.lastIndexOf('/');
	const relsPath = `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
	const xml = zip.text(relsPath);
	return xml == null ? new Map() : readRels(xml, relsPath, part, file);
}

function readRels(xml: string, relsPath: string, source: string, file: string): Map<string, Rel> {
	const out = new Map<string, Rel>();
	parsePart(xml, relsPath, file, () => ({
		open(tag) {
			if (local(tag.name) !== 'Relationship') return;
			const a = tag.attributes as Record<string, string>;
			// external targets (hyperlinks, linked workbooks) are never followed
			if (a.TargetMode === 'External' || !a.Id || !a.Target) return;
			out.set(a.Id, { type: a.Type ?? '', target: resolvePart(source, a.Target) });
		}
	}));
	return out;
}

/** A relationship target, relative to the part that holds it or absolute from the package root → a ZIP entry name. */
export function resolvePart(source: string, target: string): string {
	const base = target.startsWith('/') ? [] : source.split('/').slice(0, -1);
	for (const seg of target.replace(/^\//, '').split('/')) {
		if (seg === '..') base.pop();
		else if (seg !== '.' && seg !== '') base.push(seg);
	}
	return base.join('/');
}

export function workbookSheets(zip: ZipReader, workbookPath: string, rels: Map<string, Rel>, file: string): { name: string; path: string }[] {
	const xml = zip.text(workbookPath);
	if (xml == null) throw new AtelierError('xlsx_invalid', { reason: reason('xlsx.missingPart', { part: workbookPath }) }, { file });
	const visible: { name: string; path: string }[] = [];
	const hidden: { name: string; path: string }[] = [];
	parsePart(xml, workbookPath, file, () => ({
		open(tag) {
			if (local(tag.name) !== 'sheet') return;
			const a = tag.attributes as Record<string, string>;
			const id = Object.entries(a).find(([k]) => local(k) === 'id')?.[1];
			const rel = id ? rels.get(id) : undefined;
			// chart sheets and dialog sheets have no cells
			if (!rel || !/\/worksheet$/.test(rel.type)) return;
			(a.state === 'hidden' || a.state === 'veryHidden' ? hidden : visible).push({ name: (a.name ?? '').normalize('NFC'), path: rel.target });
		}
	}));
	// the first tab a person sees is the one they mean; hidden sheets still answer to their name
	return [...visible, ...hidden];
}
