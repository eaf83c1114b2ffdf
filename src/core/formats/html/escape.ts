import { codePoint, INVISIBLE } from '../invisible.js';

/**
 * The one place where text becomes HTML in the exports. Everything a segment, a title or a
 * comment holds goes through here, so markup in a segment is shown as text, never run.
 */

// Control characters HTML forbids (tab, line feed and carriage return are fine).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;

const MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text → HTML text or attribute value (quoted with either quote). */
export function escapeHtml(s: string): string {
	return s.replace(CONTROL, '').replace(/[&<>"']/g, (c) => MAP[c]);
}

/** Escaped text with invisible characters (see `../invisible.ts`) made visible; `label` gives the tooltip (`invisible character U+202E`). */
export function htmlText(s: string, label: (code: string) => string = (c) => c): string {
	let out = '';
	let last = 0;
	for (const m of s.matchAll(INVISIBLE)) {
		out += escapeHtml(s.slice(last, m.index));
		const code = codePoint(m[0]);
		out += `<span class="cp" title="${escapeHtml(label(code))}">${code}</span>`;
		last = m.index! + m[0].length;
	}
	return out + escapeHtml(s.slice(last));
}
