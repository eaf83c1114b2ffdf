import { foldHyphens, punctuationOf, tagCount, type Tokenized, tokenizeForTm, tokenizeNorm, normText } from './normalize.js';

export type DiffOp = { op: 'equal' | 'insert' | 'delete' | 'replace'; query?: string; match?: string };

export interface Penalty {
	kind: 'case' | 'number' | 'punctuation' | 'tags';
	points: number;
	detail: string;
}

export interface MatchScore {
	/** final percentage: 100 exact, 101 exact in context, otherwise ≤ 99 */
	score: number;
	/** word similarity before penalties: 100 × (1 − edit distance / longer length) */
	base: number;
	penalties: Penalty[];
	/** word-level alignment of the query against the match (what to change) */
	ops: DiffOp[];
}

/**
 * Edit distance on word tokens, cut off at `limit`: returns `limit + 1` as soon as every
 * path is longer. Only a band of width 2·limit+1 around the diagonal can stay within the
 * limit, so the cost is O(n·limit), not O(n·m).
 */
/** Anything indexable with a length: token strings, or token ids in an Int32Array. */
type Seq = ArrayLike<string | number>;

export function boundedTokenDistance(a: Seq, b: Seq, limit: number): number {
	const n = a.length;
	const m = b.length;
	if (Math.abs(n - m) > limit) return limit + 1;
	if (n === 0 || m === 0) return Math.max(n, m);
	const INF = limit + 1;
	let prev = new Array<number>(m + 1);
	let cur = new Array<number>(m + 1);
	for (let j = 0; j <= m; j++) prev[j] = j <= limit ? j : INF;
	for (let i = 1; i <= n; i++) {
		const lo = Math.max(1, i - limit);
		const hi = Math.min(m, i + limit);
		cur[0] = i <= limit ? i : INF;
		if (lo > 1) cur[lo - 1] = INF;
		let rowMin = cur[0];
		for (let j = lo; j <= hi; j++) {
			const sub = prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
			const del = (j <= i - 1 + limit ? prev[j] : INF) + 1;
			const ins = cur[j - 1] + 1;
			const v = Math.min(sub, del, ins, INF);
			cur[j] = v;
			if (v < rowMin) rowMin = v;
		}
		if (hi < m) cur[hi + 1] = INF;
		if (rowMin > limit) return INF;
		[prev, cur] = [cur, prev];
	}
	return Math.min(prev[m], INF);
}

