/**
 * Atelier as a TypeScript module (`import { … } from 'atelier'`, see README "As a TypeScript
 * module"): the same services the web UI and the CLI call, so a script or another tool gets
 * the same results, errors and messages. Nothing here is new code; this file only chooses
 * what is public, so that the internal layout can move without breaking callers.
 */

// the workbench: one SQLite file and every service over it
export { createWorkbench, type Workbench, type WorkbenchOptions, type ImportRequest, type ImportResult } from './core/workbench.server.js';
export { defaultDbPath } from './core/paths.js';

// import, cleanup and segmentation without a database
export { cleanup } from './core/text/cleanup.js';
export { createSegmentation } from './core/segment/plain.js';
export { segmenterFor, segment, segmentText, explainBreaks, parseSrx, type Segmenter } from './core/segment/index.js';

// alignment (pure) — the stored, reviewable alignment is `workbench.alignment`
export { align } from './core/align/index.js';

// translation memory files — the TM itself is `workbench.tm`
export { tmxRows } from './core/tm/tmx-rows.server.js';

// terminology without a database — the stored glossary is `workbench.terminology`
export { createTermIndex, findTerms } from './core/terms/recognize.js';
export { readTbx } from './core/formats/tbx/read.js';
export { writeTbx } from './core/formats/tbx/write.js';
export { createCheckContext, runTermChecks } from './core/checks/run.js';
export { runQa, runQaOnDocument } from './core/qa/index.js';
export { segmentConsistency } from './core/qa/consistency.js';

// exports and re-imports of a document (TMX, XLIFF, DOCX table, side-by-side HTML, TSV…)
export { createExports, type Exports } from './core/export/service.server.js';
export { EXPORT_FORMAT_IDS } from './core/export/registry.js';

// messages: every error is an AtelierError with a code, parameters and a location, worded in fr or en
export { AtelierError } from './core/errors.js';
export { createT, errorMessage, type UiLang } from './lib/i18n/index.js';

export type { Concept, TermHit, TmUnit, SegmentStatus, Issue } from './core/model.js';
