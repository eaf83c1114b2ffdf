import { createHash } from 'node:crypto';
import type { BilingualDocument, BilingualParagraph, BilingualRow } from '../../export/bilingual.js';
import { type InlineTag, TAG_BASE, type TermHit } from '../../model.js';
import { escapeHtml, htmlText } from './escape.js';

export type Translate = (key: string, params?: Record<string, unknown>) => string;

export interface SideBySideOptions {
	t: Translate;
	uiLang: 'fr' | 'en';
	/** what to show besides source and target; each defaults to on */
	show?: { status?: boolean; match?: boolean; issues?: boolean; terms?: boolean; numbers?: boolean };
}

/**
 * The aligned bilingual document for someone with no tool: one self-contained HTML file,
 * source and target side by side, a table row per segment (or bead) and a table body per
 * paragraph of the original, so the structure stays visible. It prints on A4 with the
 * column headers repeated on each page (a `<thead>` repeats in print). The file carries no
 * script and a Content-Security-Policy that forbids any (its only style is allowed by hash),
 * so segment text that looks like markup stays text.
 */
export function writeSideBySideHtml(doc: BilingualDocument, opts: SideBySideOptions): string {
	const { t } = opts;
	const show = { status: true, match: true, issues: true, terms: true, numbers: true, ...opts.show };
	const label = (code: string) => t('bilingual.invisible', { code });
	const txt = (s: string, tags?: InlineTag[]) => withTags(s, tags, (x) => htmlText(x, label));
	const rows = doc.paragraphs.flatMap((p) => p.rows);
	const hasMeta = show.status || (show.match && rows.some((r) => r.match != null || r.confidence != null));
	const cols = (show.numbers ? 1 : 0) + 2 + (hasMeta ? 1 : 0);

	const css = style(show.numbers, hasMeta);
	const hash = createHash('sha256').update(css).digest('base64');
	const csp = `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'; form-action 'none'`;

	const docLine = t('bilingual.docLine', {
		id: doc.documentId,
		sourceLang: doc.sourceLang,
		targetLang: doc.targetLang,
		date: doc.exportedAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC')
	});
	const out: string[] = [];
	out.push(
		'<!DOCTYPE html>',
		`<html lang="${escapeHtml(opts.uiLang)}">`,
		'<head>',
		'<meta charset="utf-8">',
		`<meta http-equiv="Content-Security-Policy" content="${csp}">`,
		'<meta name="referrer" content="no-referrer">',
		'<meta name="viewport" content="width=device-width, initial-scale=1">',
		`<meta name="generator" content="Atelier">`,
		`<title>${txt(doc.title)} — ${escapeHtml(t('bilingual.heading'))}</title>`,
		`<style>${css}</style>`,
		'</head>',
		'<body>',
		`<table class="bi" data-document="${doc.documentId}" data-origin="${doc.origin}">`,
		show.numbers ? '<col class="c-no">' : '',
		'<col class="c-src"><col class="c-tgt">',
		hasMeta ? '<col class="c-meta">' : '',
		'<thead>',
		`<tr class="doc"><th colspan="${cols}"><span class="title">${txt(doc.title)}</span> <span class="line">${escapeHtml(t(`bilingual.origin.${doc.origin}`))} · ${txt(docLine)}</span></th></tr>`,
		'<tr class="cols">',
		show.numbers ? `<th scope="col">${escapeHtml(t('bilingual.col.number'))}</th>` : '',
		`<th scope="col">${escapeHtml(t('bilingual.col.source'))} <span class="lang">${escapeHtml(doc.sourceLang)}</span></th>`,
		`<th scope="col">${escapeHtml(t('bilingual.col.target'))} <span class="lang">${escapeHtml(doc.targetLang)}</span></th>`,
		hasMeta ? `<th scope="col">${escapeHtml(t('bilingual.col.status'))}</th>` : '',
		'</tr>',
		'</thead>'
	);
	for (const p of doc.paragraphs) out.push(paragraph(p, doc, opts, show, hasMeta, txt));
	out.push('</table>', '</body>', '</html>', '');
	return out.filter((l) => l !== '').join('\n');
}

