import { primaryLang } from '../../lang.js';
import { fileNote } from '../../terms/forbidden-note.js';
import type { Concept, Term, TermStatus } from '../../model.js';
import { escapeAttr, escapeText } from '../xml.js';

const STATUS: Record<TermStatus, string> = {
	preferred: 'preferredTerm-admn-sts',
	admitted: 'admittedTerm-admn-sts',
	deprecated: 'deprecatedTerm-admn-sts',
	forbidden: 'deprecatedTerm-admn-sts',
	superseded: 'supersededTerm-admn-sts'
};

/** TBX-Basic allows these termType values; others are written as a note so nothing is lost. */
const TERM_TYPES = new Set(['fullForm', 'acronym', 'abbreviation', 'shortForm', 'variant', 'phrase']);
const POS = new Set(['noun', 'verb', 'adjective', 'adverb', 'properNoun', 'other']);

function id(s: string): string {
	const clean = s.replace(/[^A-Za-z0-9_.-]/g, '-');
	return /^[A-Za-z_]/.test(clean) ? clean : `c-${clean}`;
}

function termSec(t: Term, termId: string): string {
	const out = [`          <termSec id="${escapeAttr(termId)}">`, `            <term>${escapeText(t.text)}</term>`];
	if (t.partOfSpeech && POS.has(t.partOfSpeech)) out.push(`            <termNote type="partOfSpeech">${escapeText(t.partOfSpeech)}</termNote>`);
	if (t.type && TERM_TYPES.has(t.type)) out.push(`            <termNote type="termType">${t.type}</termNote>`);
	out.push(`            <termNote type="administrativeStatus">${STATUS[t.status]}</termNote>`);
	if (t.gender === 'masculine' || t.gender === 'feminine' || t.gender === 'neuter' || t.gender === 'other')
		out.push(`            <termNote type="grammaticalGender">${t.gender}</termNote>`);
	if (t.context) out.push(`            <descripGrp>`, `              <descrip type="context">${escapeText(t.context)}</descrip>`, `            </descripGrp>`);
	// a forbidden term is deprecated + a FORBIDDEN note naming its replacement (glossary/README.md)
	const note = fileNote(t);
	if (note) out.push(`            <note>${escapeText(note)}</note>`);
	if (t.source) out.push(`            <admin type="source">${escapeText(t.source)}</admin>`);
	out.push(`          </termSec>`);
	return out.join('\n');
}

/** Concepts → TBX v3, TBX-Basic dialect, DCA style (validates against the TBX-Basic RELAX NG). */
export function writeTbx(concepts: readonly Concept[], opts: { title?: string; lang?: string } = {}): string {
	const out: string[] = [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<tbx type="TBX-Basic" style="dca" xml:lang="${escapeAttr(opts.lang ?? 'en')}" xmlns="urn:iso:std:iso:30042:ed-2">`,
		'  <tbxHeader>',
		'    <fileDesc>',
		'      <titleStmt>',
		`        <title>${escapeText(opts.title ?? 'Atelier glossary')}</title>`,
		'      </titleStmt>',
		'      <sourceDesc>',
		`        <p>Exported by Atelier on ${new Date().toISOString().slice(0, 10)}.</p>`,
		'      </sourceDesc>',
		'    </fileDesc>',
		'  </tbxHeader>',
		'  <text>',
		'    <body>'
	];
	const ids = new Set<string>();
	for (const c of concepts) {
		let cid = id(c.key);
		while (ids.has(cid)) cid += '_';
		ids.add(cid);
		out.push(`      <conceptEntry id="${escapeAttr(cid)}">`);
		if (c.subject) out.push(`        <descrip type="subjectField">${escapeText(c.subject)}</descrip>`);
		if (c.note) out.push(`        <note>${escapeText(c.note)}</note>`);
		if (c.source) out.push(`        <admin type="source">${escapeText(c.source)}</admin>`);
		for (const r of c.related ?? []) out.push(`        <ref type="crossReference" target="${escapeAttr(id(r))}">${escapeText(r)}</ref>`);
		const langs = [...new Set(c.terms.map((t) => t.lang))];
		let n = 0;
		langs.forEach((lang, li) => {
			out.push(`        <langSec xml:lang="${escapeAttr(lang)}">`);
			if (c.definition && (primaryLang(lang) === 'en' || (li === langs.length - 1 && !langs.some((l) => primaryLang(l) === 'en'))))
				out.push(`          <descrip type="definition">${escapeText(c.definition)}</descrip>`);
			for (const t of c.terms.filter((x) => x.lang === lang)) {
				let tid = `${cid}-${primaryLang(lang)}${++n}`;
				while (ids.has(tid)) tid += '_';
				ids.add(tid);
				out.push(termSec(t, tid));
			}
			out.push('        </langSec>');
		});
		out.push('      </conceptEntry>');
	}
	out.push('    </body>', '  </text>', '</tbx>', '');
	return out.join('\n');
}
