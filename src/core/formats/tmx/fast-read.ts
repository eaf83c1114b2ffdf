import type { TmProp, TmUnit } from '../../model.js';
import { decodeChunks, type ByteInput } from './decode.js';
import { MAX_TEXT_CHARS, MAX_XML_DEPTH } from '../xml-guard.js';
import { SegBuilder } from './inline.js';
import { nfc, tuToUnits, tuvLang, unitOf, withText, type PairOptions, type ParsedTu, type ParsedTuv } from './units.js';
import { primaryLang } from '../../lang.js';
import { headerFields, readTmx, type TmxHeader, type TmxReadOptions, type TmxReadSummary, type TmxWarning } from './read.js';

/**
 * A TMX reader specialised for what TM exports actually contain, with the saxes-based
 * `readTmx` as its fallback.
 *
 * Why hand-written: saxes calls a state method per character and builds every tag through
 * generic events; on the 1M-unit dev TMX (686 MB) that alone took ~12.8 s of the import's
 * ~24 s reading side. Here markup is found with `indexOf`/`charCodeAt` over whole decoded
 * chunks, names are looked up rather than sliced, a seg without inline tags is one `slice`,
 * and the usual two-tuv tu becomes a unit without tuToUnits's arrays. Measured in one process,
 * runs alternated (bench/_tmx-fast.ts, 2026-11-23, shared cores): readTmxFast takes 1/1.3 to
 * 1/1.8 of readTmx's CPU on the 100k and 1M dev files. What remains is mostly shared by both:
 * reading and decoding, building the units and their garbage.
 *
 * Why it can never accept what saxes refuses: it does not report errors at all. It only
 * understands a strict subset of XML (ASCII names, quoted attributes, the five predefined
 * entities and valid character references, an XML 1.0 declaration and the bare TMX DOCTYPE)
 * and readTmx's own rules copied from read.ts; on anything else — including anything
 * readTmx would refuse — it GIVES UP, and `readTmxFast` re-reads the source with readTmx,
 * skipping what was already handed out. Every error therefore comes from readTmx, located
 * exactly as before; the fast path only has to be right on what it accepts.
 */

/** A source readTmxFast can read twice: the fallback starts again from the beginning. */
export type TmxSource = ByteInput | { open: () => ByteInput };

export interface TmxFastOptions extends TmxReadOptions {
	/** called when the fast scanner gives up and readTmx takes over (why, and how many units were already handed out) */
	onFallback?: (why: string, unitsHandedOut: number) => void;
}

/** Drop-in for readTmx: same batches, header, warnings, progress and summary; errors are readTmx's. */
export async function* readTmxFast(source: TmxSource, opts: TmxFastOptions): AsyncGenerator<TmUnit[], TmxReadSummary, undefined> {
	const open = reopener(source);
	if (!open) {
		// a one-shot stream cannot be re-read after giving up: saxes from the start
		opts.onFallback?.('not re-readable', 0);
		return yield* readTmx(source as ByteInput, opts);
	}
	let handedOut = 0;
	let warned = 0;
	let headerSent = false;
	let progress = 0;
	const fast = fastTmx(open(), {
		...opts,
		onHeader: (h) => {
			headerSent = true;
			opts.onHeader?.(h);
		},
		onWarning: (w) => {
			warned++;
			opts.onWarning?.(w);
		},
		onProgress: (b) => {
			progress = Math.max(progress, b);
			opts.onProgress?.(b);
		}
	});
	let why: string;
	try {
		for (;;) {
			const r = await fast.next();
			if (r.done) {
				if (typeof r.value !== 'string') return r.value;
				why = r.value;
				break;
			}
			handedOut += r.value.length;
			yield r.value;
		}
	} finally {
		await fast.return(undefined as never);
	}
	opts.onFallback?.(why, handedOut);
	// the prefix saxes re-reads is the one the fast path understood, so it yields the same units and warnings: skip them
	let skipUnits = handedOut;
	let skipWarnings = warned;
	const slow = readTmx(open(), {
		...opts,
		onHeader: (h) => {
			if (!headerSent) opts.onHeader?.(h);
		},
		onWarning: (w) => {
			if (skipWarnings > 0) skipWarnings--;
			else opts.onWarning?.(w);
		},
		onProgress: (b) => {
			// progress never goes back
			if (b <= progress) return;
			progress = b;
			opts.onProgress?.(b);
		}
	});
	try {
		for (;;) {
			const r = await slow.next();
			if (r.done) return r.value;
			let batch = r.value;
			if (skipUnits > 0) {
				const n = Math.min(skipUnits, batch.length);
				skipUnits -= n;
				batch = batch.slice(n);
				if (batch.length === 0) continue;
			}
			yield batch;
		}
	} finally {
		await slow.return(undefined as never);
	}
}

