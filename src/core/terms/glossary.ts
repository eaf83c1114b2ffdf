import { primaryLang } from '../lang.js';
import type { Concept, Term } from '../model.js';

const APPROVED = new Set(['preferred', 'admitted']);

/** The terms a translation may use for a concept in a language, preferred first. */
export function approvedTerms(concept: Concept, lang: string): Term[] {
	const l = primaryLang(lang);
	return concept.terms
		.filter((t) => primaryLang(t.lang) === l && APPROVED.has(t.status))
		.sort((a, b) => Number(b.status === 'preferred') - Number(a.status === 'preferred'));
}

export function isAcronym(t: Term): boolean {
	return t.type === 'acronym' || t.type === 'abbreviation';
}

/**
 * An acronym needs its full form on first use when its concept has a full form in the same
 * language, unless its note says it is known without one (`No expansion needed`, as for
 * NATO or UN).
 */
export function needsExpansion(concept: Concept, term: Term): boolean {
	if (!isAcronym(term) || /no expansion/i.test(term.note ?? '')) return false;
	const l = primaryLang(term.lang);
	return concept.terms.some((t) => primaryLang(t.lang) === l && t.type === 'fullForm' && APPROVED.has(t.status));
}

export function conceptMap(concepts: readonly Concept[]): Map<string, Concept> {
	return new Map(concepts.map((c) => [c.key, c]));
}
