import JSZip from 'jszip';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

/**
 * Word list labels (`1.`, `b)`, `iv.`, `2.3.`) as Word displays them. mammoth tells a list
 * paragraph only whether it is ordered and its level, so every item would read `•`; legal
 * and NATO texts cite "paragraph 3 b)", and the translator needs the label. Word does not
 * store the label: it counts. This module reads `numbering.xml`, `styles.xml` and
 * `document.xml` and counts the same way, giving each numbered body paragraph of
 * `document.xml`, in order, its label.
 */

export interface NumberedParagraph {
	/** 0-based list level (`w:ilvl`) */
	level: number;
	/** the label as Word shows it; `null` for a bullet (the reader keeps `•`) */
	label: string | null;
	/** letters and digits of the paragraph's text, to pair it with mammoth's paragraph */
	key: string;
}

interface Level {
	start: number;
	numFmt: string;
	lvlText: string;
	/** 1-based level after which this one restarts (`w:lvlRestart`); 0: never */
	restart?: number;
	isLgl: boolean;
	pStyle?: string;
}

interface AbstractNum {
	levels: Map<number, Level>;
	numStyleLink?: string;
}

interface Num {
	abstractId: string;
	startOverrides: Map<number, number>;
	levelOverrides: Map<number, Level>;
}

interface StyleNum {
	numId?: string;
	ilvl?: number;
	basedOn?: string;
}

type Tag = SaxesTagPlain;

function attr(t: Tag, name: string): string | undefined {
	const v = t.attributes[name];
	return typeof v === 'string' ? v : undefined;
}

function int(v: string | undefined): number | undefined {
	if (v === undefined) return undefined;
	const n = Number.parseInt(v, 10);
	return Number.isFinite(n) ? n : undefined;
}

function parse(xml: string, onOpen: (t: Tag, path: string[]) => void, onClose?: (name: string, path: string[]) => void, onText?: (s: string, path: string[]) => void) {
	const p = new SaxesParser({ xmlns: false });
	const path: string[] = [];
	p.on('opentag', (t) => {
		path.push(t.name);
		onOpen(t as Tag, path);
		if (t.isSelfClosing) {
			onClose?.(t.name, path);
			path.pop();
		}
	});
	p.on('closetag', (t) => {
		if (t.isSelfClosing) return;
		onClose?.(t.name, path);
		path.pop();
	});
	if (onText) p.on('text', (s) => onText(s, path));
	p.write(xml).close();
}

function readNumbering(xml: string): { abstracts: Map<string, AbstractNum>; nums: Map<string, Num> } {
	const abstracts = new Map<string, AbstractNum>();
	const nums = new Map<string, Num>();
	let abs: AbstractNum | null = null;
	let num: Num | null = null;
	let lvl: (Level & { ilvl: number }) | null = null;
	let overrideLvl: number | null = null;
	parse(
		xml,
		(t, path) => {
			const val = attr(t, 'w:val');
			switch (t.name) {
				case 'w:abstractNum':
					abs = { levels: new Map() };
					abstracts.set(attr(t, 'w:abstractNumId') ?? '', abs);
					break;
				case 'w:num':
					num = { abstractId: '', startOverrides: new Map(), levelOverrides: new Map() };
					nums.set(attr(t, 'w:numId') ?? '', num);
					break;
				case 'w:abstractNumId':
					if (num) num.abstractId = val ?? '';
					break;
				case 'w:numStyleLink':
					if (abs) abs.numStyleLink = val;
					break;
				case 'w:lvlOverride':
					overrideLvl = int(attr(t, 'w:ilvl')) ?? 0;
					break;
				case 'w:startOverride':
					if (num && overrideLvl !== null && int(val) !== undefined) num.startOverrides.set(overrideLvl, int(val)!);
					break;
				case 'w:lvl':
					lvl = { ilvl: int(attr(t, 'w:ilvl')) ?? 0, start: 1, numFmt: 'decimal', lvlText: '', isLgl: false };
					break;
			}
			if (!lvl || path[path.length - 2] !== 'w:lvl') return;
			if (t.name === 'w:start') lvl.start = int(val) ?? 1;
			else if (t.name === 'w:numFmt') lvl.numFmt = val ?? 'decimal';
			else if (t.name === 'w:lvlText') lvl.lvlText = val ?? '';
			else if (t.name === 'w:lvlRestart') lvl.restart = int(val);
			else if (t.name === 'w:isLgl') lvl.isLgl = val !== '0' && val !== 'false';
			else if (t.name === 'w:pStyle') lvl.pStyle = val;
		},
		(name) => {
			if (name === 'w:lvl' && lvl) {
				if (num && overrideLvl !== null) num.levelOverrides.set(lvl.ilvl, lvl);
				else if (abs) abs.levels.set(lvl.ilvl, lvl);
				lvl = null;
			} else if (name === 'w:lvlOverride') overrideLvl = null;
			else if (name === 'w:abstractNum') abs = null;
			else if (name === 'w:num') num = null;
		}
	);
	return { abstracts, nums };
}

