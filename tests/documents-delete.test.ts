import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { tempDir } from './helpers/db.js';

let dir: ReturnType<typeof tempDir>;
let wb: Workbench;
const dbPath = () => join(dir.dir, 'atelier.sqlite');
const count = (table: string) => wb.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

beforeAll(() => {
	dir = tempDir();
	wb = createWorkbench({ dbPath: dbPath() });
});
afterAll(() => {
	wb.close();
	dir.remove();
});

describe('deleting a document', () => {
	it('takes its segments, translation, alignment and history with it; the TM keeps the confirmed pairs', async () => {
		await wb.seed();
		const original = wb.listDocuments().find((d) => d.role === 'original')!;
		const translation = wb.listDocuments().find((d) => d.translationOf === original.id)!;
		expect(translation).toBeDefined();
		const s = wb.editing.get(original.id, 1);
		expect(wb.editing.save(original.id, 1, { target: 'The Council met.', status: 'translated', version: s.version }).ok).toBe(true);
		const units = wb.tm.stats().total;
		const segmentsBefore = count('segments');
		const alignmentsBefore = count('alignments');

		expect(wb.deleteDocument(original.id)).toBe(true);
		expect(wb.listDocuments().map((d) => d.id)).not.toContain(original.id);
		expect(wb.listDocuments().map((d) => d.id)).not.toContain(translation.id);
		expect(count('segments')).toBe(segmentsBefore - original.segments - translation.segments);
		expect(count('alignments')).toBeLessThan(alignmentsBefore);
		expect(wb.db.prepare('SELECT count(*) FROM segment_history WHERE document_id = ?').pluck().get(original.id)).toBe(0);
		// the pair confirmed in it is still in the TM, no longer tied to a document
		expect(wb.tm.stats().total).toBe(units);
		expect(wb.tm.concordance('Council met').map((m) => m.target)).toContain('The Council met.');
		expect(wb.deleteDocument(original.id)).toBe(false);
	});

	it('a deleted seed document does not come back at the next start', async () => {
		const before = wb.listDocuments().map((d) => d.id);
		wb.close();
		wb = createWorkbench({ dbPath: dbPath() });
		expect(await wb.seed()).toEqual([]);
		expect(wb.listDocuments().map((d) => d.id)).toEqual(before);
	});
});
