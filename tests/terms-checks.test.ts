import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCheckContext, runTermChecks } from '../src/core/checks/run.js';
import type { SegmentPair } from '../src/core/checks/types.js';
import { readTbx } from '../src/core/formats/tbx/read.js';
import type { Issue } from '../src/core/model.js';

/**
 * The terminology checks scored on a seeded-violation corpus:
 * `tests/fixtures/terms/violations.tsv`, one segment pair a line, columns `doc id source
 * target expected why` (a header line first). Pairs are grouped into documents by `doc`, in
 * file order, because acronym first use and inconsistency are judged over a document.
 * `expected` lists the findings the pair must get, ` | `-separated, each `check:message:found`
 * (message without `checks.`; found is the source term for termMissing, the target text
 * found for termForbidden/termDeprecated/acronym*, `params.source` for inconsistentTarget
 * and `params.target` for inconsistentSource), or `-` for none. A document-level finding
 * belongs to the first segment it lists.
 */

const ROOT = join(import.meta.dirname, '..');
const CORPUS = join(import.meta.dirname, 'fixtures', 'terms', 'violations.tsv');

const CHECKS = ['term-missing', 'term-forbidden', 'term-acronym', 'term-inconsistency'] as const;
const MESSAGES: Record<string, string> = {
	termMissing: 'term-missing',
	termForbidden: 'term-forbidden',
	termDeprecated: 'term-forbidden',
	acronymUntranslated: 'term-acronym',
	acronymNotExpanded: 'term-acronym',
	inconsistentTarget: 'term-inconsistency',
	inconsistentSource: 'term-inconsistency'
};

interface Row {
	line: number;
	doc: string;
	id: string;
	source: string;
	target: string;
	expected: string[];
	why: string;
}

function readCorpus(file: string): Row[] {
	const lines = readFileSync(file, 'utf8').split('\n');
	const header = lines[0].split('\t');
	if (header.join(',') !== 'doc,id,source,target,expected,why') throw new Error(`${file}:1: header must be doc, id, source, target, expected, why`);
	const rows: Row[] = [];
	lines.slice(1).forEach((raw, i) => {
		const line = i + 2;
		if (raw.trim() === '' || raw.startsWith('#')) return;
		const cols = raw.split('\t');
		if (cols.length !== 6) throw new Error(`${file}:${line}: ${cols.length} columns, expected 6`);
		const [doc, id, source, target, expected, why] = cols;
		const findings = expected.trim() === '-' ? [] : expected.split(' | ').map((f) => f.trim());
		for (const f of findings) {
			const [check, message, ...found] = f.split(':');
			if (MESSAGES[message] !== check || found.join(':') === '') throw new Error(`${file}:${line}: malformed expected finding "${f}"`);
		}
		rows.push({ line, doc, id, source, target, expected: findings, why });
	});
	return rows;
}

/** `check:message:found`, the corpus's notation for an issue. */
function key(i: Issue): string {
	const message = i.message.replace(/^checks\./, '');
	const p = i.params;
	const found =
		message === 'termMissing' || message === 'inconsistentTarget' ? p.source : message === 'inconsistentSource' ? p.target : p.found;
	return `${i.check}:${message}:${found ?? '-'}`;
}

const concepts = readTbx(readFileSync(join(ROOT, 'glossary/nato.tbx'), 'utf8'), 'glossary/nato.tbx');
const ctx = createCheckContext(concepts, 'fr-FR', 'en-GB');
const rows = readCorpus(CORPUS);

function documents(all: Row[]): Row[][] {
	const docs = new Map<string, Row[]>();
	for (const r of all) docs.set(r.doc, [...(docs.get(r.doc) ?? []), r]);
	return [...docs.values()];
}

function pairsOf(doc: Row[], document: number): SegmentPair[] {
	return doc.map((r, ord) => ({ ord, source: r.source, target: r.target, document }));
}

interface Tally {
	tp: number;
	fp: number;
	fn: number;
}

function score() {
	const tally = new Map<string, Tally>(CHECKS.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]));
	const mismatches: string[] = [];
	documents(rows).forEach((doc, d) => {
		const report = runTermChecks(pairsOf(doc, d), ctx);
		doc.forEach((row, ord) => {
			const produced = report.issues.filter((i) => i.segments[0] === ord).map(key);
			const left = [...produced];
			for (const e of row.expected) {
				const t = tally.get(e.split(':')[0])!;
				const k = left.indexOf(e);
				if (k >= 0) {
					left.splice(k, 1);
					t.tp++;
				} else {
					t.fn++;
					mismatches.push(`${row.doc}/${row.id} (line ${row.line}): missing   ${e}`);
				}
			}
			for (const extra of left) {
				tally.get(extra.split(':')[0])!.fp++;
				mismatches.push(`${row.doc}/${row.id} (line ${row.line}): unexpected ${extra}`);
			}
		});
	});
	const total = [...tally.values()].reduce((a, t) => ({ tp: a.tp + t.tp, fp: a.fp + t.fp, fn: a.fn + t.fn }), { tp: 0, fp: 0, fn: 0 });
	return { tally, total, mismatches };
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const precision = (t: Tally) => ratio(t.tp, t.tp + t.fp);
const recall = (t: Tally) => ratio(t.tp, t.tp + t.fn);

