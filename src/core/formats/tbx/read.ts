import { SaxesParser } from 'saxes';
import { FORBIDDEN_NOTE } from '../../terms/forbidden-note.js';
import { AtelierError } from '../../errors.js';
import { MAX_XML_DEPTH, xmlAt } from '../xml-guard.js';
import type { Concept, Term, TermStatus, TermType } from '../../model.js';
import { reason, xmlReason } from '../reason.js';
import type { TermLocations } from '../term-locations.js';

/** TBX administrativeStatus values (TBX-Basic) → our statuses. */
const STATUS: Record<string, TermStatus> = {
	'preferredTerm-admn-sts': 'preferred',
	'admittedTerm-admn-sts': 'admitted',
	'deprecatedTerm-admn-sts': 'deprecated',
	'supersededTerm-admn-sts': 'superseded',
	// TBX 2008 / MARTIF spellings found in older files
	preferredTerm: 'preferred',
	admittedTerm: 'admitted',
	deprecatedTerm: 'deprecated',
	supersededTerm: 'superseded'
};

/**
 * A forbidden term is stored as TBX-Basic allows it: deprecated, with a note that starts
 * `FORBIDDEN: <replacement> — <reason>` (see glossary/README.md and ../../terms/forbidden-note.ts).
 */
export { FORBIDDEN_NOTE };

interface Frame {
	name: string;
	type?: string;
	text: string;
	line: number;
}

/**
 * Reads TBX v3 (TBX-Basic, DCA style) and the TBX 2008 `martif` form into concepts.
 * Refuses DOCTYPEs (no entity can reach outside the file), files that are not TBX,
 * concepts without a term and duplicate concept ids, each with its line and column.
 * `locations`, when given, receives where each term's `<term>` element ends its start tag.
 */
