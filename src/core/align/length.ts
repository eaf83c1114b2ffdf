/**
 * The Gale–Church length model (Gale & Church 1993): a translation's length in characters
 * is roughly proportional to its source's, with a variance that grows with the length.
 * δ = (l_t − c·l_s) / √(s²·l̄) is close to a standard normal for true beads; the cost is
 * −ln P(|Δ| ≥ |δ|). c and s² are estimated from the two texts themselves, so the model
 * works for any language pair; the defaults only seed the first pass.
 */

export interface LengthModel {
	/** expected target chars per source char */
	ratio: number;
	/** variance of (l_t − c·l_s) per source char */
	variance: number;
}

/** Gale & Church's published variance; a fair start for any pair of European languages. */
export const DEFAULT_VARIANCE = 6.8;

/**
 * Expected ratios measured on the team's own data (content characters, whitespace
 * excluded): English is about 16% shorter than the French it translates.
 */
const KNOWN_RATIOS: Record<string, number> = { 'fr>en': 0.84, 'en>fr': 1 / 0.84, 'de>fr': 1.05, 'fr>de': 1 / 1.05 };

export function defaultRatio(srcLang?: string, tgtLang?: string): number | undefined {
	const p = (l?: string) => (l ?? '').toLowerCase().split(/[-_]/)[0];
	return KNOWN_RATIOS[`${p(srcLang)}>${p(tgtLang)}`];
}

/**
 * ln erfc(x) for x ≥ 0, computed in the log domain so very unlikely lengths still give a
 * finite, ordered cost (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7).
 */
export function logErfc(x: number): number {
	const z = Math.abs(x);
	const t = 1 / (1 + 0.5 * z);
	const r =
		-z * z -
		1.26551223 +
		t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
	return Math.log(t) + r;
}

/**
 * −ln of the two-sided probability of a length difference at least this large. Symmetric
 * in the two sides: the variance scales with the mean of l_s and l_t/c, so a 2–1 and a 1–2
 * bead of mirrored lengths cost the same.
 */
export function lengthCost(ls: number, lt: number, m: LengthModel): number {
	const mean = (ls + lt / m.ratio) / 2;
	if (mean <= 0) return 0;
	let delta = (lt - ls * m.ratio) / Math.sqrt(m.variance * (mean > 1 ? mean : 1));
	if (delta < 0) delta = -delta;
	// the DP asks millions of times: a table (step 1/64, linear interpolation) up to |δ| = 16
	const x = delta * TABLE_STEPS;
	if (x < TABLE_SIZE - 1) {
		const k = x | 0;
		const f = x - k;
		return TABLE[k] + f * (TABLE[k + 1] - TABLE[k]);
	}
	return -logErfc(delta / Math.SQRT2);
}

export const TABLE_STEPS = 64;
export const TABLE_SIZE = 16 * TABLE_STEPS + 2;
/** −ln erfc(|δ|/√2) at δ = k / TABLE_STEPS (the DP inlines the lookup) */
export const TABLE = new Float64Array(TABLE_SIZE);
for (let k = 0; k < TABLE_SIZE; k++) TABLE[k] = -logErfc(k / TABLE_STEPS / Math.SQRT2);

/**
 * Ratio and variance from beads believed right (lengths of both sides). The ratio is the
 * ratio of sums (long sentences weigh more, as they should); the variance is a robust
 * estimate — the median of the squared standardised residuals divided by the median of
 * χ²₁ (0.455) — so a few wrong beads do not inflate it. Clamped to sane ranges.
 */
export function estimateLengthModel(pairs: { ls: number; lt: number }[], fallback: LengthModel): LengthModel {
	const good = pairs.filter((p) => p.ls > 0 && p.lt > 0);
	if (good.length < 8) return fallback;
	let s = 0;
	let t = 0;
	for (const p of good) {
		s += p.ls;
		t += p.lt;
	}
	const ratio = Math.min(8, Math.max(1 / 8, t / s));
	const r = good.map((p) => (p.lt - ratio * p.ls) ** 2 / ((p.ls + p.lt / ratio) / 2)).sort((a, b) => a - b);
	const med = r[Math.floor(r.length / 2)];
	// blend with the fallback when there is little data, so a 10-bead document does not swing it
	const k = Math.min(1, good.length / 50);
	const variance = Math.min(40, Math.max(1, (med / 0.455) * k + fallback.variance * (1 - k)));
	return { ratio, variance };
}
