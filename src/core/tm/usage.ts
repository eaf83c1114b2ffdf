import type { TmUnit } from '../model.js';

/**
 * What a unit's usage statistics say, for the TM unit page and `atelier tm show`: the tu's
 * values (where Trados and memoQ write them), else the target tuv's, else the source tuv's,
 * each of the two read on its own. Null when nothing is known.
 */
export function unitUsage(u: TmUnit): { count: number | null; lastUsedAt: string | null } | null {
	const count = u.usageCount ?? u.targetUsage?.count ?? u.sourceUsage?.count ?? null;
	const lastUsedAt = u.lastUsedAt ?? u.targetUsage?.lastUsedAt ?? u.sourceUsage?.lastUsedAt ?? null;
	return count == null && lastUsedAt == null ? null : { count, lastUsedAt };
}

/** The i18n key and variables of the usage line ("Used 3 times, last on …"), the date given as the caller shows dates. */
export function usageMessage(usage: { count: number | null; lastUsedAt: string | null }, date: (iso: string) => string): { key: string; vars: Record<string, unknown> } {
	if (usage.count != null && usage.lastUsedAt != null) return { key: 'tmxUsage.usedLast', vars: { count: usage.count, date: date(usage.lastUsedAt) } };
	if (usage.count != null) return { key: 'tmxUsage.used', vars: { count: usage.count } };
	return { key: 'tmxUsage.lastOnly', vars: { date: date(usage.lastUsedAt!) } };
}
