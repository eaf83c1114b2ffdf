import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isValidTiling } from '../src/core/alignment/beads.js';
import { createHistoryRepo } from '../src/core/db/history.repo.server.js';
import { callGoesRight, cutAt, cutPoints, joinedStatus, joinedTarget, remapRanges, splitFirstStatus } from '../src/core/editor/restructure.js';
import { type AtelierError, isAtelierError } from '../src/core/errors.js';
import { buildBilingual } from '../src/core/export/build.js';
import { writeTranslatedText } from '../src/core/formats/text/translated.js';
import { countWords } from '../src/core/text/words.js';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { contentChecksum, tempDir } from './helpers/db.js';
import { describeEvidence, joinedUnchecked } from '../src/lib/align/evidence.js';
import { createT, errorMessage } from '../src/lib/i18n/index.js';

const FR = [
	'Déclaration du sommet',
	'',
	'Le Conseil s’est réuni avec M. Dupont à Bucarest. Les Alliés ont dit\u00a0: « la sécurité\u00a0» est essentielle\u202f! Ils ont approuvé la Macédoine* et le plan.',
	'',
	'Un autre paragraphe ici. Et une seconde phrase.',
	'',
	'* Nom constitutionnel : voir la note.',
	''
].join('\n');
const EN = [
	'Summit declaration',
	'',
	'The Council met with Mr Dupont in Bucharest. The Allies said: "security" is essential! They approved Macedonia* and the plan.',
	'',
	'Another paragraph here. And a second sentence.',
	'',
	'* Constitutional name: see the note.',
	''
].join('\n');

/** What a user must never lose: each paragraph's segments still sit at their offsets, in order. */
function offsetsHold(wb: Workbench, doc: number) {
	const d = wb.getDocument(doc);
	let ord = 0;
	for (const p of d.paragraphsList) {
		p.segments.forEach((s, i) => {
			expect(s.ord).toBe(ord++);
			expect(s.indexInParagraph).toBe(i);
			expect(p.text.slice(s.start, s.end)).toBe(s.source);
			if (i) expect(s.start).toBeGreaterThanOrEqual(p.segments[i - 1].end);
		});
	}
}

function code(fn: () => unknown): string | null {
	try {
		fn();
		return null;
	} catch (e) {
		if (isAtelierError(e)) return e.code;
		throw e;
	}
}