function table(tally: Map<string, Tally>, total: Tally): string {
	const line = (name: string, t: Tally) =>
		`${name.padEnd(20)} ${String(t.tp).padStart(4)} ${String(t.fp).padStart(4)} ${String(t.fn).padStart(4)}   ${precision(t).toFixed(3)}   ${recall(t).toFixed(3)}`;
	return [`${'check'.padEnd(20)}   TP   FP   FN   precision recall`, ...[...tally].map(([c, t]) => line(c, t)), line('overall', total)].join('\n');
}

describe('terminology checks on the seeded-violation corpus', () => {
	it('is a corpus of real pairs, seeded violations and clean pairs', () => {
		const ids = rows.map((r) => `${r.doc}/${r.id}`);
		expect(new Set(ids).size, 'case ids are unique within a document').toBe(ids.length);
		expect(rows.length).toBeGreaterThanOrEqual(120);
		expect(rows.filter((r) => r.expected.length === 0).length, 'clean pairs').toBeGreaterThanOrEqual(30);
		expect(rows.reduce((n, r) => n + r.expected.length, 0), 'expected findings').toBeGreaterThanOrEqual(150);
		const messages = new Set(rows.flatMap((r) => r.expected.map((e) => e.split(':')[1])));
		expect([...messages].sort()).toEqual(Object.keys(MESSAGES).sort());
		// documents are contiguous: a doc id is not reused further down the file
		const order = rows.map((r) => r.doc).filter((d, i, a) => i === 0 || a[i - 1] !== d);
		expect(new Set(order).size).toBe(order.length);
	});

	it('finds the seeded violations: precision ≥ 0.98 and recall ≥ 0.99', () => {
		const { tally, total, mismatches } = score();
		const summary = table(tally, total);
		console.log(`terms-checks corpus: ${rows.length} pairs\n${summary}`);
		const report = `${summary}\n\n${mismatches.length} mismatch(es):\n${mismatches.join('\n')}`;
		expect(precision(total), report).toBeGreaterThanOrEqual(0.98);
		expect(recall(total), report).toBeGreaterThanOrEqual(0.99);
		for (const [check, t] of tally) expect(t.tp, `${check} has expected findings`).toBeGreaterThan(0);
	});
});

describe('ignore-lists', () => {
	const pairs: SegmentPair[] = [
		{
			ord: 0,
			document: 1,
			source: 'Les Partenaires de l’OTAN sont essentiels au mode de fonctionnement actuel de l’Alliance.',
			target: 'Nato’s Partners are central to the way the Alliance works today.'
		},
		{
			ord: 1,
			document: 1,
			source: 'Enfin, un certain nombre de Partenaires ont aussi annoncé de nouveaux engagements de forces.',
			target: 'Finally, a number of partner countries also announced new force commitments.'
		}
	];
	const before = runTermChecks(pairs, ctx);
	const forbidden = before.issues.find((i) => i.check === 'term-forbidden')!;
	const inconsistent = before.issues.find((i) => i.check === 'term-inconsistency')!;

	it('has the findings to ignore', () => {
		expect(before.issues.map(key).sort()).toEqual(['term-forbidden:termForbidden:Nato', 'term-inconsistency:inconsistentTarget:Partenaires']);
		expect(before.counts).toEqual({ error: 1, warning: 1, info: 0, ignored: 0 });
		expect(inconsistent.segments).toEqual([0, 1]);
	});

	it('marks an accepted finding with its reason; it stays listed and no longer counts', () => {
		const reason = 'quoted verbatim from a 1990s press release';
		const after = runTermChecks(pairs, ctx, { ignores: [{ ord: 0, check: 'term-forbidden', fingerprint: forbidden.fingerprint, reason }] });
		expect(after.issues).toHaveLength(before.issues.length);
		const same = after.issues.find((i) => i.fingerprint === forbidden.fingerprint)!;
		expect(same.ignored).toBe(reason);
		expect(after.issues.filter((i) => i !== same).every((i) => i.ignored === undefined)).toBe(true);
		expect(after.counts).toEqual({ error: 0, warning: 1, info: 0, ignored: 1 });
	});

	it('matches a document-level finding on any of its segments', () => {
		const reason = 'both forms are in the client’s style guide';
		const after = runTermChecks(pairs, ctx, { ignores: [{ ord: 1, check: 'term-inconsistency', fingerprint: inconsistent.fingerprint, reason }] });
		expect(after.issues.find((i) => i.check === 'term-inconsistency')!.ignored).toBe(reason);
		expect(after.counts).toEqual({ error: 1, warning: 0, info: 0, ignored: 1 });
	});

	it('applies only to its segment, check and fingerprint', () => {
		const reason = 'wrong place';
		const after = runTermChecks(pairs, ctx, {
			ignores: [
				{ ord: 1, check: 'term-forbidden', fingerprint: forbidden.fingerprint, reason },
				{ ord: 0, check: 'term-missing', fingerprint: forbidden.fingerprint, reason },
				{ ord: 0, check: 'term-forbidden', fingerprint: `${forbidden.fingerprint}x`, reason }
			]
		});
		expect(after.issues.every((i) => i.ignored === undefined)).toBe(true);
		expect(after.counts).toEqual(before.counts);
	});

	it('fingerprints are stable: the same finding in another run and another segment keeps its fingerprint', () => {
		const moved = runTermChecks([{ ...pairs[1], ord: 0 }, { ...pairs[0], ord: 1 }], ctx);
		expect(moved.issues.find((i) => i.check === 'term-forbidden')!.fingerprint).toBe(forbidden.fingerprint);
	});
});