function reopener(source: TmxSource): (() => ByteInput) | null {
	if (source instanceof Uint8Array) return () => source;
	// a stream is not a source to reopen, even one with an `open` method (fs.ReadStream has one)
	if (!(Symbol.asyncIterator in source) && typeof (source as { open?: unknown }).open === 'function') return (source as { open: () => ByteInput }).open;
	return null;
}

/** Internal: the scanner met something outside its subset. */
class GiveUp {
	constructor(readonly why: string) {}
}
const giveUp = (why: string): never => {
	throw new GiveUp(why);
};

/**
 * The fast path alone: yields the batches readTmx would, returns its summary, or returns a
 * string (why it gave up) — never throws for anything in the file.
 */
export async function* fastTmx(input: ByteInput, opts: TmxReadOptions): AsyncGenerator<TmUnit[], TmxReadSummary | string, undefined> {
	const batchSize = Math.max(1, opts.batchSize ?? 1000);
	const pending: TmUnit[] = [];
	const scanner = new Scanner(opts, (units) => {
		for (const u of units) pending.push(u);
	});
	// bytes read are reported once the text they hold is understood, not merely buffered: if the scanner then
	// gives up, readTmx reports them itself only if it gets that far (same reports as readTmx alone)
	const held: [number, number][] = [];
	const release = (upTo: number) => {
		while (held.length && held[0][0] <= upTo) {
			const [, bytes] = held.shift()!;
			opts.onProgress?.(bytes);
		}
	};
	const progress = (bytes: number) => {
		held.push([scanner.fed, bytes]);
		release(scanner.consumed);
	};
	// Likewise units: readTmx hands out, after each chunk, the units that chunk completed — unless the chunk
	// holds a fault. A chunk's end is only known to be fault-free once the scanner has understood past it.
	let emitted = 0;
	let handedOut = 0;
	let allowed = 0;
	const ends: [number, number][] = [];
	try {
		for await (const chunk of decodeChunks(input, opts.file, progress)) {
			// in pieces: the scanner joins what it has left to the next piece, and joining whole chunks made a second
			// large-object string per chunk, which the old generation's collector then had to sweep (slices share the chunk)
			// once per chunk (a regex over a slice costs more)
			if (DISALLOWED.test(chunk)) throw new GiveUp('a character XML does not allow');
			for (let at = 0; at < chunk.length; at += PIECE) scanner.feed(chunk.length <= PIECE ? chunk : chunk.slice(at, at + PIECE));
			emitted = handedOut + pending.length;
			ends.push([scanner.fed, emitted]);
			while (ends.length && ends[0][0] <= scanner.consumed) allowed = ends.shift()![1];
			while (allowed - handedOut >= batchSize) {
				handedOut += batchSize;
				yield pending.splice(0, batchSize);
			}
		}
		scanner.end();
		release(Infinity);
	} catch (e) {
		if (e instanceof GiveUp) return e.why;
		// a decoding fault, or anything unforeseen: readTmx decides (and locates the error)
		return `error: ${e instanceof Error ? e.message : String(e)}`;
	}
	while (pending.length > batchSize) yield pending.splice(0, batchSize);
	if (pending.length) yield pending.splice(0);
	return scanner.summary;
}

