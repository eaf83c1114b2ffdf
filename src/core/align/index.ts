/**
 * Sentence alignment core: pure functions, no database, no UI.
 *
 * - `align(source, target, options)` → beads with confidence and evidence, warnings, stats
 * - `galeChurch(source, target)` → the length-only baseline
 * - `parseBeads` / `formatBeads` / `scoreBeads` / `scoreDocuments` → the `[i, j]:[k]` format
 *   and the Sennrich & Volk strict/lax precision, recall and F1
 */
export { align } from './align.js';
export { calibrate } from './calibration.js';
export { DEFAULT_TUNING, type AlignTuning } from './tuning.js';
export { galeChurch, type GaleChurchOptions } from './galeChurch.js';
export {
	auc,
	beadCorrectness,
	countHits,
	formatBead,
	formatBeads,
	parseBeads,
	scoreBeads,
	scoreDocuments,
	type AlignScore,
	type ScoreCounts,
	type SimpleBead
} from './score.js';
export type * from './types.js';
export { unmatchedRuns } from './warnings.js';
