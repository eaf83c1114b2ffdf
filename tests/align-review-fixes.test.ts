import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { align } from '../src/core/align/index.js';
import { applyEdit, editObstacle, isValidTiling, needsReview, type RangeBead } from '../src/core/alignment/beads.js';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { describeEvidence } from '../src/lib/align/evidence.js';
import { createT } from '../src/lib/i18n/index.js';
import { tempDir } from './helpers/db.js';

const root = join(import.meta.dirname, '..');
const seg = (key: string, file: string) => join(root, 'segments', key, file);

let dir: ReturnType<typeof tempDir>;
beforeAll(() => {
	dir = tempDir();
});
afterAll(() => dir.remove());

describe('a sentence with no counterpart is flagged for review', () => {
	it('the aligner marks 1–0 and 0–1 beads as having no counterpart: they are what review shows first', () => {
		const src = ['Le budget de 2005 était de 120 millions.', 'Le budget de 2006 était de 135 millions.', 'Le budget de 2007 était de 150 millions.', 'Le budget de 2008 était de 170 millions.'];
		const tgt = ['The 2005 budget was 120 million.', 'The 2007 budget was 150 million.', 'The 2008 budget was 170 million.'];
		const r = align(
			src.map((text) => ({ text })),
			tgt.map((text) => ({ text }))
		);
		const lone = r.beads.find((b) => b.src[0] === 1)!;
		expect(lone.tgt).toEqual([]);
		expect(lone.evidence).toContainEqual({ kind: 'no_counterpart', side: 'src' });
		// its confidence stays the model's calibrated belief; review finds it by its empty side
		const asRange = (x: typeof lone): RangeBead => ({ srcFrom: x.src[0] ?? 0, srcTo: (x.src.at(-1) ?? -1) + 1, tgtFrom: x.tgt[0] ?? 0, tgtTo: (x.tgt.at(-1) ?? -1) + 1, confidence: x.confidence, evidence: x.evidence, locked: false, manual: false, confirmed: false });
		expect(needsReview(asRange(lone))).toBe(true);
		expect(r.beads.filter((b) => b.tgt.length).every((b) => b.confidence > 0.5 && !needsReview(asRange(b)))).toBe(true);
		expect(align([{ text: 'Bonjour.' }], []).beads[0].evidence).toEqual([{ kind: 'no_counterpart', side: 'src' }]);
	});

	it('a refused edit says why: a locked bead, no neighbour, no sentence of that side to move', () => {
		const b = (sf: number, st: number, tf: number, tt: number, locked = false): RangeBead => ({ srcFrom: sf, srcTo: st, tgtFrom: tf, tgtTo: tt, confidence: 0.9, evidence: [], locked, manual: false, confirmed: false });
		const beads = [b(0, 1, 0, 1), b(1, 2, 1, 2, true), b(2, 3, 2, 2), b(3, 4, 2, 3)];
		const cases = [
			[{ op: 'merge', ord: 0 }, { why: 'locked', ord: 1 }],
			[{ op: 'merge', ord: 3 }, { why: 'no_neighbour', ord: 3 }],
			[{ op: 'moveUp', ord: 0, side: 'src' }, { why: 'no_neighbour', ord: 0 }],
			[{ op: 'moveDown', ord: 2, side: 'tgt' }, { why: 'nothing_to_move', ord: 2, side: 'tgt' }],
			[{ op: 'split', ord: 1, srcAt: 1, tgtAt: 2 }, { why: 'locked', ord: 1 }],
			[{ op: 'detach', ord: 1 }, { why: 'locked', ord: 1 }]
		] as const;
		for (const [edit, why] of cases) {
			expect(applyEdit(beads, edit), JSON.stringify(edit)).toBeNull();
			expect(editObstacle(beads, edit), JSON.stringify(edit)).toEqual(why);
		}
		// an edit that applies has no obstacle
		expect(applyEdit(beads, { op: 'merge', ord: 2 })).not.toBeNull();
		expect(editObstacle(beads, { op: 'merge', ord: 2 })).toBeNull();
	});

	it('a bead the reviewer detaches stays flagged as unmatched, a pairing made by hand is not', () => {
		const b = (sf: number, st: number, tf: number, tt: number): RangeBead => ({ srcFrom: sf, srcTo: st, tgtFrom: tf, tgtTo: tt, confidence: 0.9, evidence: [], locked: false, manual: false, confirmed: false });
		const out = applyEdit([b(0, 1, 0, 1), b(1, 2, 1, 2)], { op: 'detach', ord: 0 })!;
		expect(out[0]).toMatchObject({ srcFrom: 0, srcTo: 1, tgtFrom: 0, tgtTo: 0, manual: true, evidence: [{ kind: 'no_counterpart', side: 'src' }] });
		expect(out[1]).toMatchObject({ srcFrom: 1, srcTo: 1, tgtFrom: 0, tgtTo: 1, evidence: [{ kind: 'no_counterpart', side: 'tgt' }] });
		expect(out.slice(0, 2).every(needsReview)).toBe(true);
		const merged = applyEdit(out, { op: 'merge', ord: 0 })!;
		expect(merged[0]).toMatchObject({ confidence: 1, manual: true });
		expect(needsReview(merged[0])).toBe(false);
		// whatever its confidence
		expect(needsReview({ ...b(0, 1, 0, 0), confidence: 1 })).toBe(true);
	});

	it('atelier align: a missing paragraph is a warning on stderr even at high coverage, and its beads have no counterpart', () => {
		const en = readFileSync(seg('bucharest-summit-2008', 'en.txt'), 'utf8').split('\n\n');
		// paragraph 2 has six sentences; the other 32 paragraphs keep the coverage above 80 %
		const missing = join(dir.dir, 'en-missing.txt');
		writeFileSync(missing, [...en.slice(0, 2), ...en.slice(3)].join('\n\n'));
		const run = (...args: string[]) =>
			spawnSync(process.execPath, [join(root, 'bin', 'atelier.js'), 'align', seg('bucharest-summit-2008', 'fr.txt'), missing, ...args], {
				encoding: 'utf8',
				env: { ...process.env, ATELIER_DB: join(dir.dir, 'cli.sqlite'), ATELIER_LANG: 'en' }
			});
		const tsv = run('--format', 'tsv');
		expect(tsv.status).toBe(0);
		expect(tsv.stderr).not.toMatch(/only partly covered/);
		expect(tsv.stderr).toMatch(/the source has 3 or more sentences in a row with no counterpart/);
		const rows = tsv.stdout.trim().split('\n').slice(1).map((l) => l.split('\t'));
		const lone = rows.filter((r) => r[2] === '');
		expect(lone.length).toBeGreaterThanOrEqual(3);
		const json = JSON.parse(run('--format', 'json').stdout) as ReturnType<typeof align>;
		const w = json.warnings.find((x) => x.code === 'unmatched_run');
		expect(w).toMatchObject({ side: 'src' });
		if (w?.code === 'unmatched_run') expect(w.runs[0].to - w.runs[0].from + 1).toBeGreaterThanOrEqual(3);
		for (const b of json.beads) if (!b.src.length || !b.tgt.length) expect(b.evidence.map((e) => e.kind)).toContain('no_counterpart');
	});
});

