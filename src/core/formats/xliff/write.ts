import type { BilingualDocument, BilingualRow } from '../../export/bilingual.js';
import { escapeAttr, escapeText } from '../xml.js';
import { ph12, ph20, renderInline } from './inline.js';
import { toXliff12, toXliff20 } from './states.js';

const rowsOf = (doc: BilingualDocument): BilingualRow[] => doc.paragraphs.flatMap((p) => p.rows);
const text = (s: string) => escapeText(s).replace(/\r/g, '&#13;');

/** The row's term hits with their approved equivalents, once per concept and form (a term used twice is one entry). */
function glossLines(r: BilingualRow): { term: string; translations: string[]; concept: string }[] {
	const seen = new Set<string>();
	const out: { term: string; translations: string[]; concept: string }[] = [];
	(r.termHits ?? []).forEach((h, i) => {
		const key = `${h.conceptKey}\u0000${h.text}`;
		if (seen.has(key)) return;
		seen.add(key);
		out.push({ term: h.text, translations: r.termEquivalents?.[i] ?? [], concept: h.conceptKey });
	});
	return out;
}

/**
 * XLIFF 2.0: one `unit` per row (id = the row's id, what re-import matches), its state from
 * our status with the exact status in `subState`, the comment and QA findings as `notes`,
 * glossary hits in the Glossary module and our identifiers in the Metadata module — both
 * modules the standard defines for this.
 */
export function writeXliff20(doc: BilingualDocument, o: NoteOptions = {}): string {
	const out: string[] = [];
	out.push('<?xml version="1.0" encoding="UTF-8"?>');
	out.push(
		`<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0" xmlns:gls="urn:oasis:names:tc:xliff:glossary:2.0" version="2.0" srcLang="${escapeAttr(doc.sourceLang)}" trgLang="${escapeAttr(doc.targetLang)}">`
	);
	out.push(` <file id="doc${doc.documentId}" original="${escapeAttr(doc.originFile ?? doc.title)}">`);
	out.push('  <mda:metadata>');
	out.push('   <mda:metaGroup category="atelier">');
	out.push(`    <mda:meta type="documentId">${doc.documentId}</mda:meta>`);
	out.push(`    <mda:meta type="title">${text(doc.title)}</mda:meta>`);
	out.push(`    <mda:meta type="origin">${doc.origin}</mda:meta>`);
	out.push(`    <mda:meta type="exportedAt">${escapeText(doc.exportedAt)}</mda:meta>`);
	out.push('   </mda:metaGroup>');
	out.push('  </mda:metadata>');
	for (const r of rowsOf(doc)) {
		out.push(`  <unit id="${escapeAttr(r.id)}" name="${r.number}">`);
		const meta: [string, string][] = [['number', String(r.number)], ['kind', r.kind]];
		if (r.version != null) meta.push(['version', String(r.version)]);
		if (r.confidence != null) meta.push(['confidence', r.confidence.toFixed(3)]);
		if (r.match != null) meta.push(['match', String(r.match)]);
		out.push('   <mda:metadata>');
		out.push('    <mda:metaGroup category="atelier">');
		for (const [k, v] of meta) out.push(`     <mda:meta type="${k}">${escapeText(v)}</mda:meta>`);
		out.push('    </mda:metaGroup>');
		out.push('   </mda:metadata>');
		const gloss = glossLines(r);
		if (gloss.length) {
			out.push('   <gls:glossary>');
			for (const g of gloss) {
				out.push('    <gls:glossEntry>');
				out.push(`     <gls:term source="atelier:${escapeAttr(g.concept)}">${text(g.term)}</gls:term>`);
				for (const tr of g.translations) out.push(`     <gls:translation>${text(tr)}</gls:translation>`);
				out.push('    </gls:glossEntry>');
			}
			out.push('   </gls:glossary>');
		}
		const notes: string[] = [];
		if (r.comment) notes.push(`    <note category="comment">${text(r.comment)}</note>`);
		for (const i of r.issues ?? []) notes.push(`    <note category="qa" priority="${i.severity === 'error' ? 1 : i.severity === 'warning' ? 5 : 9}">${text(issueLine(i, o.t))}</note>`);
		if (notes.length) out.push('   <notes>', ...notes, '   </notes>');
		const data = [
			...(r.sourceTags ?? []).map((t, i) => `    <data id="ds${i + 1}">${escapeText(t.content)}</data>`),
			...(r.target != null ? (r.targetTags ?? []) : []).map((t, i) => `    <data id="dt${i + 1}">${escapeText(t.content)}</data>`)
		];
		if (data.length) out.push('   <originalData>', ...data, '   </originalData>');
		const { state, subState } = toXliff20(r.status);
		out.push(`   <segment id="${escapeAttr(r.id)}" state="${state}" subState="${subState}">`);
		out.push(`    <source xml:space="preserve">${renderInline(r.source, r.sourceTags, ph20('s'))}</source>`);
		if (r.target != null) out.push(`    <target xml:space="preserve">${renderInline(r.target, r.targetTags, ph20('t'))}</target>`);
		out.push('   </segment>');
		out.push('  </unit>');
	}
	out.push(' </file>');
	out.push('</xliff>');
	return out.join('\n') + '\n';
}

