/**
 * Windows-1252, decoded here rather than by `TextDecoder`: Node's TextDecoder takes the
 * label from the WHATWG list but, built with a reduced ICU (as on Debian), decodes bytes
 * 0x80–0x9F as the C1 control characters of ISO-8859-1. In a French file saved by Word as
 * "Text" those bytes are ’ œ … – — “ ” €: decoded that way, `l’OTAN` would silently become
 * `l\u0092OTAN`. ISO-8859-1 proper puts only controls there, which no text holds, so a file
 * labelled Latin-1 is decoded as Windows-1252 too (the WHATWG Encoding Standard does the same).
 * The five bytes Windows-1252 leaves undefined stay C1 controls, for the binary check to see.
 */
const HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeCp1252(b: Uint8Array): string {
	const units = new Uint16Array(b.length);
	for (let i = 0; i < b.length; i++) {
		const c = b[i];
		units[i] = c >= 0x80 && c < 0xa0 ? HIGH.charCodeAt(c - 0x80) : c;
	}
	return new TextDecoder('utf-16le').decode(units);
}

/** The labels (WHATWG Encoding Standard) that name Windows-1252 or ISO-8859-1, lower-cased. */
const LABELS = new Set([
	'ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1', 'iso-ir-100', 'iso8859-1', 'iso88591',
	'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1', 'us-ascii', 'windows-1252', 'x-cp1252'
]);

export const isCp1252Label = (label: string): boolean => LABELS.has(label.toLowerCase());

/** The same with the shape of a streaming TextDecoder: one byte is one character, so nothing is carried between chunks. */
export const cp1252Decoder = { decode: (bytes?: Uint8Array, _opts?: { stream?: boolean }): string => (bytes ? decodeCp1252(bytes) : '') };