describe('the alignment service', () => {
	let wb: Workbench;
	let aid: number;
	let srcDoc: number;
	// five one-sentence paragraphs on each side: five 1–1 beads
	const fr = ['Le Conseil s’est réuni à Bucarest le 3 avril 2008.', 'Les Alliés ont salué les progrès accomplis en Afghanistan.', 'La mission de la FIAS compte 47 000 soldats.', 'Le sommet a invité l’Albanie et la Croatie.', 'La prochaine réunion aura lieu en 2009.'];
	const en = ['The Council met in Bucharest on 3 April 2008.', 'Allies welcomed the progress made in Afghanistan.', 'The ISAF mission has 47,000 troops.', 'The summit invited Albania and Croatia.', 'The next meeting will take place in 2009.'];
	const alignmentUnits = () => [...wb.tm.iterate({ origin: 'alignment', documentId: srcDoc })].map((u) => `${u.source} | ${u.target}`).sort();

	beforeAll(async () => {
		wb = createWorkbench({ dbPath: join(dir.dir, 'svc.sqlite') });
		srcDoc = (await wb.importDocument({ bytes: new TextEncoder().encode(fr.join('\n\n')), file: 'fr.txt', sourceLang: 'fr-FR', targetLang: 'en-GB' })).id;
		const tgtDoc = await wb.importTranslation(srcDoc, { bytes: new TextEncoder().encode(en.join('\n\n')), file: 'en.txt', lang: 'en-GB' });
		aid = wb.alignment.alignDocuments(srcDoc, tgtDoc);
	});
	afterAll(() => wb.close());

	it('aligned the five pairs', () => {
		expect(wb.alignment.view(aid).beads.map((b) => [b.srcFrom, b.tgtFrom])).toEqual([[0, 0], [1, 1], [2, 2], [3, 3], [4, 4]]);
	});

	it('re-confirming replaces the pairs an earlier confirmation wrote, keeps what someone else changed since', () => {
		expect(wb.alignment.confirm(aid, { minConfidence: 0 })).toBe(5);
		expect(alignmentUnits()).toHaveLength(5);
		// a wrong correction, confirmed, then corrected back
		let v = wb.alignment.view(aid);
		let r = wb.alignment.edit(aid, v.version, { op: 'merge', ord: 0 });
		expect(r.ok).toBe(true);
		expect(wb.alignment.confirm(aid, { minConfidence: 0 })).toBe(4);
		expect(alignmentUnits()).toEqual([`${fr[0]} ${fr[1]} | ${en[0]} ${en[1]}`, ...[2, 3, 4].map((k) => `${fr[k]} | ${en[k]}`)].sort());
		v = wb.alignment.view(aid);
		r = wb.alignment.edit(aid, v.version, { op: 'split', ord: 0, srcAt: 1, tgtAt: 1 });
		expect(r.ok).toBe(true);
		// someone else writes the pair of bead 3 again later (another confirmation, the TM editor…): it is theirs now
		const later = new Date(Date.now() + 60_000).toISOString();
		wb.tm.add([{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: fr[3], target: en[3], origin: 'alignment', documentId: srcDoc, segmentOrd: 3, createdAt: later, createdBy: 'bob' }]);
		// move the 4th French sentence into bead 2: beads 2 and 3 change
		v = wb.alignment.view(aid);
		r = wb.alignment.edit(aid, v.version, { op: 'moveUp', ord: 3, side: 'src' });
		expect(r.ok).toBe(true);
		wb.alignment.confirm(aid, { minConfidence: 0 });
		const now = alignmentUnits();
		expect(now).toContain(`${fr[0]} | ${en[0]}`);
		expect(now).toContain(`${fr[1]} | ${en[1]}`);
		expect(now).not.toContain(`${fr[0]} ${fr[1]} | ${en[0]} ${en[1]}`);
		expect(now).toContain(`${fr[2]} ${fr[3]} | ${en[2]}`);
		expect(now).not.toContain(`${fr[2]} | ${en[2]}`);
		// bob's unit stays, though the bead it came from is gone
		expect(now).toContain(`${fr[3]} | ${en[3]}`);
		expect(wb.tm.lookup(fr[2], { sourceLang: 'fr-FR', targetLang: 'en-GB', threshold: 100 })).toEqual([]);
	});

	it('a detached run of 3 sentences is a warning in the view, as the beads are now', () => {
		let v = wb.alignment.view(aid);
		wb.alignment.edit(aid, v.version, { op: 'set', beads: [0, 1, 2, 3, 4].map((k) => ({ srcFrom: k, srcTo: k + 1, tgtFrom: k, tgtTo: k + 1, confidence: 0.9, evidence: [], locked: false, manual: false, confirmed: false })) });
		expect(wb.alignment.view(aid).warnings.filter((w) => w.code === 'unmatched_run')).toEqual([]);
		for (const ord of [1, 3, 5]) {
			v = wb.alignment.view(aid);
			expect(wb.alignment.edit(aid, v.version, { op: 'detach', ord }).ok).toBe(true);
		}
		v = wb.alignment.view(aid);
		expect(v.warnings).toContainEqual({ code: 'unmatched_run', side: 'src', runs: [{ from: 1, to: 3 }] });
		expect(v.warnings).toContainEqual({ code: 'unmatched_run', side: 'tgt', runs: [{ from: 1, to: 3 }] });
		expect(v.beads.filter(needsReview)).toHaveLength(6);
	});

	it('a split at the very start or end of a sentence is refused with its reason and the sentence', () => {
		const v = wb.alignment.view(aid);
		const r = wb.alignment.edit(aid, v.version, { op: 'splitSegment', side: 'src', ord: 2, offset: 0 });
		expect(r).toMatchObject({ ok: false, reason: 'split_edge', side: 'src', ord: 2 });
		const end = wb.alignment.edit(aid, v.version, { op: 'splitSegment', side: 'tgt', ord: 2, offset: v.tgt[2].text.length });
		expect(end).toMatchObject({ ok: false, reason: 'split_edge', side: 'tgt', ord: 2 });
		expect(wb.alignment.view(aid).version).toBe(v.version);
		expect(wb.alignment.edit(aid, v.version - 1, { op: 'merge', ord: 0 })).toMatchObject({ ok: false, reason: 'conflict' });
	});
});