export interface NoteOptions {
	/** renders QA findings in the reader's language; without it a note gives the message key and its values */
	t?: (key: string, params?: Record<string, unknown>) => string;
}

/** A QA finding as one line for a note: what a reviewer in another tool reads, so the message itself, translated. */
function issueLine(i: NonNullable<BilingualRow['issues']>[number], t?: NoteOptions['t']): string {
	if (t) return `${t(`checks.severity.${i.severity}`)} (${i.check})${t('app.colon')} ${t(i.message, i.params)}`;
	const params = Object.entries(i.params).map(([k, v]) => `${k}=${v}`).join(', ');
	return `${i.severity} ${i.check}: ${i.message}${params ? ` (${params})` : ''}`;
}

/**
 * XLIFF 1.2 (valid against the strict schema): one `trans-unit` per row, `state` on the
 * target (`x-rejected` where 1.2 has no word), `approved="yes"` for reviewed rows; the
 * document id, the comment, glossary hits and QA findings are `note`s told apart by `from`.
 */
export function writeXliff12(doc: BilingualDocument, o: NoteOptions = {}): string {
	const out: string[] = [];
	out.push('<?xml version="1.0" encoding="UTF-8"?>');
	out.push('<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">');
	out.push(
		` <file original="${escapeAttr(doc.originFile ?? doc.title)}" source-language="${escapeAttr(doc.sourceLang)}" target-language="${escapeAttr(doc.targetLang)}" datatype="plaintext" date="${escapeAttr(doc.exportedAt.replace(/\.\d+Z$/, 'Z'))}" product-name="Atelier">`
	);
	out.push('  <header>');
	out.push('   <tool tool-id="atelier" tool-name="Atelier"/>');
	out.push(`   <note from="atelier:document">${doc.documentId}</note>`);
	out.push(`   <note from="atelier:title">${text(doc.title)}</note>`);
	out.push(`   <note from="atelier:origin">${doc.origin}</note>`);
	out.push('  </header>');
	out.push('  <body>');
	for (const r of rowsOf(doc)) {
		const { state, approved } = toXliff12(r.status);
		out.push(`   <trans-unit id="${escapeAttr(r.id)}" resname="${r.number}"${approved ? ' approved="yes"' : ''} xml:space="preserve">`);
		out.push(`    <source xml:lang="${escapeAttr(doc.sourceLang)}">${renderInline(r.source, r.sourceTags, ph12)}</source>`);
		if (r.target != null) out.push(`    <target xml:lang="${escapeAttr(doc.targetLang)}" state="${state}">${renderInline(r.target, r.targetTags, ph12)}</target>`);
		if (r.comment) out.push(`    <note from="atelier:comment">${text(r.comment)}</note>`);
		if (r.version != null) out.push(`    <note from="atelier:version" annotates="general" priority="10">${r.version}</note>`);
		for (const g of glossLines(r))
			out.push(`    <note from="atelier:glossary" annotates="source" priority="5">${text(`${g.term} → ${g.translations.join(' | ')}`)}</note>`);
		for (const i of r.issues ?? []) out.push(`    <note from="atelier:qa" priority="${i.severity === 'error' ? 1 : 5}">${text(issueLine(i, o.t))}</note>`);
		out.push('   </trans-unit>');
	}
	out.push('  </body>');
	out.push(' </file>');
	out.push('</xliff>');
	return out.join('\n') + '\n';
}
