import { primaryLang } from '../lang.js';
import type { Concept, Term } from '../model.js';

const APPROVED = new Set(['preferred', 'admitted']);

/**
 * Worked out once per list of terms, language and order: the checks ask for every hit. A
 * concept whose terms change gets a new list (the termbase reloads after an edit), so the memo
 * does not go stale; callers must not modify the array returned.
 */
const approvedMemo = new WeakMap<readonly Term[], Map<string, Term[]>>();

/**
 * The terms a translation may use for a concept in a language, preferred first. An acronym
 * calls for an acronym: a translator who meets `OTAN` wants `NATO` proposed (and inserted
 * with Alt+1) before `North Atlantic Treaty Organization`. So the target acronyms come first
 * when `matched`, the source term found, is an acronym or abbreviation; when the caller does
 * not say which term it found, when the concept's approved terms in the other languages
 * include one (the source then most often uses it: the seeds write `OTAN`, `FIAS`, `COR`).
 */
export function approvedTerms(concept: Concept, lang: string, matched?: Term): Term[] {
	let byLang = approvedMemo.get(concept.terms);
	if (!byLang) approvedMemo.set(concept.terms, (byLang = new Map()));
	const key = matched ? `${lang}\u0000${isAcronym(matched) ? 'acronym' : 'other'}` : lang;
	let out = byLang.get(key);
	if (out) return out;
	const l = primaryLang(lang);
	const acronymFirst = matched ? isAcronym(matched) : concept.terms.some((t) => primaryLang(t.lang) !== l && APPROVED.has(t.status) && isAcronym(t));
	// the form (acronym or not) outranks the status: an admitted acronym before a preferred full form
	const rank = (t: Term) => (acronymFirst && !isAcronym(t) ? 2 : 0) + (t.status === 'preferred' ? 0 : 1);
	out = concept.terms.filter((t) => primaryLang(t.lang) === l && APPROVED.has(t.status)).sort((a, b) => rank(a) - rank(b));
	byLang.set(key, out);
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