/** Full alignment with backtrace (only for the few matches shown to the translator). */
export function alignTokens(q: Tokenized, u: Tokenized): { distance: number; ops: DiffOp[]; pairs: [number, number][] } {
	const n = q.tokens.length;
	const m = u.tokens.length;
	// one flat table, row i at i·(m+1)
	const w = m + 1;
	const d = new Int32Array((n + 1) * w);
	for (let j = 0; j <= m; j++) d[j] = j;
	for (let i = 1; i <= n; i++) {
		d[i * w] = i;
		const qi = q.tokens[i - 1];
		for (let j = 1; j <= m; j++) {
			const sub = d[(i - 1) * w + j - 1] + (qi === u.tokens[j - 1] ? 0 : 1);
			const del = d[(i - 1) * w + j] + 1;
			const ins = d[i * w + j - 1] + 1;
			d[i * w + j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
		}
	}
	const at = (i: number, j: number) => d[i * w + j];
	const ops: DiffOp[] = [];
	const pairs: [number, number][] = [];
	let i = n;
	let j = m;
	while (i > 0 || j > 0) {
		if (i > 0 && j > 0 && at(i, j) === at(i - 1, j - 1) + (q.tokens[i - 1] === u.tokens[j - 1] ? 0 : 1)) {
			const equal = q.tokens[i - 1] === u.tokens[j - 1];
			ops.push({ op: equal ? 'equal' : 'replace', query: q.raw[i - 1], match: u.raw[j - 1] });
			if (equal) pairs.push([i - 1, j - 1]);
			i--;
			j--;
		} else if (i > 0 && at(i, j) === at(i - 1, j) + 1) {
			ops.push({ op: 'delete', query: q.raw[i - 1] });
			i--;
		} else {
			ops.push({ op: 'insert', match: u.raw[j - 1] });
			j--;
		}
	}
	return { distance: at(n, m), ops: ops.reverse(), pairs: pairs.reverse() };
}

/**
 * Scores a TM unit's source against the segment being translated, as CAT tools do
 * (see README, "Match rules"): word similarity, then small penalties for what the word
 * tokens hide — 1 point per word differing only in case (at most 3), 1 per differing number
 * (at most 5), 1 if the punctuation differs, 1 if the inline tags differ. 100 only for the
 * same text (spaces, apostrophe and hyphen styles aside); anything else is at most 99.
 */
export function scoreMatch(query: string, candidate: string, qTok = tokenizeForTm(query), uTok = tokenizeForTm(candidate)): MatchScore {
	if (foldHyphens(normText(query)) === foldHyphens(normText(candidate))) {
		return { score: 100, base: 100, penalties: [], ops: qTok.raw.map((w) => ({ op: 'equal', query: w, match: w })) };
	}
	const { distance, ops, pairs } = alignTokens(qTok, uTok);
	const longest = Math.max(qTok.tokens.length, uTok.tokens.length);
	const base = longest === 0 ? 0 : Math.floor((100 * (longest - distance)) / longest);
	const penalties: Penalty[] = [];
	let caseDiff = 0;
	const numbers: string[] = [];
	for (const [i, j] of pairs) {
		const a = qTok.raw[i];
		const b = uTok.raw[j];
		if (a === b) continue;
		if (qTok.tokens[i] === '#') numbers.push(`${b}→${a}`);
		else caseDiff++;
	}
	if (caseDiff) penalties.push({ kind: 'case', points: Math.min(3, caseDiff), detail: String(caseDiff) });
	if (numbers.length) penalties.push({ kind: 'number', points: Math.min(5, numbers.length), detail: numbers.join(', ') });
	const pq = punctuationOf(query);
	const pc = punctuationOf(candidate);
	if (pq !== pc) penalties.push({ kind: 'punctuation', points: 1, detail: `${pc}→${pq}` });
	const tq = tagCount(query);
	const tc = tagCount(candidate);
	if (tq !== tc) penalties.push({ kind: 'tags', points: 1, detail: `${tc}→${tq}` });
	const score = Math.max(0, Math.min(99, base - penalties.reduce((s, p) => s + p.points, 0)));
	return { score, base, penalties, ops };
}

/** The query's side of scoring, done once per lookup rather than once per candidate. */
export interface PreparedQuery {
	/** normText with hyphens folded (foldHyphens) */
	norm: string;
	tok: Tokenized;
	punctuation: string;
	tags: number;
}

export function prepareQuery(query: string, tok: Tokenized = tokenizeForTm(query)): PreparedQuery {
	return { norm: foldHyphens(normText(query)), tok, punctuation: punctuationOf(query), tags: tagCount(query) };
}

/** Scratch rows of `scoreOnly`'s table, grown as needed (scoring is synchronous). */
let table = new Int32Array(1024);
const PUNCTUATION = /[\p{L}\p{N}\s]+/gu;

/**
 * `scoreMatch`'s score and base without the alignment ops and penalty details: a lookup
 * ranks many candidates (thousands for a short query with many equally good matches) and
 * shows only a few, which it then scores in full. Same table, same backtrace, so the same
 * penalties (a test checks it against scoreMatch).
 */
export function scoreOnly(q: PreparedQuery, candidate: string): { score: number; base: number } {
	const norm = normText(candidate);
	if (foldHyphens(norm) === q.norm) return { score: 100, base: 100 };
	const u = tokenizeNorm(norm);
	const qt = q.tok.tokens;
	const ut = u.tokens;
	const n = qt.length;
	const m = ut.length;
	const w = m + 1;
	if (table.length < (n + 1) * w) table = new Int32Array(Math.max((n + 1) * w, table.length * 2));
	const d = table;
	for (let j = 0; j <= m; j++) d[j] = j;
	for (let i = 1; i <= n; i++) {
		d[i * w] = i;
		const qi = qt[i - 1];
		for (let j = 1; j <= m; j++) {
			const sub = d[(i - 1) * w + j - 1] + (qi === ut[j - 1] ? 0 : 1);
			const del = d[(i - 1) * w + j] + 1;
			const ins = d[i * w + j - 1] + 1;
			d[i * w + j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
		}
	}
	const distance = d[n * w + m];
	// alignTokens' backtrace, counting the case and number differences of the equal pairs
	let caseDiff = 0;
	let numbers = 0;
	let i = n;
	let j = m;
	while (i > 0 || j > 0) {
		if (i > 0 && j > 0 && d[i * w + j] === d[(i - 1) * w + j - 1] + (qt[i - 1] === ut[j - 1] ? 0 : 1)) {
			if (qt[i - 1] === ut[j - 1] && q.tok.raw[i - 1] !== u.raw[j - 1]) {
				if (qt[i - 1] === '#') numbers++;
				else caseDiff++;
			}
			i--;
			j--;
		} else if (i > 0 && d[i * w + j] === d[(i - 1) * w + j] + 1) i--;
		else j--;
	}
	const longest = n > m ? n : m;
	const base = longest === 0 ? 0 : Math.floor((100 * (longest - distance)) / longest);
	let points = Math.min(3, caseDiff) + Math.min(5, numbers);
	if (foldHyphens(norm.replace(PUNCTUATION, '')) !== q.punctuation) points++;
	if (tagCount(candidate) !== q.tags) points++;
	return { score: Math.max(0, Math.min(99, base - points)), base };
}
