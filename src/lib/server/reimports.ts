import { randomUUID } from 'node:crypto';
import type { ReimportPlan } from '../../core/export/reimport.js';

/**
 * Plans waiting for the user's confirmation, by token: the page shows a plan, the confirm
 * button sends the token back, and only then is it applied (its version checks catch any
 * edit made in between). Kept an hour, in memory: a restart just asks for the file again.
 */
const pending = new Map<string, { plan: ReimportPlan; at: number }>();
const TTL = 3_600_000;

export function keepPlan(plan: ReimportPlan): string {
	const now = Date.now();
	for (const [k, v] of pending) if (now - v.at > TTL) pending.delete(k);
	const token = randomUUID();
	pending.set(token, { plan, at: now });
	return token;
}

/** The plan for `token` if it is for `docId` and not expired; it is used once. */
export function takePlan(token: string, docId: number): ReimportPlan | null {
	const p = pending.get(token);
	if (!p || p.plan.documentId !== docId || Date.now() - p.at > TTL) return null;
	pending.delete(token);
	return p.plan;
}