describe('the evidence panel speaks the reader’s numbers', () => {
	it('0,87 in French, 0.87 in English', () => {
		const e = { kind: 'length' as const, ratio: 0.8712, expected: 0.85, srcChars: 100, tgtChars: 87 };
		expect(describeEvidence(createT('fr'), e, 'fr')).toBe('rapport de longueur 0,87 (attendu 0,85)');
		expect(describeEvidence(createT('en'), e, 'en')).toBe('length ratio 0.87 (expected 0.85)');
	});
});

describe('joining and splitting sentences on the alignment page is the editor’s join and split', () => {
	let wb: Workbench;
	let aid: number;
	let srcDoc: number;
	beforeAll(async () => {
		wb = createWorkbench({ dbPath: join(dir.dir, 'restructure.sqlite') });
		const fr = ['Le Conseil s’est réuni à Bucarest. Les Alliés ont salué les progrès.', 'La mission de la FIAS compte 47 000 soldats.'];
		const en = ['The Council met in Bucharest. Allies welcomed the progress.', 'The ISAF mission has 47,000 troops.'];
		srcDoc = (await wb.importDocument({ bytes: new TextEncoder().encode(fr.join('\n\n')), file: 'fr.txt', sourceLang: 'fr-FR', targetLang: 'en-GB' })).id;
		const tgtDoc = await wb.importTranslation(srcDoc, { bytes: new TextEncoder().encode(en.join('\n\n')), file: 'en.txt', lang: 'en-GB' });
		aid = wb.alignment.alignDocuments(srcDoc, tgtDoc);
	});
	afterAll(() => wb.close());

	it('keeps what the translator typed in both sentences, and leaves every sentence in exactly one bead', () => {
		const rows = wb.editing.rows(srcDoc);
		expect(rows.map((r) => r.source)).toEqual(['Le Conseil s’est réuni à Bucarest.', 'Les Alliés ont salué les progrès.', 'La mission de la FIAS compte 47 000 soldats.']);
		expect(wb.editing.save(srcDoc, 0, { target: 'The Council met in Bucharest.', status: 'draft', version: rows[0].version }).ok).toBe(true);
		expect(wb.editing.save(srcDoc, 1, { target: 'Allies welcomed the progress.', status: 'draft', version: rows[1].version }).ok).toBe(true);
		let v = wb.alignment.view(aid);
		expect(v.beads.map((b) => [b.srcFrom, b.srcTo])).toEqual([[0, 1], [1, 2], [2, 3]]);
		const r = wb.alignment.edit(aid, v.version, { op: 'joinSegment', side: 'src', ord: 0 });
		expect(r.ok).toBe(true);
		const after = wb.editing.rows(srcDoc);
		expect(after.map((x) => [x.source, x.target])).toEqual([
			['Le Conseil s’est réuni à Bucarest. Les Alliés ont salué les progrès.', 'The Council met in Bucharest. Allies welcomed the progress.'],
			['La mission de la FIAS compte 47 000 soldats.', null]
		]);
		v = wb.alignment.view(aid);
		expect(v.src).toHaveLength(2);
		expect(isValidTiling(v.beads, v.src.length, v.tgt.length)).toBe(true);
		// the two beads that met are one now, and it asks for review
		expect(v.beads[0]).toMatchObject({ srcFrom: 0, srcTo: 1, tgtFrom: 0, tgtTo: 2 });
		expect(needsReview(v.beads[0])).toBe(true);
		// undo: the inverse splits it back where it was joined
		expect(r.ok && r.inverse).toEqual({ op: 'splitSegment', side: 'src', ord: 0, offset: 'Le Conseil s’est réuni à Bucarest.'.length });
		const back = wb.alignment.edit(aid, v.version, (r as { inverse: { op: 'splitSegment'; side: 'src'; ord: number; offset: number } }).inverse);
		expect(back.ok).toBe(true);
		expect(wb.editing.rows(srcDoc).map((x) => x.source)).toEqual(rows.map((x) => x.source));
		v = wb.alignment.view(aid);
		expect(isValidTiling(v.beads, v.src.length, v.tgt.length)).toBe(true);
	});

	it('a join across paragraphs is refused with a located message, and nothing changes', () => {
		const v = wb.alignment.view(aid);
		const before = wb.editing.rows(srcDoc).map((x) => x.source);
		expect(() => wb.alignment.edit(aid, v.version, { op: 'joinSegment', side: 'src', ord: 1 })).toThrow(expect.objectContaining({ code: 'segment_join_paragraph' }));
		expect(wb.editing.rows(srcDoc).map((x) => x.source)).toEqual(before);
		expect(wb.alignment.view(aid).version).toBe(v.version);
	});
});
