import type { Concept, Issue, Term, TermHit } from '../model.js';
import { primaryLang } from '../lang.js';
import { foldAccents } from '../terms/normalize.js';
import type { AnalyzedPair, CheckContext, SetCheck } from './types.js';

interface Use {
	sourceTerm: string;
	targetTerm: string;
	/** what counts as "the same rendering" (see `variantOf`): a concept's preferred full form and its approved acronyms and short forms are one */
	variant: string;
	conceptKey: string;
	targetConcept: string;
	ord: number;
	document?: number;
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
function variantOf(t: TermHit, ctx?: CheckContext, memo?: Map<string, string>): string {
	if (isNameForm(t.term)) return `form:${t.conceptKey}`;
	const n = norm(t.text, memo);
	const k = `${t.conceptKey}\u0000${t.term.lang}\u0000${n}`;
	const known = memo?.get(k);
	if (known !== undefined) return known;
	const concept = ctx?.concepts.get(t.conceptKey);
	const lang = primaryLang(t.term.lang);
	const v = concept?.terms.some((x) => primaryLang(x.lang) === lang && isNameForm(x) && norm(x.text, memo) === n) ? `form:${t.conceptKey}` : n;
	memo?.set(k, v);
	return v;
}

const words = (s: string) => ` ${foldAccents(s.toLocaleLowerCase()).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;

/** `hit` holds, nested in it, a term of `concept` in the hit's language. */
function nests(hit: TermHit, concept: Concept | undefined): boolean {
	if (!concept) return false;
	const whole = words(hit.text);
	const lang = primaryLang(hit.term.lang);
	return concept.terms.some((x) => primaryLang(x.lang) === lang && whole.includes(words(x.text)));
}

/**
 * The two left-over hits only overlap in part: the target renders a term nested in the source
 * hit (`Alliance` in `transformation de l'Alliance`), or the source term's rendering is nested
 * in the target hit (`Alliance` in `transformation of the Alliance`). Not a rendering of one
 * by the other.
 */
function overlapsOnly(source: TermHit, target: TermHit, ctx?: CheckContext): boolean {
	return nests(source, ctx?.concepts.get(target.conceptKey)) || nests(target, ctx?.concepts.get(source.conceptKey));
}

const normalize = (s: string) => s.toLocaleLowerCase().replace(/[’']/g, "'").replace(/[\s\u00A0\u202F-]+/g, ' ');
/** Terms and renderings repeat over a document: with a memo (one per run), each distinct text is normalised once. */
function norm(s: string, memo?: Map<string, string>): string {
	if (!memo) return normalize(s);
	const k = `\u0001${s}`;
	let n = memo.get(k);
	if (n === undefined) memo.set(k, (n = normalize(s)));
	return n;
}

/**
 * Which target term rendered which source term, segment by segment: a target hit of the
 * same concept as a source hit; else, when exactly one source term and one target term are
 * left unpaired in a segment, those two (a translator's own choice for a glossary term).
 */
export function termUses(pair: AnalyzedPair, ctx?: CheckContext, memo?: Map<string, string>): Use[] {
	const uses: Use[] = [];
	const freeTargets = [...pair.targetHits];
	const unpaired: TermHit[] = [];
	for (const s of pair.sourceHits) {
		const i = freeTargets.findIndex((t) => t.conceptKey === s.conceptKey);
		if (i >= 0) {
			const [t] = freeTargets.splice(i, 1);
			uses.push({ sourceTerm: s.term.text, targetTerm: t.text, variant: variantOf(t, ctx, memo), conceptKey: s.conceptKey, targetConcept: t.conceptKey, ord: pair.ord, document: pair.document });
		} else unpaired.push(s);
	}
	// a second hit of a concept already rendered in the segment (`armes de destruction massive (ADM)` → `WMD`) is not left over
	const rendered = new Set(uses.map((u) => u.conceptKey));
	const leftSource = unpaired.filter((s) => !rendered.has(s.conceptKey));
	const leftTarget = freeTargets.filter((t) => !rendered.has(t.conceptKey));
	if (leftSource.length === 1 && leftTarget.length === 1 && !overlapsOnly(leftSource[0], leftTarget[0], ctx))
		uses.push({
			sourceTerm: leftSource[0].term.text,
			targetTerm: leftTarget[0].text,
			variant: variantOf(leftTarget[0], ctx, memo),
			conceptKey: leftSource[0].conceptKey,
			targetConcept: leftTarget[0].conceptKey,
			ord: pair.ord,
			document: pair.document
		});
	return uses;
}

function group<K>(uses: Use[], key: (u: Use) => K, variant: (u: Use) => string) {
	const out = new Map<K, Map<string, Use[]>>();
	for (const u of uses) {
		const k = key(u);
		const byVariant = out.get(k) ?? new Map<string, Use[]>();
		const v = variant(u);
		const list = byVariant.get(v);
		if (list) list.push(u);
		else byVariant.set(v, [u]);
		out.set(k, byVariant);
	}
	return out;
}

const refs = (us: Use[]) => us.map((u) => (u.document != null ? `${u.document}:${u.ord + 1}` : String(u.ord + 1)));

/**
 * Inconsistency both ways, over a document (or a document and the TM): one source term
 * rendered by different target terms; one target term used for different source concepts.
 * Full form and acronym of one concept are not variants of each other (`NATO` and `North
 * Atlantic Treaty Organization` translate `OTAN` and its full form, not each other).
 */
export const termInconsistency: SetCheck = {
	id: 'term-inconsistency',
	run(pairs, ctx) {
		const memo = new Map<string, string>();
		const uses: Use[] = [];
		for (const p of pairs) if (p.target && (p.sourceHits.length || p.targetHits.length)) for (const u of termUses(p, ctx, memo)) uses.push(u);
		const issues: Issue[] = [];
		for (const [sourceKey, variants] of group(uses, (u) => `${u.conceptKey}\u0000${norm(u.sourceTerm, memo)}`, (u) => u.variant)) {
			if (variants.size < 2) continue;
			const all = [...variants.values()];
			const first = all[0][0];
			issues.push({
				check: 'term-inconsistency',
				severity: 'warning',
				message: 'checks.inconsistentTarget',
				params: {
					source: first.sourceTerm,
					variants: all.map((us) => `${us[0].targetTerm} (${refs(us).join(', ')})`).join('; ')
				},
				segments: [...new Set(all.flat().map((u) => u.ord))],
				document: first.document,
				fingerprint: `inconsistent-target:${sourceKey}:${[...variants.keys()].sort().join('|')}`
			});
		}
		for (const [targetKey, variants] of group(uses, (u) => norm(u.targetTerm, memo), (u) => u.conceptKey)) {
			if (variants.size < 2) continue;
			const all = [...variants.values()];
			issues.push({
				check: 'term-inconsistency',
				severity: 'warning',
				message: 'checks.inconsistentSource',
				params: {
					target: all[0][0].targetTerm,
					variants: all.map((us) => `${us[0].sourceTerm} (${refs(us).join(', ')})`).join('; ')
				},
				segments: [...new Set(all.flat().map((u) => u.ord))],
				document: all[0][0].document,
				fingerprint: `inconsistent-source:${targetKey}:${[...variants.keys()].sort().join('|')}`
			});
		}
		return issues;
	}
};
