import type { Concept, Term, TermHit } from '../model.js';
import { primaryLang } from '../lang.js';
import { foldAccents } from '../terms/normalize.js';
import type { AnalyzedPair, CheckContext, CheckIssue, Reference, SetCheck } from './types.js';

interface Use {
	sourceTerm: string;
	/** what groups the uses of one source term: its concept and its text, normalized */
	sourceKey: string;
	targetTerm: string;
	/** what counts as "the same rendering" (see `variantOf`): a concept's preferred full form and its approved acronyms and short forms are one */
	variant: string;
	/** the target term as written, normalized: what groups the uses of one target term */
	targetKey: string;
	conceptKey: string;
	targetConcept: string;
	/** the source hit it renders (to tell the hits a pair left over from those it paired) */
	sourceHit: TermHit;
	ord: number;
	document?: number;
	/** a translation-memory unit rather than a segment */
	tmUnit?: number;
	/** the translation it was used in */
	sentence: string;
}

const SHORT = new Set(['acronym', 'abbreviation', 'shortForm']);
const APPROVED = new Set(['preferred', 'admitted']);

/** A concept's name and its abbreviations: the preferred full form, and every approved acronym, abbreviation or short form. */
function isNameForm(t: Term): boolean {
	if (!APPROVED.has(t.status)) return false;
	return SHORT.has(t.type ?? '') || (t.type === 'fullForm' && t.status === 'preferred');
}

/**
 * One rendering: a concept's name and its abbreviations (`NATO-Russia Council` / `NRC`), and
 * any written form that only differs from one of them by case or hyphenation (`Summit` at the
 * start of a sentence is `summit`). Synonyms (`Partners` / `partner countries`) stay apart.
 */
function variantOf(t: TermHit, ctx?: CheckContext, memo?: Memo): string {
	if (isNameForm(t.term)) return memo ? formKey(t.conceptKey, memo) : `form:${t.conceptKey}`;
	// a hit's term belongs to one concept: the variant depends on the term and the text only
	let byText = memo?.variants.get(t.term);
	const known = byText?.get(t.text);
	if (known !== undefined) return known;
	const n = norm(t.text, memo);
	const concept = ctx?.concepts.get(t.conceptKey);
	const lang = primaryLang(t.term.lang);
	const v = concept?.terms.some((x) => primaryLang(x.lang) === lang && isNameForm(x) && norm(x.text, memo) === n) ? (memo ? formKey(t.conceptKey, memo) : `form:${t.conceptKey}`) : n;
	if (memo) {
		if (!byText) memo.variants.set(t.term, (byText = new Map()));
		byText.set(t.text, v);
	}
	return v;
}

/**
 * Per check context: terms and renderings repeat over a document and from one document to
 * the next, each distinct one is worked out once (the context's glossary does not change).
 * The keys the uses are grouped by are kept too, one string each: a key built afresh for
 * every use is hashed afresh by every map it is looked up in.
 */
interface Memo {
	norms: Map<string, string>;
	variants: Map<Term, Map<string, string>>;
	words: Map<string, string>;
	forms: Map<string, string>;
	sourceKeys: Map<Term, string>;
	/**
	 * A hit's variant and normalized text for the usual case, a hit written exactly as its
	 * term: found by the term alone (an object key, hashed once), where the general memos
	 * above must hash the hit's text, a new string for every hit.
	 */
	exact: Map<Term, { variant: string; norm: string }>;
}

const memos = new WeakMap<CheckContext, Memo>();
/** A server checks documents for days: past this many texts remembered, the memo starts again. */
const MAX_MEMO = 200_000;

function memoFor(ctx: CheckContext): Memo {
	let m = memos.get(ctx);
	if (!m || m.norms.size + m.words.size + m.variants.size > MAX_MEMO) memos.set(ctx, (m = { norms: new Map(), variants: new Map(), words: new Map(), forms: new Map(), sourceKeys: new Map(), exact: new Map() }));
	return m;
}

