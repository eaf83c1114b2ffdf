import { monthOf, tokenize, type Token } from './normalize.js';
import { type LearnedStrength, stronger } from './learnedShown.js';
import type { Evidence } from './types.js';

/**
 * Evidence for the final beads, rebuilt from the texts with surface forms so the UI can
 * show "1386 on both sides", "FIAS ↔ ISAF", "Expédition ≈ Expedition". Computed once per
 * output bead (linear in the text), never inside the dynamic programming.
 */

export interface EvidenceContext {
	/** folded source word → folded target words it may translate to (caller's and learned lexicon) */
	lexicon: Map<string, Set<string>>;
	/**
	 * which lexicon pairs were learned from the document (`src\u0000tgt`), with the strength of
	 * those worth showing (see `shownLearned`) or null for the others
	 */
	learned: Map<string, LearnedStrength | null>;
	/** glossary pairs with their folded token sequences */
	glossary: { src: string[]; tgt: string[]; pairs: [string, string][] };
	/** TM: folded source sentence → folded target sentences */
	tm: Map<string, Set<string>>;
	tmForm: (s: string) => string;
	ratio: number;
}

/** At most this many items per list: evidence explains a bead, it does not transcribe it. */
const MAX_ITEMS = 12;

/**
 * Learned pairs are shown sparingly: a pair learned from the document is a guess from a few
 * beads, and a long list of them reads as more support than there is. Only the strongest few
 * per bead, one partner per word.
 */
const MAX_LEARNED = 3;
const isCognateForm = (w: string) => w.length >= 5 && /^[a-z]+$/.test(w);

export function beadEvidence(srcTexts: string[], tgtTexts: string[], ctx: EvidenceContext): Evidence[] {
	if (!srcTexts.length || !tgtTexts.length) return [{ kind: 'no_counterpart', side: srcTexts.length ? 'src' : 'tgt' }];
	const sTok = tokenize(srcTexts.length === 1 ? srcTexts[0] : srcTexts.join(' '));
	const tTok = tokenize(tgtTexts.length === 1 ? tgtTexts[0] : tgtTexts.join(' '));
	const out: Evidence[] = [];
	if (identical(sTok, tTok)) out.push({ kind: 'identical' });
	numbers(sTok, tTok, out);
	const names = namesAndUrls(sTok, tTok, out);
	dates(sTok, tTok, out);
	if (ctx.glossary.pairs.length) terms(sTok, tTok, srcTexts, tgtTexts, ctx, out);
	if (ctx.tm.size) tm(srcTexts, tgtTexts, ctx, out);
	if (ctx.lexicon.size) lexicon(sTok, tTok, ctx, out);
	cognates(sTok, tTok, names, out);
	punctuation(srcTexts, tgtTexts, out);
	return out;
}

function identical(s: Token[], t: Token[]): boolean {
	if (s.length !== t.length) return false;
	for (let k = 0; k < s.length; k++) if (s[k].norm !== t[k].norm) return false;
	return true;
}

/** Numbers as multisets: a number written twice must appear twice. */
function numbers(sTok: Token[], tTok: Token[], out: Evidence[]): void {
	let left: Map<string, number> | undefined;
	let tCount = 0;
	for (const t of tTok) {
		if (t.type !== 'number') continue;
		left ??= new Map();
		left.set(t.norm, (left.get(t.norm) ?? 0) + 1);
		tCount++;
	}
	const match: string[] = [];
	const missS: string[] = [];
	for (const t of sTok) {
		if (t.type !== 'number') continue;
		const c = left?.get(t.norm) ?? 0;
		if (c > 0) {
			left!.set(t.norm, c - 1);
			match.push(t.surface);
		} else missS.push(t.surface);
	}
	if (!match.length && !missS.length && !tCount) return;
	const missT: string[] = [];
	if (match.length < tCount) {
		for (const t of tTok) {
			if (t.type !== 'number') continue;
			const c = left!.get(t.norm) ?? 0;
			if (c > 0) {
				left!.set(t.norm, c - 1);
				missT.push(t.surface);
			}
		}
	}
	out.push(missS.length || missT.length ? { kind: 'numbers', match, missing: { src: missS, tgt: missT } } : { kind: 'numbers', match });
}

