import type { Location } from '../../src/core/errors.js';

export type CaseFormat = 'txt' | 'docx' | 'tmx' | 'tbx' | 'csv' | 'tsv' | 'srx' | 'xliff' | 'docx-bilingual';

/** What a case must produce: a typed, located, translated error, or a successful import. */
export type Expect =
	| {
			error: string;
			/** fragments the English and French messages must contain */
			en: string;
			fr: string;
			/** the location fields that must match (file is compared by base name) */
			location?: Partial<Location>;
	  }
	| {
			ok: true;
			/** segments (txt/docx), units (tmx), concepts (tbx/csv), segments of the probe text (srx) */
			units?: number;
			/** a text that must be stored exactly */
			contains?: string;
	  };

/** One case of the corpus: `files/<format>/<file>.case.json` beside its file (or a generator). */
export interface CaseManifest {
	format: CaseFormat;
	file: string;
	description: string;
	expect: Expect;
	/** built at run time by generate.ts instead of read from disk */
	generate?: string;
	size?: number;
	count?: number;
	options?: { encoding?: string; sourceLang?: string; targetLang?: string };
	/** its own process, so its memory is measured alone */
	isolate?: boolean;
	/** only with ROBUSTNESS_SLOW=1 (takes minutes) */
	slow?: boolean;
	/** skipped, with this reason (no reader on this branch yet) */
	pending?: string;
}

/** What a worker reports for one case. */
export interface CaseResult {
	id: string;
	/** wall-clock time of the case */
	ms: number;
	/** CPU time the case used (user + system): the bound, since wall time on a shared machine measures the neighbours too */
	cpuMs: number;
	/** the worker process's peak RSS (MB) after this case: a bound for this case and those before it */
	maxRssMB: number;
	outcome:
		| { kind: 'error'; code: string; location: Location; en: string; fr: string }
		| { kind: 'ok'; units: number; contains: boolean }
		| { kind: 'crash'; name: string; message: string; stack?: string };
	dbUnchanged: boolean;
	integrity: string;
}
