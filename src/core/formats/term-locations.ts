import type { Term } from '../model.js';

/**
 * Where a term stands in the file it was read from, as the reader names places in its
 * errors: a CSV/TSV line and column (the cell's number in its row), a TBX line and column,
 * a worksheet and cell (`Glossaire`, `C7`). `concept` alone when a reader cannot say more.
 */
export interface TermLocation {
	file: string;
	line?: number;
	column?: number;
	sheet?: string;
	cell?: string;
	concept?: string;
}

/**
 * Filled by a reader when the caller asks (the import's duplicate warnings): keyed by the
 * term objects the reader returns, so the shared model needs no field for it.
 */
export type TermLocations = WeakMap<Term, TermLocation>;
