import { randomUUID } from 'node:crypto';
import type { GlossaryImportSummary } from '../../core/terminology.server.js';

/**
 * The last imports' summaries, kept in this server's memory for the page that follows the
 * import's redirect, found by a random id that a one-time cookie carries. Not in the cookie
 * itself: a browser keeps at most 4 KB per cookie, which 50 warnings with their terms and
 * file names exceed, and a cookie cut short would hide warnings without a word. Not in the
 * database: a summary is read once within a minute, and a table for it would outlive its use.
 * Lost on a restart — then the page shows the import's message only, as before. The id is
 * unguessable and the cookie httpOnly: only the browser that imported sees its summary.
 */
const TTL_MS = 10 * 60 * 1000;
const MAX_KEPT = 20;
/** A summary as kept: its first warnings only (the page lists no more), and how many there were. */
export type KeptSummary = GlossaryImportSummary & { warningCount: number };
const kept = new Map<string, { at: number; summary: KeptSummary }>();

/**
 * Keeps the summary with its first `shown` warnings: a large termbase re-issued under new ids
 * gave 200,000 warnings, ~100 MB a summary, 20 of which could stay unread until the next import.
 */
export function keepSummary(summary: GlossaryImportSummary, shown: number): string {
	const now = Date.now();
	for (const [id, k] of kept) if (now - k.at > TTL_MS || kept.size >= MAX_KEPT) kept.delete(id);
	const id = randomUUID();
	kept.set(id, { at: now, summary: { ...summary, warnings: summary.warnings.slice(0, shown), warningCount: summary.warnings.length } });
	return id;
}

/** The summary kept under `id`, once. */
export function takeSummary(id: string | null): KeptSummary | null {
	if (!id) return null;
	const k = kept.get(id);
	kept.delete(id);
	return k && Date.now() - k.at <= TTL_MS ? k.summary : null;
}
