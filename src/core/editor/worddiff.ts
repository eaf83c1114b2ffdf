import DiffMatchPatch from 'diff-match-patch';

// one character per token, from U+0100 on, skipping the surrogates (a lone one would not survive the diff)
const toCode = (i: number) => (i + 0x100 >= 0xd800 ? i + 0x900 : i + 0x100);
const fromCode = (c: number) => (c >= 0xe000 ? c - 0x900 : c - 0x100);

export type DiffPart = { op: 'equal' | 'insert' | 'delete'; text: string };

const TOKEN = /[\p{L}\p{N}]+(?:[’'\-][\p{L}\p{N}]+)*|\s+|./gsu;

/**
 * Word-level diff with diff-match-patch: each distinct word (or space run, or punctuation
 * mark) becomes one character, the character strings are diffed, and the characters are
 * mapped back — the `diff_linesToChars_` trick at word granularity, so a changed word is
 * shown whole instead of as a few changed letters. `delete`: only in `from`; `insert`: only in `to`.
 */
export function wordDiff(from: string, to: string): DiffPart[] {
	const dict = new Map<string, string>();
	const words: string[] = [];
	const encode = (s: string) => {
		let out = '';
		for (const m of s.matchAll(TOKEN)) {
			let c = dict.get(m[0]);
			if (c == null) {
				c = String.fromCharCode(toCode(words.length));
				dict.set(m[0], c);
				words.push(m[0]);
			}
			out += c;
		}
		return out;
	};
	const a = encode(from);
	const b = encode(to);
	const dmp = new DiffMatchPatch();
	const diffs = dmp.diff_main(a, b, false);
	dmp.diff_cleanupSemantic(diffs);
	const decode = (s: string) => Array.from(s, (c) => words[fromCode(c.charCodeAt(0))]).join('');
	const out: DiffPart[] = [];
	for (const [op, text] of diffs as [number, string][]) {
		const part: DiffPart = { op: op === 0 ? 'equal' : op < 0 ? 'delete' : 'insert', text: decode(text) };
		const last = out[out.length - 1];
		if (last && last.op === part.op) last.text += part.text;
		else out.push(part);
	}
	return out;
}