export function readTbx(xml: string, file: string, locations?: TermLocations): Concept[] {
	const parser = new SaxesParser({ xmlns: false, position: true });
	const concepts: Concept[] = [];
	const seen = new Map<string, number>();
	const stack: Frame[] = [];
	let concept: (Concept & { line: number }) | null = null;
	let lang: string | null = null;
	let term: (Partial<Term> & { line: number }) | null = null;
	let termAt: { line: number; column: number } | null = null;
	let inContext = false;
	let rootChecked = false;
	const fail = (code: 'tbx_invalid' | 'tbx_not_tbx' | 'tbx_no_term' | 'tbx_duplicate', params: Record<string, string | number>, line = parser.line, column = Math.max(1, parser.column)): never => {
		throw new AtelierError(code, params, { file, line, column });
	};
	parser.on('doctype', () => fail('tbx_invalid', { reason: reason('doctype') }));
	parser.on('opentag', (tag) => {
		const name = localName(tag.name);
		const a = tag.attributes as Record<string, string>;
		if (!rootChecked) {
			rootChecked = true;
			if (name !== 'tbx' && name !== 'martif') fail('tbx_not_tbx', { root: tag.name });
		}
		if (stack.length >= MAX_XML_DEPTH) throw new AtelierError('xml_too_deep', { limit: MAX_XML_DEPTH, part: `<${tag.name}>` }, { file, ...xmlAt(parser) });
		stack.push({ name, type: a.type, text: '', line: parser.line });
		if (name === 'conceptEntry' || name === 'termEntry') {
			const key = a.id || `concept-${concepts.length + 1}`;
			if (seen.has(key)) fail('tbx_duplicate', { id: key, first: seen.get(key)! });
			seen.set(key, parser.line);
			concept = { key, terms: [], line: parser.line };
		} else if (name === 'langSec' || name === 'langSet') {
			lang = a['xml:lang'] ?? a.lang ?? null;
			if (!lang) fail('tbx_invalid', { reason: reason('withoutAttribute', { tag: tag.name, attribute: 'xml:lang' }) });
		} else if (name === 'termSec' || name === 'tig' || name === 'ntig') {
			term = { lang: lang!, status: 'admitted', line: parser.line };
		} else if (name === 'term' && term) termAt = xmlAt(parser);
		else if (name === 'descripGrp' && term) inContext = true;
		else if (name === 'ref' && concept && a.type === 'crossReference' && a.target) (concept.related ??= []).push(a.target);
	});
	parser.on('text', (t) => {
		if (stack.length) stack[stack.length - 1].text += t;
	});
	parser.on('cdata', (t) => {
		if (stack.length) stack[stack.length - 1].text += t;
	});
	parser.on('closetag', (tag) => {
		const frame = stack.pop()!;
		const name = frame.name;
		// XML's own whitespace only (space, tab, CR, LF): `\s` would also fold the no-break spaces of French typography
		const text = frame.text.replace(/[ \t\r\n]+/g, ' ').trim().normalize('NFC');
		const parent = stack[stack.length - 1]?.name;
		if (term) {
			if (name === 'term') term.text = text;
			else if (name === 'termNote' || (name === 'descrip' && !inContext)) {
				if (frame.type === 'administrativeStatus') term.status = STATUS[text] ?? fail('tbx_invalid', { reason: reason('unknownValue', { name: 'administrativeStatus', value: text }) }, frame.line, 1);
				else if (frame.type === 'termType') term.type = text as TermType;
				else if (frame.type === 'partOfSpeech') term.partOfSpeech = text;
				else if (frame.type === 'grammaticalGender') term.gender = text;
			} else if (name === 'descrip' && inContext && frame.type === 'context') term.context = text;
			else if (name === 'note' && (parent === 'termSec' || parent === 'tig' || parent === 'ntig')) term.note = term.note ? `${term.note}\n${lines(frame.text)}` : lines(frame.text);
			else if (name === 'admin' && frame.type === 'source' && !inContext) term.source = text;
			else if (name === 'descripGrp') inContext = false;
			else if (name === 'termSec' || name === 'tig' || name === 'ntig') {
				if (!term.text) fail('tbx_no_term', { id: concept?.key ?? '?' }, term.line, 1);
				const forbidden = term.note ? FORBIDDEN_NOTE.exec(term.note) : null;
				if (forbidden && (term.status === 'deprecated' || term.status === 'admitted')) {
					term.status = 'forbidden';
					term.replacement = forbidden[1].trim();
				}
				const { line: _line, ...t } = term;
				concept!.terms.push(t as Term);
				locations?.set(t as Term, termAt ? { file, ...termAt } : { file, concept: concept!.key });
				term = null;
				termAt = null;
			}
			return;
		}
		if (!concept) return;
		if (name === 'descrip' && frame.type === 'subjectField') concept.subject = text;
		else if (name === 'descrip' && frame.type === 'definition') concept.definition = concept.definition ?? lines(frame.text);
		else if (name === 'note' && (parent === 'conceptEntry' || parent === 'termEntry')) concept.note = concept.note ? `${concept.note}\n${lines(frame.text)}` : lines(frame.text);
		else if (name === 'admin' && frame.type === 'source' && (parent === 'conceptEntry' || parent === 'termEntry')) concept.source = text;
		else if (name === 'langSec' || name === 'langSet') lang = null;
		else if (name === 'conceptEntry' || name === 'termEntry') {
			if (concept.terms.length === 0) fail('tbx_no_term', { id: concept.key }, concept.line, 1);
			const { line: _line, ...c } = concept;
			concepts.push(c);
			concept = null;
		}
	});
	try {
		parser.write(xml.replace(/^\uFEFF/, '')).close();
	} catch (e) {
		if (e instanceof AtelierError) throw e;
		fail('tbx_invalid', { reason: xmlReason((e as Error).message) });
	}
	if (!rootChecked) fail('tbx_not_tbx', { root: '' });
	return concepts;
}

function localName(q: string): string {
	const i = q.indexOf(':');
	return i < 0 || q.startsWith('xml:') ? q : q.slice(i + 1);
}

/**
 * A note's or a definition's text with its line breaks kept (the glossary form's fields are
 * multi-line, and an export then import must give them back), each line's XML whitespace
 * folded as in any other element, and runs of blank lines kept as one paragraph break.
 */
function lines(raw: string): string {
	return raw
		.split(/\r\n?|\n/)
		.map((l) => l.replace(/[ \t]+/g, ' ').trim())
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim()
		.normalize('NFC');
}
