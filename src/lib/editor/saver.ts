import type { SegmentStatus } from '../../core/model.js';

/** The stored state of a segment as the API returns it. */
export interface ServerSegment {
	ord: number;
	source: string;
	target: string | null;
	status: SegmentStatus;
	version: number;
	changedAt: string | null;
	changedBy: string | null;
}

export interface Mine {
	target: string;
	status: SegmentStatus;
	/** a version brought back from the segment's history: recorded as such, never merged into the typing before it */
	kind?: 'restore';
}

const saveBody = (mine: Mine, version: number) => JSON.stringify({ target: mine.target, status: mine.status, version, ...(mine.kind ? { kind: mine.kind } : {}) });

export interface SaverHooks {
	/** the version the editor holds for a segment (the one it opened, or its last save) */
	version(ord: number): number;
	/** `propagated`: other segments the save filled (the repetitions of a confirmed source) */
	saved(ord: number, segment: ServerSegment, propagated: ServerSegment[]): void;
	/** the segment changed elsewhere: the translator must choose; saves of it wait until `resolve` */
	conflict(ord: number, mine: Mine, current: ServerSegment): void;
	failed(ord: number, message: string): void;
	/** number of saves waiting or in flight, for the "saving…/saved" indicator */
	pending?(n: number): void;
	/** something changed in `state()`: a save went out, landed, failed or was blocked */
	changed?(): void;
}

/**
 * Where the saves stand, worst first: a segment waiting for the translator's choice after a
 * conflict, a save the server refused or could not take (being retried or not), saves under
 * way, or everything stored. The header and the active row both show this, so they never
 * disagree, and "saved" is only said when it is true.
 */
export type SaveState = 'blocked' | 'failed' | 'saving' | 'saved';

/**
 * Saving segments: drafts are debounced (every keystroke ends up stored, without one request
 * per key), saves of one segment run one after the other with the version the previous one
 * returned, and a 409 stops that segment's saves until the translator has chosen.
 */