function paragraph(
	p: BilingualParagraph,
	doc: BilingualDocument,
	opts: SideBySideOptions,
	show: Required<NonNullable<SideBySideOptions['show']>>,
	hasMeta: boolean,
	txt: (s: string, tags?: InlineTag[]) => string
): string {
	const { t } = opts;
	const lines = [`<tbody class="para k-${p.kind}" data-paragraph="${p.ord}">`];
	p.rows.forEach((r, i) => {
		const first = i === 0;
		// the paragraph's mark (bullet, footnote call) and heading level travel on its first row
		const wrap = (html: string, lang: string) => {
			const mark = first && p.marker && (p.kind === 'list_item' || p.kind === 'footnote') ? p.marker : null;
			const marked = mark ? `<span class="mark">${txt(mark)}</span>${html}` : html;
			if (p.kind === 'heading') {
				const h = Math.min(6, (p.level ?? 1) + 1);
				return `<h${h} lang="${escapeHtml(lang)}">${marked}</h${h}>`;
			}
			return `<p lang="${escapeHtml(lang)}">${marked}</p>`;
		};
		const srcText = (s: string) => txt(s, r.sourceTags);
		const source = show.terms && r.termHits?.length ? highlight(r.source, r.termHits, r.termEquivalents, t, srcText) : srcText(r.source);
		const target =
			r.target == null || r.target === ''
				? `<span class="untr">${escapeHtml(t('bilingual.untranslated'))}</span>`
				: txt(r.target, r.targetTags);
		const notes: string[] = [];
		if (show.issues)
			for (const issue of r.issues ?? [])
				notes.push(
					`<li class="qa qa-${issue.severity}">${escapeHtml(t(`checks.severity.${issue.severity}`) + t('app.colon'))} ${txt(t(issue.message, issue.params))}</li>`
				);
		if (r.comment) notes.push(`<li class="comment">${escapeHtml(t('bilingual.col.comment') + t('app.colon'))} ${txt(r.comment)}</li>`);
		const meta: string[] = [];
		if (show.status) meta.push(`<span class="st st-${r.status}">${escapeHtml(t(`bilingual.status.${r.status}`))}</span>`);
		if (show.match && r.match != null) meta.push(`<span class="badge">${escapeHtml(t('bilingual.matchValue', { percent: r.match }))}</span>`);
		if (show.match && r.confidence != null)
			meta.push(`<span class="badge">${escapeHtml(t('bilingual.confidenceValue', { percent: Math.round(r.confidence * 100) }))}</span>`);
		lines.push(
			`<tr id="s-${escapeHtml(r.id)}" class="row-${r.status}${r.target == null ? ' untranslated' : ''}">`,
			show.numbers ? `<td class="no">${r.number}</td>` : '',
			`<td class="src">${wrap(source, doc.sourceLang)}</td>`,
			`<td class="tgt">${wrap(target, doc.targetLang)}${notes.length ? `<ul class="notes">${notes.join('')}</ul>` : ''}</td>`,
			hasMeta ? `<td class="meta">${meta.join(' ')}</td>` : '',
			'</tr>'
		);
	});
	lines.push('</tbody>');
	return lines.filter((l) => l !== '').join('\n');
}

/**
 * Source text with the recognised terms marked, the approved equivalents in the tooltip;
 * overlapping hits keep the first.
 */
function highlight(text: string, hits: TermHit[], equivalents: string[][] | undefined, t: Translate, txt: (s: string) => string): string {
	let out = '';
	let at = 0;
	const order = hits.map((h, i) => ({ h, eq: equivalents?.[i] })).sort((a, b) => a.h.start - b.h.start || b.h.end - a.h.end);
	for (const { h, eq } of order) {
		if (h.start < at || h.end > text.length || h.end <= h.start) continue;
		const equivalent = eq?.length ? eq.join(' / ') : h.term.text;
		const title = t('bilingual.termTitle', { term: text.slice(h.start, h.end), equivalent });
		out += `${txt(text.slice(at, h.start))}<mark title="${escapeHtml(title)}">${txt(text.slice(h.start, h.end))}</mark>`;
		at = h.end;
	}
	return out + txt(text.slice(at));
}

/**
 * Inline tags are stored as one private-use character each (U+E000 + index): shown as a
 * small numbered mark with the original markup in its tooltip, never as markup.
 */
function withTags(s: string, tags: InlineTag[] | undefined, text: (s: string) => string): string {
	if (!tags?.length) return text(s);
	let out = '';
	let last = 0;
	for (let i = 0; i < s.length; i++) {
		const k = s.charCodeAt(i) - TAG_BASE;
		if (k < 0 || k >= tags.length) continue;
		const tag = tags[k];
		const n = tag.attrs.i ?? tag.attrs.x ?? tag.attrs.id ?? String(k + 1);
		const mark = tag.kind === 'bpt' || tag.kind === 'bx' ? `[${n}` : tag.kind === 'ept' || tag.kind === 'ex' ? `${n}]` : `{${n}}`;
		out += `${text(s.slice(last, i))}<span class="tag" title="${escapeHtml(unescapeXml(tag.content))}">${escapeHtml(mark)}</span>`;
		last = i + 1;
	}
	return out + text(s.slice(last));
}