describe('join/split, pure parts', () => {
	it('statuses: the lesser of two, never confirmed with an unconfirmed half; a split first part goes back to draft', () => {
		expect(joinedStatus('translated', 'reviewed', 'x')).toBe('translated');
		expect(joinedStatus('reviewed', 'draft', 'x')).toBe('draft');
		expect(joinedStatus('translated', 'new', 'x')).toBe('draft');
		expect(joinedStatus('new', 'new', null)).toBe('new');
		expect(joinedStatus('reviewed', 'rejected', 'x')).toBe('rejected');
		expect(splitFirstStatus('reviewed', 'The text.')).toBe('draft');
		expect(splitFirstStatus('new', null)).toBe('new');
		expect(splitFirstStatus('rejected', 'x')).toBe('rejected');
	});

	it('targets: both kept with one space, a blank half adds no space', () => {
		expect(joinedTarget('The Council met. ', ' The Allies said.')).toBe('The Council met. The Allies said.');
		expect(joinedTarget(null, 'Only this.')).toBe('Only this.');
		expect(joinedTarget('  ', null)).toBeNull();
	});

	it('cuts: whitespace goes with neither part; empty parts, edges and surrogate halves are refused', () => {
		const s = 'Le Conseil   s’est réuni.';
		expect(cutAt(s, 10)).toEqual({ leftEnd: 10, rightStart: 13 });
		expect(cutAt(s, 12)).toEqual({ leftEnd: 10, rightStart: 13 });
		expect(cutAt(s, 0)).toBeNull();
		expect(cutAt(s, s.length)).toBeNull();
		expect(cutAt('Abc  ', 4)).toBeNull();
		expect(cutAt('a𝒳b', 2)).toBeNull();
		expect(cutAt('a𝒳b', 3)).toEqual({ leftEnd: 3, rightStart: 3 });
	});

	it('cut points are between words, never at a no-break space of French typography', () => {
		const s = 'Les Alliés ont dit\u00a0: « la sécurité\u00a0» est essentielle\u202f!';
		const words = cutPoints(s).map((o) => s.slice(o).split(' ')[0]);
		expect(words).toEqual(['Alliés', 'ont', 'dit\u00a0:', '«', 'sécurité\u00a0»', 'est', 'essentielle\u202f!']);
		// the same typography with ordinary spaces, as PDF text often has it: no cut inside « »
		// or ( ), nor before : ; ! ? or a closing mark
		const pdf = 'cette « approche globale » en action ( voir note ) dans cinq domaines : fusion ; partage !';
		expect(cutPoints(pdf).map((o) => pdf.slice(o).split(' ')[0])).toEqual(['«', 'globale', 'en', 'action', '(', 'note', 'dans', 'cinq', 'domaines', 'fusion', 'partage']);
	});

	it('footnote calls follow the part holding the mark', () => {
		expect(callGoesRight('*', 'Ils ont approuvé', 'la Macédoine* et le plan.')).toBe(true);
		expect(callGoesRight('*', 'la Macédoine*', 'et le plan.')).toBe(false);
		expect(callGoesRight(null, 'a', 'b*')).toBe(false);
	});

	it('bead ranges: a split widens one bead; a join across beads merges them, empty-sided beads between included', () => {
		const r = (from: number, to: number) => ({ from, to, locked: false });
		expect(remapRanges([r(0, 1), r(1, 3), r(3, 4)], { op: 'split', ord: 1 }).ranges).toEqual([
			{ from: 0, to: 1 },
			{ from: 1, to: 4 },
			{ from: 4, to: 5 }
		]);
		const j = remapRanges([r(0, 1), r(1, 2), r(2, 2), r(2, 3), r(3, 4)], { op: 'join', ord: 1 });
		expect(j.merged).toEqual([1, 3]);
		expect(j.ranges).toEqual([
			{ from: 0, to: 1 },
			{ from: 1, to: 2 },
			{ from: 2, to: 2 },
			{ from: 1, to: 2 },
			{ from: 2, to: 3 }
		]);
		expect(remapRanges([r(0, 1), r(1, 3), r(3, 4)], { op: 'join', ord: 1 })).toEqual({
			ranges: [
				{ from: 0, to: 1 },
				{ from: 1, to: 2 },
				{ from: 2, to: 3 }
			],
			merged: null
		});
	});
});

