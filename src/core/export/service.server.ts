import { extname } from 'node:path';
import { createHistoryRepo, REIMPORT_KINDS } from '../db/history.repo.server.js';
import { AtelierError } from '../errors.js';
import { readBilingualDocx } from '../formats/docx/bilingual-read.js';
import { readXliff } from '../formats/xliff/read.js';
import type { Workbench } from '../workbench.server.js';
import type { ReturnedDocument } from './bilingual.js';
import { buildBilingual } from './build.js';
import { exportDocument, type WriteContext } from './registry.js';
import { applyReimport, planReimport, type ReimportPlan } from './reimport.js';

/** Reads whatever can come back: XLIFF 2.0/1.2, or a bilingual DOCX from a reviewer. */
export async function readReturned(bytes: Uint8Array, file: string): Promise<ReturnedDocument> {
	const ext = extname(file).toLowerCase();
	const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
	if (ext === '.docx' || isZip) return readBilingualDocx(bytes, { file });
	if (['.xlf', '.xliff', '.xml', '.xlz'].includes(ext) || /^\s*(\uFEFF)?<\?xml|^\s*<xliff/.test(new TextDecoder().decode(bytes.slice(0, 200))))
		return readXliff(bytes, { file });
	throw new AtelierError('reimport_format', {}, { file });
}

/**
 * Exports and re-imports for one workbench: what the CLI and the routes call. The history
 * repo shares the workbench's connection, so a re-import and its history are one transaction.
 */
export function createExports(wb: Workbench) {
	const history = createHistoryRepo(wb.db);
	return {
		export: (docId: number, format: string, ctx: WriteContext, opts: { from?: 'auto' | 'document' | 'alignment' } = {}) => exportDocument(wb, docId, format, ctx, opts),
		readReturned,
		/** The plan for a returned file against the document as stored now. Writes nothing. */
		async plan(docId: number, bytes: Uint8Array, file: string): Promise<ReimportPlan> {
			const returned = await readReturned(bytes, file);
			const stored = buildBilingual(wb, docId, { from: 'document', issues: false });
			return planReimport(stored, returned, { changedAt: history.changedAt(docId) });
		},
		apply: (plan: ReimportPlan, opts: { by?: string | null; overwriteConflicts?: boolean } = {}) =>
			applyReimport(
				{
					transaction: (fn) => wb.db.transaction(fn)(),
					setTarget: (docId, ord, target, o) => wb.setTarget(docId, ord, target, o),
					confirmed: (docId, ord, before, by) => void wb.editing.confirmedIntoTm(docId, ord, before, by),
					history
				},
				plan,
				opts
			),
		history: (docId: number) => history.forDocument(docId, REIMPORT_KINDS)
	};
}

export type Exports = ReturnType<typeof createExports>;
