/**
 * Public types of the sentence aligner. Everything here is plain data (no classes, no
 * functions) so beads, evidence and warnings can be stored, sent to the browser and
 * rendered in either interface language without the aligner's help.
 */

export type SentenceKind = 'heading' | 'body' | 'list_item' | 'footnote';

/** One sentence (segment) of one side, with the structure the importer knows about. */
export interface AlignSentence {
	text: string;
	/** paragraph number; consecutive sentences with the same number form one paragraph */
	paragraph?: number;
	kind?: SentenceKind;
}

/**
 * A bead: `src` source sentences aligned with `tgt` target sentences (0-based, ascending,
 * contiguous). One side may be empty (an insertion or a deletion).
 */
export interface Bead {
	src: number[];
	tgt: number[];
	/**
	 * estimated probability that this exact bead is right; low means likely wrong. A bead with
	 * an empty side is flagged for review whatever its confidence (`needsReview`, the
	 * unmatched_run warning): a missing paragraph is what a reviewer must look at first.
	 */
	confidence: number;
	evidence: Evidence[];
}


/**
 * Why a bead was chosen, as data: the UI words it in its own language. Surface forms are
 * given as found in each text (`pair: [source form, target form]`).
 */
export type Evidence =
	| { kind: 'numbers'; match: string[]; missing?: { src: string[]; tgt: string[] } }
	| { kind: 'names'; match: string[] }
	| { kind: 'urls'; match: string[] }
	| { kind: 'dates'; pairs: [string, string][] }
	| { kind: 'term'; pair: [string, string]; origin: 'glossary' | 'lexicon' }
	| { kind: 'tm'; pair: [string, string] }
	| { kind: 'lexicon'; pairs: [string, string][]; learned: boolean }
	| { kind: 'cognates'; words: [string, string][] }
	| { kind: 'punctuation'; marks: string[]; missing?: { src: string[]; tgt: string[] } }
	| { kind: 'length'; ratio: number; expected: number; srcChars: number; tgtChars: number }
	| { kind: 'identical' }
	| { kind: 'paragraph'; src: number[]; tgt: number[] }
	| { kind: 'structure'; role: 'heading' | 'footnote' | 'list_item' }
	| { kind: 'no_counterpart'; side: 'src' | 'tgt' }
	/** a bead made by joining two segments that two beads held (see editor/join-split.server.ts): nobody has checked it */
	| { kind: 'joined' }
	/** a bead an edit of its neighbour changed (a sentence moved in or out): scored again by the model, not reviewed */
	| { kind: 'reshaped' };

/** Problems reported, never thrown: the caller decides what to tell the user. */
export type AlignWarning =
	| { code: 'empty_source' }
	| { code: 'empty_target' }
	/**
	 * `side` is only partly covered by the other text: e.g. `{ side: 'src', coverage: 0.4 }`
	 * reads "the target covers about 40% of the source". `unaligned` lists the runs of
	 * sentences of `side` (inclusive indices) left without a counterpart.
	 */
	| { code: 'partial_coverage'; side: 'src' | 'tgt'; coverage: number; unaligned: { from: number; to: number }[] }
	/**
	 * runs of at least 3 consecutive sentences of `side` without a counterpart (inclusive
	 * indices): a paragraph left out of the translation, or one the aligner could not place.
	 * Reported whatever the overall coverage; `partial_coverage` comes on top when it is low.
	 */
	| { code: 'unmatched_run'; side: 'src' | 'tgt'; runs: { from: number; to: number }[] }
	| { code: 'same_language'; identicalShare: number }
	| { code: 'band_limit'; cells: number }
	| { code: 'low_confidence'; share: number }
	/** only `share` of the beads pairing sentences have lexical support: the texts may not correspond, or the alignment rests on lengths alone */
	| { code: 'weak_evidence'; share: number }
	| { code: 'length_ratio'; ratio: number }
	/**
	 * the texts do not seem to be translations of each other: on either side, only `share` of
	 * the text (characters) is paired with a sentence it shares an anchor with (number, name,
	 * glossary term, cognate…). Listed first; the other warnings still come after it.
	 */
	| { code: 'unrelated_texts'; share: number };

export interface LexicalResources {
	/** source term, target term (OTAN↔NATO, COR↔NRC, FIAS↔ISAF); matched as whole words, case and accents folded */
	glossaryPairs?: [string, string][];
	/** known sentence translations (translation memory) */
	tmPairs?: [string, string][];
	/** word translations (source word, target word) */
	lexicon?: [string, string][];
}

export interface AlignOptions extends LexicalResources {
	/** BCP-47 tags; only used for defaults (expected length ratio) and the same-language check */
	srcLang?: string;
	tgtLang?: string;
	/** learn a lexicon from the first pass and realign (default true) */
	learnLexicon?: boolean;
	/** use paragraph structure when given (default true) */
	useStructure?: boolean;
	/** largest side of a bead: 2 allows up to 2–2, 3 adds 1–3/3–1/2–3/3–2/3–3, 4 (default) adds 1–4/4–1 and 2–4/4–2 */
	maxBeadSide?: number;
	/**
	 * upper bound on DP cells per aligned range (default 80M); the band also stops growing at
	 * 250k + 150 × (sentences of both sides), so time and memory stay linear
	 */
	maxCells?: number;
	/**
	 * beads to score besides the aligner's own (half-open sentence ranges): those a reviewer's
	 * edit reshaped. Each comes back in `rescored`, in order, with the confidence and evidence
	 * the model gives that exact bead; `startsFixed`/`endsFixed` say the bead before/after it is
	 * a reviewer's decision, which the score then takes as given.
	 */
	rescore?: { srcFrom: number; srcTo: number; tgtFrom: number; tgtTo: number; startsFixed?: boolean; endsFixed?: boolean }[];
}

export interface AlignResult {
	beads: Bead[];
	warnings: AlignWarning[];
	/** model figures estimated from the texts, for the UI and the bench */
	stats: AlignStats;
	/** the `rescore` beads, scored (only when asked for) */
	rescored?: Bead[];
}

export interface AlignStats {
	/** expected target/source character ratio */
	lengthRatio: number;
	/** Gale–Church variance per source character */
	lengthVariance: number;
	/** pairs learned from the document in the second pass */
	learnedPairs: number;
	anchors: number;
	/** DP cell visits in the last pass (forward and backward sweeps, widening rounds included) */
	cells: number;
	/** paragraph beads when the two-level alignment ran */
	paragraphBeads?: number;
	passes: number;
	/** wall-clock milliseconds per phase (features, pass1, lexicon, pass2, evidence) */
	timings?: Record<string, number>;
}
