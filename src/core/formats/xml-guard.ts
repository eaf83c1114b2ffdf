/**
 * How deeply elements nest in an XML text, counted without parsing (tags only, comments,
 * CDATA and processing instructions skipped). Parsers that build a tree recurse once per
 * level, so a file nested a hundred thousand deep overflows their stack; real documents
 * (Word, TMX, TBX, SRX) stay below a hundred.
 */
export function xmlDepthExceeds(text: string, limit: number): boolean {
	let depth = 0;
	let i = text.indexOf('<');
	while (i >= 0 && i < text.length) {
		const c = text.charCodeAt(i + 1);
		if (c === 0x21 /* ! */) {
			if (text.startsWith('<!--', i)) i = text.indexOf('-->', i + 4);
			else if (text.startsWith('<![CDATA[', i)) i = text.indexOf(']]>', i + 9);
			else i = text.indexOf('>', i + 2);
		} else if (c === 0x3f /* ? */) {
			i = text.indexOf('?>', i + 2);
		} else if (c === 0x2f /* / */) {
			depth--;
			i = text.indexOf('>', i + 2);
		} else {
			const end = text.indexOf('>', i + 1);
			if (end < 0) break;
			if (text.charCodeAt(end - 1) !== 0x2f) {
				if (++depth > limit) return true;
			}
			i = end;
		}
		if (i < 0) break;
		i = text.indexOf('<', i + 1);
	}
	return false;
}

/** Real documents nest a few dozen levels; this leaves room for any tool's markup. */
export const MAX_XML_DEPTH = 1000;

/** One text (a segment, a term, a note) longer than this is not translation data: a hostile or broken file. */
export const MAX_TEXT_CHARS = 1_000_000;

/**
 * Where a saxes parser stands, as our errors locate things: line and column from 1. saxes's
 * `column` is that of the next character, counted from 0 — the 1-based column of the last
 * one read — and 0 just after a line break, which would read as "column 0".
 */
export function xmlAt(parser: { line: number; column: number }): { line: number; column: number } {
	return { line: parser.line, column: Math.max(1, parser.column) };
}
