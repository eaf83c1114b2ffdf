import type { TFunction } from 'i18next';
import type { Evidence } from '../../core/align/types.js';
import { needsReview, type RangeBead, reshapedUnreviewed, unmatched } from '../../core/alignment/beads.js';

const ratioFormats = new Map<string, Intl.NumberFormat>();
/** A ratio with two decimals the way the reader writes numbers (0.87, 0,87). */
export function formatRatio(x: number, lang: string): string {
	let f = ratioFormats.get(lang);
	if (!f) ratioFormats.set(lang, (f = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 })));
	return f.format(x);
}

/** One line per piece of evidence, in the interface language; `lang` is that language, for numbers. */
export function describeEvidence(t: TFunction, e: Evidence, lang: string): string {
	switch (e.kind) {
		case 'numbers': {
			// a bead whose only numbers are missing on one side has no match to claim ("numbers  match")
			const parts = e.match.length ? [t('align.ev.numbers', { list: e.match.join(', ') })] : [];
			if (e.missing && (e.missing.src.length || e.missing.tgt.length)) parts.push(t('align.ev.numbersMissing', { list: [...e.missing.src, ...e.missing.tgt].join(', ') }));
			return parts.join(' · ');
		}
		case 'names':
			return t('align.ev.names', { list: e.match.join(', ') });
		case 'urls':
			return t('align.ev.urls', { list: e.match.join(', ') });
		case 'dates':
			return t('align.ev.dates', { list: e.pairs.map(([a, b]) => `${a}→${b}`).join(', ') });
		case 'term':
			return t(e.origin === 'glossary' ? 'align.ev.term' : 'align.ev.learned', { pair: `${e.pair[0]}→${e.pair[1]}` });
		case 'tm':
			return t('align.ev.tm', { pair: `${e.pair[0].slice(0, 40)}→${e.pair[1].slice(0, 40)}` });
		case 'lexicon':
			return t(e.learned ? 'align.ev.lexiconLearned' : 'align.ev.lexicon', { list: e.pairs.slice(0, 6).map(([a, b]) => `${a}→${b}`).join(', ') });
		case 'cognates':
			return t('align.ev.cognates', { list: e.words.slice(0, 6).map(([a, b]) => `${a}~${b}`).join(', ') });
		case 'punctuation':
			return t('align.ev.punctuation', { list: e.marks.join(' ') });
		case 'length':
			return t('align.ev.length', { ratio: formatRatio(e.ratio, lang), expected: formatRatio(e.expected, lang) });
		case 'identical':
			return t('align.ev.identical');
		case 'paragraph':
			return t('align.ev.paragraph');
		case 'structure':
			return t('align.ev.structure', { role: t(`kinds.${e.role}`) });
		case 'no_counterpart':
			return t('align.ev.noCounterpart');
		case 'joined':
			return t('align.ev.joined');
		case 'reshaped':
			return t('align.ev.reshaped');
		default:
			return '';
	}
}

/** Confidence band for colour and filtering. */
export function band(c: number): 'high' | 'mid' | 'low' {
	return c >= 0.8 ? 'high' : c >= 0.5 ? 'mid' : 'low';
}

/**
 * A bead's band: a bead without counterpart is always low (red), even one stored with the
 * confidence 1 older alignments gave it, so it is never shown as a sure pair.
 */
export function beadBand(b: RangeBead): 'high' | 'mid' | 'low' {
	return unmatched(b) ? 'low' : band(b.confidence);
}

/** A bead two joined segments made, which no one has checked (its confidence, 0, is no measure of anything). */
export const joinedUnchecked = (b: RangeBead): boolean => !b.manual && b.evidence.some((e) => e.kind === 'joined');

export { needsReview, reshapedUnreviewed, unmatched };