/** below V8's large-object size even as UTF-16 (see fastTmx) */
const PIECE = 16 * 1024;
const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const AMP = 0x26;
const DQ = 0x22;
const SQ = 0x27;
const EQ = 0x3d;
const LF = 0x0a;
const CR = 0x0d;
const TAB = 0x09;
const SPACE = 0x20;

/** Character classes by code unit, looked up inline (the scanning loops are too big for V8 to inline small functions). Names: ASCII only, any other is left to saxes. */
const CLASS = new Uint8Array(0x10000);
const WS = 1;
const NAME_START = 2;
const NAME = 4;
for (const c of [SPACE, LF, CR, TAB]) CLASS[c] = WS;
for (let c = 0; c < 128; c++) {
	const ch = String.fromCharCode(c);
	if (/[A-Za-z_:]/.test(ch)) CLASS[c] = NAME_START | NAME;
	else if (/[0-9.-]/.test(ch)) CLASS[c] = NAME;
}
const isS = (c: number) => CLASS[c] === WS;
const isNameStart = (c: number) => (CLASS[c] & NAME_START) !== 0;

/**
 * Characters XML 1.0 refuses. Unpaired surrogates are not looked for: the decoders decodeChunks uses are
 * fatal and refuse them (UTF-16), or cannot produce them (UTF-8, single-byte encodings).
 */