describe('the checks never throw on odd input', () => {
	const source = 'Le COR a tenu une réunion avec la FIAS et l’OTAN.';
	const odd: Array<[string, string | null]> = [
		['empty target', ''],
		['null target', null],
		['blank target', '  \u00A0\u202F '],
		['emoji', '🇺🇦🤝🇷🇺 NATO 🛰️ COR 💥 FIAS'],
		['10,000-character word', 'N'.repeat(10_000)],
		['10,000-character word of an acronym repeated', 'NRC'.repeat(3_334)],
		['only punctuation', '« ... » ; : ! ? — – - ’ \' " () [] {} * / \\ …'],
		['lone surrogate and control characters', 'NATO\uD800\u0000\u0007\uFEFF'],
		['combining marks', 'NATO\u0301 Secreta\u0301ry General'],
		['a very long text', 'The NATO-Russia Council (NRC) met. '.repeat(2_000)]
	];

	it.each(odd)('%s', (_name, target) => {
		for (const src of [source, '', target ?? '', '🙂'.repeat(5_000)]) {
			const pairs: SegmentPair[] = [
				{ ord: 0, source: src, target, document: 7 },
				{ ord: 1, source, target: 'The NRC met with ISAF and NATO.', document: 7 }
			];
			let report: ReturnType<typeof runTermChecks> | undefined;
			expect(() => (report = runTermChecks(pairs, ctx))).not.toThrow();
			expect(Array.isArray(report!.issues)).toBe(true);
			for (const i of report!.issues) {
				expect(i.segments.length).toBeGreaterThan(0);
				expect(typeof i.fingerprint).toBe('string');
			}
			if (!target?.trim()) {
				// an untranslated segment is not a terminology error: nothing is reported on its target
				expect(report!.issues.filter((i) => i.segments[0] === 0 && i.check !== 'term-inconsistency')).toEqual([]);
			}
		}
	});

	it('an empty document', () => {
		expect(runTermChecks([], ctx)).toEqual({ issues: [], counts: { error: 0, warning: 0, info: 0, ignored: 0 } });
	});
});

describe('verb forms and ambiguous short forms in the checks', () => {
	const found = (r: ReturnType<typeof runTermChecks>) => r.issues.map((i) => `${i.segments[0]}:${key(i)}`);

	it('an ambiguous short form (MD) counts once its full form has appeared earlier in the document', () => {
		const intro = { ord: 0, source: 'Le Dialogue méditerranéen réunit sept pays.', target: 'The Mediterranean Dialogue (MD) brings together seven countries.', document: 1 };
		const later = { source: 'Les pays du Dialogue méditerranéen se sont réunis.', target: 'The MD countries met in Rabat.' };
		const withIntro = runTermChecks([intro, { ord: 1, ...later, document: 1 }], ctx);
		expect(found(withIntro).filter((f) => f.startsWith('1:'))).toEqual([]);
		// the same segment alone: MD could be a managing director, so the approved rendering is missing
		const alone = runTermChecks([{ ord: 0, ...later, document: 2 }], ctx);
		expect(found(alone)).toEqual(['0:term-missing:termMissing:Dialogue méditerranéen']);
		// a photo ID is no Intensified Dialogue, even in a document that has one
		const id = runTermChecks(
			[
				{ ord: 0, source: 'Le dialogue intensifié avec la Géorgie.', target: 'The Intensified Dialogue (ID) with Georgia.', document: 3 },
				{ ord: 1, source: 'Merci de présenter une pièce d’identité.', target: 'Please show a photo ID 4711 at the door.', document: 3 }
			],
			ctx
		);
		expect(found(id)).toEqual([]);
	});

	it('verb forms: an inflected approved verb renders the source verb, an inflected forbidden spelling is reported', () => {
		const ok = runTermChecks([{ ord: 0, source: 'La Turquie a reconnu la République de Macédoine.', target: 'Turkey has recognised the Republic of Macedonia.', document: 4 }], ctx);
		expect(found(ok)).toEqual([]);
		const us = runTermChecks([{ ord: 0, source: 'Les Alliés reconnaissent les efforts de la Turquie.', target: 'The Allies recognized the efforts of Turkey.', document: 5 }], ctx);
		expect(found(us)).toEqual(['0:term-forbidden:termForbidden:recognized']);
		expect(us.issues[0].suggestions).toEqual(['recognise']);
	});
});