export function createSaver(docId: number, hooks: SaverHooks, o: { delay?: number; fetch?: typeof fetch } = {}) {
	const delay = o.delay ?? 500;
	const doFetch = o.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
	const timers = new Map<number, { timer: ReturnType<typeof setTimeout>; mine: Mine }>();
	const chains = new Map<number, Promise<void>>();
	const blocked = new Set<number>();
	const retries = new Map<number, number>();
	/** segments whose last save did not land (cleared when one does) */
	const failed = new Set<number>();
	const inFlightBy = new Map<number, number>();
	let inFlight = 0;
	/** moved by `discard`: a save queued before it is dropped rather than sent */
	let generation = 0;
	const url = (ord: number) => `/api/documents/${docId}/segments/${ord}`;
	const report = () => {
		hooks.pending?.(inFlight + timers.size);
		hooks.changed?.();
	};
	const flying = (ord: number, d: number) => {
		const n = (inFlightBy.get(ord) ?? 0) + d;
		if (n > 0) inFlightBy.set(ord, n);
		else inFlightBy.delete(ord);
	};

	/** Sends the same text again later (1 s, 2 s, 4 s … 30 s), unless a newer edit is already waiting. */
	function retryLater(ord: number, mine: Mine) {
		if (timers.has(ord)) return;
		const n = (retries.get(ord) ?? 0) + 1;
		retries.set(ord, n);
		const wait = Math.min(30_000, 1000 * 2 ** (n - 1));
		timers.set(ord, { mine, timer: setTimeout(() => (timers.delete(ord), send(ord, mine)), wait) });
		report();
	}

	function send(ord: number, mine: Mine): Promise<void> {
		const gen = generation;
		inFlight++;
		flying(ord, 1);
		report();
		const prev = chains.get(ord) ?? Promise.resolve();
		const next = prev.then(async () => {
			if (blocked.has(ord) || gen !== generation) return;
			try {
				const res = await doFetch(url(ord), {
					method: 'PUT',
					headers: { 'content-type': 'application/json' },
					body: saveBody(mine, hooks.version(ord))
				});
				const body = await res.json().catch(() => null);
				if (res.status === 200 && body?.ok) {
					retries.delete(ord);
					failed.delete(ord);
					hooks.saved(ord, body.segment, Array.isArray(body.propagated) ? body.propagated : []);
				} else if (res.status === 409 && body?.current) {
					blocked.add(ord);
					hooks.conflict(ord, mine, body.current);
				} else {
					failed.add(ord);
					hooks.failed(ord, body?.message ?? `HTTP ${res.status}`);
					// a request the server will never accept (4xx) is not retried; anything else
					// (the server restarting, busy with a TM import) is, so the text is not lost
					if (res.status < 400 || res.status >= 500 || res.status === 408 || res.status === 429) retryLater(ord, mine);
				}
			} catch (e) {
				failed.add(ord);
				hooks.failed(ord, (e as Error).message);
				retryLater(ord, mine);
			} finally {
				inFlight--;
				flying(ord, -1);
				report();
			}
		});
		chains.set(ord, next);
		return next;
	}

	return {
		/** a draft edit: saved after `delay` ms without further typing */
		schedule(ord: number, mine: Mine) {
			const t = timers.get(ord);
			if (t) clearTimeout(t.timer);
			timers.set(ord, { mine, timer: setTimeout(() => (timers.delete(ord), send(ord, mine)), delay) });
			report();
		},
		/** saves now (a confirmation, or leaving the segment), replacing a scheduled draft */
		save(ord: number, mine: Mine): Promise<void> {
			const t = timers.get(ord);
			if (t) {
				clearTimeout(t.timer);
				timers.delete(ord);
			}
			return send(ord, mine);
		},
		/** sends a scheduled draft of `ord` (or of every segment) now */
		flush(ord?: number): Promise<void> {
			const list = ord == null ? [...timers.keys()] : timers.has(ord) ? [ord] : [];
			return Promise.all(list.map((k) => this.save(k, timers.get(k)!.mine))).then(() => undefined);
		},
		/** resolves once every save sent so far has landed or failed (not the scheduled drafts: `flush` sends those) */
		idle(): Promise<void> {
			return Promise.all([...chains.values()]).then(() => undefined);
		},
		/** the page is going away: scheduled drafts go out with `keepalive`, which outlives the page */
		flushOnUnload() {
			for (const [ord, { timer, mine }] of timers) {
				clearTimeout(timer);
				void doFetch(url(ord), {
					method: 'PUT',
					keepalive: true,
					headers: { 'content-type': 'application/json' },
					body: saveBody(mine, hooks.version(ord))
				}).catch(() => undefined);
			}
			timers.clear();
		},
		/**
		 * The document's segments were renumbered elsewhere (a join or a split): every save
		 * not yet sent would land in whatever segment now holds its number. They are dropped,
		 * and their texts handed back so that nothing typed is lost.
		 */
		discard(): { ord: number; target: string }[] {
			const dropped = [...timers].map(([ord, { timer, mine }]) => {
				clearTimeout(timer);
				return { ord, target: mine.target };
			});
			timers.clear();
			generation++;
			blocked.clear();
			failed.clear();
			retries.clear();
			report();
			return dropped;
		},
		/** the translator chose after a conflict: saves of `ord` may go on */
		resolve(ord: number) {
			blocked.delete(ord);
			report();
		},
		isBlocked: (ord: number) => blocked.has(ord),
		hasPending: (ord: number) => timers.has(ord),
		/** the state of one segment's saves, or of all of them */
		state(ord?: number): SaveState {
			if (ord == null) {
				if (blocked.size) return 'blocked';
				if (failed.size) return 'failed';
				return inFlight + timers.size ? 'saving' : 'saved';
			}
			if (blocked.has(ord)) return 'blocked';
			if (failed.has(ord)) return 'failed';
			return timers.has(ord) || inFlightBy.has(ord) ? 'saving' : 'saved';
		}
	};
}

export type Saver = ReturnType<typeof createSaver>;
