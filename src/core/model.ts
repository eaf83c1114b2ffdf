/** Shared model: what every part of the core (and every format) converts to and from. */

/** BCP-47 tag as stored, e.g. `fr-FR`, `en-GB`. */
export type Lang = string;

export type BlockKind = 'heading' | 'body' | 'list_item' | 'footnote';

export const BLOCK_KINDS: readonly BlockKind[] = ['heading', 'body', 'list_item', 'footnote'];

export type SegmentStatus = 'new' | 'draft' | 'translated' | 'reviewed' | 'rejected';

/** A paragraph as cleanup rebuilds it, before segmentation. */
export interface Block {
	kind: BlockKind;
	text: string;
	/** heading level (1 = title) */
	level?: number;
	/** list bullet or footnote mark as found in the source (`•`, `*`) */
	marker?: string;
	/** 1-based line in the input where the block starts */
	line?: number;
	/** for a footnote: the block and offset of its call (the mark after `Macédoine`) */
	noteCall?: { block: number; offset: number };
}

/** A segment inside its paragraph: `text === paragraph.slice(start, end)`. */
export interface SegmentSpan {
	start: number;
	end: number;
	text: string;
	/** id of the SRX rule that made the break closing this segment (none for the last one) */
	rule?: string;
}

export interface SegmentedBlock extends Block {
	segments: SegmentSpan[];
}

/** What cleanup removed or decided, so a user can see why the text looks as it does. */
export interface CleanupEvent {
	kind:
		| 'page_number'
		| 'running_line'
		| 'url_footer'
		| 'hyphen_kept'
		| 'hyphen_joined'
		| 'paragraph_rejoined'
		| 'footnote'
		| 'list_item';
	line: number;
	text: string;
}

export interface DocumentSummary {
	id: number;
	title: string;
	sourceLang: Lang;
	targetLang: Lang;
	originFile: string | null;
	createdAt: string;
	changedAt: string;
	paragraphs: number;
	segments: number;
	words: number;
	/** an original, or an existing translation of one (imported for alignment) */
	role: 'original' | 'translation';
	translationOf: number | null;
}

export interface StoredSegment {
	id: number;
	ord: number;
	paragraphId: number;
	paragraphOrd: number;
	indexInParagraph: number;
	kind: BlockKind;
	start: number;
	end: number;
	source: string;
	target: string | null;
	status: SegmentStatus;
	version: number;
	noteRef: number | null;
	/** when and by whom the target was last written (null until then) */
	changedAt?: string | null;
	changedBy?: string | null;
}

export interface StoredParagraph {
	id: number;
	ord: number;
	kind: BlockKind;
	level: number | null;
	marker: string | null;
	text: string;
	segments: StoredSegment[];
}

export interface DocumentView extends DocumentSummary {
	paragraphsList: StoredParagraph[];
}

/** Term status, from the TBX administrativeStatus picklist plus our `forbidden` (an error in a target). */
export type TermStatus = 'preferred' | 'admitted' | 'deprecated' | 'forbidden' | 'superseded';
export const TERM_STATUSES: readonly TermStatus[] = ['preferred', 'admitted', 'deprecated', 'forbidden', 'superseded'];

export const TERM_TYPES = ['fullForm', 'acronym', 'abbreviation', 'shortForm', 'variant', 'phrase'] as const;
export type TermType = (typeof TERM_TYPES)[number];

export interface Term {
	/** database id, once stored */
	id?: number;
	lang: Lang;
	text: string;
	status: TermStatus;
	type?: TermType;
	partOfSpeech?: string;
	gender?: string;
	/** for forbidden/deprecated terms: what to write instead */
	replacement?: string;
	note?: string;
	context?: string;
	source?: string;
}

export interface Concept {
	/** stable key, the TBX `conceptEntry/@id` (e.g. `c-nato`) */
	key: string;
	id?: number;
	subject?: string;
	definition?: string;
	note?: string;
	source?: string;
	/** keys of related concepts */
	related?: string[];
	terms: Term[];
}

/** A term found in a text. Offsets are UTF-16 code units into the text. */
export interface TermHit {
	start: number;
	end: number;
	/** the text as found */
	text: string;
	conceptKey: string;
	term: Term;
}

export type Severity = 'error' | 'warning' | 'info';

/** What a check returns: never thrown. `message` is an i18n key under `checks.`. */
export interface Issue {
	check: string;
	severity: Severity;
	message: string;
	params: Record<string, string | number>;
	/** the segment(s) concerned (document order, 0-based), and where in the text */
	segments: number[];
	document?: number;
	span?: { side: 'source' | 'target'; start: number; end: number };
	/** stable identity of the finding, for ignore-lists: the same finding keeps it across runs */
	fingerprint: string;
	/** suggested replacement(s) */
	suggestions?: string[];
}

/** Where a translation unit came from. */
export type TmOrigin = 'alignment' | 'translation' | 'import';

/**
 * An inline tag kept as a placeholder: in `TmUnit.source`/`target` each tag is one character
 * of the Private Use Area, U+E000 + its index in the tag list, so matching can skip it and a
 * writer can put the original markup back.
 */
export interface InlineTag {
	/** TMX element: bpt, ept, it, ph, hi, ut, sub (level 2), or g/x/bx/ex when read from XLIFF */
	kind: string;
	/** the element's attributes as read (i, x, type, pos, assoc…) */
	attrs: Record<string, string>;
	/** the element's content as written (native code for bpt/ept/ph/it), XML-escaped as in the file */
	content: string;
}

export const TAG_BASE = 0xe000;

export interface TmProp {
	type: string;
	value: string;
	lang?: string;
}

/** A translation unit, as every TM format converts to and from it. */
export interface TmUnit {
	id?: number;
	sourceLang: Lang;
	targetLang: Lang;
	source: string;
	target: string;
	sourceTags?: InlineTag[];
	targetTags?: InlineTag[];
	origin: TmOrigin;
	/** TMX tuid, kept for round trips */
	tuid?: string;
	documentId?: number | null;
	segmentOrd?: number | null;
	/** previous and next source segments, for in-context (101%) matches */
	context?: { prev?: string | null; next?: string | null };
	createdAt?: string;
	createdBy?: string | null;
	changedAt?: string;
	changedBy?: string | null;
	importFile?: string | null;
	/** alignment confidence, when the unit comes from an aligned pair */
	confidence?: number | null;
	props?: TmProp[];
	notes?: string[];
	/** notes a TMX file put on the source or the target tuv rather than on the tu: they go back where they were */
	sourceNotes?: string[];
	targetNotes?: string[];
	/** TMX `usagecount` of the tu: how many times a tool (Trados, memoQ…) used the unit, kept for round trips */
	usageCount?: number | null;
	/** TMX `lastusagedate` of the tu, as ISO 8601 UTC like createdAt/changedAt */
	lastUsedAt?: string | null;
	/** the same two on the source or the target tuv rather than on the tu: they go back where they were */
	sourceUsage?: TmUsage | null;
	targetUsage?: TmUsage | null;
}

/** Usage statistics a TMX put on one tuv. */
export interface TmUsage {
	count?: number | null;
	/** ISO 8601 UTC */
	lastUsedAt?: string | null;
}
