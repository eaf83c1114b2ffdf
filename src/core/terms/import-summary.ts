import { primaryLang } from '../lang.js';
import { FORBIDDEN_NOTE, fileNote } from './forbidden-note.js';
import type { Concept, Term } from '../model.js';
import type { GlossaryColumns } from '../formats/csv/glossary.js';
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
	/**
	 * the concept that has the term already: in the glossary (no location) or earlier in the
	 * same file; its term as the glossary holds it after the import — the stored tag (`fr`)
	 * where the file's column (`fr-FR`) only named the same language
	 */
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

/** A cell's value as the table reader makes it: trimmed, empty is none. */
const cellOf = (v: string | undefined) => (v ?? '').trim();
const nfc = (s: string) => s.normalize('NFC');
const same = (a: string | undefined, b: string | undefined) => nfc(cellOf(a)) === nfc(cellOf(b));

/** What the table writer puts in a term's Notes cell (writeGlossaryCsv): its note, or a forbidden term's replacement first. */

function setOrDrop<T extends object, K extends keyof T>(o: T, k: K, v: T[K] | undefined): void {
	if (v === undefined || v === '') delete o[k];
	else o[k] = v;
}

function withoutId<T extends { id?: number }>(x: T): T {
	const { id: _id, ...rest } = x;
	return rest as T;
}

/** A stored term updated with what a table says of it; what the table has no column for is kept. */
function mergeTerm(old: Term, file: Term, col: GlossaryColumns['langs'][number]): Term {
	const t = withoutId({ ...old });
	t.text = file.text;
	if (col.status) t.status = file.status;
	else if (col.forbidden && (file.status === 'forbidden') !== (old.status === 'forbidden')) t.status = file.status;
	if (col.type) setOrDrop(t, 'type', file.type);
	if (col.context && !same(file.context, old.context)) setOrDrop(t, 'context', file.context);
	// the Notes cell carries a forbidden term's replacement too: read back as it was written, it changes neither
	if (col.note && !(same(file.note, fileNote(old)) && (t.status === 'forbidden') === (old.status === 'forbidden'))) {
		setOrDrop(t, 'note', file.note);
		if (t.status === 'forbidden') setOrDrop(t, 'replacement', file.note ? FORBIDDEN_NOTE.exec(file.note)?.[1].trim() : undefined);
	}
	return t;
}

/**
 * A stored concept updated with what a table (CSV/TSV/XLSX) says of it, keeping what the
 * table cannot say (see GlossaryColumns). Terms of a language the table has a column for
 * are matched by language (primary subtag: `fr-FR` is `fr`) and text (after NFC), then the
 * leftovers of a language in order when they are as many (an edited text): a matched term
 * keeps its extras and its stored tag, a term the file no longer has is removed, a new one is
 * added, with the tag its language has in the concept if any. Terms of the other
 * languages are kept. The order of a language's terms is the file's; the languages stay
 * where the concept had them. `from` maps each merged term that came from the file to it.
 */
