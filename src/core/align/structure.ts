import { KIND_CODE } from './cost.js';
import type { AlignSentence } from './types.js';

/**
 * Paragraph structure of one side: consecutive sentences with the same `paragraph`
 * number form a paragraph, whose kind is its first sentence's. Absent when any sentence
 * lacks a paragraph number — presegmented input is then aligned on one level.
 */
export interface Paragraphs {
	/** [first sentence, end) per paragraph */
	groups: [number, number][];
	/** start sentence of each paragraph, plus the sentence count at the end */
	start: Int32Array;
	kinds: Uint8Array;
}

export function kindCodes(sents: AlignSentence[]): Uint8Array | undefined {
	if (!sents.some((s) => s.kind && s.kind !== 'body')) return undefined;
	return Uint8Array.from(sents.map((s) => KIND_CODE[s.kind ?? 'body'] ?? 0));
}

export function paragraphsOf(sents: AlignSentence[]): Paragraphs | null {
	if (!sents.length || sents.some((s) => typeof s.paragraph !== 'number')) return null;
	const groups: [number, number][] = [];
	let from = 0;
	for (let i = 1; i <= sents.length; i++) {
		if (i === sents.length || sents[i].paragraph !== sents[i - 1].paragraph) {
			groups.push([from, i]);
			from = i;
		}
	}
	const start = new Int32Array(groups.length + 1);
	groups.forEach(([a], k) => (start[k] = a));
	start[groups.length] = sents.length;
	const kinds = Uint8Array.from(groups.map(([a]) => KIND_CODE[sents[a].kind ?? 'body'] ?? 0));
	return { groups, start, kinds };
}
