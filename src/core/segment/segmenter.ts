import { AtelierError } from '../errors.js';
import type { SegmentSpan } from '../model.js';
import type { SrxDocument, SrxRule } from './srx-parse.js';
import { RegexTranslationError, translateJavaRegex } from './srx-regex.js';
import { reason, regexReason, srxRegexReason } from '../formats/reason.js';

interface CompiledRule {
	rule: SrxRule;
	/** true at a position p when the rule's before/after patterns both match at p */
	at: (text: string, p: number) => boolean;
	lookbehind: string;
	lookahead: string;
	flags: string;
	/** before and after disagree on case folding, so they cannot share one regex */
	mixed: boolean;
	/** finds every position where this rule could match (exactly, unless `mixed`: then a superset) */
	scanner: RegExp;
}

/** Consecutive rules with the same decision: whichever of them matches first, the outcome is the same. */
interface RuleBlock {
	break: boolean;
	rules: CompiledRule[];
	re: RegExp | null;
}

export interface Segmenter {
	lang: string;
	rules: readonly SrxRule[];
	blocks: readonly RuleBlock[];
	scanners: readonly RegExp[];
}

export interface BreakDecision {
	position: number;
	break: boolean;
	rule: SrxRule;
}

/**
 * Builds the rule cascade for one language, per SRX 2.0: every languagemap whose pattern
 * matches the language contributes its rules in order when `cascade` is on, only the first
 * one when it is off.
 */
export function compileSegmenter(docs: SrxDocument | SrxDocument[], lang: string): Segmenter {
	const list = Array.isArray(docs) ? docs : [docs];
	const rules: SrxRule[] = [];
	for (const doc of list) {
		for (const map of doc.maps) {
			let re: RegExp;
			try {
				re = new RegExp(`^(?:${map.pattern})$`, 'i');
			} catch (e) {
				throw new AtelierError(
					'srx_regex',
					{ pattern: map.pattern, rule: map.languageRule, reason: regexReason((e as Error).message) },
					{ file: doc.file, line: map.line }
				);
			}
			if (!re.test(lang)) continue;
			rules.push(...doc.languageRules.get(map.languageRule)!);
			if (!doc.cascade) break;
		}
	}
	if (rules.length === 0) throw new AtelierError('srx_no_rules', { lang });
	const compiled = rules.map(compileRule);
	const blocks: RuleBlock[] = [];
	for (const c of compiled) {
		const last = blocks[blocks.length - 1];
		if (last && last.break === c.rule.break) last.rules.push(c);
		else blocks.push({ break: c.rule.break, rules: [c], re: null });
	}
	for (const b of blocks) b.re = blockRegex(b.rules);
	const scanners = compiled.filter((c) => c.rule.break).map((c) => c.scanner);
	return { lang, rules, blocks, scanners };
}

function compileRule(rule: SrxRule): CompiledRule {
	const tr = (pattern: string, which: string) => {
		try {
			return translateJavaRegex(pattern);
		} catch (e) {
			if (e instanceof RegexTranslationError)
				throw new AtelierError(
					'srx_regex',
					{ rule: rule.id, pattern, reason: reason('inPart', { part: which, reason: srxRegexReason(e.message) }) },
					{ file: rule.file, line: rule.line, column: e.column }
				);
			throw e;
		}
	};
	const b = tr(rule.before, 'beforebreak');
	const a = tr(rule.after, 'afterbreak');
	const lookbehind = b.source === '' ? '' : `(?<=${b.source})`;
	const lookahead = a.source === '' ? '' : `(?=${a.source})`;
	let at: CompiledRule['at'];
	let flags = 'u';
	let scanner: RegExp;
	try {
		if (b.ignoreCase === a.ignoreCase) {
			flags = b.ignoreCase ? 'iu' : 'u';
			const re = new RegExp(lookbehind + lookahead, flags + 'y');
			scanner = new RegExp(lookbehind + lookahead, flags + 'g');
			at = (text, p) => {
				re.lastIndex = p;
				return re.test(text);
			};
		} else {
			// the two sides disagree on case: test them separately, each with its own flag
			const rb = new RegExp(lookbehind, (b.ignoreCase ? 'iu' : 'u') + 'y');
			const ra = new RegExp(lookahead, (a.ignoreCase ? 'iu' : 'u') + 'y');
			scanner = new RegExp(lookbehind || lookahead, (lookbehind ? b : a).ignoreCase ? 'iug' : 'ug');
			flags = 'mixed';
			at = (text, p) => {
				rb.lastIndex = p;
				ra.lastIndex = p;
				return rb.test(text) && ra.test(text);
			};
		}
	} catch (e) {
		throw new AtelierError(
			'srx_regex',
			{ rule: rule.id, pattern: `${rule.before} | ${rule.after}`, reason: regexReason((e as Error).message) },
			{ file: rule.file, line: rule.line }
		);
	}
	const mixed = flags === 'mixed';
	return { rule, at, lookbehind, lookahead, flags: mixed ? 'u' : flags, mixed, scanner: scanner! };
}

