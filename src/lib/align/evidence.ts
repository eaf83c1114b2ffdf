import type { TFunction } from 'i18next';
import type { Evidence } from '../../core/align/types.js';

/** One line per piece of evidence, in the interface language. */
export function describeEvidence(t: TFunction, e: Evidence): string {
	switch (e.kind) {
		case 'numbers':
			return t('align.ev.numbers', { list: e.match.join(', ') }) + (e.missing && (e.missing.src.length || e.missing.tgt.length) ? ` · ${t('align.ev.numbersMissing', { list: [...e.missing.src, ...e.missing.tgt].join(', ') })}` : '');
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
			return t('align.ev.length', { ratio: e.ratio.toFixed(2), expected: e.expected.toFixed(2) });
		case 'identical':
			return t('align.ev.identical');
		case 'paragraph':
			return t('align.ev.paragraph');
		case 'structure':
			return t('align.ev.structure', { role: t(`kinds.${e.role}`) });
		case 'no_counterpart':
			return t('align.ev.noCounterpart');
		default:
			return '';
	}
}

/** Confidence band for colour and filtering. */
export function band(c: number): 'high' | 'mid' | 'low' {
	return c >= 0.8 ? 'high' : c >= 0.5 ? 'mid' : 'low';
}
