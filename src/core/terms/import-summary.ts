import { primaryLang } from '../lang.js';
import type { Concept, Term } from '../model.js';
import type { TermLocation } from '../formats/term-locations.js';
import { foldAccents, tokenKey } from './normalize.js';
import { tokenize, type Sep } from './tokens.js';

/**
 * A term of an imported concept that another concept already has: the same language and
 * the same key (see `duplicateKey`). A warning, never an error: an acronym may stand for
 * two concepts (`COR`), and only the terminologist can tell a homonym from a duplicate.
 */
export interface DuplicateTermWarning {
	code: 'duplicate_term';
	/** the imported concept, and its term as the file writes it */
	concept: string;
	lang: string;
	text: string;
	location: TermLocation;
	/** the concept that has the term already: in the glossary (no location) or earlier in the same file */
	other: { concept: string; lang: string; text: string; location?: TermLocation };
}

export interface GlossaryImportSummary {
	file: string;
	/** concepts and terms in the file */
	concepts: number;
	terms: number;
	/** ids new to the glossary */
	added: number;
	/** ids the glossary had, with other content: replaced by the file's */
	replaced: number;
	/** ids the glossary had with the same content: left as they were */
	unchanged: number;
	warnings: DuplicateTermWarning[];
}

/** A separator as the recognizer lets it vary: a space, a hyphen and an en dash are one. */
function sepKey(sep: Sep): string {
	if (sep === '' || sep === "'") return sep;
	if (sep === ' ' || sep === '-' || sep === '–') return ' ';
	return sep;
}

/**
 * Two terms of one language with the same key are found at the same places of a text by the
 * recognizer, which keys words the same way (tokens, `tokenKey`): case, accents, the
 * apostrophe (’ or '), hyphen or space between words, and plural/feminine endings do not
 * count. That is what makes them a conflict for the translator, whatever their spelling.
 */
export function duplicateKey(text: string, lang: string): string {
	const toks = tokenize(text.normalize('NFC'));
	if (toks.length === 0) return foldAccents(text.trim().toLowerCase());
	return toks.map((t) => sepKey(t.sep) + tokenKey(t.raw, lang)).join('');
}

/** What the termbase stores of a concept, in a comparable form (absent and null are one). */
function contentOf(c: Concept): string {
	const o = <T>(v: T | undefined) => v ?? null;
	return JSON.stringify([
		o(c.subject),
		o(c.definition),
		o(c.note),
		o(c.source),
		c.related?.length ? c.related : null,
		c.terms.map((t) => [t.lang, t.text, t.status, o(t.type), o(t.partOfSpeech), o(t.gender), o(t.replacement), o(t.note), o(t.context), o(t.source)])
	]);
}

interface Holder {
	concept: string;
	term: Term;
	location?: TermLocation;
}

/**
 * What an import of `parsed` into a glossary holding `existing` does: which concepts it
 * adds, replaces or leaves unchanged (`write` is the concepts to store: the unchanged ones
 * are not rewritten), and which of its terms another concept has already — in the glossary
 * (unless the file replaces that concept) or in the first concept of the file that has it.
 * Pure: nothing is stored.
 */
export function planImport(
	existing: readonly Concept[],
	parsed: readonly Concept[],
	file: string,
	locate: (concept: Concept, term: Term) => TermLocation | undefined
): { summary: GlossaryImportSummary; write: Concept[] } {
	const before = new Map(existing.map((c) => [c.key, c]));
	const importing = new Set(parsed.map((c) => c.key));
	const write: Concept[] = [];
	let added = 0;
	let replaced = 0;
	let unchanged = 0;
	for (const c of parsed) {
		const old = before.get(c.key);
		if (!old) added++;
		else if (contentOf(old) === contentOf(c)) {
			unchanged++;
			continue;
		} else replaced++;
		write.push(c);
	}

	const holders = new Map<string, Holder[]>();
	const keyOf = (t: Term) => `${primaryLang(t.lang)}\u0000${duplicateKey(t.text, t.lang)}`;
	const hold = (concept: string, term: Term, location?: TermLocation) => {
		const k = keyOf(term);
		const list = holders.get(k) ?? [];
		// of the file, only the first concept with the term: the others are said to repeat it, not each other (n warnings, not n²)
		if (!list.some((h) => h.concept === concept || (location && h.location))) list.push({ concept, term, location });
		holders.set(k, list);
	};
	for (const c of existing) if (!importing.has(c.key)) for (const t of c.terms) hold(c.key, t);
	const warnings: DuplicateTermWarning[] = [];
	for (const c of parsed) {
		const warned = new Set<string>();
		const here = c.terms.map((t) => ({ t, location: locate(c, t) ?? { file, concept: c.key } }));
		for (const { t, location } of here) {
			const k = keyOf(t);
			for (const h of holders.get(k) ?? []) {
				// one warning per term and other concept, even when the concept writes the term twice (OTAN, Otan)
				if (h.concept === c.key || warned.has(`${k}\u0000${h.concept}`)) continue;
				warned.add(`${k}\u0000${h.concept}`);
				warnings.push({
					code: 'duplicate_term',
					concept: c.key,
					lang: t.lang,
					text: t.text,
					location,
					other: { concept: h.concept, lang: h.term.lang, text: h.term.text, ...(h.location ? { location: h.location } : {}) }
				});
			}
		}
		// after the concept's own terms were looked up: a pair within the file is reported once, at its second concept
		for (const { t, location } of here) hold(c.key, t, location);
	}
	return {
		summary: { file, concepts: parsed.length, terms: parsed.reduce((n, c) => n + c.terms.length, 0), added, replaced, unchanged, warnings },
		write
	};
}

/** A place in a file, in words: `t` is an i18next `t` with the `glossaryImport.where` keys. */
export function locationText(t: (key: string, params?: Record<string, unknown>) => string, loc: TermLocation): string {
	if (loc.sheet != null && loc.cell != null) return t('glossaryImport.where.cell', { file: loc.file, sheet: loc.sheet, cell: loc.cell });
	if (loc.line != null && loc.column != null) return t('glossaryImport.where.lineColumn', { file: loc.file, line: loc.line, column: loc.column });
	if (loc.line != null) return t('glossaryImport.where.line', { file: loc.file, line: loc.line });
	return t('glossaryImport.where.concept', { file: loc.file, concept: loc.concept ?? '' });
}
