import type { Issue } from './model.js';
import type { Workbench } from './workbench.server.js';
import { runQaOnDocument } from './qa/index.js';

/**
 * A stored document's QA, as `atelier qa DOC`, the QA report page and its CSV give it: every
 * segment's checks and the document-level ones, ordered by the first segment concerned.
 */
export function documentQa(wb: Pick<Workbench, 'getDocument' | 'segmentPairs'>, id: number, opts: { disabled?: string[] } = {}) {
	const doc = wb.getDocument(id);
	const pairs = wb.segmentPairs(id).map((p) => ({ ...p, document: id }));
	const issues: Issue[] = runQaOnDocument(pairs, { sourceLang: doc.sourceLang, targetLang: doc.targetLang }, opts).sort((a, b) => a.segments[0] - b.segments[0]);
	return { doc, pairs, issues };
}
