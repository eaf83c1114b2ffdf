import { SaxesParser } from 'saxes';
import { TAG_BASE, type InlineTag } from '../../model.js';
import { escapeAttr, escapeText } from '../xml.js';

/**
 * TMX inline markup ↔ placeholders.
 *
 * Every top-level inline element of a `seg` (bpt, ept, ph, it, ut, and anything unknown)
 * becomes ONE Private-Use character `TAG_BASE + i` in the text and `tags[i]` keeps its
 * attributes and inner XML (re-escaped, `sub` included), so matching skips it and the writer
 * puts the markup back byte-equivalent.
 *
 * `hi` is different: it wraps translatable text, so hiding it in one placeholder would hide
 * words from matching. It becomes an opening placeholder `{kind:'hi', attrs}` and a closing
 * placeholder `{kind:'/hi'}` around its text; whatever is inside (text, ph, nested hi…) is
 * read as if it were at top level.
 */

export const HI_CLOSE = '/hi';

/** Attributes the TMX 1.4 DTD allows per inline element: anything else would make the output invalid. */
const ALLOWED: Record<string, readonly string[]> = {
	bpt: ['i', 'x', 'type'],
	ept: ['i'],
	it: ['pos', 'x', 'type'],
	ph: ['x', 'assoc', 'type'],
	hi: ['x', 'type'],
	ut: ['x']
};

/** Collects one `seg`: fed the SAX events between `<seg>` and `</seg>`. */
export class SegBuilder {
	text = '';
	readonly tags: InlineTag[] = [];
	/** open elements inside the current placeholder tag (0 = at seg level); true = self-closing */
	private inner: boolean[] = [];
	private current: InlineTag | null = null;

	open(name: string, attrs: Record<string, string>, selfClosing: boolean): void {
		if (this.current) {
			this.current.content += `<${name}${attrString(attrs)}${selfClosing ? '/' : ''}>`;
			this.inner.push(selfClosing);
			return;
		}
		const tag: InlineTag = { kind: name, attrs: { ...attrs }, content: '' };
		this.text += String.fromCharCode(TAG_BASE + this.tags.length);
		this.tags.push(tag);
		// hi stays "open" at seg level: its text is ordinary text; the rest capture their content
		if (name !== 'hi' && !selfClosing) this.current = tag;
	}

	close(name: string): void {
		if (this.current) {
			if (this.inner.length === 0) this.current = null;
			else if (!this.inner.pop()) this.current.content += `</${name}>`;
			return;
		}
		if (name === 'hi') {
			this.text += String.fromCharCode(TAG_BASE + this.tags.length);
			this.tags.push({ kind: HI_CLOSE, attrs: {}, content: '' });
		}
	}

	addText(t: string): void {
		if (this.current) this.current.content += xmlText(t);
		else this.text += t;
	}
}

/** Text content: `\r` as a reference too, or XML's end-of-line handling would turn it into `\n`. */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export function xmlText(s: string): string {
	// most segments have nothing to escape: one test instead of five replaces
	if (!NEEDS_ESCAPE.test(s)) return s;
	return escapeText(s).replace(/\r/g, '&#13;');
}

function attrString(attrs: Record<string, string>, allowed?: readonly string[]): string {
	let s = '';
	for (const [k, v] of Object.entries(attrs)) if (!allowed || allowed.includes(k)) s += ` ${k}="${escapeAttr(v)}"`;
	return s;
}

/**
 * Placeholders → TMX markup, for the writer. The output is always well-formed and valid
 * against the 1.4 DTD: missing required attributes are filled in (bpt/ept `i` paired by
 * order, it `pos`), unbalanced `hi` are closed or dropped, tags of non-TMX kinds (XLIFF
 * g/x/bx/ex…) become `ph` with their content as native code, and content that is not
 * well-formed XML is escaped as text rather than breaking the file.
 */
export function renderSeg(text: string, tags: readonly InlineTag[] | undefined): string {
	if (!tags || tags.length === 0) return xmlText(text);
	let out = '';
	let run = 0;
	let hiDepth = 0;
	let auto = 0;
	const pending: string[] = [];
	for (let k = 0; k < text.length; k++) {
		const idx = text.charCodeAt(k) - TAG_BASE;
		const tag = tags && idx >= 0 && idx < tags.length ? tags[idx] : undefined;
		if (!tag) continue;
		out += xmlText(text.slice(run, k));
		run = k + 1;
		if (tag.kind === HI_CLOSE) {
			if (hiDepth > 0) {
				out += '</hi>';
				hiDepth--;
			}
			continue;
		}
		if (tag.kind === 'hi') {
			out += `<hi${attrString(tag.attrs, ALLOWED.hi)}>`;
			hiDepth++;
			continue;
		}
		const known = tag.kind in ALLOWED;
		const kind = known ? tag.kind : 'ph';
		const attrs: Record<string, string> = known ? { ...tag.attrs } : { type: tag.kind };
		if (kind === 'bpt' && !attrs.i) pending.push((attrs.i = `a${++auto}`));
		if (kind === 'ept' && !attrs.i) attrs.i = pending.pop() ?? `a${++auto}`;
		if (kind === 'it' && attrs.pos !== 'begin' && attrs.pos !== 'end') attrs.pos = 'begin';
		const content = known ? safeContent(tag.content) : xmlText(tag.content);
		out += content ? `<${kind}${attrString(attrs, ALLOWED[kind])}>${content}</${kind}>` : `<${kind}${attrString(attrs, ALLOWED[kind])}/>`;
	}
	out += xmlText(text.slice(run));
	return out + '</hi>'.repeat(hiDepth);
}

/** Content as read is already escaped XML; check it only when it holds markup (rare: `sub`, entities). */
function safeContent(content: string): string {
	if (!/[<&]/.test(content)) return content;
	const p = new SaxesParser({ xmlns: false });
	let ok = true;
	p.on('error', () => {
		ok = false;
	});
	p.write(`<x>${content}</x>`).close();
	return ok ? content : xmlText(content);
}
