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
	maxA: number;
	maxB: number;
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
	'3-3': 0.001,
	'2-4': 0.001,
	'4-2': 0.001
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

export function makeBeadTypes(shapes: BeadShape[], priors: number[]): BeadTypes {
	const total = priors.reduce((x, y) => x + y, 0);
	return {
		a: Int32Array.from(shapes.map((s) => s.a)),
		b: Int32Array.from(shapes.map((s) => s.b)),
		prior: Float64Array.from(priors.map((p) => -Math.log(p / total))),
		maxA: Math.max(...shapes.map((s) => s.a)),
		maxB: Math.max(...shapes.map((s) => s.b))
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
