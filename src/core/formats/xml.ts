/** Text and attribute escaping for the XML we write. Control characters XML 1.0 forbids are dropped. */
// eslint-disable-next-line no-control-regex
const TEXT_SPECIAL = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
// eslint-disable-next-line no-control-regex
const ATTR_SPECIAL = /[&<>"\n\t\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const REPLACEMENT: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\n': '&#10;', '\t': '&#9;' };
const replace = (c: string) => REPLACEMENT[c] ?? '';

// one pass with a lookup instead of a replace per character class: exports escape every text of a million units
export function escapeText(s: string): string {
	return s.replace(TEXT_SPECIAL, replace);
}

export function escapeAttr(s: string): string {
	return s.replace(ATTR_SPECIAL, replace);
}
