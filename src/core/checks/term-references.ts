import type { Reference } from './types.js';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** At most this many places are written out; the rest are counted. */
const SHOWN = 12;

/**
 * A finding's other side in words, for the report's CSV and the CLI: "against TM unit 812,
 * document 3, segment 4". Segments count from 1 for people, as everywhere in the UI.
 */
export function describeReferences(refs: readonly Reference[] | undefined, t: Translate): string {
	if (!refs?.length) return '';
	const items = refs.slice(0, SHOWN).map((r) => (r.tmUnit != null ? t('report.refTm', { id: r.tmUnit }) : t('report.refSegment', { document: r.document ?? '', segment: (r.segment ?? 0) + 1 })));
	if (refs.length > SHOWN) items.push(t('report.referencesMore', { count: refs.length - SHOWN }));
	return t('report.references', { list: items.join(', ') });
}
