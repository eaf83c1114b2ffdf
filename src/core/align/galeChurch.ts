import { buildBand, centreLine, fullBand } from './band.js';
import { makeBeadTypes } from './beadTypes.js';
import { type CostFn, forward } from './dp.js';
import { lengthCost, type LengthModel } from './length.js';
import { contentLength } from './normalize.js';

/**
 * The length-only baseline of Gale & Church (1993): six bead shapes with the paper's
 * priors, cost −ln P(shape) − ln P(δ), characters counted (whitespace excluded, as in our
 * aligner), c = 1 and s² = 6.8 as published. Used by the bench to show what the lexical
 * evidence adds. Same banded DP as the aligner (band around the proportional diagonal,
 * doubled when the path touches it), so it also runs on long inputs.
 */

const SHAPES = [
	{ a: 1, b: 1, p: 0.89 },
	{ a: 1, b: 0, p: 0.0099 / 2 },
	{ a: 0, b: 1, p: 0.0099 / 2 },
	{ a: 2, b: 1, p: 0.089 / 2 },
	{ a: 1, b: 2, p: 0.089 / 2 },
	{ a: 2, b: 2, p: 0.011 }
];

export interface GaleChurchOptions {
	/** expected target/source ratio (published: 1) */
	ratio?: number;
	/** variance per character (published: 6.8) */
	variance?: number;
}

export function galeChurch(src: string[], tgt: string[], opts: GaleChurchOptions = {}): { src: number[]; tgt: number[] }[] {
	const n = src.length;
	const m = tgt.length;
	const model: LengthModel = { ratio: opts.ratio ?? 1, variance: opts.variance ?? 6.8 };
	const lenS = Float64Array.from(src.map(contentLength));
	const lenT = Float64Array.from(tgt.map(contentLength));
	const cumS = new Float64Array(n + 1);
	const cumT = new Float64Array(m + 1);
	for (let i = 0; i < n; i++) cumS[i + 1] = cumS[i] + lenS[i];
	for (let j = 0; j < m; j++) cumT[j + 1] = cumT[j] + lenT[j];
	const types = makeBeadTypes(
		SHAPES.map(({ a, b }) => ({ a, b })),
		SHAPES.map((s) => s.p)
	);
	const scorer: CostFn = {
		cellCosts(i, j, out) {
			for (let t = 0; t < types.a.length; t++) {
				const a = types.a[t];
				const b = types.b[t];
				if (a > i || b > j) out[t] = Infinity;
				else if (a === 0 || b === 0) out[t] = types.prior[t];
				else out[t] = types.prior[t] + lengthCost(cumS[i] - cumS[i - a], cumT[j] - cumT[j - b], model);
			}
		}
	};
	let scale = 1;
	const guide = centreLine(lenS, lenT, []);
	let band = (n + 1) * (m + 1) <= 250_000 ? fullBand(n, m) : buildBand(guide, m, 20, scale);
	for (;;) {
		const r = forward(band, types, scorer, 0);
		if (r.touched && band.cells < (n + 1) * (m + 1) && band.cells < 50_000_000) {
			scale *= 2;
			band = buildBand(guide, m, 20, scale);
			continue;
		}
		const out: { src: number[]; tgt: number[] }[] = [];
		let pi = 0;
		let pj = 0;
		for (const st of r.steps) {
			const s: number[] = [];
			const t: number[] = [];
			for (let i = pi; i < st.i; i++) s.push(i);
			for (let j = pj; j < st.j; j++) t.push(j);
			out.push({ src: s, tgt: t });
			pi = st.i;
			pj = st.j;
		}
		return out;
	}
}