function formKey(conceptKey: string, memo: Memo): string {
	let k = memo.forms.get(conceptKey);
	if (k === undefined) memo.forms.set(conceptKey, (k = `form:${conceptKey}`));
	return k;
}

/** The variant and the normalized text of a target hit, the same as `variantOf` and `norm` give. */
function targetKeys(t: TermHit, ctx: CheckContext | undefined, memo: Memo | undefined): { variant: string; norm: string } {
	if (!memo || t.text !== t.term.text) return { variant: variantOf(t, ctx, memo), norm: norm(t.text, memo) };
	let k = memo.exact.get(t.term);
	if (k === undefined) memo.exact.set(t.term, (k = { variant: variantOf(t, ctx, memo), norm: norm(t.text, memo) }));
	return k;
}

/** A source hit's term belongs to one concept: the key depends on the term only. */
function sourceKeyOf(hit: TermHit, memo?: Memo): string {
	if (!memo) return `${hit.conceptKey}\u0000${norm(hit.term.text)}`;
	let k = memo.sourceKeys.get(hit.term);
	if (k === undefined) memo.sourceKeys.set(hit.term, (k = `${hit.conceptKey}\u0000${norm(hit.term.text, memo)}`));
	return k;
}

const words = (s: string) => ` ${foldAccents(s.toLocaleLowerCase()).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
function wordsOf(s: string, memo?: Memo): string {
	if (!memo) return words(s);
	let w = memo.words.get(s);
	if (w === undefined) memo.words.set(s, (w = words(s)));
	return w;
}

/** `hit` holds, nested in it, a term of `concept` in the hit's language. */
function nests(hit: TermHit, concept: Concept | undefined, memo?: Memo): boolean {
	if (!concept) return false;
	const whole = wordsOf(hit.text, memo);
	const lang = primaryLang(hit.term.lang);
	return concept.terms.some((x) => primaryLang(x.lang) === lang && whole.includes(wordsOf(x.text, memo)));
}

/**
 * The two left-over hits only overlap in part: the target renders a term nested in the source
 * hit (`Alliance` in `transformation de l'Alliance`), or the source term's rendering is nested
 * in the target hit (`Alliance` in `transformation of the Alliance`). Not a rendering of one
 * by the other.
 */
function overlapsOnly(source: TermHit, target: TermHit, ctx?: CheckContext, memo?: Memo): boolean {
	return nests(source, ctx?.concepts.get(target.conceptKey), memo) || nests(target, ctx?.concepts.get(source.conceptKey), memo);
}

