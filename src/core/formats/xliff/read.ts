import { SaxesParser, type SaxesTagNS } from 'saxes';
import { AtelierError } from '../../errors.js';
import type { ReturnedDocument, ReturnedRow } from '../../export/bilingual.js';
import { canonicalLang } from '../../lang.js';
import { TAG_BASE, type InlineTag } from '../../model.js';
import { decodeChunks } from '../tmx/decode.js';
import { MAX_XML_DEPTH, xmlAt } from '../xml-guard.js';
import { tokenToTag } from './inline.js';
import { fromXliff12, fromXliff20 } from './states.js';
import { reason, xmlReason } from '../reason.js';

export const XLIFF20_NS = 'urn:oasis:names:tc:xliff:document:2.0';
export const XLIFF12_NS = 'urn:oasis:names:tc:xliff:document:1.2';
const MDA_NS = 'urn:oasis:names:tc:xliff:metadata:2.0';

/** A small element tree: enough to walk an XLIFF file with every element's position. */
interface El {
	name: string;
	uri: string;
	attrs: Record<string, string>;
	children: (El | string)[];
	line: number;
	column: number;
}

const MAX_BYTES = 50 * 1024 * 1024;

/**
 * Parses XML into a tree with saxes. Entities are never resolved: any DOCTYPE is refused
 * (XLIFF has none), so neither external entities nor entity bombs can happen; an undeclared
 * entity reference is a located `xliff_invalid`.
 */
interface TreeHooks {
	/** the root element, as soon as it opens (before any child) */
	onRoot(el: El): void;
	/** an element just closed; true = handled, drop it from the tree (units: memory stays small) */
	onClose(el: El): boolean;
}

function parseTree(xml: string, file: string, hooks: TreeHooks): El {
	const parser = new SaxesParser({ xmlns: true, position: true });
	const root: El = { name: '#root', uri: '', attrs: {}, children: [], line: 1, column: 1 };
	const stack: El[] = [root];
	let tagLine = 1;
	let tagCol = 1;
	parser.on('error', (e) => {
		throw new AtelierError('xliff_invalid', { message: xmlReason(e.message) }, { file, ...xmlAt(parser) });
	});
	parser.on('doctype', () => {
		throw new AtelierError('xliff_entity', {}, { file, ...xmlAt(parser) });
	});
	parser.on('opentagstart', (tag) => {
		// saxes stands just past the name: the `<` is name-length + 1 columns before
		tagLine = parser.line;
		tagCol = Math.max(1, parser.column - tag.name.length - 1);
	});
	parser.on('opentag', (tag: SaxesTagNS) => {
		const attrs: Record<string, string> = {};
		for (const a of Object.values(tag.attributes)) attrs[a.prefix ? `${a.prefix}:${a.local}` : a.local] = a.value;
		// the tree is walked recursively: a deep file must be refused before it overflows the stack
		if (stack.length > MAX_XML_DEPTH) throw new AtelierError('xml_too_deep', { limit: MAX_XML_DEPTH, part: `<${tag.local}>` }, { file, line: tagLine, column: tagCol });
		const el: El = { name: tag.local, uri: tag.uri, attrs, children: [], line: tagLine, column: tagCol };
		stack[stack.length - 1].children.push(el);
		stack.push(el);
		if (stack.length === 2) hooks.onRoot(el);
	});
	parser.on('closetag', () => {
		const el = stack.pop()!;
		if (hooks.onClose(el)) stack[stack.length - 1].children.pop();
	});
	parser.on('text', (t) => stack[stack.length - 1].children.push(t));
	parser.on('cdata', (t) => stack[stack.length - 1].children.push(t));
	parser.write(xml).close();
	const top = root.children.find((c): c is El => typeof c !== 'string');
	if (!top) throw new AtelierError('xliff_invalid', { message: reason('xml.noRoot') }, { file, line: 1, column: 1 });
	return top;
}

const kids = (e: El, name?: string) => e.children.filter((c): c is El => typeof c !== 'string' && (name == null || c.name === name));
const kid = (e: El, name: string) => kids(e, name)[0];
const textOf = (e: El): string => e.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');

/**
 * Inline content → text with U+E000+i placeholders and their tags. Our own placeholders give
 * back the tag as written; another tool's inline codes become tags of their kind, except
 * `mrk`/`pc`/`g` which wrap text (kept as text) and `cp` (the character it stands for).
 */
