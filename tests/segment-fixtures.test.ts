import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { segmenterFor, segmentText } from '../src/core/segment/index.js';

/**
 * Segmentation regression suite: `tests/fixtures/segment/<lang>/<phenomenon>.txt`.
 * A case is a `> input paragraph` line followed by one `= expected segment` line per
 * segment; `#` lines are comments; blank lines separate cases. `\u00A0`-style escapes
 * are written as the characters themselves.
 */
interface Case {
	file: string;
	line: number;
	input: string;
	expected: string[];
}

export function readCases(dir: string): Case[] {
	const cases: Case[] = [];
	for (const name of readdirSync(dir).filter((n) => n.endsWith('.txt')).sort()) {
		const lines = readFileSync(join(dir, name), 'utf8').split('\n');
		let cur: Case | null = null;
		lines.forEach((raw, i) => {
			if (raw.startsWith('#')) return;
			if (raw.startsWith('> ')) {
				if (cur) cases.push(cur);
				cur = { file: name, line: i + 1, input: raw.slice(2), expected: [] };
			} else if (raw.startsWith('= ')) {
				if (!cur) throw new Error(`${name}:${i + 1}: expected segment before any input`);
				cur.expected.push(raw.slice(2));
			} else if (raw.trim() === '') {
				if (cur) cases.push(cur);
				cur = null;
			} else throw new Error(`${name}:${i + 1}: line must start with "> ", "= " or "#"`);
		});
		if (cur) cases.push(cur);
	}
	return cases;
}

const root = join(import.meta.dirname, 'fixtures', 'segment');
const langs = { fr: 'fr-FR', en: 'en-GB' } as const;

describe.each(Object.entries(langs))('segmentation fixtures (%s)', (dir, lang) => {
	const seg = segmenterFor(lang);
	const cases = readCases(join(root, dir));
	it('has cases', () => expect(cases.length).toBeGreaterThan(50));
	it.each(cases.map((c) => [`${c.file}:${c.line}`, c] as const))('%s', (_name, c) => {
		expect(c.expected.length, 'a case needs at least one expected segment').toBeGreaterThan(0);
		const got = segmentText(seg, c.input).map((s) => s.text);
		expect(got).toEqual(c.expected);
	});
});
