import type { Issue } from '../model.js';

/** A segment as the document-level checks read it. */
export interface ConsistencyPair {
	ord: number;
	source: string;
	target: string | null;
	document?: number;
}

/** The check's id (for `disabled`), for both directions. */
export const CONSISTENCY = 'qa.consistency';

/**
 * What counts as the same text: spaces of every kind and both apostrophes alike (a no-break
 * space typed in one and not the other is the typography check's business, not a second
 * translation); case and everything else count.
 */
const same = (s: string) => s.normalize('NFC').replace(/[’‘ʼ]/g, "'").replace(/[\s\u00A0\u202F\u2009]+/gu, ' ').trim();

/** FNV-1a, for a short stable fingerprint: pure JS, since the editor runs the QA in the browser. */
function hash(s: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
	return (h >>> 0).toString(16).padStart(8, '0');
}

const QUOTE_MAX = 60;
const quote = (s: string) => `“${s.length > QUOTE_MAX ? `${s.slice(0, QUOTE_MAX - 1)}…` : s}”`;
/** At most this many places per variant in a message; the finding's `segments` hold them all. */
const MAX_PLACES = 8;

function places(ords: number[]): string {
	const shown = ords.slice(0, MAX_PLACES).map((o) => o + 1);
	return ords.length > MAX_PLACES ? `${shown.join(', ')}, … (+${ords.length - MAX_PLACES})` : shown.join(', ');
}

/**
 * Xbench's "inconsistency in source / in target", over one document's translated segments:
 * the same source translated in different ways (a repetition retranslated instead of reused),
 * and the same translation given to different sources (a match inserted into the wrong
 * segment, or two sources a glossary tells apart merged into one wording). One warning per
 * text, listing each variant with its segments, in the order they first appear.
 */
export function segmentConsistency(pairs: readonly ConsistencyPair[]): Issue[] {
	type Group = { written: string; variants: Map<string, { text: string; ords: number[] }> };
	const bySource = new Map<string, Group>();
	const byTarget = new Map<string, Group>();
	const add = (index: Map<string, Group>, key: string, written: string, variant: string, text: string, ord: number) => {
		let g = index.get(key);
		if (!g) index.set(key, (g = { written, variants: new Map() }));
		const v = g.variants.get(variant);
		if (v) v.ords.push(ord);
		else g.variants.set(variant, { text, ords: [ord] });
	};
	const document = pairs.find((p) => p.document != null)?.document;
	for (const p of pairs) {
		if (!p.target || !p.target.trim() || !p.source.trim()) continue;
		const s = same(p.source);
		const t = same(p.target);
		add(bySource, s, p.source, t, p.target, p.ord);
		add(byTarget, t, p.target, s, p.source, p.ord);
	}
	const out: Issue[] = [];
	const report = (index: Map<string, Group>, message: string, side: 'source' | 'target') => {
		for (const [key, g] of index) {
			if (g.variants.size < 2) continue;
			const list = [...g.variants.values()];
			const issue: Issue = {
				check: CONSISTENCY,
				severity: 'warning',
				message: `checks.qa.${message}`,
				params: { [side]: quote(g.written), count: list.length, variants: list.map((v) => `${quote(v.text)} (${places(v.ords)})`).join('; ') },
				segments: list.flatMap((v) => v.ords).sort((a, b) => a - b),
				fingerprint: `${CONSISTENCY}:${side}:${hash(key)}`
			};
			if (document != null) issue.document = document;
			out.push(issue);
		}
	};
	report(bySource, 'sourceTranslatedDifferently', 'source');
	report(byTarget, 'targetForDifferentSources', 'target');
	return out.sort((a, b) => a.segments[0] - b.segments[0]);
}
