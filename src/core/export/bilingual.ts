import type { Location } from '../errors.js';
import type { BlockKind, InlineTag, Issue, SegmentStatus, TermHit } from '../model.js';

/**
 * What every bilingual writer (HTML side-by-side, bilingual DOCX, TSV, XLIFF, translated
 * document) reads: one shape whether the pairs come from a document being translated
 * (one row per segment) or from an alignment (one row per bead, possibly n–m), so each
 * writer is written once.
 */
export interface BilingualDocument {
	/** the document id as `npx atelier docs` prints it */
	documentId: number;
	title: string;
	/** BCP-47 */
	sourceLang: string;
	targetLang: string;
	/** file name the original was imported from, if any */
	originFile: string | null;
	/** where the rows come from */
	origin: 'document' | 'alignment';
	/** ISO 8601 UTC, when the export was built */
	exportedAt: string;
	paragraphs: BilingualParagraph[];
}

/** A paragraph of the original, kept so writers can rebuild the structure. */
export interface BilingualParagraph {
	/** 0-based paragraph order in the original */
	ord: number;
	kind: BlockKind;
	/** headings: 1 = title */
	level: number | null;
	/** list bullet or footnote mark as found in the source (`•`, `*`) */
	marker: string | null;
	rows: BilingualRow[];
}

export interface BilingualRow {
	/** 1-based number shown to people (segment number, or bead number for an alignment) */
	number: number;
	/** stable id used by re-import (XLIFF unit/segment id, DOCX first column): the segment's
	 * 0-based ord in the original, or for a bead the first source ord */
	id: string;
	/** 0-based ords of the original's segments in this row (one for a document) */
	sourceOrds: number[];
	/** for an alignment: 0-based ords of the translation document's segments */
	targetOrds?: number[];
	kind: BlockKind;
	source: string;
	/** null when not translated yet */
	target: string | null;
	status: SegmentStatus;
	/** optimistic-concurrency version of the segment when exported (re-import detects later edits) */
	version?: number;
	/** alignment confidence 0..1 */
	confidence?: number;
	/** best TM match percentage when known (101 in context, 100 exact, else fuzzy) */
	match?: number;
	/** QA and terminology findings on this row */
	issues?: Issue[];
	/** terms found in the source, with their approved equivalents */
	termHits?: TermHit[];
	/** reviewer or translator comment */
	comment?: string | null;
	changedAt?: string | null;
	changedBy?: string | null;
	/** inline tags as in `TmUnit`: each is one U+E000+i placeholder in `source`/`target` */
	sourceTags?: InlineTag[];
	targetTags?: InlineTag[];
	/** approved equivalents of each term hit (same order as `termHits`), for the glossary metadata */
	termEquivalents?: string[][];
}

/**
 * A row as it comes back from a reviewed file (XLIFF, bilingual DOCX): what re-import
 * compares with the stored document before anything is applied.
 */
export interface ReturnedRow {
	/** the `BilingualRow.id` written on export; null when the reviewer's row has none (an added row) */
	id: string | null;
	/** the number shown in the file, if any */
	number: number | null;
	/** source text as found in the file (to detect reordered or edited rows) */
	source: string | null;
	target: string | null;
	status: SegmentStatus | null;
	comment: string | null;
	/** inline tags of `target`, when the format carries them */
	targetTags?: InlineTag[];
	/** the segment's version written on export, when the format carries it (detects later edits) */
	version?: number | null;
	/** where in the file (XLIFF line/column, DOCX table row as `line`) */
	location: Location;
}

/** A reviewed file as read, before it is checked against the stored document. */
export interface ReturnedDocument {
	format: 'xliff' | 'xliff12' | 'docx';
	file: string;
	/** the document id written on export, when the file carries it */
	documentId: number | null;
	sourceLang: string | null;
	targetLang: string | null;
	rows: ReturnedRow[];
	/** ISO 8601, when the file says when it was exported */
	exportedAt?: string | null;
	/** `alignment` when the file was exported from an alignment (its targets belong to another document) */
	origin?: 'document' | 'alignment' | null;
}