/** One sticky alternation per block: one regex call decides a whole block at a position. */
function blockRegex(rules: CompiledRule[]): RegExp | null {
	const flags = rules[0].flags;
	if (rules.some((r) => r.mixed || r.flags !== flags)) return null;
	const alternatives = rules.map((r) => `(?:${r.lookbehind}${r.lookahead})`);
	return new RegExp(alternatives.join('|'), flags + 'y');
}

function blockMatches(block: RuleBlock, text: string, p: number): boolean {
	if (block.re) {
		block.re.lastIndex = p;
		return block.re.test(text);
	}
	return block.rules.some((r) => r.at(text, p));
}

/** Positions 0 < p < text.length where at least one break rule matches, ascending. */
function candidates(seg: Segmenter, text: string): number[] {
	const found: number[] = [];
	for (const sc of seg.scanners) {
		sc.lastIndex = 0;
		let m: RegExpExecArray | null;
		while ((m = sc.exec(text)) !== null) {
			const p = m.index + m[0].length;
			if (p > 0 && p < text.length) found.push(p);
			if (m[0].length === 0) sc.lastIndex = m.index + 1;
		}
	}
	if (seg.scanners.length > 1) {
		found.sort((x, y) => x - y);
		let w = 0;
		for (let i = 0; i < found.length; i++) if (i === 0 || found[i] !== found[w - 1]) found[w++] = found[i];
		found.length = w;
	}
	return found;
}

/** Break positions of `text` (0 < p < length), ascending. */
export function breakPositions(seg: Segmenter, text: string): number[] {
	const out: number[] = [];
	for (const p of candidates(seg, text)) {
		for (const block of seg.blocks) {
			if (blockMatches(block, text, p)) {
				if (block.break) out.push(p);
				break;
			}
		}
	}
	return out;
}

/**
 * Every position where a break rule matched, with the rule that decided it: the breaks
 * and the exceptions that prevented one. This is the slow, explaining path used by the
 * rule tester; `breakPositions` gives the same breaks.
 */
export function explainBreaks(seg: Segmenter, text: string): BreakDecision[] {
	const out: BreakDecision[] = [];
	for (const p of candidates(seg, text)) {
		for (const block of seg.blocks) {
			const r = block.rules.find((c) => c.at(text, p));
			if (r) {
				out.push({ position: p, break: r.rule.break, rule: r.rule });
				break;
			}
		}
	}
	return out;
}

const WS = /\s/;

/** Same white space as String.prototype.trim (JS `\s`), so segments are trimmed consistently. */
function isSpace(c: number): boolean {
	if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return true;
	return c > 0x7f && WS.test(String.fromCharCode(c));
}

/**
 * Splits a paragraph into segments. The pieces between breaks partition the paragraph
 * exactly; each segment is the piece without its surrounding white space, and keeps its
 * offsets, so `text.slice(s.start, s.end) === s.text` and the paragraph is rebuilt by
 * joining the pieces. A piece that is only white space belongs to its neighbour.
 */
export function segmentText(seg: Segmenter, text: string, opts: { explain?: boolean } = {}): SegmentSpan[] {
	const decisions = opts.explain ? explainBreaks(seg, text).filter((d) => d.break) : null;
	const breaks = decisions ? decisions.map((d) => d.position) : breakPositions(seg, text);
	const spans: SegmentSpan[] = [];
	let from = 0;
	for (let i = 0; i <= breaks.length; i++) {
		const to = i < breaks.length ? breaks[i] : text.length;
		let s = from;
		let e = to;
		while (s < e && isSpace(text.charCodeAt(s))) s++;
		while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
		if (e > s) {
			const span: SegmentSpan = { start: s, end: e, text: text.slice(s, e) };
			if (i < breaks.length) span.rule = decisions ? decisions[i].rule.id : ruleAt(seg, text, to);
			spans.push(span);
		}
		from = to;
	}
	return spans;
}

function ruleAt(seg: Segmenter, text: string, p: number): string | undefined {
	for (const block of seg.blocks) {
		const r = block.rules.find((c) => c.at(text, p));
		if (r) return r.rule.id;
	}
	return undefined;
}