/** Identical capitalised tokens (names, acronyms) and URLs; returns the names' folded forms. */
function namesAndUrls(sTok: Token[], tTok: Token[], out: Evidence[]): Set<string> {
	const tCaps = new Set<string>();
	const tUrls = new Set<string>();
	for (const t of tTok) {
		if (t.capitalised) tCaps.add(t.norm);
		else if (t.type === 'url') tUrls.add(t.norm);
	}
	const names = new Set<string>();
	const match: string[] = [];
	const urls: string[] = [];
	for (const t of sTok) {
		if (t.capitalised && tCaps.has(t.norm) && !names.has(t.norm)) {
			names.add(t.norm);
			match.push(t.surface);
		} else if (t.type === 'url' && tUrls.has(t.norm)) urls.push(t.surface);
	}
	if (match.length) out.push({ kind: 'names', match: match.slice(0, MAX_ITEMS) });
	if (urls.length) out.push({ kind: 'urls', match: urls });
	return names;
}

function dates(sTok: Token[], tTok: Token[], out: Evidence[]): void {
	let pairs: [string, string][] | undefined;
	for (const s of sTok) {
		const mo = s.type === 'word' ? monthOf(s.norm) : undefined;
		if (!mo) continue;
		const t = tTok.find((x) => x.type === 'word' && monthOf(x.norm) === mo);
		if (t) (pairs ??= []).push([s.surface, t.surface]);
	}
	if (pairs) out.push({ kind: 'dates', pairs });
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

/**
 * Glossary pairs found on both sides, each once: entries that differ only in case or accents
 * (`Nations Unies`/`Nations unies`, `summit`/`Summit`) match the same words, so listing both
 * would count one piece of evidence twice. The spelling shown is the one the texts use.
 */
function terms(sTok: Token[], tTok: Token[], srcTexts: string[], tgtTexts: string[], ctx: EvidenceContext, out: Evidence[]): void {
	const sf = sTok.map((t) => t.norm);
	const tf = tTok.map((t) => t.norm);
	const found = new Map<string, { pair: [string, string]; literal: number }>();
	ctx.glossary.pairs.forEach((pair, k) => {
		const key = `${ctx.glossary.src[k]}\u0000${ctx.glossary.tgt[k]}`;
		const had = found.get(key);
		if (had?.literal === 2) return;
		if (!hasTerm(sf, ctx.glossary.src[k].split(' ')) || !hasTerm(tf, ctx.glossary.tgt[k].split(' '))) return;
		const literal = (srcTexts.some((x) => x.includes(pair[0])) ? 1 : 0) + (tgtTexts.some((x) => x.includes(pair[1])) ? 1 : 0);
		if (!had || literal > had.literal) found.set(key, { pair, literal });
	});
	for (const { pair } of found.values()) out.push({ kind: 'term', pair, origin: 'glossary' });
}

/** One of the bead's source sentences has its known translation among the bead's targets. */
function tm(srcTexts: string[], tgtTexts: string[], ctx: EvidenceContext, out: Evidence[]): void {
	for (const s of srcTexts) {
		const want = ctx.tm.get(ctx.tmForm(s));
		if (!want) continue;
		const hit = tgtTexts.find((t) => want.has(ctx.tmForm(t)));
		if (hit !== undefined) out.push({ kind: 'tm', pair: [s, hit] });
	}
}

/**
 * Word pairs of the caller's lexicon, and the few strongest pairs learned from the document
 * that are worth showing (`shownLearned`), one partner per word.
 */
function lexicon(sTok: Token[], tTok: Token[], ctx: EvidenceContext, out: Evidence[]): void {
	let tByForm: Map<string, Token> | undefined;
	let given: [string, string][] | undefined;
	let learned: { pair: [string, string]; s: string; t: string; strength: LearnedStrength }[] | undefined;
	let seen: Set<string> | undefined;
	for (const s of sTok) {
		if (s.type !== 'word') continue;
		const cands = ctx.lexicon.get(s.norm);
		if (!cands) continue;
		if (!tByForm) {
			tByForm = new Map();
			for (const t of tTok) if (t.type === 'word' && !tByForm.has(t.norm)) tByForm.set(t.norm, t);
		}
		for (const c of cands) {
			const t = tByForm.get(c);
			if (!t) continue;
			const key = `${s.norm}\u0000${c}`;
			if ((seen ??= new Set()).has(key)) continue;
			seen.add(key);
			if (!ctx.learned.has(key)) (given ??= []).push([s.surface, t.surface]);
			else {
				const strength = ctx.learned.get(key);
				if (strength) (learned ??= []).push({ pair: [s.surface, t.surface], s: s.norm, t: c, strength });
			}
		}
	}
	if (given) out.push({ kind: 'lexicon', pairs: given.slice(0, MAX_ITEMS), learned: false });
	if (!learned) return;
	// a word the bead already matches by its form (the same word, or a cognate, on the other side)
	// needs no learned partner: such pairs are mostly collocations (`président`→`held` next to
	// `President`, `internationales`→`organisations` next to `international`), and the look-alike
	// ones are listed as cognates already
	const explainedS = formIndex(tTok);
	const explainedT = formIndex(sTok);
	learned = learned.filter((l) => !explainedS(l.s) && !explainedT(l.t));
	if (!learned.length) return;
	learned.sort((a, b) => (stronger(a.strength, b.strength) ? -1 : stronger(b.strength, a.strength) ? 1 : 0));
	const usedS = new Set<string>();
	const usedT = new Set<string>();
	const shown: [string, string][] = [];
	for (const l of learned) {
		if (usedS.has(l.s) || usedT.has(l.t)) continue;
		usedS.add(l.s);
		usedT.add(l.t);
		shown.push(l.pair);
		if (shown.length === MAX_LEARNED) break;
	}
	out.push({ kind: 'lexicon', pairs: shown, learned: true });
}

/** Whether a folded word occurs among `tokens`, or shares a cognate prefix with one of them. */
function formIndex(tokens: Token[]): (w: string) => boolean {
	const forms = new Set<string>();
	const prefixes = new Set<string>();
	for (const t of tokens) {
		if (t.type !== 'word') continue;
		forms.add(t.norm);
		if (isCognateForm(t.norm)) prefixes.add(t.norm.slice(0, 4));
	}
	return (w) => forms.has(w) || (isCognateForm(w) && prefixes.has(w.slice(0, 4)));
}

/** Same folded 4-letter prefix, words of 5+ letters (names already listed are left out). */
function cognates(sTok: Token[], tTok: Token[], names: Set<string>, out: Evidence[]): void {
	const byPrefix = new Map<string, Token>();
	for (const t of tTok) {
		if (t.type !== 'word' || !isCognateForm(t.norm)) continue;
		const p = t.norm.slice(0, 4);
		if (!byPrefix.has(p)) byPrefix.set(p, t);
	}
	if (!byPrefix.size) return;
	const words: [string, string][] = [];
	const seen = new Set<string>();
	for (const s of sTok) {
		if (s.type !== 'word' || names.has(s.norm) || !isCognateForm(s.norm) || seen.has(s.norm)) continue;
		const t = byPrefix.get(s.norm.slice(0, 4));
		if (!t) continue;
		seen.add(s.norm);
		words.push([s.surface, t.surface]);
		if (words.length === MAX_ITEMS) break;
	}
	if (words.length) out.push({ kind: 'cognates', words });
}

const MARKS = ['?', '!', '(', '«»'];

/** Counts of ? ! ( and quotation pairs (any quote style) in the texts. */
function markCounts(texts: string[]): Int32Array {
	const c = new Int32Array(4);
	let q = 0;
	for (const text of texts) {
		for (let k = 0; k < text.length; k++) {
			const x = text.charCodeAt(k);
			if (x === 63) c[0]++;
			else if (x === 33) c[1]++;
			else if (x === 40) c[2]++;
			else if (x === 0xab || x === 0xbb || x === 0x201c || x === 0x201d || x === 0x201e || x === 34 || x === 0x2039 || x === 0x203a) q++;
		}
	}
	c[3] = Math.ceil(q / 2);
	return c;
}

function punctuation(srcTexts: string[], tgtTexts: string[], out: Evidence[]): void {
	const a = markCounts(srcTexts);
	const b = markCounts(tgtTexts);
	const marks: string[] = [];
	const missS: string[] = [];
	const missT: string[] = [];
	for (let k = 0; k < 4; k++) {
		for (let x = 0; x < Math.min(a[k], b[k]); x++) marks.push(MARKS[k]);
		for (let x = b[k]; x < a[k]; x++) missS.push(MARKS[k]);
		for (let x = a[k]; x < b[k]; x++) missT.push(MARKS[k]);
	}
	if (!marks.length && !missS.length && !missT.length) return;
	out.push(missS.length || missT.length ? { kind: 'punctuation', marks, missing: { src: missS, tgt: missT } } : { kind: 'punctuation', marks });
}