function readInline(e: El, data: Map<string, string>): { text: string; tags: InlineTag[] } {
	let text = '';
	const tags: InlineTag[] = [];
	const push = (t: InlineTag) => {
		text += String.fromCharCode(TAG_BASE + tags.length);
		tags.push(t);
	};
	const walk = (el: El) => {
		for (const c of el.children) {
			if (typeof c === 'string') {
				text += c;
				continue;
			}
			const sub = c.attrs.subType ?? '';
			const ctype = c.attrs.ctype ?? '';
			if (c.name === 'ph' && sub.startsWith('atelier:')) push(tokenToTag(sub.slice('atelier:'.length), data.get(c.attrs.dataRef ?? '') ?? ''));
			else if (c.name === 'ph' && ctype.startsWith('x-atelier-')) push(tokenToTag(ctype.slice('x-atelier-'.length), textOf(c)));
			else if (c.name === 'cp') text += String.fromCodePoint(parseInt(c.attrs.hex ?? '0', 16) || 0xfffd);
			else if (c.name === 'mrk' || c.name === 'pc' || c.name === 'g') {
				push({ kind: c.name, attrs: { ...c.attrs }, content: '' });
				walk(c);
				push({ kind: `/${c.name}`, attrs: {}, content: '' });
			} else push({ kind: c.name, attrs: { ...c.attrs }, content: c.attrs.dataRef ? (data.get(c.attrs.dataRef) ?? '') : textOf(c) });
		}
	};
	walk(e);
	return { text: text.normalize('NFC'), tags };
}

function lang(v: string | undefined, file: string, at: El): string | null {
	if (!v) return null;
	try {
		return canonicalLang(v);
	} catch (e) {
		if (e instanceof AtelierError) throw new AtelierError(e.code, e.params, { file, line: at.line, column: at.column });
		throw e;
	}
}

/** Reads an XLIFF 2.0 or 1.2 file back (a reviewed export, or another tool's file) as rows to re-import. */
export async function readXliff(bytes: Uint8Array, opts: { file: string }): Promise<ReturnedDocument> {
	const file = opts.file;
	if (bytes.length === 0) throw new AtelierError('file_empty', {}, { file });
	if (bytes.length > MAX_BYTES) throw new AtelierError('file_too_large', { size: bytes.length / 1048576, limit: MAX_BYTES / 1048576 }, { file });
	let xml = '';
	for await (const chunk of decodeChunks(bytes, file)) xml += chunk;
	let version: '2.0' | '1.2' | null = null;
	const rows: ReturnedRow[] = [];
	// units are read as they close and dropped from the tree: only the file-level parts stay
	const root = parseTree(xml, file, {
		onRoot(el) {
			// no namespace is tolerated (some tools omit it); another one is another format
			if (el.name !== 'xliff' || (el.uri && el.uri !== XLIFF20_NS && el.uri !== XLIFF12_NS))
				throw new AtelierError('xliff_not_xliff', { root: `${el.name} ${el.uri} ${el.attrs.version ?? ''}`.replace(/\s+/g, ' ').trim() }, { file, line: el.line, column: el.column });
			if (el.uri === XLIFF20_NS || (el.uri !== XLIFF12_NS && el.attrs.version?.startsWith('2'))) version = '2.0';
			else if (el.uri === XLIFF12_NS || el.attrs.version?.startsWith('1')) version = '1.2';
			else throw new AtelierError('xliff_not_xliff', { root: `${el.name} ${el.attrs.version ?? ''}`.trim() }, { file, line: el.line, column: el.column });
		},
		onClose(el) {
			if (version === '2.0' && el.name === 'unit') rows.push(unit20(el, file));
			else if (version === '1.2' && el.name === 'trans-unit') rows.push(unit12(el, file));
			else return false;
			return true;
		}
	});
	return version === '2.0' ? read20(root, file, rows) : read12(root, file, rows);
}

function read20(root: El, file: string, rows: ReturnedRow[]): ReturnedDocument {
	let documentId: number | null = null;
	let exportedAt: string | null = null;
	let origin: ReturnedDocument['origin'] = null;
	const files = kids(root, 'file');
	if (!files.length) throw new AtelierError('xliff_invalid', { message: reason('missingElement', { tag: 'file' }) }, { file, line: root.line, column: root.column });
	for (const f of files) {
		const fm = metas(f);
		if (/^\d+$/.test(fm.documentId ?? '')) documentId ??= Number(fm.documentId);
		exportedAt ??= fm.exportedAt ?? null;
		if (fm.origin === 'alignment' || fm.origin === 'document') origin ??= fm.origin;
	}
	return {
		format: 'xliff',
		file,
		documentId,
		exportedAt,
		origin,
		sourceLang: lang(root.attrs.srcLang, file, root),
		targetLang: lang(root.attrs.trgLang, file, root),
		rows
	};
}

