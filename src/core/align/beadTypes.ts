/**
 * Bead shapes the dynamic programming may use, with prior probabilities. Gale & Church's
 * priors (1–1 0.89, 1–0/0–1 0.0099, 2–1/1–2 0.089, 2–2 0.011) assume carefully aligned
 * parliamentary text; real documents split and merge more, so the second pass re-estimates
 * the priors from the first pass's beads (with the defaults as a Dirichlet prior).
 */

export interface BeadShape {
	a: number;
	b: number;
}

export interface BeadTypes {
	a: Int32Array;
	b: Int32Array;
	/** −ln prior */
	prior: Float64Array;
	/** largest sides over all shapes (deletion runs included): how far the DP looks back */
	maxA: number;
	maxB: number;
	/** largest sides of shapes with both sides: how many sentence pairs a bead can hold */
	pairMaxA: number;
	pairMaxB: number;
}

const DEFAULT_PRIOR: Record<string, number> = {
	'1-1': 0.8,
	'1-0': 0.012,
	'0-1': 0.012,
	'1-2': 0.07,
	'2-1': 0.07,
	'2-2': 0.012,
	'1-3': 0.012,
	'3-1': 0.012,
	'2-3': 0.003,
	'3-2': 0.003,
	'1-4': 0.003,
	'4-1': 0.003,
	'3-3': 0.0005,
	'2-4': 0.0002,
	'4-2': 0.0002
};

/**
 * Shapes up to `maxSide` sentences on a side. 1–3/3–1 (and beyond, up to 4) pay on real
 * documents: a long French sentence often becomes three English ones; priors keep them rare.
 */
export function beadShapes(maxSide: number): BeadShape[] {
	const out: BeadShape[] = [];
	for (const key of Object.keys(DEFAULT_PRIOR)) {
		const [a, b] = key.split('-').map(Number);
		if (a <= maxSide && b <= maxSide) out.push({ a, b });
	}
	return out;
}

export function defaultPriors(shapes: BeadShape[]): number[] {
	return shapes.map((s) => DEFAULT_PRIOR[`${s.a}-${s.b}`] ?? 0.001);
}

/**
 * Deletion runs: shapes (0, k) and (k, 0) for some k ≥ 2, costing one deletion plus `next`
 * per further sentence. Untranslated material comes in runs (a caption block, a paragraph
 * the translator left out, the untranslated second half of a partial translation): without
 * this, a run of k deletions costs k full deletion priors, and the DP would rather stuff
 * the run into big 1–4 beads than leave it unaligned. Lengths grow geometrically (2, 3, 4,
 * 8, 16, 32) so a run of hundreds pays the start cost only every 32 sentences. The runs
 * are split back into single 1–0/0–1 beads on output.
 */
export interface DeletionRuns {
	/** run lengths offered as shapes (besides 1) */
	lengths: number[];
	/** cost of each sentence after the first in a run, up to the fourth */
	next: number;
	/** … beyond the fourth: a long run (a missing page, an untranslated tail) is its own regime */
	nextLong: number;
}

/** −ln prior of a run of k deleted sentences, given the cost of one. */
export function runCost(first: number, k: number, runs: DeletionRuns): number {
	return first + Math.min(k - 1, 3) * runs.next + Math.max(0, k - 4) * runs.nextLong;
}

export function makeBeadTypes(shapes: BeadShape[], priors: number[], runs?: DeletionRuns): BeadTypes {
	const total = priors.reduce((x, y) => x + y, 0);
	const a = shapes.map((s) => s.a);
	const b = shapes.map((s) => s.b);
	const prior = priors.map((p) => -Math.log(p / total));
	const pairs = shapes.filter((s) => s.a && s.b);
	if (runs) {
		const del = shapes.findIndex((s) => s.a === 0 && s.b === 1);
		const ins = shapes.findIndex((s) => s.a === 1 && s.b === 0);
		for (const k of runs.lengths) {
			if (k < 2) continue;
			if (del >= 0) {
				a.push(0);
				b.push(k);
				prior.push(runCost(prior[del], k, runs));
			}
			if (ins >= 0) {
				a.push(k);
				b.push(0);
				prior.push(runCost(prior[ins], k, runs));
			}
		}
	}
	return {
		a: Int32Array.from(a),
		b: Int32Array.from(b),
		prior: Float64Array.from(prior),
		maxA: Math.max(...a),
		maxB: Math.max(...b),
		pairMaxA: Math.max(1, ...pairs.map((s) => s.a)),
		pairMaxB: Math.max(1, ...pairs.map((s) => s.b))
	};
}

/**
 * Priors re-estimated from observed shape counts, smoothed towards the defaults with
 * `strength` pseudo-beads: a long document speaks for itself, a short one barely moves.
 */
export function reestimatePriors(shapes: BeadShape[], observed: Map<string, number>, strength = 100): number[] {
	const def = defaultPriors(shapes);
	const dsum = def.reduce((x, y) => x + y, 0);
	let total = 0;
	for (const s of shapes) total += observed.get(`${s.a}-${s.b}`) ?? 0;
	return shapes.map((s, k) => ((observed.get(`${s.a}-${s.b}`) ?? 0) + (strength * def[k]) / dsum) / (total + strength));
}