export function mergeConcept(old: Concept, file: Concept, cols: GlossaryColumns): { concept: Concept; from: Map<Term, Term> } {
	const c: Concept = withoutId({ ...old, terms: [] });
	if (old.related) c.related = [...old.related];
	if (cols.subject && !same(file.subject, old.subject)) setOrDrop(c, 'subject', file.subject);
	if (cols.definition && !same(file.definition, old.definition)) setOrDrop(c, 'definition', file.definition);
	const colOf = (lang: string) => cols.langs.find((l) => primaryLang(l.lang) === primaryLang(lang));
	const unmatched = [...old.terms];
	const matched = new Map<Term, Term>();
	for (const ft of file.terms) {
		const i = unmatched.findIndex((t) => primaryLang(t.lang) === primaryLang(ft.lang) && nfc(t.text) === nfc(ft.text));
		if (i >= 0) matched.set(ft, unmatched.splice(i, 1)[0]);
	}
	// A text edited in the spreadsheet (a typo fixed) is the same term, keeping its part of
	// speech, gender and source: where a language has as many stored terms left unmatched as
	// file terms, they are paired in order. With other counts a term was added or removed, and
	// the leftovers are that: new terms, and terms gone.
	const leftOver = (ts: readonly Term[]) => {
		const m = new Map<string, Term[]>();
		for (const t of ts) m.set(primaryLang(t.lang), [...(m.get(primaryLang(t.lang)) ?? []), t]);
		return m;
	};
	const oldLeft = leftOver(unmatched);
	for (const [lang, fts] of leftOver(file.terms.filter((ft) => !matched.has(ft)))) {
		const olds = oldLeft.get(lang);
		if (!olds || olds.length !== fts.length) continue;
		fts.forEach((ft, k) => {
			matched.set(ft, olds[k]);
			unmatched.splice(unmatched.indexOf(olds[k]), 1);
		});
	}
	const from = new Map<Term, Term>();
	const queues = new Map<string, Term[]>();
	for (const ft of file.terms) queues.set(primaryLang(ft.lang), [...(queues.get(primaryLang(ft.lang)) ?? []), ft]);
	const take = (ft: Term) => {
		const col = colOf(ft.lang)!;
		const st = matched.get(ft);
		let t: Term;
		if (st) t = mergeTerm(st, ft, col);
		else {
			t = { ...ft };
			// the file's column header only names the language: the one tag the concept has for it
			// stays, unless the concept has the file's very tag (`fr-CA` beside `fr-FR`)
			const tags = new Set(old.terms.filter((o) => primaryLang(o.lang) === primaryLang(ft.lang)).map((o) => o.lang));
			if (tags.size === 1 && ![...tags].some((l) => l.toLowerCase() === ft.lang.toLowerCase())) t.lang = [...tags][0];
		}
		from.set(t, ft);
		c.terms.push(t);
	};
	const last = new Map<string, number>();
	old.terms.forEach((t, i) => last.set(primaryLang(t.lang), i));
	old.terms.forEach((t, i) => {
		const p = primaryLang(t.lang);
		if (!colOf(t.lang)) return void c.terms.push(withoutId({ ...t }));
		const q = queues.get(p) ?? [];
		const ft = q.shift();
		if (ft) take(ft);
		if (last.get(p) === i) while (q.length) take(q.shift()!);
	});
	// languages the concept had no term in, in the file's order
	for (const ft of file.terms) if (queues.get(primaryLang(ft.lang))?.includes(ft)) take(ft);
	return { concept: c, from };
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
 * `columns`, for a table (CSV/TSV/XLSX), is what its header can say: a concept the glossary
 * has is then updated, not replaced, keeping what the table cannot say (mergeConcept), and
 * is unchanged when the update changes nothing. A TBX (no `columns`) says everything: its
 * concepts replace the stored ones whole. Pure: nothing is stored.
 */
export function planImport(
	existing: readonly Concept[],
	parsed: readonly Concept[],
	file: string,
	locate: (concept: Concept, term: Term) => TermLocation | undefined,
	columns?: GlossaryColumns
): { summary: GlossaryImportSummary; write: Concept[] } {
	const before = new Map(existing.map((c) => [c.key, c]));
	const importing = new Set(parsed.map((c) => c.key));
	const write: Concept[] = [];
	let added = 0;
	let replaced = 0;
	let unchanged = 0;
	// each term of the file → the term the glossary will hold for it
	const stored = new Map<Term, Term>();
	// terms of imported concepts the file does not speak of (languages it has no column for)
	const kept: { concept: string; term: Term }[] = [];
	for (const c of parsed) {
		const old = before.get(c.key);
		let next = c;
		if (old && columns) {
			const m = mergeConcept(old, c, columns);
			next = m.concept;
			for (const t of next.terms) {
				const ft = m.from.get(t);
				if (ft) stored.set(ft, t);
				else kept.push({ concept: c.key, term: t });
			}
		}
		if (!old) added++;
		else if (contentOf(old) === contentOf(next)) {
			unchanged++;
			continue;
		} else replaced++;
		write.push(next);
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
	for (const k of kept) hold(k.concept, k.term);
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
		for (const { t, location } of here) hold(c.key, stored.get(t) ?? t, location);
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