function unit20(u: El, file: string): ReturnedRow {
	const data = new Map<string, string>();
	for (const od of kids(u, 'originalData')) for (const d of kids(od, 'data')) data.set(d.attrs.id ?? '', textOf(d));
	const notes = kid(u, 'notes');
	const comment = (notes ? kids(notes, 'note') : [])
		.filter((n) => (n.attrs.category ?? 'comment') === 'comment')
		.map(textOf)
		.join('\n');
	const segs = kids(u, 'segment');
	if (!segs.length) throw new AtelierError('xliff_invalid', { message: reason('unitWithout', { tag: 'unit', id: u.attrs.id ?? '?', child: 'segment' }) }, { file, line: u.line, column: u.column });
	// a unit of several segments (another tool split it) comes back as one row: its texts joined
	let source = '';
	let target: string | null = null;
	const targetTags: InlineTag[] = [];
	let status: ReturnedRow['status'] = null;
	for (const s of segs) {
		const src = kid(s, 'source');
		if (!src) throw new AtelierError('xliff_invalid', { message: reason('withoutChild', { tag: 'segment', child: 'source' }) }, { file, line: s.line, column: s.column });
		source += readInline(src, data).text;
		const tgt = kid(s, 'target');
		if (tgt) {
			const r = readInline(tgt, data);
			target = (target ?? '') + shiftTags(r.text, targetTags.length);
			targetTags.push(...r.tags);
		}
		status ??= fromXliff20(s.attrs.state, s.attrs.subState, tgt != null);
	}
	const um = metas(u);
	return {
		id: u.attrs.id ?? null,
		number: /^\d+$/.test(u.attrs.name ?? '') ? Number(u.attrs.name) : null,
		version: /^\d+$/.test(um.version ?? '') ? Number(um.version) : null,
		source,
		target,
		targetTags: targetTags.length ? targetTags : undefined,
		status,
		comment: comment || null,
		location: { file, line: u.line, column: u.column }
	};
}

/** Our Metadata-module values on an element (`mda:meta type="…"` in an `atelier` group). */
function metas(e: El): Record<string, string> {
	const out: Record<string, string> = {};
	for (const md of kids(e, 'metadata').filter((m) => m.uri === MDA_NS))
		for (const g of kids(md, 'metaGroup')) if (g.attrs.category === 'atelier') for (const m of kids(g, 'meta')) out[m.attrs.type ?? ''] = textOf(m).trim();
	return out;
}

/** Placeholders of a later segment renumbered after those already collected. */
function shiftTags(text: string, by: number): string {
	if (!by) return text;
	return text.replace(/[\uE000-\uF8FF]/g, (c) => String.fromCharCode(c.charCodeAt(0) + by));
}

function read12(root: El, file: string, rows: ReturnedRow[]): ReturnedDocument {
	let documentId: number | null = null;
	const files = kids(root, 'file');
	if (!files.length) throw new AtelierError('xliff_invalid', { message: reason('missingElement', { tag: 'file' }) }, { file, line: root.line, column: root.column });
	const f0 = files[0];
	let origin: ReturnedDocument['origin'] = null;
	for (const f of files) {
		const header = kid(f, 'header');
		for (const n of header ? kids(header, 'note') : []) {
			const v = textOf(n).trim();
			if (n.attrs.from === 'atelier:document' && /^\d+$/.test(v)) documentId ??= Number(v);
			if (n.attrs.from === 'atelier:origin' && (v === 'alignment' || v === 'document')) origin ??= v;
		}
		if (!kid(f, 'body')) throw new AtelierError('xliff_invalid', { message: reason('withoutChild', { tag: 'file', child: 'body' }) }, { file, line: f.line, column: f.column });
	}
	return {
		format: 'xliff12',
		file,
		documentId,
		exportedAt: f0.attrs.date ?? null,
		origin,
		sourceLang: lang(f0.attrs['source-language'], file, f0),
		targetLang: lang(f0.attrs['target-language'], file, f0),
		rows
	};
}

function unit12(u: El, file: string): ReturnedRow {
	const src = kid(u, 'source');
	if (!src) throw new AtelierError('xliff_invalid', { message: reason('unitWithout', { tag: 'trans-unit', id: u.attrs.id ?? '?', child: 'source' }) }, { file, line: u.line, column: u.column });
	const tgt = kid(u, 'target');
	const t = tgt ? readInline(tgt, new Map()) : null;
	const comment = kids(u, 'note')
		.filter((n) => !n.attrs.from?.startsWith('atelier:') || n.attrs.from === 'atelier:comment')
		.map(textOf)
		.join('\n');
	return {
		id: u.attrs.id ?? null,
		number: /^\d+$/.test(u.attrs.resname ?? '') ? Number(u.attrs.resname) : null,
		version: versionNote(u),
		source: readInline(src, new Map()).text,
		target: t ? t.text : null,
		targetTags: t?.tags.length ? t.tags : undefined,
		status: fromXliff12(tgt?.attrs.state, u.attrs.approved, tgt != null),
		comment: comment || null,
		location: { file, line: u.line, column: u.column }
	};
}

function versionNote(u: El): number | null {
	const n = kids(u, 'note').find((x) => x.attrs.from === 'atelier:version');
	const v = n ? textOf(n).trim() : '';
	return /^\d+$/.test(v) ? Number(v) : null;
}
