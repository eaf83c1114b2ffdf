import type { Block } from '../../src/core/model.js';

/**
 * A readable, diffable form of cleaned blocks: one paragraph per line, kind (and level or
 * marker) first, then the text; a footnote names the paragraph and offset of its call.
 */
export function dumpBlocks(blocks: Block[]): string {
	return (
		blocks
			.map((b, i) => {
				let head = `[${i}] ${b.kind}`;
				if (b.level) head += ` level=${b.level}`;
				if (b.marker) head += ` marker=${b.marker}`;
				if (b.noteCall) head += ` call=${b.noteCall.block}@${b.noteCall.offset}`;
				return `${head}\n${b.text}`;
			})
			.join('\n\n') + '\n'
	);
}
