import { writeTmx } from '../formats/tmx/write.js';
import type { TmUnit } from '../model.js';
import type { BilingualDocument, BilingualRow } from './bilingual.js';
import { CONFIRMED, rowsOf } from './build.js';

/** A row worth giving to other tools: both sides, and confirmed (translated or reviewed). */
export const isConfirmedPair = (r: BilingualRow): boolean => r.target != null && r.target.trim() !== '' && r.source.trim() !== '' && CONFIRMED.has(r.status);

/** A document's confirmed pairs as TM units (tuid `doc-row`, so a re-import finds them again). */
export function confirmedUnits(doc: BilingualDocument): TmUnit[] {
	const rows = rowsOf(doc);
	return rows.filter(isConfirmedPair).map((r) => {
		const i = rows.indexOf(r);
		return {
			sourceLang: doc.sourceLang,
			targetLang: doc.targetLang,
			source: r.source,
			target: r.target!,
			sourceTags: r.sourceTags,
			targetTags: r.targetTags,
			origin: doc.origin === 'alignment' ? 'alignment' : 'translation',
			tuid: `${doc.documentId}-${r.id}`,
			documentId: doc.documentId,
			segmentOrd: r.sourceOrds[0] ?? null,
			context: { prev: rows[i - 1]?.source ?? null, next: rows[i + 1]?.source ?? null },
			changedAt: r.changedAt ?? undefined,
			changedBy: r.changedBy ?? null,
			props: [{ type: 'x-atelier-status', value: r.status }, ...(r.confidence != null ? [{ type: 'x-atelier-confidence', value: r.confidence.toFixed(3) }] : [])],
			notes: r.comment ? [r.comment] : []
		};
	});
}

/** TMX 1.4b of a document's confirmed pairs (the shared writer: valid against tmx14.dtd). */
export function writeDocumentTmx(doc: BilingualDocument): string {
	return [...writeTmx(confirmedUnits(doc), { srcLang: doc.sourceLang, creationTool: 'Atelier', creationToolVersion: '0.1.0' })].join('');
}