describe('joining and splitting segments of a stored document', () => {
	let dir: ReturnType<typeof tempDir>;
	let wb: Workbench;
	let doc: number;
	let tr: number;
	let aid: number;
	const row = (ord: number) => wb.editing.get(doc, ord);
	const ver = (ord: number) => row(ord).version;

	beforeEach(async () => {
		dir = tempDir();
		wb = createWorkbench({ dbPath: join(dir.dir, 'js.sqlite') });
		doc = (await wb.importDocument({ bytes: new TextEncoder().encode(FR), file: 'fr.txt', sourceLang: 'fr-FR', targetLang: 'en-GB' })).id;
		tr = await wb.importTranslation(doc, { bytes: new TextEncoder().encode(EN), file: 'en.txt', lang: 'en-GB' });
		aid = wb.alignment.alignDocuments(doc, tr);
	});
	afterEach(() => {
		wb.close();
		dir.remove();
	});

	it('joins two segments: the paragraph’s exact text, both targets, the lesser status, later ords moved up', () => {
		const para = wb.getDocument(doc).paragraphsList[1].text;
		expect(wb.editing.save(doc, 1, { target: 'The Council met with Mr Dupont in Bucharest.', status: 'translated', version: ver(1) }).ok).toBe(true);
		expect(wb.editing.save(doc, 2, { target: 'The Allies said: “security” is essential!', status: 'draft', version: ver(2) }).ok).toBe(true);
		const before = wb.editing.rows(doc);
		const r = wb.editing.joinSegments(doc, 1, { versions: [ver(1), ver(2)], by: 'anne' });
		expect(r.ord).toBe(1);
		expect(r.total).toBe(before.length - 1);
		const joined = r.rows[0];
		const source = para.slice(0, para.indexOf('!') + 1);
		expect(joined.source).toBe(source);
		expect(joined.source).toContain('dit\u00a0: « la sécurité\u00a0» est essentielle\u202f!');
		expect(joined.source).toContain('Bucarest. Les');
		expect(joined.words).toBe(countWords(source));
		expect(joined.target).toBe('The Council met with Mr Dupont in Bucharest. The Allies said: “security” is essential!');
		expect(joined.status).toBe('draft');
		expect(row(1).changedBy).toBe('anne');
		// every later segment moved up one, with its own text; the rows returned are those from the join on
		expect(r.rows.map((x) => x.source)).toEqual(before.slice(3).map((x) => x.source).reduce((acc, s) => [...acc, s], [joined.source]));
		expect(wb.editing.rows(doc).map((x) => [x.ord, x.inPara])).toEqual([
			[0, 0],
			[1, 0],
			[2, 1],
			[3, 0],
			[4, 1],
			[5, 0]
		]);
		offsetsHold(wb, doc);
	});

	it('refuses a stale version with the editor’s conflict error and writes nothing', () => {
		const v1 = ver(1);
		const v2 = ver(2);
		expect(wb.editing.save(doc, 2, { target: 'Typed in another tab.', status: 'draft', version: v2 }).ok).toBe(true);
		const sum = contentChecksum(wb.db);
		expect(code(() => wb.editing.joinSegments(doc, 1, { versions: [v1, v2] }))).toBe('edit_conflict');
		expect(code(() => wb.editing.splitSegment(doc, 2, 5, { version: v2 }))).toBe('edit_conflict');
		expect(contentChecksum(wb.db)).toBe(sum);
		expect(row(2).target).toBe('Typed in another tab.');
	});

	it('refuses joins across paragraphs or past the end, and cuts that leave an empty part, with located errors', () => {
		const sum = contentChecksum(wb.db);
		try {
			wb.editing.joinSegments(doc, 3, { versions: [ver(3), ver(4)] });
			expect.unreachable();
		} catch (e) {
			expect(isAtelierError(e) && [e.code, e.params, e.location]).toEqual(['segment_join_paragraph', { segment: 4, next: 5 }, { document: doc, segment: 4 }]);
		}
		expect(code(() => wb.editing.joinSegments(doc, 6, { versions: [ver(6), 1] }))).toBe('segment_join_last');
		expect(code(() => wb.editing.joinSegments(doc, 9, { versions: [1, 1] }))).toBe('segment_not_found');
		for (const offset of [0, row(3).source.length, -1, 999]) expect(code(() => wb.editing.splitSegment(doc, 3, offset, { version: ver(3) }))).toBe('segment_split_offset');
		expect(contentChecksum(wb.db)).toBe(sum);
	});

	it('splits a segment: whitespace to neither part, the target stays with the first (draft), the second starts new', () => {
		const s = row(3).source; // Ils ont approuvé la Macédoine* et le plan.
		expect(wb.editing.save(doc, 3, { target: 'They approved Macedonia* and the plan.', status: 'reviewed', version: ver(3) }).ok).toBe(true);
		const at = s.indexOf(' et le plan');
		const r = wb.editing.splitSegment(doc, 3, at, { version: ver(3), by: 'bob' });
		expect(r.rows.slice(0, 2).map((x) => [x.ord, x.source, x.target, x.status, x.words, x.inPara])).toEqual([
			[3, 'Ils ont approuvé la Macédoine*', 'They approved Macedonia* and the plan.', 'draft', 5, 2],
			[4, 'et le plan.', null, 'new', 3, 3]
		]);
		expect(r.total).toBe(8);
		offsetsHold(wb, doc);
		// the footnote still points at the segment with its call (the first part)
		const d = wb.getDocument(doc);
		const note = d.paragraphsList[3].segments[0];
		expect(note.noteRef).toBe(d.paragraphsList[1].segments[2].id);
	});

	it('a footnote call in the second part takes the footnote with it; joining back brings it home', () => {
		const s = row(3).source;
		wb.editing.splitSegment(doc, 3, s.indexOf('la Macédoine'), { version: ver(3) });
		let d = wb.getDocument(doc);
		const [, , first, second] = d.paragraphsList[1].segments;
		expect([first.source, second.source]).toEqual(['Ils ont approuvé', 'la Macédoine* et le plan.']);
		expect(d.paragraphsList[3].segments[0].noteRef).toBe(second.id);
		wb.editing.joinSegments(doc, 3, { versions: [ver(3), ver(4)] });
		d = wb.getDocument(doc);
		expect(d.paragraphsList[1].segments[2].source).toBe(s);
		expect(d.paragraphsList[3].segments[0].noteRef).toBe(first.id);
		offsetsHold(wb, doc);
	});

	it('split then join gives the imported segments back, NFC and typography intact', () => {
		const before = wb.getDocument(doc).paragraphsList.map((p) => p.segments.map((s) => [s.start, s.end, s.source]));
		const s = row(2).source;
		wb.editing.splitSegment(doc, 2, s.indexOf('«'), { version: ver(2) });
		expect(row(2).source).toBe('Les Alliés ont dit\u00a0:');
		expect(row(3).source).toBe('« la sécurité\u00a0» est essentielle\u202f!');
		wb.editing.joinSegments(doc, 2, { versions: [ver(2), ver(3)] });
		const after = wb.getDocument(doc).paragraphsList.map((p) => p.segments.map((x) => [x.start, x.end, x.source]));
		expect(after).toEqual(before);
		expect(row(2).source).toBe(row(2).source.normalize('NFC'));
	});

	it('remaps the alignment: a join inside one paragraph merges the two beads into one flagged for review; a split widens its bead', () => {
		const v0 = wb.alignment.view(aid);
		expect(v0.beads.slice(0, 4).map((b) => [b.srcFrom, b.srcTo, b.tgtFrom, b.tgtTo])).toEqual([
			[0, 1, 0, 1],
			[1, 2, 1, 2],
			[2, 3, 2, 3],
			[3, 4, 3, 4]
		]);
		wb.editing.joinSegments(doc, 1, { versions: [ver(1), ver(2)] });
		const v1 = wb.alignment.view(aid);
		expect(v1.version).toBeGreaterThan(v0.version);
		expect(v1.beads.length).toBe(v0.beads.length - 1);
		expect(isValidTiling(v1.beads, v1.src.length, v1.tgt.length)).toBe(true);
		expect([v1.beads[1].srcFrom, v1.beads[1].srcTo, v1.beads[1].tgtFrom, v1.beads[1].tgtTo, v1.beads[1].confidence]).toEqual([1, 2, 1, 3, 0]);
		// it says why it is flagged (the review shows "to check" and this line, not a bare 0 %)
		expect(v1.beads[1].evidence).toEqual([{ kind: 'joined' }]);
		expect(joinedUnchecked(v1.beads[1])).toBe(true);
		expect(describeEvidence(createT('fr'), v1.beads[1].evidence[0], 'fr')).toBe('segments fusionnés pendant la révision\u00a0: cet appariement n’a pas encore été vérifié');
		expect(joinedUnchecked(v1.beads[2])).toBe(false);
		expect(v1.beads[2]).toMatchObject({ srcFrom: 2, srcTo: 3, tgtFrom: 3, tgtTo: 4 });
		// a split on the translation's side: that side's ranges move
		wb.editing.splitSegment(tr, 2, wb.editing.get(tr, 2).source.indexOf('"security"'), { version: wb.editing.get(tr, 2).version });
		const v2 = wb.alignment.view(aid);
		expect(isValidTiling(v2.beads, v2.src.length, v2.tgt.length)).toBe(true);
		expect([v2.beads[1].tgtFrom, v2.beads[1].tgtTo]).toEqual([1, 4]);
		expect(v2.beads[2]).toMatchObject({ srcFrom: 2, srcTo: 3, tgtFrom: 4, tgtTo: 5 });
	});

	it('refuses a join that would change a locked bead', () => {
		const v = wb.alignment.view(aid);
		const locked = wb.alignment.edit(aid, v.version, { op: 'lock', ord: 2, locked: true });
		expect(locked.ok).toBe(true);
		const sum = contentChecksum(wb.db);
		expect(code(() => wb.editing.joinSegments(doc, 1, { versions: [ver(1), ver(2)] }))).toBe('segment_bead_locked');
		expect(contentChecksum(wb.db)).toBe(sum);
		// within one paragraph, away from the locked bead, joining still works
		expect(wb.editing.joinSegments(doc, 4, { versions: [ver(4), ver(5)] }).rows[0].source).toBe('Un autre paragraphe ici. Et une seconde phrase.');
	});

	it('TM units keep naming the segment they came from through a join and a split', () => {
		const unitOf = (ord: number, target: string) => wb.editing.save(doc, ord, { target, status: 'translated', version: ver(ord) }) as { ok: true; tmUnit: number };
		const u1 = unitOf(1, 'The Council met with Mr Dupont in Bucharest.').tmUnit;
		const u2 = unitOf(2, 'The Allies said: “security” is essential!').tmUnit;
		const u4 = unitOf(4, 'Another paragraph here.').tmUnit;
		const ordOf = (id: number) => wb.db.prepare('SELECT segment_ord FROM tm_units WHERE id = ?').pluck().get(id);
		expect([ordOf(u1), ordOf(u2), ordOf(u4)]).toEqual([1, 2, 4]);
		const source4 = row(4).source;
		wb.editing.joinSegments(doc, 1, { versions: [ver(1), ver(2)] });
		// the joined-away segment's unit points at the joined one; a later segment's unit moved up with it
		expect([ordOf(u1), ordOf(u2), ordOf(u4)]).toEqual([1, 1, 3]);
		expect(row(3).source).toBe(source4);
		// the joined segment changed since the join: a cut there is an ordinary split, the units stay with the first part
		wb.editing.save(doc, 1, { target: 'The Council met in Bucharest. The Allies spoke.', status: 'draft', version: ver(1) });
		wb.editing.splitSegment(doc, 1, row(1).source.indexOf('Les Alliés'), { version: ver(1) });
		expect([ordOf(u1), ordOf(u2), ordOf(u4)]).toEqual([1, 1, 4]);
		expect(row(4).source).toBe(source4);
		// a join undone by a split at the same place gives the second segment its unit back
		wb.editing.joinSegments(doc, 1, { versions: [ver(1), ver(2)] });
		expect([ordOf(u1), ordOf(u2), ordOf(u4)]).toEqual([1, 1, 3]);
	});

	it('a split where a join put two segments together, nothing changed since, undoes the join exactly', () => {
		expect(wb.editing.save(doc, 1, { target: 'The Council met with Mr Dupont in Bucharest. ', status: 'translated', version: ver(1), by: 'anne' }).ok).toBe(true);
		const saved2 = wb.editing.save(doc, 2, { target: 'The Allies said: “security” is essential!', status: 'translated', version: ver(2), by: 'ben' }) as { ok: true; tmUnit: number };
		wb.terminology.ignore(doc, 2, 'term-missing', 'term-missing:allies', 'editor');
		const rowsBefore = wb.editing.rows(doc).map(({ version: _v, ...r }) => r);
		const beadsBefore = wb.alignment.view(aid).beads;
		const historyOf = (ord: number) => wb.editing.history(doc, ord).entries.map((e) => [e.kind, e.oldTarget, e.newTarget, e.changedBy]);
		const history2 = historyOf(2);
		const breakRules = () => wb.db.prepare('SELECT break_rule FROM segments WHERE document_id = ? ORDER BY ord').pluck().all(doc);
		const rulesBefore = breakRules();
		const joined = wb.editing.joinSegments(doc, 1, { versions: [ver(1), ver(2)], by: 'anne' });
		expect(joined.rows[0].target).toBe('The Council met with Mr Dupont in Bucharest. The Allies said: “security” is essential!');
		// two beads became one, to check
		expect(wb.alignment.view(aid).beads.length).toBe(beadsBefore.length - 1);
		const cut = joined.rows[0].source.indexOf('Les Alliés');
		wb.editing.splitSegment(doc, 1, cut, { version: ver(1), by: 'anne' });
		// the translator's work as it was: both targets exactly (a trailing space included), both statuses
		expect(wb.editing.rows(doc).map(({ version: _v, ...r }) => r)).toEqual(rowsBefore);
		expect(breakRules()).toEqual(rulesBefore);
		// the beads as the aligner and the reviewer left them, not one bead to check
		expect(wb.alignment.view(aid).beads).toEqual(beadsBefore);
		// the second segment's history, TM unit and accepted finding are its own again; the split is its newest change
		expect(historyOf(2).slice(1)).toEqual(history2);
		expect(historyOf(2)[0]).toEqual(['split', null, 'The Allies said: “security” is essential!', 'anne']);
		expect(wb.db.prepare('SELECT segment_ord FROM tm_units WHERE id = ?').pluck().get(saved2.tmUnit)).toBe(2);
		expect(wb.db.prepare('SELECT s.ord FROM qa_ignores g JOIN segments s ON s.id = g.segment_id WHERE s.document_id = ?').pluck().all(doc)).toContain(2);
		// the undo is a change in the first segment's history too: what the join had written, then its own text again
		expect(historyOf(1)[0]).toEqual(['split', joined.rows[0].target, 'The Council met with Mr Dupont in Bucharest. ', 'anne']);
		offsetsHold(wb, doc);
	});

	it('a cut elsewhere, or after the joined segment changed, or after its alignment changed, is an ordinary split', () => {
		wb.editing.save(doc, 1, { target: 'The Council met with Mr Dupont in Bucharest.', status: 'translated', version: ver(1) });
		wb.editing.save(doc, 2, { target: 'The Allies said: “security” is essential!', status: 'translated', version: ver(2) });
		const joinedTarget = 'The Council met with Mr Dupont in Bucharest. The Allies said: “security” is essential!';
		const joinAndCut = (cut: (source: string) => number, between?: () => void) => {
			wb.editing.joinSegments(doc, 1, { versions: [ver(1), ver(2)] });
			between?.();
			wb.editing.splitSegment(doc, 1, cut(row(1).source), { version: ver(1) });
			return [row(1), row(2)].map((r) => [r.target, r.status]);
		};
		// another place: the first part keeps the joined target as a draft, the second starts new
		expect(joinAndCut((s) => s.indexOf('avec'))).toEqual([[joinedTarget, 'draft'], [null, 'new']]);
		// put the two back together for the next case (joining the parts of that split gives the joined segment back, translated)
		wb.editing.joinSegments(doc, 1, { versions: [ver(1), ver(2)] });
		expect([row(1).target, row(1).status]).toEqual([joinedTarget, 'translated']);
		wb.editing.splitSegment(doc, 1, row(1).source.indexOf('Les Alliés'), { version: ver(1) });
		expect([row(1).target, row(2).target]).toEqual([joinedTarget, null]);
	});

	it('asked as an undo, a join or split that would not undo anything is refused, located, and changes nothing', () => {
		const before = wb.editing.rows(doc);
		const cut = row(1).source.indexOf('avec');
		expect(code(() => wb.editing.splitSegment(doc, 1, cut, { version: ver(1), undo: true }))).toBe('segment_undo_join');
		expect(code(() => wb.editing.joinSegments(doc, 1, { versions: [ver(1), ver(2)], undo: true }))).toBe('segment_undo_split');
		expect(wb.editing.rows(doc)).toEqual(before);
		// a join, then a save: its undo is refused with the segment's number, in the reader's language
		const joined = wb.editing.joinSegments(doc, 1, { versions: [ver(1), ver(2)] });
		expect(joined.undid).toBe(false);
		wb.editing.save(doc, 1, { target: 'Typed after the join.', status: 'draft', version: ver(1) });
		const after = wb.editing.rows(doc);
		let err: unknown;
		try {
			wb.editing.splitSegment(doc, 1, joined.undoOffset!, { version: ver(1), undo: true });
		} catch (e) {
			err = e;
		}
		expect(isAtelierError(err) && err.location).toEqual({ document: doc, segment: 2 });
		expect(errorMessage(createT('fr'), err as AtelierError)).toMatch(/^Le segment 2 a changé après la jonction qui l’a créé\u202f;/);
		expect(wb.editing.rows(doc)).toEqual(after);
		// without `undo`, the same cut is an ordinary split
		expect(wb.editing.splitSegment(doc, 1, joined.undoOffset!, { version: ver(1) }).undid).toBe(false);
		expect([row(1).target, row(2).target]).toEqual(['Typed after the join.', null]);
	});

	it('joining the two parts of a split, nothing changed since, gives the segment back its status', () => {
		wb.editing.save(doc, 1, { target: 'The Council met with Mr Dupont in Bucharest.', status: 'reviewed', version: ver(1) });
		const before = wb.editing.rows(doc).map(({ version: _v, ...r }) => r);
		const beadsBefore = wb.alignment.view(aid).beads;
		wb.editing.splitSegment(doc, 1, row(1).source.indexOf('avec'), { version: ver(1) });
		expect([row(1).status, row(2).status]).toEqual(['draft', 'new']);
		wb.editing.joinSegments(doc, 1, { versions: [ver(1), ver(2)] });
		expect(wb.editing.rows(doc).map(({ version: _v, ...r }) => r)).toEqual(before);
		expect(wb.alignment.view(aid).beads).toEqual(beadsBefore);
		// once the second part has a target, joining is an ordinary join: the lesser status
		wb.editing.splitSegment(doc, 1, row(1).source.indexOf('avec'), { version: ver(1) });
		wb.editing.save(doc, 2, { target: 'with Mr Dupont', status: 'draft', version: ver(2) });
		wb.editing.joinSegments(doc, 1, { versions: [ver(1), ver(2)] });
		expect([row(1).target, row(1).status]).toEqual(['The Council met with Mr Dupont in Bucharest. with Mr Dupont', 'draft']);
	});

	it('accepted findings and review history of the joined-away segment go to the joined one; a split copies accepted findings', () => {
		wb.terminology.ignore(doc, 2, 'term-missing', 'term-missing:allies', 'editor');
		const h = createHistoryRepo(wb.db);
		h.add({ documentId: doc, ord: 2, oldTarget: null, newTarget: 'x', oldStatus: 'new', newStatus: 'draft', oldVersion: 1, kind: 'review', format: 'docx', originFile: 'r.docx', batch: 'b1', changedBy: null, changedAt: new Date().toISOString() });
		const ignoresAt = (ord: number) => wb.db.prepare('SELECT g.fingerprint FROM qa_ignores g JOIN segments s ON s.id = g.segment_id WHERE s.document_id = ? AND s.ord = ?').pluck().all(doc, ord);
		const a = wb.getDocument(doc).paragraphsList[1].segments[0].id;
		wb.editing.joinSegments(doc, 1, { versions: [ver(1), ver(2)] });
		expect(ignoresAt(1)).toEqual(['term-missing:allies']);
		expect(wb.db.prepare("SELECT segment_id, ord FROM segment_history WHERE kind = 'review'").all()).toEqual([{ segment_id: a, ord: 2 }]);
		// the join is a change of its own, on the joined segment
		expect(wb.db.prepare("SELECT segment_id, ord, kind FROM segment_history WHERE kind <> 'review'").all()).toEqual([{ segment_id: a, ord: 1, kind: 'join' }]);
		wb.editing.splitSegment(doc, 1, row(1).source.indexOf('Les Alliés'), { version: ver(1) });
		expect(ignoresAt(1)).toEqual(['term-missing:allies']);
		expect(ignoresAt(2)).toEqual(['term-missing:allies']);
	});

	it('an editor tab opened before a split cannot save into the segment that took its place', () => {
		const stale = wb.editing.rows(doc);
		wb.editing.splitSegment(doc, 1, row(1).source.indexOf('avec'), { version: ver(1) });
		for (const ord of [2, 3, 4]) expect(wb.editing.save(doc, ord, { target: 'stale', status: 'draft', version: stale[ord].version }).ok).toBe(false);
		expect(wb.editing.save(doc, 0, { target: 'Summit declaration', status: 'translated', version: stale[0].version }).ok).toBe(true);
	});

	it('the translated document still rebuilds its paragraphs after a join and a split', () => {
		wb.editing.save(doc, 1, { target: 'The Council met with Mr Dupont in Bucharest.', status: 'translated', version: ver(1) });
		wb.editing.save(doc, 2, { target: 'The Allies said: “security” is essential!', status: 'translated', version: ver(2) });
		wb.editing.save(doc, 3, { target: 'They approved Macedonia* and the plan.', status: 'translated', version: ver(3) });
		wb.editing.joinSegments(doc, 1, { versions: [ver(1), ver(2)] });
		wb.editing.splitSegment(doc, 3, row(3).source.indexOf('paragraphe'), { version: ver(3) });
		expect([row(3).source, row(4).source]).toEqual(['Un autre', 'paragraphe ici.']);
		const text = writeTranslatedText(buildBilingual(wb, doc, { from: 'document', issues: false }));
		const paras = text.trimEnd().split('\n\n');
		expect(paras).toHaveLength(4);
		expect(paras[1]).toBe('The Council met with Mr Dupont in Bucharest. The Allies said: “security” is essential! They approved Macedonia* and the plan.');
		expect(paras[2]).toBe('Un autre paragraphe ici. Et une seconde phrase.');
	});
});
