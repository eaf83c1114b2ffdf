import type { Concept, Issue, TermHit } from '../model.js';
import type { TermIndex } from '../terms/recognize.js';

/** A source segment and its target, in document order (`ord` is the 0-based segment number). */
export interface SegmentPair {
	ord: number;
	source: string;
	target: string | null;
	document?: number;
	/** set on a translation-memory unit used as a reference (its id); `ord` is then meaningless */
	tmUnit?: number;
}

/** The other side of a finding: a segment of another document, or a translation-memory unit, with the term it used there. */
export interface Reference {
	document?: number;
	/** 0-based, as `Issue.segments` */
	segment?: number;
	tmUnit?: number;
	/** the target term as written there */
	text?: string;
	/** the translation it stands in (cut at 300 characters) */
	target?: string;
}

/** An issue of a check, with the places outside the checked document it was found against. */
export interface CheckIssue extends Issue {
	references?: Reference[];
}

/** A pair with its term hits, computed once and shared by every check. */
export interface AnalyzedPair extends SegmentPair {
	sourceHits: TermHit[];
	targetHits: TermHit[];
	/** source-language acronyms found in the target (left untranslated) */
	targetSourceHits: TermHit[];
}

export interface CheckContext {
	sourceLang: string;
	targetLang: string;
	source: TermIndex;
	target: TermIndex;
	/** only the source language's acronyms: what an untranslated-acronym scan of a target needs */
	sourceAcronyms: TermIndex;
	concepts: Map<string, Concept>;
}

/** A check over one segment pair. Returns issues; never throws. */
export interface PairCheck {
	id: string;
	run(pair: AnalyzedPair, ctx: CheckContext): Issue[];
}

/** A check over a set of pairs (a document, or a document and the TM). */
export interface SetCheck {
	id: string;
	run(pairs: AnalyzedPair[], ctx: CheckContext): CheckIssue[];
}
