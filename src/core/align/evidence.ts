import { monthOf, tokenize, type Token } from './normalize.js';
import type { Evidence } from './types.js';

/**
 * Evidence for the final beads, rebuilt from the texts with surface forms so the UI can
 * show "1386 on both sides", "FIAS ↔ ISAF", "Expédition ≈ Expedition". Computed once per
 * output bead (linear in the text), never inside the dynamic programming.
 */

export interface EvidenceContext {
	/** folded source word → folded target words it may translate to (glossary words, caller's and learned lexicon) */
	lexicon: Map<string, Set<string>>;
	/** which lexicon pairs were learned from the document */
	learned: Set<string>;
	glossary: { src: string[]; tgt: string[]; pairs: [string, string][] };
	tm: Map<string, Set<string>>;
	tmForm: (s: string) => string;
	ratio: number;
}

function marks(text: string): Map<string, number> {
	const out = new Map<string, number>();
	let q = 0;
	for (let k = 0; k < text.length; k++) {
		const c = text.charCodeAt(k);
		if (c === 63) out.set('?', (out.get('?') ?? 0) + 1);
		else if (c === 33) out.set('!', (out.get('!') ?? 0) + 1);
		else if (c === 40) out.set('(', (out.get('(') ?? 0) + 1);
		else if (c === 0xab || c === 0xbb || c === 0x201c || c === 0x201d || c === 0x201e || c === 34 || c === 0x2039 || c === 0x203a) q++;
	}
	if (q) out.set('«»', Math.ceil(q / 2));
	return out;
}

function multiset<T>(xs: T[]): Map<T, number> {
	const m = new Map<T, number>();
	for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
	return m;
}

/** Whole-word, folded, plural-tolerant containment of a term. */
function hasTerm(folded: string[], term: string[]): boolean {
	const loose = (w: string) => (w.length > 3 && /[sx]$/.test(w) ? w.slice(0, -1) : w);
	for (let s = 0; s + term.length <= folded.length; s++) {
		let ok = true;
		for (let r = 0; ok && r < term.length; r++) ok = loose(folded[s + r]) === loose(term[r]);
		if (ok) return true;
	}
	return false;
}

