/** Word count as translators count it (CAT-tool style): runs of letters/digits, with inner
 *  apostrophes, hyphens and decimal separators kept inside the word; `l’OTAN` is one word. */
const WORD = /[\p{L}\p{N}]+(?:[’'\-.,/][\p{L}\p{N}]+)*/gu;

export function countWords(text: string): number {
	let n = 0;
	WORD.lastIndex = 0;
	while (WORD.exec(text)) n++;
	return n;
}