function readStyles(xml: string): Map<string, StyleNum> {
	const styles = new Map<string, StyleNum>();
	let cur: StyleNum | null = null;
	parse(
		xml,
		(t, path) => {
			if (t.name === 'w:style') {
				cur = {};
				styles.set(attr(t, 'w:styleId') ?? '', cur);
			} else if (cur && t.name === 'w:basedOn') cur.basedOn = attr(t, 'w:val');
			else if (cur && t.name === 'w:numId' && path.includes('w:numPr')) cur.numId = attr(t, 'w:val');
			else if (cur && t.name === 'w:ilvl' && path.includes('w:numPr')) cur.ilvl = int(attr(t, 'w:val'));
		},
		(name) => {
			if (name === 'w:style') cur = null;
		}
	);
	return styles;
}

const ROMAN: [number, string][] = [
	[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'],
	[50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']
];

function roman(n: number): string {
	if (n <= 0 || n >= 4000) return String(n);
	let out = '';
	for (const [v, s] of ROMAN)
		while (n >= v) {
			out += s;
			n -= v;
		}
	return out;
}

/** Word's letters: a…z, then aa…zz, then aaa… (the letter repeated, not base 26). */
function letters(n: number): string {
	if (n <= 0) return String(n);
	return String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
}

const ORDINAL_EN = (n: number) => {
	const t = n % 100;
	const s = t >= 11 && t <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
	return `${n}${s}`;
};

export function formatNumber(n: number, numFmt: string): string {
	switch (numFmt) {
		case 'lowerLetter':
			return letters(n);
		case 'upperLetter':
			return letters(n).toUpperCase();
		case 'lowerRoman':
			return roman(n);
		case 'upperRoman':
			return roman(n).toUpperCase();
		case 'decimalZero':
			return n < 10 ? `0${n}` : String(n);
		case 'ordinal':
			return ORDINAL_EN(n);
		case 'none':
			return '';
		default:
			// decimal, and the scripts Atelier's languages never use: the number still reads right
			return String(n);
	}
}

/** The text of `document.xml`'s numbered paragraphs, in order, with the labels Word shows. */
export function numberParagraphs(documentXml: string, numberingXml: string | null, stylesXml: string | null): NumberedParagraph[] {
	if (!numberingXml) return [];
	const { abstracts, nums } = readNumbering(numberingXml);
	const styles = stylesXml ? readStyles(stylesXml) : new Map<string, StyleNum>();

	const styleNum = (id: string | undefined): { numId?: string; ilvl?: number } => {
		const seen = new Set<string>();
		let numId: string | undefined;
		let ilvl: number | undefined;
		while (id && !seen.has(id)) {
			seen.add(id);
			const s = styles.get(id);
			if (!s) break;
			numId ??= s.numId;
			ilvl ??= s.ilvl;
			id = s.basedOn;
		}
		return { numId, ilvl };
	};
	/** the abstract definition a `w:num` uses, following a numbering style link (`w:numStyleLink`) */
	const abstractOf = (numId: string): { id: string; abs: AbstractNum } | null => {
		const seen = new Set<string>();
		let id: string | undefined = numId;
		while (id && !seen.has(id)) {
			seen.add(id);
			const n = nums.get(id);
			const abs = n && abstracts.get(n.abstractId);
			if (!n || !abs) return null;
			if (!abs.numStyleLink) return { id: n.abstractId, abs };
			id = styleNum(abs.numStyleLink).numId;
		}
		return null;
	};

	// Word counts per abstract list: two `w:num` on one definition continue each other,
	// unless the second restarts with a `w:startOverride` (what "Restart at 1" writes).
	const counters = new Map<string, (number | undefined)[]>();
	const numsSeen = new Set<string>();
	const labelOf = (numId: string, ilvl: number): { level: number; label: string | null } | null => {
		const num = nums.get(numId);
		const found = abstractOf(numId);
		if (!num || !found) return null;
		const levelDef = (l: number) => num.levelOverrides.get(l) ?? found.abs.levels.get(l);
		const def = levelDef(ilvl);
		if (!def) return null;
		const startOf = (l: number) => num.startOverrides.get(l) ?? levelDef(l)?.start ?? 1;
		let counts = counters.get(found.id);
		if (!counts) counters.set(found.id, (counts = []));
		if (!numsSeen.has(numId)) {
			numsSeen.add(numId);
			for (const l of num.startOverrides.keys()) counts[l] = undefined;
		}
		counts[ilvl] = counts[ilvl] === undefined ? startOf(ilvl) : counts[ilvl]! + 1;
		for (let l = ilvl + 1; l < 9; l++) {
			const r = levelDef(l)?.restart ?? l;
			if (ilvl < r) counts[l] = undefined;
		}
		if (def.numFmt === 'bullet') return { level: ilvl, label: null };
		const label = def.lvlText.replace(/%([1-9])/g, (_, d: string) => {
			const l = Number(d) - 1;
			const fmt = def.isLgl ? 'decimal' : (levelDef(l)?.numFmt ?? 'decimal');
			return formatNumber(counts![l] ?? startOf(l), fmt === 'bullet' ? 'decimal' : fmt);
		});
		return { level: ilvl, label };
	};

	const out: NumberedParagraph[] = [];
	type P = { numId?: string; ilvl?: number; pStyle?: string; text: string };
	const stack: P[] = [];
	let inT = false;
	parse(
		documentXml,
		(t, path) => {
			const top = stack[stack.length - 1];
			if (t.name === 'w:p') stack.push({ text: '' });
			else if (!top) return;
			else if (t.name === 'w:pStyle' && path[path.length - 2] === 'w:pPr') top.pStyle = attr(t, 'w:val');
			else if (t.name === 'w:numId' && path[path.length - 2] === 'w:numPr' && path[path.length - 3] === 'w:pPr') top.numId = attr(t, 'w:val');
			else if (t.name === 'w:ilvl' && path[path.length - 2] === 'w:numPr' && path[path.length - 3] === 'w:pPr') top.ilvl = int(attr(t, 'w:val'));
			else if (t.name === 'w:t') inT = true;
		},
		(name) => {
			if (name === 'w:t') inT = false;
			if (name !== 'w:p') return;
			const p = stack.pop();
			if (!p) return;
			const fromStyle = styleNum(p.pStyle);
			const numId = p.numId ?? fromStyle.numId;
			if (!numId || numId === '0') return;
			let ilvl = p.ilvl ?? fromStyle.ilvl;
			if (ilvl === undefined && p.pStyle) {
				const abs = abstractOf(numId)?.abs;
				for (const [l, d] of abs?.levels ?? []) if (d.pStyle === p.pStyle) ilvl = l;
			}
			const got = labelOf(numId, ilvl ?? 0);
			if (got) out.push({ ...got, key: textKey(p.text) });
		},
		(s) => {
			if (inT && stack.length) stack[stack.length - 1].text += s;
		}
	);
	return out;
}

/** Letters and digits only: what both readings of a paragraph surely share. */
export function textKey(s: string): string {
	return s.normalize('NFC').replace(/[^\p{L}\p{N}]/gu, '');
}

/** The three parts, or null when the archive cannot be read this way (mammoth then reports it). */
export async function numberDocx(bytes: Uint8Array): Promise<NumberedParagraph[]> {
	try {
		const zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
		const get = (name: string) => zip.file(name)?.async('string') ?? Promise.resolve(null);
		// a document without lists has no numbering part: its text is not read twice
		const numbering = await get('word/numbering.xml');
		if (!numbering) return [];
		const [doc, styles] = await Promise.all([get('word/document.xml'), get('word/styles.xml')]);
		if (!doc) return [];
		return numberParagraphs(doc, numbering, styles);
	} catch {
		// labels are a refinement: a part too odd to count leaves the items as bullets
		return [];
	}
}
