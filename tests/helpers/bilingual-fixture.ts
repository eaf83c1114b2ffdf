import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BilingualDocument, BilingualParagraph, BilingualRow } from '../../src/core/export/bilingual.js';
import { segmenterFor } from '../../src/core/segment/index.js';
import { cleanup } from '../../src/core/text/cleanup.js';
import { segmentBlocks } from '../../src/core/text/import.js';

const root = join(import.meta.dirname, '..', '..');

function segmented(file: string, lang: string) {
	const text = readFileSync(file, 'utf8');
	const blocks = segmentBlocks(cleanup(text).blocks, segmenterFor(lang));
	const segs: { block: number; text: string }[] = [];
	blocks.forEach((b, i) => b.segments.forEach((s) => segs.push({ block: i, text: s.text })));
	return { blocks, segs };
}

function beads(file: string): [number[], number[]][] {
	return readFileSync(file, 'utf8')
		.split('\n')
		.filter((l) => l.trim())
		.map((l) => {
			const [a, b] = l.split(':').map((s) => JSON.parse(s) as number[]);
			return [a, b];
		});
}

/**
 * A seed document as a translator would export it: the French segmented as the app does,
 * the English of each 1:1 gold bead as its target, and the segments of n–m beads left
 * untranslated (so writers meet the fallback to the source). Statuses cycle for variety.
 */
export function seedDocument(seed: 'bucharest-summit-2008' | 'nrc-chairman-statement-2008', documentId = 7): BilingualDocument {
	const dir = join(root, 'segments', seed);
	const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
	const fr = segmented(join(dir, 'fr.txt'), 'fr-FR');
	const en = segmented(join(dir, 'en.txt'), 'en-GB');
	const targetOf = new Map<number, string>();
	for (const [a, b] of beads(join(dir, 'gold.fr-en.beads'))) if (a.length === 1 && b.length === 1) targetOf.set(a[0], en.segs[b[0]].text);
	const statuses = ['translated', 'reviewed', 'draft'] as const;
	let ord = 0;
	const paragraphs: BilingualParagraph[] = fr.blocks.map((b, p) => ({
		ord: p,
		kind: b.kind,
		level: b.level ?? null,
		marker: b.marker ?? null,
		rows: b.segments.map((s): BilingualRow => {
			const o = ord++;
			const target = targetOf.get(o) ?? null;
			return {
				number: o + 1,
				id: String(o),
				sourceOrds: [o],
				kind: b.kind,
				source: s.text,
				target,
				status: target == null ? 'new' : statuses[o % 3],
				version: 1
			};
		})
	}));
	return {
		documentId,
		title: meta.title,
		sourceLang: meta.source.lang,
		targetLang: meta.targetLang,
		originFile: 'fr.txt',
		origin: 'document',
		exportedAt: '2026-11-23T03:00:00Z',
		paragraphs
	};
}

/** The same seed as an alignment: one row per gold bead, with a confidence. */
export function seedAlignment(seed: 'bucharest-summit-2008' | 'nrc-chairman-statement-2008', documentId = 8): BilingualDocument {
	const dir = join(root, 'segments', seed);
	const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
	const fr = segmented(join(dir, 'fr.txt'), 'fr-FR');
	const en = segmented(join(dir, 'en.txt'), 'en-GB');
	const paragraphs: BilingualParagraph[] = [];
	let n = 0;
	for (const [a, b] of beads(join(dir, 'gold.fr-en.beads'))) {
		const block = a.length ? fr.segs[a[0]].block : paragraphs.at(-1)?.ord ?? 0;
		let para = paragraphs.find((p) => p.ord === block);
		if (!para) {
			const fb = fr.blocks[block];
			para = { ord: block, kind: fb.kind, level: fb.level ?? null, marker: fb.marker ?? null, rows: [] };
			paragraphs.push(para);
		}
		n++;
		para.rows.push({
			number: n,
			id: String(a[0] ?? `t${b[0]}`),
			sourceOrds: a,
			targetOrds: b,
			kind: para.kind,
			source: a.map((i) => fr.segs[i].text).join(' '),
			target: b.length ? b.map((i) => en.segs[i].text).join(' ') : null,
			status: 'translated',
			confidence: a.length === 1 && b.length === 1 ? 0.93 : 0.61
		});
	}
	return {
		documentId,
		title: meta.title,
		sourceLang: meta.source.lang,
		targetLang: meta.targetLang,
		originFile: 'fr.txt',
		origin: 'alignment',
		exportedAt: '2026-11-23T03:00:00Z',
		paragraphs
	};
}

/** Text meant to break an export: markup, script URLs, bidi overrides, invisible characters, an endless word. */
export const HOSTILE = {
	script: '<script>alert("x")</script> fin',
	img: '<img src=x onerror="alert(1)"> & co',
	link: '<a href="javascript:alert(1)">clic</a>',
	rtl: 'abc\u202Eevil.exe\u202C def',
	zw: 'zero\u200Bwidth\u200Djoin\uFEFF',
	long: 'x'.repeat(10_000),
	formula: '=HYPERLINK("http://evil","click")'
};

/** A small hand-built document with every kind of paragraph, hostile text included. */
export function hostileDocument(): BilingualDocument {
	const row = (n: number, kind: BilingualRow['kind'], source: string, target: string | null, extra: Partial<BilingualRow> = {}): BilingualRow => ({
		number: n,
		id: String(n - 1),
		sourceOrds: [n - 1],
		kind,
		source,
		target,
		status: target ? 'translated' : 'new',
		version: 3,
		...extra
	});
	return {
		documentId: 42,
		title: 'Titre <b>gras</b> & « guillemets »',
		sourceLang: 'fr-FR',
		targetLang: 'en-GB',
		originFile: 'x.txt',
		origin: 'document',
		exportedAt: '2026-11-23T03:00:00Z',
		paragraphs: [
			{ ord: 0, kind: 'heading', level: 1, marker: null, rows: [row(1, 'heading', 'Consolider l’Europe', 'Consolidating Europe')] },
			{
				ord: 1,
				kind: 'body',
				level: null,
				marker: null,
				rows: [
					row(2, 'body', 'Les « Alliés » ont dit\u00A0: oui\u202F!', 'The Allies said: yes!', {
						match: 100,
						termHits: [{ start: 6, end: 12, text: 'Alliés', conceptKey: 'c1', term: { lang: 'fr-FR', text: 'Alliés', status: 'preferred' } }],
						termEquivalents: [['Allies', 'Allied nations']],
						comment: 'vérifié'
					}),
					row(3, 'body', HOSTILE.script, HOSTILE.img, {
						issues: [
							{ check: 'term-missing', severity: 'warning', message: 'checks.termMissing', params: { source: '<b>x</b>', expected: 'y' }, segments: [2], fingerprint: 'f' }
						]
					}),
					row(4, 'body', HOSTILE.link, HOSTILE.rtl),
					row(5, 'body', HOSTILE.zw, HOSTILE.long),
					row(6, 'body', HOSTILE.formula, null)
				]
			},
			{ ord: 2, kind: 'list_item', level: null, marker: '•', rows: [row(7, 'list_item', 'un engagement ferme ;', 'a firm commitment;')] },
			{ ord: 3, kind: 'list_item', level: null, marker: '•', rows: [row(8, 'list_item', 'une approche globale.', 'a comprehensive approach.')] },
			{ ord: 4, kind: 'footnote', level: null, marker: '*', rows: [row(9, 'footnote', 'La Turquie reconnaît la République.', 'Turkey recognises the Republic.', { status: 'reviewed' })] }
		]
	};
}
