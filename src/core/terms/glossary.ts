import { primaryLang } from '../lang.js';
import type { Concept, Term } from '../model.js';

const APPROVED = new Set(['preferred', 'admitted']);

/**
 * Worked out once per list of terms and language: the checks ask for every hit. A concept
 * whose terms change gets a new list (the termbase reloads after an edit), so the memo does
 * not go stale; callers must not modify the array returned.
 */
const approvedMemo = new WeakMap<readonly Term[], Map<string, Term[]>>();

/** The terms a translation may use for a concept in a language, preferred first. */
export function approvedTerms(concept: Concept, lang: string): Term[] {
	let byLang = approvedMemo.get(concept.terms);
	if (!byLang) approvedMemo.set(concept.terms, (byLang = new Map()));
	let out = byLang.get(lang);
	if (out) return out;
	const l = primaryLang(lang);
	out = concept.terms
		.filter((t) => primaryLang(t.lang) === l && APPROVED.has(t.status))
		.sort((a, b) => Number(b.status === 'preferred') - Number(a.status === 'preferred'));
	byLang.set(lang, out);
	return out;
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