export function beadEvidence(srcTexts: string[], tgtTexts: string[], ctx: EvidenceContext): Evidence[] {
	const out: Evidence[] = [];
	if (!srcTexts.length || !tgtTexts.length) {
		out.push({ kind: 'no_counterpart', side: srcTexts.length ? 'src' : 'tgt' });
		return out;
	}
	const st = srcTexts.join(' ');
	const tt = tgtTexts.join(' ');
	const sTok = tokenize(st);
	const tTok = tokenize(tt);
	if (sTok.length === tTok.length && sTok.every((t, k) => t.norm === tTok[k].norm)) out.push({ kind: 'identical' });

	// numbers (as multisets: a number written twice must appear twice)
	const sNum = sTok.filter((t) => t.type === 'number');
	const tNum = tTok.filter((t) => t.type === 'number');
	if (sNum.length || tNum.length) {
		const tm = multiset(tNum.map((t) => t.norm));
		const match: string[] = [];
		const missS: string[] = [];
		for (const t of sNum) {
			const c = tm.get(t.norm) ?? 0;
			if (c > 0) {
				tm.set(t.norm, c - 1);
				match.push(t.surface);
			} else missS.push(t.surface);
		}
		const missT = tNum.filter((t) => {
			const c = tm.get(t.norm) ?? 0;
			if (c > 0) {
				tm.set(t.norm, c - 1);
				return true;
			}
			return false;
		});
		if (match.length || missS.length || missT.length) {
			out.push({ kind: 'numbers', match, ...(missS.length || missT.length ? { missing: { src: missS, tgt: missT.map((t) => t.surface) } } : {}) });
		}
	}

	const sWords = sTok.filter((t) => t.type === 'word');
	const tWords = tTok.filter((t) => t.type === 'word');
	const tFold = new Map<string, Token>();
	for (const t of tWords) if (!tFold.has(t.norm)) tFold.set(t.norm, t);

	// identical capitalised tokens: names and acronyms
	const names = new Set<string>();
	const tCaps = new Set(tWords.filter((t) => t.capitalised).map((t) => t.norm));
	for (const t of sWords) if (t.capitalised && tCaps.has(t.norm)) names.add(t.surface);
	if (names.size) out.push({ kind: 'names', match: [...names] });

	const sUrl = new Set(sTok.filter((t) => t.type === 'url').map((t) => t.norm));
	const urls = tTok.filter((t) => t.type === 'url' && sUrl.has(t.norm)).map((t) => t.surface);
	if (urls.length) out.push({ kind: 'urls', match: urls });

	const sMonths = sWords.filter((t) => monthOf(t.norm));
	const dates: [string, string][] = [];
	for (const s of sMonths) {
		const t = tWords.find((x) => monthOf(x.norm) === monthOf(s.norm));
		if (t) dates.push([s.surface, t.surface]);
	}
	if (dates.length) out.push({ kind: 'dates', pairs: dates });

	// glossary terms present on both sides
	const sf = sTok.map((t) => t.norm);
	const tf = tTok.map((t) => t.norm);
	const seenTerms = new Set<number>();
	ctx.glossary.pairs.forEach((pair, k) => {
		if (seenTerms.has(k)) return;
		const a = ctx.glossary.src[k];
		const b = ctx.glossary.tgt[k];
		if (hasTerm(sf, a.split(' ')) && hasTerm(tf, b.split(' '))) {
			seenTerms.add(k);
			out.push({ kind: 'term', pair, origin: 'glossary' });
		}
	});

	// TM: one of the bead's source sentences has its known translation among the targets
	for (const s of ctx.tm.size ? srcTexts : []) {
		const want = ctx.tm.get(ctx.tmForm(s));
		if (!want) continue;
		const hit = tgtTexts.find((t) => want.has(ctx.tmForm(t)));
		if (hit !== undefined) out.push({ kind: 'tm', pair: [s, hit] });
	}

	// lexicon pairs (caller's and learned)
	const lexPairs: [string, string][] = [];
	const learnedPairs: [string, string][] = [];
	const seenLex = new Set<string>();
	for (const s of sWords) {
		const cands = ctx.lexicon.get(s.norm);
		if (!cands) continue;
		for (const c of cands) {
			const t = tFold.get(c);
			if (!t) continue;
			const key = `${s.norm}\u0000${c}`;
			if (seenLex.has(key)) continue;
			seenLex.add(key);
			(ctx.learned.has(key) ? learnedPairs : lexPairs).push([s.surface, t.surface]);
		}
	}
	if (lexPairs.length) out.push({ kind: 'lexicon', pairs: lexPairs.slice(0, 12), learned: false });
	if (learnedPairs.length) out.push({ kind: 'lexicon', pairs: learnedPairs.slice(0, 12), learned: true });

	// cognates: same folded 4-letter prefix, words of 5+ letters (identical names already listed)
	const byPrefix = new Map<string, Token>();
	for (const t of tWords) if (t.norm.length >= 5 && /^[a-z]+$/.test(t.norm) && !byPrefix.has(t.norm.slice(0, 4))) byPrefix.set(t.norm.slice(0, 4), t);
	const cognates: [string, string][] = [];
	const seenCog = new Set<string>();
	for (const s of sWords) {
		if (s.norm.length < 5 || !/^[a-z]+$/.test(s.norm) || names.has(s.surface)) continue;
		const t = byPrefix.get(s.norm.slice(0, 4));
		if (!t || seenCog.has(s.norm)) continue;
		seenCog.add(s.norm);
		cognates.push([s.surface, t.surface]);
	}
	if (cognates.length) out.push({ kind: 'cognates', words: cognates.slice(0, 12) });

	// punctuation that should survive translation
	const sm = marks(st);
	const tmk = marks(tt);
	const matched: string[] = [];
	const missS: string[] = [];
	const missT: string[] = [];
	for (const k of new Set([...sm.keys(), ...tmk.keys()])) {
		const a = sm.get(k) ?? 0;
		const b = tmk.get(k) ?? 0;
		for (let x = 0; x < Math.min(a, b); x++) matched.push(k);
		for (let x = b; x < a; x++) missS.push(k);
		for (let x = a; x < b; x++) missT.push(k);
	}
	if (matched.length || missS.length || missT.length) {
		out.push({ kind: 'punctuation', marks: matched, ...(missS.length || missT.length ? { missing: { src: missS, tgt: missT } } : {}) });
	}
	return out;
}