function unescapeXml(s: string): string {
	return s.replace(/&(lt|gt|quot|apos|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
}

function style(numbers: boolean, meta: boolean): string {
	const widths = numbers ? (meta ? [7, 39, 39, 15] : [7, 46.5, 46.5, 0]) : meta ? [0, 42, 42, 16] : [0, 50, 50, 0];
	return `
@page { size: A4 portrait; margin: 14mm 12mm 16mm; @bottom-right { content: counter(page) " / " counter(pages); font: 8pt "DejaVu Sans", Arial, sans-serif; color: #555; } }
* { box-sizing: border-box; }
body { font: 10.5pt/1.45 "DejaVu Serif", Georgia, serif; color: #111; margin: 1.5rem auto; max-width: 70rem; padding: 0 1rem; }
@media print { body { margin: 0; max-width: none; padding: 0; } }
table.bi { width: 100%; border-collapse: collapse; table-layout: fixed; }
col.c-no { width: ${widths[0]}%; } col.c-src { width: ${widths[1]}%; } col.c-tgt { width: ${widths[2]}%; } col.c-meta { width: ${widths[3]}%; }
thead { display: table-header-group; }
thead tr.doc th { text-align: left; font-weight: normal; font-size: 9pt; color: #333; padding: 0 0 .4rem; border-bottom: 1px solid #999; }
thead tr.doc .title { font-weight: bold; font-size: 10.5pt; color: #000; display: block; }
thead tr.cols th { text-align: left; font: bold 9pt/1.3 "DejaVu Sans", Arial, sans-serif; padding: .35rem .4rem; border-bottom: 2px solid #444; background: #f1f1f1; }
th .lang { font-weight: normal; color: #555; }
td { vertical-align: top; padding: .3rem .4rem; border-bottom: 1px solid #e3e3e3; overflow-wrap: anywhere; word-break: break-word; hyphens: auto; }
tbody.para { border-top: 1.5pt solid #bbb; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.no { font: 8.5pt "DejaVu Sans", Arial, sans-serif; color: #666; text-align: right; }
td p, td h2, td h3, td h4, td h5, td h6 { margin: 0; }
td h2 { font-size: 13pt; } td h3 { font-size: 12pt; } td h4, td h5, td h6 { font-size: 11pt; }
tbody.k-list_item td.src p, tbody.k-list_item td.tgt p { padding-left: 1.2em; text-indent: -1.2em; }
tbody.k-list_item .mark { display: inline-block; min-width: 1.2em; padding-right: .3em; text-indent: 0; }
tbody.k-footnote td { font-size: 9pt; }
tbody.k-footnote .mark { vertical-align: super; font-size: 75%; margin-right: .25em; }
td.meta { font: 8.5pt "DejaVu Sans", Arial, sans-serif; }
.st, .badge { display: inline-block; max-width: 100%; padding: 0 .35em; border-radius: 3px; border: 1px solid #aaa; margin: 0 .2em .2em 0; }
.st-new { background: #fff; } .st-draft { background: #fff6d6; } .st-translated { background: #e3f0ff; }
.st-reviewed { background: #dff5e1; } .st-rejected { background: #fde2e1; }
.untr { color: #888; font-style: italic; }
mark { background: #fff1a8; color: inherit; border-bottom: 1px dotted #8a6d00; }
.tag { font: 7.5pt "DejaVu Sans Mono", monospace; color: #fff; background: #7a5ea8; border-radius: 2px; padding: 0 2px; margin: 0 1px; }
.cp { font: 7.5pt "DejaVu Sans Mono", monospace; color: #a00; border: 1px solid #d88; border-radius: 2px; padding: 0 1px; margin: 0 1px; unicode-bidi: isolate; }
ul.notes { list-style: none; margin: .25rem 0 0; padding: 0; font: 8.5pt/1.35 "DejaVu Sans", Arial, sans-serif; }
li.qa-error { color: #a00; } li.qa-warning { color: #8a5300; } li.qa-info { color: #335; } li.comment { color: #333; font-style: italic; }
`.trim();
}
