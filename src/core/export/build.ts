import type { AlignmentService } from '../alignment/service.server.js';
import { AtelierError } from '../errors.js';
import type { DocumentView, Issue, SegmentStatus } from '../model.js';
import type { Terminology } from '../terminology.server.js';
import type { BilingualDocument, BilingualParagraph, BilingualRow } from './bilingual.js';

/** What building an export reads: the workbench satisfies it; tests may pass a narrower one. */
export interface ExportSources {
	getDocument(id: number): DocumentView;
	terminology: Pick<Terminology, 'documentHits' | 'checkDocument'>;
	alignment: Pick<AlignmentService, 'alignmentsOf' | 'view'>;
}

export interface BuildOptions {
	/**
	 * `document`: one row per segment with its target; `alignment`: one row per bead of the
	 * document's (first) alignment with its translation; `auto`: the document's own targets
	 * when it has any, else its alignment when there is one.
	 */
	from?: 'auto' | 'document' | 'alignment';
	/** terminology checks cost a pass over the document: off for formats that do not show them */
	issues?: boolean;
	now?: Date;
}

/** Statuses whose pairs count as confirmed (TMX of a document holds only these). */
export const CONFIRMED: ReadonlySet<SegmentStatus> = new Set(['translated', 'reviewed']);

/** Builds the one shape every writer reads from a stored document (or its alignment). */
export function buildBilingual(src: ExportSources, docId: number, opts: BuildOptions = {}): BilingualDocument {
	const doc = src.getDocument(docId);
	const from = opts.from ?? 'auto';
	const hasTargets = doc.paragraphsList.some((p) => p.segments.some((s) => s.target != null));
	const alignments = from === 'document' ? [] : src.alignment.alignmentsOf(docId);
	if (from === 'alignment' && alignments.length === 0) throw new AtelierError('export_no_alignment', { id: docId }, { document: docId });
	if (from === 'alignment' || (from === 'auto' && !hasTargets && alignments.length > 0)) return fromAlignment(src, doc, alignments[0], opts);
	return fromDocument(src, doc, opts);
}

function header(doc: DocumentView, opts: BuildOptions, origin: BilingualDocument['origin'], targetLang: string): Omit<BilingualDocument, 'paragraphs'> {
	return {
		documentId: doc.id,
		title: doc.title,
		sourceLang: doc.sourceLang,
		targetLang,
		originFile: doc.originFile,
		origin,
		exportedAt: (opts.now ?? new Date()).toISOString()
	};
}

function issuesByOrd(src: ExportSources, docId: number, on: boolean): Map<number, Issue[]> {
	const out = new Map<number, Issue[]>();
	if (!on) return out;
	for (const i of src.terminology.checkDocument(docId).issues) {
		if ((i as { ignored?: unknown }).ignored) continue;
		for (const ord of i.segments) out.set(ord, [...(out.get(ord) ?? []), i]);
	}
	return out;
}

function fromDocument(src: ExportSources, doc: DocumentView, opts: BuildOptions): BilingualDocument {
	const hits = src.terminology.documentHits(doc.id);
	const issues = issuesByOrd(src, doc.id, opts.issues !== false);
	const paragraphs: BilingualParagraph[] = doc.paragraphsList.map((p) => ({
		ord: p.ord,
		kind: p.kind,
		level: p.level,
		marker: p.marker,
		rows: p.segments.map((s): BilingualRow => {
			const h = hits.get(s.ord) ?? [];
			return {
				number: s.ord + 1,
				id: String(s.ord),
				sourceOrds: [s.ord],
				kind: s.kind,
				source: s.source,
				target: s.target,
				status: s.status,
				version: s.version,
				// the TMX export dates its units with them (a re-import then keeps the translator's date, not its own)
				changedAt: s.target != null ? s.changedAt : null,
				changedBy: s.target != null ? s.changedBy : null,
				issues: issues.get(s.ord) ?? [],
				termHits: h.map(({ equivalents: _e, ...hit }) => hit),
				termEquivalents: h.map((x) => x.equivalents)
			};
		})
	}));
	return { ...header(doc, opts, 'document', doc.targetLang), paragraphs };
}

/** A bead's status: confirmed into the TM = reviewed, made or checked by a person = translated. */
function beadStatus(b: { confirmed: boolean; manual: boolean; locked: boolean }, hasTarget: boolean): SegmentStatus {
	if (!hasTarget) return 'new';
	if (b.confirmed) return 'reviewed';
	return b.manual || b.locked ? 'translated' : 'draft';
}

function fromAlignment(src: ExportSources, doc: DocumentView, alignmentId: number, opts: BuildOptions): BilingualDocument {
	const v = src.alignment.view(alignmentId);
	const hits = src.terminology.documentHits(doc.id);
	const paraOf = new Map<number, number>();
	for (const p of doc.paragraphsList) for (const s of p.segments) paraOf.set(s.ord, p.ord);
	const byPara = new Map<number, BilingualParagraph>();
	const paragraphs: BilingualParagraph[] = [];
	let lastPara = doc.paragraphsList[0]?.ord ?? 0;
	v.beads.forEach((b, i) => {
		const srcOrds = range(b.srcFrom, b.srcTo);
		const tgtOrds = range(b.tgtFrom, b.tgtTo);
		const paraOrd = srcOrds.length ? (paraOf.get(srcOrds[0]) ?? lastPara) : lastPara;
		lastPara = paraOrd;
		let para = byPara.get(paraOrd);
		if (!para) {
			const p = doc.paragraphsList.find((x) => x.ord === paraOrd);
			para = { ord: paraOrd, kind: p?.kind ?? 'body', level: p?.level ?? null, marker: p?.marker ?? null, rows: [] };
			byPara.set(paraOrd, para);
			paragraphs.push(para);
		}
		const source = srcOrds.map((o) => v.src[o].text).join(' ');
		const target = tgtOrds.length ? tgtOrds.map((o) => v.tgt[o].text).join(' ') : null;
		const h = srcOrds.flatMap((o) => hits.get(o) ?? []);
		para.rows.push({
			number: i + 1,
			// a bead without source has no source ord: its target ord names it instead
			id: srcOrds.length ? String(srcOrds[0]) : `t${tgtOrds[0]}`,
			sourceOrds: srcOrds,
			targetOrds: tgtOrds,
			kind: (srcOrds.length ? v.src[srcOrds[0]].kind : (v.tgt[tgtOrds[0]]?.kind ?? 'body')) as BilingualRow['kind'],
			source,
			target,
			status: beadStatus(b, target != null && srcOrds.length > 0),
			confidence: b.confidence,
			// offsets of hits after the first segment would not point into the joined text
			termHits: srcOrds.length === 1 ? h.map(({ equivalents: _e, ...hit }) => hit) : [],
			termEquivalents: srcOrds.length === 1 ? h.map((x) => x.equivalents) : []
		});
	});
	paragraphs.sort((a, b) => a.ord - b.ord);
	return { ...header(doc, opts, 'alignment', v.target.lang), paragraphs };
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

/** Every row in document order. */
export function rowsOf(doc: BilingualDocument): BilingualRow[] {
	return doc.paragraphs.flatMap((p) => p.rows);
}
