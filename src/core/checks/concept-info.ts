import type { Concept, Term } from '../model.js';
import { approvedTerms, isAcronym, needsExpansion } from '../terms/glossary.js';
import type { CheckContext } from './types.js';

/**
 * What the checks ask of a concept for every hit of it, worked out once per check context:
 * the approved target terms and the texts made of them. One Map lookup by concept key per
 * hit replaces a lookup of the concept, a WeakMap and a Map lookup in `approvedTerms`, and
 * the joins and filters that built the same strings for each of the ~70,000 findings of a
 * large batch. A context is built for one glossary and never sees its concepts change (the
 * termbase builds a new context after an edit), so nothing here goes stale.
 */
export interface ConceptInfo {
	concept: Concept;
	/** approved terms in the target language, preferred first (`approvedTerms`) */
	approved: Term[];
	approvedTexts: string[];
	/** `approvedTexts` joined with ` / ` */
	expected: string;
	/** the approved target acronyms and abbreviations */
	acronymTexts: string[];
	/** what an untranslated acronym is told to become: the acronyms, else every approved term */
	acronymExpected: string;
	/** the approved target full form */
	fullForm: Term | undefined;
	/** the approved texts and their join in the order a source hit asks for: an acronym found (`OTAN`) puts NATO first, a full form its full form */
	forAcronym: { texts: string[]; expected: string };
	forFullForm: { texts: string[]; expected: string };
}

interface Infos {
	byKey: Map<string, ConceptInfo | null>;
	/** `needsExpansion` by term (a regex and a scan of the concept's terms each time otherwise) */
	expansion: Map<Term, boolean>;
}

const memos = new WeakMap<CheckContext, Infos>();

export function conceptInfos(ctx: CheckContext): Infos {
	let m = memos.get(ctx);
	if (!m) memos.set(ctx, (m = { byKey: new Map(), expansion: new Map() }));
	return m;
}

/** The concept's info, null when the context has no such concept. */
export function conceptInfo(infos: Infos, ctx: CheckContext, key: string): ConceptInfo | null {
	let info = infos.byKey.get(key);
	if (info !== undefined) return info;
	const concept = ctx.concepts.get(key);
	if (!concept) info = null;
	else {
		const approved = approvedTerms(concept, ctx.targetLang);
		const approvedTexts = approved.map((t) => t.text);
		const acronymTexts = approved.filter(isAcronym).map((t) => t.text);
		info = {
			concept,
			approved,
			approvedTexts,
			expected: approvedTexts.join(' / '),
			acronymTexts,
			acronymExpected: (acronymTexts.length ? acronymTexts : approvedTexts).join(' / '),
			fullForm: approved.find((t) => t.type === 'fullForm'),
			forAcronym: ordered(concept, ctx.targetLang, true),
			forFullForm: ordered(concept, ctx.targetLang, false)
		};
	}
	infos.byKey.set(key, info);
	return info;
}

const AN_ACRONYM: Term = { lang: '', text: '', status: 'preferred', type: 'acronym' };
const A_FULL_FORM: Term = { lang: '', text: '', status: 'preferred', type: 'fullForm' };

function ordered(concept: Concept, lang: string, acronym: boolean): { texts: string[]; expected: string } {
	const texts = approvedTerms(concept, lang, acronym ? AN_ACRONYM : A_FULL_FORM).map((t) => t.text);
	return { texts, expected: texts.join(' / ') };
}

/** What to write for a concept in the order that fits the source term found. */
export const orderFor = (info: ConceptInfo, found: Term) => (isAcronym(found) ? info.forAcronym : info.forFullForm);

export function needsExpansionOf(infos: Infos, concept: Concept, term: Term): boolean {
	let v = infos.expansion.get(term);
	if (v === undefined) infos.expansion.set(term, (v = needsExpansion(concept, term)));
	return v;
}

/** `s.trim() !== ''` without the copy `trim` makes of a long text in most cases. */
export function hasText(s: string | null | undefined): boolean {
	if (!s) return false;
	const c = s.charCodeAt(0);
	// a printable ASCII character first: not blank (the usual case, decided without a scan)
	if (c > 32 && c < 127) return true;
	return s.trim() !== '';
}