const normalize = (s: string) => s.toLocaleLowerCase().replace(/[’']/g, "'").replace(/[\s\u00A0\u202F-]+/g, ' ');
function norm(s: string, memo?: Memo): string {
	if (!memo) return normalize(s);
	let n = memo.norms.get(s);
	if (n === undefined) memo.norms.set(s, (n = normalize(s)));
	return n;
}

/**
 * Which target term rendered which source term, segment by segment, added to `uses`: a
 * target hit of the same concept as a source hit; else, when exactly one source term and one
 * target term are left unpaired in a segment, those two (a translator's own choice for a
 * glossary term). No array, set or closure per pair: this runs for every pair of every
 * document, and those short-lived objects were a quarter of the checks' allocations.
 */
export function termUses(pair: AnalyzedPair, ctx: CheckContext | undefined, memo: Memo | undefined, uses: Use[]): void {
	const targets = pair.targetHits;
	const sources = pair.sourceHits;
	const first = uses.length;
	// the targets taken so far (each source hit takes the first free one of its concept): bits
	// of one integer for the usual few targets, an array past 31
	let takenBits = 0;
	const takenList: boolean[] | null = targets.length > 31 ? new Array(targets.length).fill(false) : null;
	let unpaired = 0;
	let leftSource: TermHit | null = null;
	for (let k = 0; k < sources.length; k++) {
		const s = sources[k];
		let i = 0;
		while (i < targets.length && (taken(takenBits, takenList, i) || targets[i].conceptKey !== s.conceptKey)) i++;
		if (i < targets.length) {
			if (takenList) takenList[i] = true;
			else takenBits |= 1 << i;
			uses.push(use(pair, s, targets[i], ctx, memo));
		} else unpaired++;
	}
	if (unpaired === 0) return;
	// a second hit of a concept already rendered in the segment (`armes de destruction massive (ADM)` → `WMD`) is not left over
	// the one source hit left over, if exactly one is (the unpaired ones, less those rendered)
	let left = 0;
	for (let k = 0; k < sources.length && left < 2; k++) {
		const s = sources[k];
		let paired = false;
		for (let u = first; u < uses.length && !paired; u++) paired = uses[u].sourceHit === s;
		if (paired || rendered(uses, first, s.conceptKey)) continue;
		left++;
		leftSource = s;
	}
	if (left !== 1) return;
	let leftTarget: TermHit | null = null;
	let lefts = 0;
	for (let i = 0; i < targets.length && lefts < 2; i++) {
		if (taken(takenBits, takenList, i) || rendered(uses, first, targets[i].conceptKey)) continue;
		lefts++;
		leftTarget = targets[i];
	}
	if (lefts === 1 && !overlapsOnly(leftSource!, leftTarget!, ctx, memo)) uses.push(use(pair, leftSource!, leftTarget!, ctx, memo));
}

const taken = (bits: number, list: boolean[] | null, i: number) => (list ? list[i] : (bits & (1 << i)) !== 0);

/** One of the uses from `first` on (this pair's) renders concept `key`. */
function rendered(uses: Use[], first: number, key: string): boolean {
	for (let u = first; u < uses.length; u++) if (uses[u].conceptKey === key) return true;
	return false;
}

function use(pair: AnalyzedPair, s: TermHit, t: TermHit, ctx: CheckContext | undefined, memo: Memo | undefined): Use {
	const keys = targetKeys(t, ctx, memo);
	return {
		sourceTerm: s.term.text,
		sourceKey: sourceKeyOf(s, memo),
		targetTerm: t.text,
		variant: keys.variant,
		targetKey: keys.norm,
		conceptKey: s.conceptKey,
		targetConcept: t.conceptKey,
		sourceHit: s,
		ord: pair.ord,
		document: pair.document,
		tmUnit: pair.tmUnit,
		sentence: pair.target ?? ''
	};
}

/**
 * The uses by key, then by variant, for the keys used in two variants or more (the only ones
 * that make a finding), in order of first use. Most keys of a document have one variant: a
 * first pass keeps one string per key, and only the few inconsistent keys get a map of lists
 * — building them for every key was most of this check's time.
 */
function group(uses: Use[], key: (u: Use) => string, variant: (u: Use) => string): Map<string, Map<string, Use[]>> {
	const firstVariant = new Map<string, string>();
	const several = new Set<string>();
	for (const u of uses) {
		const k = key(u);
		const v = variant(u);
		const f = firstVariant.get(k);
		if (f === undefined) firstVariant.set(k, v);
		else if (f !== v) several.add(k);
	}
	const out = new Map<string, Map<string, Use[]>>();
	if (several.size === 0) return out;
	for (const u of uses) {
		const k = key(u);
		if (!several.has(k)) continue;
		let byVariant = out.get(k);
		if (!byVariant) out.set(k, (byVariant = new Map<string, Use[]>()));
		const v = variant(u);
		const list = byVariant.get(v);
		if (list) list.push(u);
		else byVariant.set(v, [u]);
	}
	return out;
}

/** At most this many places are written out per variant in a message; the report's references hold them all. */
const MAX_REFS = 10;

/**
 * Where each variant was used, as written in the message: a segment of the document reported
 * on by its number, another document's segment as `document:segment`, a translation-memory
 * unit as `TM id`.
 */
function refs(us: Use[], own: number | undefined): string {
	const seen = new Set<string>();
	for (const u of us) seen.add(u.tmUnit != null ? `TM ${u.tmUnit}` : u.document !== own && u.document != null ? `${u.document}:${u.ord + 1}` : String(u.ord + 1));
	const all = [...seen];
	return all.length > MAX_REFS ? `${all.slice(0, MAX_REFS).join(', ')}, … (+${all.length - MAX_REFS})` : all.join(', ');
}

const isOwn = (u: Use, own: number | undefined) => u.tmUnit == null && u.document === own;

/** The finding's segments (in the document reported on) and the other side: other documents' segments, TM units. */
function places(all: Use[][], own: number | undefined): { segments: number[]; references?: Reference[] } {
	const flat = all.flat();
	const segments = [...new Set(flat.filter((u) => isOwn(u, own)).map((u) => u.ord))];
	const seen = new Set<string>();
	const references: Reference[] = [];
	for (const u of flat) {
		if (isOwn(u, own)) continue;
		const key = u.tmUnit != null ? `t${u.tmUnit}` : `d${u.document}:${u.ord}`;
		if (seen.has(key)) continue;
		seen.add(key);
		const where = u.tmUnit != null ? { tmUnit: u.tmUnit } : { document: u.document, segment: u.ord };
		references.push({ ...where, text: u.targetTerm, target: u.sentence.length > 300 ? `${u.sentence.slice(0, 300)}…` : u.sentence });
	}
	return references.length ? { segments, references } : { segments };
}

/**
 * Inconsistency both ways, over a document (or a document with other documents or the TM,
 * given after its own pairs: the first pair's document is the one reported on): one source
 * term rendered by different target terms; one target term used for different source
 * concepts. A finding's `segments` are the reported document's; uses elsewhere are its
 * `references` (the other side), and a finding with no use in the document is not one.
 * Full form and acronym of one concept are not variants of each other (`NATO` and `North
 * Atlantic Treaty Organization` translate `OTAN` and its full form, not each other).
 */
export const termInconsistency: SetCheck = {
	id: 'term-inconsistency',
	run(pairs, ctx) {
		const memo = memoFor(ctx);
		const uses: Use[] = [];
		for (const p of pairs) if (p.target && (p.sourceHits.length || p.targetHits.length)) termUses(p, ctx, memo, uses);
		const own = pairs[0]?.document;
		const issues: CheckIssue[] = [];
		for (const [sourceKey, variants] of group(uses, (u) => u.sourceKey, (u) => u.variant)) {
			if (variants.size < 2) continue;
			const all = [...variants.values()];
			const first = all[0][0];
			issues.push({
				check: 'term-inconsistency',
				severity: 'warning',
				message: 'checks.inconsistentTarget',
				params: {
					source: first.sourceTerm,
					variants: all.map((us) => `${us[0].targetTerm} (${refs(us, own)})`).join('; ')
				},
				...places(all, own),
				document: own,
				fingerprint: `inconsistent-target:${sourceKey}:${[...variants.keys()].sort().join('|')}`
			});
		}
		for (const [targetKey, variants] of group(uses, (u) => u.targetKey, (u) => u.conceptKey)) {
			if (variants.size < 2) continue;
			const all = [...variants.values()];
			issues.push({
				check: 'term-inconsistency',
				severity: 'warning',
				message: 'checks.inconsistentSource',
				params: {
					target: all[0][0].targetTerm,
					variants: all.map((us) => `${us[0].sourceTerm} (${refs(us, own)})`).join('; ')
				},
				...places(all, own),
				document: own,
				fingerprint: `inconsistent-source:${targetKey}:${[...variants.keys()].sort().join('|')}`
			});
		}
		return issues.filter((i) => i.segments.length > 0);
	}
};