// eslint-disable-next-line no-control-regex
const DISALLOWED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
/** The XML declarations understood: version 1.0 (1.1 changes end-of-line and character rules), in saxes's order. */
const XML_DECL = /^<\?xml[ \t\n]+version[ \t\n]*=[ \t\n]*(["'])1\.0\1(?:[ \t\n]+encoding[ \t\n]*=[ \t\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:[ \t\n]+standalone[ \t\n]*=[ \t\n]*(["'])(?:yes|no)\3)?[ \t\n]*\?>$/;
/** The only DOCTYPE understood: the bare reference to the TMX DTD that OmegaT writes (readTmx accepts it, never fetches it). */
const TMX_DOCTYPE = /^<!DOCTYPE[ \t\n]+tmx[ \t\n]+SYSTEM[ \t\n]+(["'])tmx1\d\.dtd\1[ \t\n]*>$/;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/** a construct left incomplete at a chunk's end waits for the next; beyond this it is not TM data */
const MAX_PENDING = 4 * 1024 * 1024;
/** readTmx has no limit outside a seg, saxes neither; deep nesting there is left to them */
const MAX_STACK = 64;
const CONTAINERS = new Set(['header', 'tu', 'tuv']);

/** Where `needle` next occurs in the buffer, for queries that only move forward: each occurrence is searched for once. */
class Next {
	private n = -1;
	private buf = '';
	constructor(private readonly needle: string) {}
	reset(buf: string): void {
		this.buf = buf;
		this.n = -1;
	}
	/** index of the first occurrence at or after `from`; Infinity if none */
	at(from: number): number {
		let n = this.n;
		if (n < from) {
			n = this.buf.indexOf(this.needle, from);
			this.n = n = n < 0 ? Infinity : n;
		}
		return n;
	}
}

const enum Phase {
	Start,
	Prolog,
	Root,
	Epilog
}

class Scanner {
	readonly summary: TmxReadSummary = { tus: 0, units: 0, skipped: 0, badDates: 0 };
	private buf = '';
	private pos = 0;
	/** where buf starts in the whole text */
	private base = 0;
	/** characters received */
	fed = 0;
	private phase = Phase.Start;
	private doctypeSeen = false;
	// next occurrence at or after the last search, in buf (Infinity: none); buf changes reset them
	private readonly nLt = new Next('<');
	private readonly nAmp = new Next('&');
	private readonly nCr = new Next('\r');
	private readonly nLf = new Next('\n');
	private readonly nTab = new Next('\t');
	private readonly nBrk = new Next(']]>');
	/** for line counting, which looks back to a tu's start: its own cache */
	private readonly nLine = new Next('\n');
	// line and column (code points since the line start, 0-based) at buf index lineIdx, as saxes counts them
	private line = 1;
	private col = 0;
	private lineIdx = 0;
	private sawCr = false;

	// readTmx's state (read.ts), same names
	private readonly stack: string[] = [];
	private header: TmxHeader | null = null;
	private headerDone = false;
	private tu: ParsedTu | null = null;
	private tuv: ParsedTuv | null = null;
	private tuvHasSeg = false;
	/** buf index of the open tu's `<` until located (-1 then) */
	private tuAt = -1;
	private inSeg = false;
	/** created on the seg's first inline tag only: a plain seg is its text */
	private seg: SegBuilder | null = null;
	private segText = '';
	private segDepth = 0;
	private text: string | null = null;
	private textAttrs: Record<string, string> = {};
	private textChars = 0;
	private closing: ParsedTu | null = null;
	private readonly pairOptions: PairOptions & { headerSrcLang: string | undefined };

	constructor(
		private readonly opts: TmxReadOptions,
		private readonly emit: (u: TmUnit[]) => void
	) {
		this.pairOptions = {
			file: opts.file,
			sourceLang: opts.sourceLang,
			targetLang: opts.targetLang,
			headerSrcLang: undefined as string | undefined,
			onBadDate: (v: string) => {
				const t = this.closing!;
				this.locateTu(t);
				this.summary.badDates++;
				this.warn({ kind: 'bad_date', line: t.line, column: t.column, tuid: t.attrs.tuid, detail: v });
			},
			onBadUsageCount: (v: string) => {
				const t = this.closing!;
				this.locateTu(t);
				this.warn({ kind: 'bad_usagecount', line: t.line, column: t.column, tuid: t.attrs.tuid, detail: v });
			}
		};
	}

	private warn(w: TmxWarning): void {
		this.opts.onWarning?.(w);
	}

	/** characters understood */
	get consumed(): number {
		return this.base + this.pos;
	}

	feed(chunk: string): void {
		this.fed += chunk.length;
		if (!this.sawCr && chunk.indexOf('\r') >= 0) this.sawCr = true;
		if (this.pos > 0) {
			// positions are indices into buf: what is dropped is counted first
			if (this.tu) this.locateTu(this.tu);
			this.advanceLines(this.pos);
			// join builds one flat string: a concatenation would leave a cons string, which charCodeAt walks every time
			this.buf = [this.buf.slice(this.pos), chunk].join('');
			this.base += this.pos;
			this.pos = 0;
			this.lineIdx = 0;
		} else this.buf = this.buf ? [this.buf, chunk].join('') : chunk;
		this.resetSearches();
		this.scan(false);
		if (this.buf.length - this.pos > MAX_PENDING) giveUp('a construct too long');
	}

	end(): void {
		// the scan stopped at an incomplete tag whose attributes already moved the searches past it
		this.resetSearches();
		this.scan(true);
		if (this.phase !== Phase.Epilog) giveUp('no complete root element');
		this.finishHeader();
	}

	// ---------------------------------------------------------------- scanning

	private resetSearches(): void {
		for (const n of [this.nLt, this.nAmp, this.nCr, this.nLf, this.nTab, this.nBrk, this.nLine]) n.reset(this.buf);
	}

	private scan(final: boolean): void {
		const buf = this.buf;
		if (this.phase === Phase.Start) {
			if (buf.length === 0) return;
			if (buf.charCodeAt(0) === 0xfeff) giveUp('a byte order mark in the text');
			if (buf.startsWith('<?')) {
				const e = buf.indexOf('?>');
				if (e < 0) return void (final && giveUp('truncated declaration'));
				if (!XML_DECL.test(buf.slice(0, e + 2))) giveUp('an XML declaration other than version 1.0');
				this.pos = e + 2;
			} else if (buf.length < 2 && !final) return;
			this.phase = Phase.Prolog;
		}
		for (;;) {
			const pos = this.pos;
			const lt = this.nLt.at(pos);
			if (lt === Infinity) {
				if (final) this.outsideText(pos, buf.length);
				return;
			}
			if (lt > pos) this.textRun(pos, lt);
			const end = this.tag(lt);
			if (end < 0) {
				if (final) giveUp('truncated file');
				this.pos = lt;
				return;
			}
			this.pos = end;
		}
	}

	/** Text that must be white space (outside the root): anything else is saxes's error. */
	private outsideText(a: number, b: number): void {
		const buf = this.buf;
		for (let i = a; i < b; i++) if (CLASS[buf.charCodeAt(i)] !== WS) giveUp('text outside the root element');
	}

	private textRun(a: number, b: number): void {
		if (this.phase !== Phase.Root) return this.outsideText(a, b);
		const wanted = this.inSeg || this.text !== null;
		const special = this.nAmp.at(a) < b || this.nCr.at(a) < b || this.nBrk.at(a) < b;
		if (!special && !wanted) return;
		let t = this.buf.slice(a, b);
		if (special) {
			if (t.includes(']]>')) giveUp('"]]>" in text');
			if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
			if (t.includes('&')) t = decodeRefs(t);
		}
		if (wanted && t.length > 0) this.onText(t);
	}

	/** The tag at `lt`: handled, and the index after its `>`; -1 when it is not all in the buffer yet. */
	private tag(lt: number): number {
		const buf = this.buf;
		const len = buf.length;
		let i = lt + 1;
		if (i >= len) return -1;
		let c = buf.charCodeAt(i);
		if (c === SLASH) {
			// a closing tag can only close the open element: compared in place, nothing sliced
			const top = this.stack[this.stack.length - 1];
			if (this.phase !== Phase.Root || top === undefined) giveUp('misnested elements');
			i++;
			const nl = top.length;
			if (i + nl >= len) return -1;
			for (let j = 0; j < nl; j++) if (buf.charCodeAt(i + j) !== top.charCodeAt(j)) giveUp('misnested elements');
			i += nl;
			if (CLASS[buf.charCodeAt(i)] & NAME) giveUp('misnested elements');
			while (i < len && CLASS[buf.charCodeAt(i)] === WS) i++;
			if (i >= len) return -1;
			if (buf.charCodeAt(i) !== GT) giveUp('an unusual closing tag');
			this.closeTag();
			return i + 1;
		}
		if (c === 0x21 /* ! */) {
			// only the bare TMX DOCTYPE, once, before the root
			const e = buf.indexOf('>', i);
			if (e < 0) return buf.length - lt > 256 ? giveUp('markup declaration') : -1;
			if (this.phase !== Phase.Prolog || this.doctypeSeen || !TMX_DOCTYPE.test(buf.slice(lt, e + 1))) giveUp('a comment, CDATA section or DOCTYPE');
			this.doctypeSeen = true;
			return e + 1;
		}
		if (!isNameStart(c)) giveUp(c === 0x3f ? 'a processing instruction' : 'an unusual element name');
		if (this.phase === Phase.Epilog) giveUp('an element after the root');
		const s = i;
		let h = 0;
		while (i < len && CLASS[(c = buf.charCodeAt(i))] & NAME) {
			h = (Math.imul(h, 31) + c) | 0;
			i++;
		}
		if (i >= len) return -1;
		if (!(isS(c) || c === GT || c === SLASH)) giveUp('an unusual element name');
		const name = nameAt(buf, s, i, h);
		// readTmx locates a tu at its `<`; a name ending the line is located another way there: leave it to saxes
		if (name === 'tu' && (c === LF || c === CR)) giveUp('a line break after <tu');
		const attrs: Record<string, string> = {};
		let selfClosing = false;
		for (;;) {
			const ws = i;
			while (i < len && CLASS[buf.charCodeAt(i)] === WS) i++;
			if (i >= len) return -1;
			c = buf.charCodeAt(i);
			if (c === GT) {
				i++;
				break;
			}
			if (c === SLASH) {
				if (i + 1 >= len) return -1;
				if (buf.charCodeAt(i + 1) !== GT) giveUp('"/" in a tag');
				selfClosing = true;
				i += 2;
				break;
			}
			if (i === ws || !isNameStart(c)) giveUp('an unusual attribute');
			const as = i;
			h = 0;
			while (i < len && CLASS[(c = buf.charCodeAt(i))] & NAME) {
				h = (Math.imul(h, 31) + c) | 0;
				i++;
			}
			const an = nameAt(buf, as, i, h);
			while (i < len && CLASS[buf.charCodeAt(i)] === WS) i++;
			if (i >= len) return -1;
			if (buf.charCodeAt(i) !== EQ) giveUp('an unusual attribute');
			i++;
			while (i < len && CLASS[buf.charCodeAt(i)] === WS) i++;
			if (i >= len) return -1;
			const q = buf.charCodeAt(i);
			if (q !== DQ && q !== SQ) giveUp('an unquoted attribute');
			const vs = ++i;
			const e = buf.indexOf(q === DQ ? '"' : "'", vs);
			if (e < 0) return -1;
			if (this.nLt.at(vs) < e) giveUp('"<" in an attribute value');
			let value = buf.slice(vs, e);
			i = e + 1;
			if (this.nAmp.at(vs) < e || this.nCr.at(vs) < e || this.nLf.at(vs) < e || this.nTab.at(vs) < e) {
				// end-of-line handling first (CR LF is one space), then tab/LF/CR → space; references after, unnormalised
				value = value.replace(/\r\n|[\r\n\t]/g, ' ');
				if (value.includes('&')) value = decodeRefs(value);
			}
			if (an === '__proto__' || attrs[an] !== undefined) giveUp('a duplicate or unusual attribute');
			attrs[an] = value;
		}
		if (this.phase === Phase.Prolog) this.phase = Phase.Root;
		this.openTag(name, attrs, selfClosing, lt);
		if (selfClosing) this.closeTag();
		return i;
	}

	/** saxes's line and column of buf index `p` (column 1-based, in code points; CR LF and lone CR end a line). */
	private positionAt(p: number): { line: number; column: number } {
		this.advanceLines(p);
		return { line: this.line, column: this.col + 1 };
	}

	/** A tu's line and column are only needed for a warning: counted then, or before its start leaves the buffer. */
	private locateTu(t: ParsedTu): void {
		if (this.tuAt < 0) return;
		const at = this.positionAt(this.tuAt);
		t.line = at.line;
		t.column = at.column;
		this.tuAt = -1;
	}

	private advanceLines(p: number): void {
		const buf = this.buf;
		let from = this.lineIdx;
		if (p <= from) return;
		if (this.sawCr) {
			for (let i = from; i < p; i++) {
				const c = buf.charCodeAt(i);
				if (c === LF || (c === CR && buf.charCodeAt(i + 1) !== LF)) {
					this.line++;
					this.col = 0;
					from = i + 1;
				}
			}
		} else {
			for (let n = this.nLine.at(from); n < p; n = this.nLine.at(n + 1)) {
				this.line++;
				this.col = 0;
				from = n + 1;
			}
		}
		this.col += this.codePoints(from, p);
		this.lineIdx = p;
	}

	/** saxes counts an astral character as one column: within one line, so short */
	private codePoints(a: number, b: number): number {
		let n = b - a;
		const buf = this.buf;
		for (let i = a; i < b; i++) {
			const c = buf.charCodeAt(i);
			if (c >= 0xdc00 && c <= 0xdfff) n--;
		}
		return n;
	}

	// ---------------------------------------------------------------- readTmx's handlers (read.ts), failing = giving up

	private finishHeader(): void {
		if (this.headerDone) return;
		this.headerDone = true;
		if (this.header) this.opts.onHeader?.(this.header);
	}

	private onText(t: string): void {
		this.textChars += t.length;
		if (this.textChars > MAX_TEXT_CHARS) giveUp('text too long');
		if (this.inSeg) {
			if (this.seg) this.seg.addText(t);
			else this.segText += t;
		} else this.text += t;
	}

	private openTag(name: string, a: Record<string, string>, selfClosing: boolean, lt: number): void {
		const stack = this.stack;
		if (this.inSeg) {
			if (++this.segDepth > MAX_XML_DEPTH) giveUp('too deep');
			stack.push(name);
			if (!this.seg) {
				this.seg = new SegBuilder();
				this.seg.text = this.segText;
			}
			this.seg.open(name, a, selfClosing);
			return;
		}
		const parent = stack[stack.length - 1];
		if (stack.length >= MAX_STACK) giveUp('deep nesting');
		if (this.header === null) {
			if (name !== 'tmx') giveUp('not tmx');
			this.header = { version: a.version, props: [], notes: [] };
		} else if (name === 'header') {
			if (parent !== 'tmx') giveUp('misplaced');
			Object.assign(this.header, headerFields(a));
		} else if (name === 'body') {
			if (parent !== 'tmx') giveUp('misplaced');
			this.finishHeader();
		} else if (name === 'tu') {
			if (parent !== 'body') giveUp('misplaced');
			this.tu = { attrs: a, props: [], notes: [], tuvs: [], line: 0, column: 0 };
			this.tuAt = lt;
		} else if (name === 'tuv') {
			if (parent !== 'tu') giveUp('misplaced');
			const raw = (a['xml:lang'] ?? a.lang ?? '').trim();
			if (!raw) giveUp('a tuv without language');
			let lang: string;
			try {
				lang = tuvLang(raw, this.opts.file, 0);
			} catch {
				return giveUp('an invalid language');
			}
			// its position only locates errors, which are readTmx's
			this.tuv = { lang, attrs: a, props: [], notes: [], text: '', tags: [], line: 0, column: 0 };
			this.tuvHasSeg = false;
		} else if (name === 'seg') {
			if (parent !== 'tuv' || this.tuvHasSeg) giveUp('misplaced');
			this.inSeg = true;
			this.seg = null;
			this.segText = '';
			this.segDepth = 0;
		} else if (name === 'prop' || name === 'note') {
			if (!CONTAINERS.has(parent)) giveUp('misplaced');
			this.text = '';
			this.textAttrs = a;
		} else if (this.text !== null) giveUp('misplaced');
		stack.push(name);
	}

	private closeTag(): void {
		const name = this.stack.pop()!;
		if (this.inSeg) {
			if (this.segDepth > 0) {
				this.segDepth--;
				this.seg!.close(name);
				return;
			}
			this.textChars = 0;
			const tuv = this.tuv!;
			if (this.seg) {
				tuv.text = this.seg.text;
				tuv.tags = this.seg.tags;
			} else tuv.text = this.segText;
			this.tuvHasSeg = true;
			this.inSeg = false;
			this.seg = null;
			return;
		}
		if (name === 'prop' || name === 'note') {
			const value = nfc(this.text!);
			const target = this.tuv ?? this.tu ?? this.header!;
			if (name === 'note') target.notes.push(value);
			else {
				const p: TmProp = { type: this.textAttrs.type ?? '', value };
				const lang = this.textAttrs['xml:lang'] ?? this.textAttrs.lang;
				if (lang) p.lang = lang;
				target.props.push(p);
			}
			this.text = null;
			this.textChars = 0;
		} else if (name === 'tuv') {
			if (!this.tuvHasSeg) giveUp('a tuv without seg');
			this.tu!.tuvs.push(this.tuv!);
			this.tuv = null;
		} else if (name === 'tu') {
			const t = this.tu!;
			this.tu = null;
			this.summary.tus++;
			this.closing = t;
			this.pairOptions.headerSrcLang = this.header?.srcLang;
			const { units, empty } = withText(toUnits(t, this.pairOptions));
			if (empty) {
				this.locateTu(t);
				this.warn({ kind: 'tu_empty', line: t.line, column: t.column, tuid: t.attrs.tuid, detail: empty });
			}
			if (units.length === 0) {
				this.locateTu(t);
				this.summary.skipped++;
				if (!empty) this.warn({ kind: 'tu_missing_lang', line: t.line, column: t.column, tuid: t.attrs.tuid, detail: t.tuvs.map((v) => v.lang).join(',') });
			} else {
				this.summary.units += units.length;
				this.emit(units);
			}
			this.tuAt = -1;
		} else if (name === 'header') this.finishHeader();
		if (this.stack.length === 0) this.phase = Phase.Epilog;
	}
}

/** Names seen, by a hash of their characters: a name is a constant looked up, not a new string sliced out of the text each time. */
const NAMES = new Map<number, string>();
const hashName = (n: string) => {
	let h = 0;
	for (let i = 0; i < n.length; i++) h = (Math.imul(h, 31) + n.charCodeAt(i)) | 0;
	return h;
};
for (const n of ['tmx', 'header', 'body', 'tu', 'tuv', 'seg', 'prop', 'note', 'bpt', 'ept', 'ph', 'it', 'hi', 'ut', 'sub', 'tuid', 'creationdate', 'creationid', 'changedate', 'changeid', 'lastusagedate', 'usagecount', 'xml:lang', 'lang', 'type', 'srclang', 'segtype', 'o-tmf', 'creationtool', 'creationtoolversion', 'adminlang', 'datatype', 'version', 'o-encoding', 'i', 'x', 'pos', 'assoc']) {
	NAMES.set(hashName(n), n);
}

function nameAt(buf: string, s: number, e: number, h: number): string {
	const n = NAMES.get(h);
	if (n !== undefined && n.length === e - s) {
		let j = 0;
		while (j < n.length && n.charCodeAt(j) === buf.charCodeAt(s + j)) j++;
		if (j === n.length) return n;
	}
	const name = buf.slice(s, e);
	if (n === undefined && NAMES.size < 4096) NAMES.set(h, name);
	return name;
}

/** The five predefined entities and character references XML allows; anything else is saxes's to refuse. */
function decodeRefs(s: string): string {
	let out = '';
	let from = 0;
	for (let amp = s.indexOf('&'); amp >= 0; amp = s.indexOf('&', from)) {
		const semi = s.indexOf(';', amp + 1);
		if (semi < 0 || semi - amp > 10) giveUp('an entity');
		const name = s.slice(amp + 1, semi);
		let ch: string | undefined;
		if (name.charCodeAt(0) === 0x23 /* # */) {
			const cp = /^#x[0-9a-fA-F]{1,6}$/.test(name) ? parseInt(name.slice(2), 16) : /^#[0-9]{1,7}$/.test(name) ? parseInt(name.slice(1), 10) : NaN;
			if (!(cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff))) giveUp('a character reference XML does not allow');
			ch = String.fromCodePoint(cp);
		} else ch = Object.hasOwn(PREDEFINED, name) ? PREDEFINED[name] : undefined;
		if (ch === undefined) giveUp('an entity other than the predefined ones');
		out += s.slice(from, amp) + ch;
		from = semi + 1;
	}
	return out + s.slice(from);
}

// ---------------------------------------------------------------- units.ts's tuToUnits, cheaper for the usual tu

/**
 * tuToUnits for a tu of two tuvs in two languages (what TM exports hold), with the same
 * decisions; anything else goes to tuToUnits itself. Per unit it saves the filtered arrays,
 * a regex and a dozen substrings per date, and the NFC pass on text that is already NFC.
 */
function toUnits(tu: ParsedTu, o: PairOptions): TmUnit[] {
	const tuvs = tu.tuvs;
	if (tuvs.length !== 2) return tuToUnits(tu, o);
	let srcLang = o.sourceLang ?? tu.attrs.srclang ?? o.headerSrcLang;
	if (!srcLang || srcLang.toLowerCase() === '*all*') srcLang = tuvs[0].lang;
	const a = tuvs[0];
	const b = tuvs[1];
	// pick(): the exact language, else the same primary language
	const l = srcLang.toLowerCase();
	let inA = a.lang.toLowerCase() === l;
	let inB = b.lang.toLowerCase() === l;
	if (!inA && !inB) {
		const p = primaryLang(srcLang);
		inA = primaryLang(a.lang) === p;
		inB = primaryLang(b.lang) === p;
	}
	// both or neither in the source language: the general rules
	if (inA === inB) return tuToUnits(tu, o);
	const s = inA ? a : b;
	const t = inA ? b : a;
	if (o.targetLang && !(t.lang.toLowerCase() === o.targetLang.toLowerCase() || primaryLang(t.lang) === primaryLang(o.targetLang))) return [];
	return [unitOf(tu, s, t, o)];
}

