/**
 * The bead file format and the alignment score of Sennrich & Volk (2010), as used by the
 * Bleualign and vecalign evaluations.
 *
 * Format: one bead per line, `[i, j]:[k]`, 0-based indices, `[]` for an empty side.
 *
 * Score: precision runs over the predicted beads (insertions and deletions included). A
 * bead is a strict hit when it is exactly a gold bead; a lax hit when it is a strict hit or
 * one of its target sentences is aligned in the gold to one of its source sentences.
 * Recall is the same count with the roles swapped, after dropping 1–0 and 0–1 beads from
 * both sides. Counts are summed over documents; F1 = 2PR/(P+R).
 */

export interface SimpleBead {
	src: number[];
	tgt: number[];
}

const LINE = /^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*$/;

function indices(s: string): number[] {
	const t = s.trim();
	return t ? t.split(',').map((x) => Number(x.trim())) : [];
}

/** Parses a beads file; blank lines are skipped, a malformed line is an error (with its number). */
export function parseBeads(text: string): SimpleBead[] {
	const out: SimpleBead[] = [];
	text.split(/\r?\n/).forEach((line, k) => {
		if (!line.trim()) return;
		const m = LINE.exec(line);
		if (!m) throw new Error(`beads line ${k + 1}: expected [i, j]:[k], got ${JSON.stringify(line)}`);
		out.push({ src: indices(m[1]), tgt: indices(m[2]) });
	});
	return out;
}

export function formatBead(b: SimpleBead): string {
	return `[${b.src.join(', ')}]:[${b.tgt.join(', ')}]`;
}

export function formatBeads(beads: SimpleBead[]): string {
	return beads.map(formatBead).join('\n') + (beads.length ? '\n' : '');
}

/** Strict and lax true/false positive counts; summable over documents. */
export interface ScoreCounts {
	tpStrict: number;
	fpStrict: number;
	tpLax: number;
	fpLax: number;
}

export interface AlignScore {
	precision: { strict: number; lax: number };
	recall: { strict: number; lax: number };
	f1: { strict: number; lax: number };
	/** raw counts: `p` over predicted beads, `r` over gold beads (no insertions/deletions) */
	counts: { p: ScoreCounts; r: ScoreCounts };
}

const key = (b: SimpleBead) => `${b.src.join(',')}:${b.tgt.join(',')}`;

/**
 * Counts `test` beads against `gold`: strict when the bead is in gold, lax when some test
 * target sentence is aligned in gold to some test source sentence. Beads empty on both
 * sides are ignored; duplicates count once.
 */
export function countHits(gold: SimpleBead[], test: SimpleBead[]): ScoreCounts {
	const goldSet = new Set<string>();
	const srcToTgt = new Map<number, Set<number>>();
	for (const g of gold) {
		if (!g.src.length && !g.tgt.length) continue;
		goldSet.add(key(g));
		for (const s of g.src) {
			let set = srcToTgt.get(s);
			if (!set) srcToTgt.set(s, (set = new Set()));
			for (const t of g.tgt) set.add(t);
		}
	}
	const c: ScoreCounts = { tpStrict: 0, fpStrict: 0, tpLax: 0, fpLax: 0 };
	const seen = new Set<string>();
	for (const b of test) {
		if (!b.src.length && !b.tgt.length) continue;
		const k = key(b);
		if (seen.has(k)) continue;
		seen.add(k);
		if (goldSet.has(k)) {
			c.tpStrict++;
			c.tpLax++;
			continue;
		}
		c.fpStrict++;
		const lax = b.src.some((s) => {
			const set = srcToTgt.get(s);
			return !!set && b.tgt.some((t) => set.has(t));
		});
		if (lax) c.tpLax++;
		else c.fpLax++;
	}
	return c;
}

function add(a: ScoreCounts, b: ScoreCounts): ScoreCounts {
	return { tpStrict: a.tpStrict + b.tpStrict, fpStrict: a.fpStrict + b.fpStrict, tpLax: a.tpLax + b.tpLax, fpLax: a.fpLax + b.fpLax };
}

const ratio = (a: number, b: number) => (a + b > 0 ? a / (a + b) : 0);
const f1 = (p: number, r: number) => (p + r > 0 ? (2 * p * r) / (p + r) : 0);

/** Scores several documents at once (counts summed before dividing), as the reference scorer does. */
export function scoreDocuments(docs: { gold: SimpleBead[]; test: SimpleBead[] }[]): AlignScore {
	let p: ScoreCounts = { tpStrict: 0, fpStrict: 0, tpLax: 0, fpLax: 0 };
	let r: ScoreCounts = { ...p };
	for (const { gold, test } of docs) {
		p = add(p, countHits(gold, test));
		const both = (b: SimpleBead) => b.src.length > 0 && b.tgt.length > 0;
		// recall: gold beads judged against the test alignment, insertions/deletions dropped
		r = add(r, countHits(test.filter(both), gold.filter(both)));
	}
	const precision = { strict: ratio(p.tpStrict, p.fpStrict), lax: ratio(p.tpLax, p.fpLax) };
	const recall = { strict: ratio(r.tpStrict, r.fpStrict), lax: ratio(r.tpLax, r.fpLax) };
	return { precision, recall, f1: { strict: f1(precision.strict, recall.strict), lax: f1(precision.lax, recall.lax) }, counts: { p, r } };
}

export function scoreBeads(gold: SimpleBead[], test: SimpleBead[]): AlignScore {
	return scoreDocuments([{ gold, test }]);
}

/**
 * Per-bead correctness of a predicted alignment (exact gold bead or not), for measuring
 * how well confidences separate right from wrong beads.
 */
export function beadCorrectness(gold: SimpleBead[], test: SimpleBead[]): boolean[] {
	const goldSet = new Set(gold.map(key));
	return test.map((b) => goldSet.has(key(b)));
}

/** Area under the ROC curve of `scores` for telling `labels` true from false (ties count half). */
export function auc(scores: number[], labels: boolean[]): number {
	const idx = scores.map((_, k) => k).sort((a, b) => scores[a] - scores[b]);
	let pos = 0;
	let neg = 0;
	for (const l of labels) (l ? pos++ : neg++);
	if (!pos || !neg) return NaN;
	// rank-sum (Mann–Whitney) with average ranks for ties
	let rankSum = 0;
	let k = 0;
	while (k < idx.length) {
		let e = k;
		while (e + 1 < idx.length && scores[idx[e + 1]] === scores[idx[k]]) e++;
		const avg = (k + e) / 2 + 1;
		for (let x = k; x <= e; x++) if (labels[idx[x]]) rankSum += avg;
		k = e + 1;
	}
	return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}
