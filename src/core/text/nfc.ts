/**
 * NFC without the cost when there is nothing to compose. `String.prototype.normalize` goes
 * through ICU and copies every string; a TM import calls it several times per unit, a
 * million units at a time. A string whose characters all have NFC_QC=Yes is already in NFC
 * (Unicode UAX #15, quick check), so only strings holding some other character are passed
 * to ICU. The ranges below are all NFC_QC=Yes: everything before the combining diacritics
 * (U+0300), General Punctuation after U+2001 (U+2000/U+2001 decompose to U+2002/U+2003),
 * super/subscripts and currency signs up to the combining marks for symbols (U+20D0), and
 * the Private Use Area (our inline-tag placeholders). French typography (’ « » U+00A0
 * U+202F, —, €, œ) falls in them.
 */
export function toNfc(s: string): string {
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c < 0x300 || (c >= 0x2002 && c < 0x20d0) || (c >= 0xe000 && c <= 0xf8ff)) continue;
		return s.normalize('NFC');
	}
	return s;
}
