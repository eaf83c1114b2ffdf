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
const kept = new Map<string, { at: number; summary: GlossaryImportSummary }>();

export function keepSummary(summary: GlossaryImportSummary): string {
	const now = Date.now();
	for (const [id, k] of kept) if (now - k.at > TTL_MS || kept.size >= MAX_KEPT) kept.delete(id);
	const id = randomUUID();
	kept.set(id, { at: now, summary });
	return id;
}

/** The summary kept under `id`, once. */
export function takeSummary(id: string | null): GlossaryImportSummary | null {
	if (!id) return null;
	const k = kept.get(id);
	kept.delete(id);
	return k && Date.now() - k.at <= TTL_MS ? k.summary : null;
}
