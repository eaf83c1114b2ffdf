/**
 * The search band: for each source prefix length i (a DP row, 0…n), the range of target
 * prefix lengths [lo[i], hi[i]] the alignment path may visit. Cells outside are never
 * allocated, so time and memory grow with n × band width, not n × m.
 *
 * The band follows a centre line through anchors (rare tokens found once in each text,
 * e.g. a number or a name, chained by a maximum-weight increasing subsequence) and,
 * between anchors, through proportional character positions — a partial translation
 * then bends the band instead of breaking it. The width grows where the two sides'
 * sentence counts disagree between anchors (an insertion or a run of splits), and the
 * caller doubles it when the best path touches an edge.
 */

export interface Anchor {
	/** source sentence */
	i: number;
	/** target sentence */
	j: number;
	weight: number;
}

export interface Band {
	n: number;
	m: number;
	lo: Int32Array;
	hi: Int32Array;
	/** off[i] = cells in rows < i; off[n+1] = total */
	off: Int32Array;
	cells: number;
	maxWidth: number;
}

/**
 * Maximum-weight chain of anchors increasing strictly on both sides, O(k log k) with a
 * Fenwick tree of prefix maxima over target positions.
 */
export function chainAnchors(cands: Anchor[], m: number): Anchor[] {
	if (!cands.length) return [];
	const pts = [...cands].sort((x, y) => x.i - y.i || x.j - y.j);
	const size = m + 1;
	const treeVal = new Float64Array(size + 1);
	const treeIdx = new Int32Array(size + 1).fill(-1);
	const best = new Float64Array(pts.length);
	const prev = new Int32Array(pts.length).fill(-1);
	const query = (pos: number): [number, number] => {
		// max over target positions < pos (1-based tree over j+1)
		let v = 0;
		let idx = -1;
		for (let p = pos; p > 0; p -= p & -p) {
			if (treeVal[p] > v) {
				v = treeVal[p];
				idx = treeIdx[p];
			}
		}
		return [v, idx];
	};
	const update = (pos: number, v: number, idx: number) => {
		for (let p = pos; p <= size; p += p & -p) {
			if (v > treeVal[p]) {
				treeVal[p] = v;
				treeIdx[p] = idx;
			}
		}
	};
	let g = 0;
	while (g < pts.length) {
		// points sharing a source sentence are queried before any of them is inserted: strictly increasing i
		let h = g;
		while (h < pts.length && pts[h].i === pts[g].i) h++;
		for (let k = g; k < h; k++) {
			const [v, idx] = query(pts[k].j); // positions 1..j ↔ target < j
			best[k] = v + pts[k].weight;
			prev[k] = idx;
		}
		for (let k = g; k < h; k++) update(pts[k].j + 1, best[k], k);
		g = h;
	}
	let end = 0;
	for (let k = 1; k < pts.length; k++) if (best[k] > best[end]) end = k;
	const chain: Anchor[] = [];
	for (let k = end; k >= 0; k = prev[k]) chain.push(pts[k]);
	return chain.reverse();
}

/**
 * Removes anchors that disagree with both neighbours: a chain can keep a lone chance
 * match far off the path when few real anchors surround it. An anchor stays if the slope
 * to its previous or next anchor is plausible (within a factor 6 of the global slope, or
 * a short hop).
 */
export function pruneAnchors(chain: Anchor[], n: number, m: number): Anchor[] {
	if (chain.length < 3) return chain;
	const slope = (m + 1) / (n + 1);
	const ok = (a: Anchor, b: Anchor) => {
		const di = b.i - a.i;
		const dj = b.j - a.j;
		if (di + dj <= 12) return true;
		const s = (dj + 1) / (di + 1);
		return s < slope * 6 && s > slope / 6;
	};
	return chain.filter((a, k) => (k > 0 && ok(chain[k - 1], a)) || (k < chain.length - 1 && ok(a, chain[k + 1])));
}

/**
 * The centre line: for each source row i (0…n), the expected target row, as a real
 * number. Through the anchors; between them, proportional to characters, so a long
 * sentence moves the line further than a short one.
 */
export interface Guide {
	/** expected target row for each source row (0…n) */
	centre: Float64Array;
	/** where the expected path spans several target rows in one source row (a run of insertions), its last one */
	centreEnd?: Float64Array;
	/** how much the path may stray from it, in sentences (added to the width) */
	excess: Float64Array;
	/** distance to the nearest anchor (a tenth of it is added to the width) */
	dist: Float64Array;
}

export function centreLine(lenS: Float64Array, lenT: Float64Array, anchors: Anchor[]): Guide {
	const n = lenS.length;
	const m = lenT.length;
	const cumS = new Float64Array(n + 1);
	const cumT = new Float64Array(m + 1);
	// +1 per sentence: an empty or one-character line still occupies a position
	for (let i = 0; i < n; i++) cumS[i + 1] = cumS[i] + lenS[i] + 1;
	for (let j = 0; j < m; j++) cumT[j + 1] = cumT[j] + lenT[j] + 1;
	const inner: { i: number; j: number }[] = [];
	for (const a of anchors) {
		const prev = inner[inner.length - 1] ?? { i: 0, j: 0 };
		if (a.i > prev.i && a.j > prev.j && a.i < n && a.j < m) inner.push({ i: a.i, j: a.j });
	}
	const pts: { i: number; j: number }[] = [{ i: 0, j: 0 }];
	const first = inner[0];
	const lastA = inner[inner.length - 1];
	// Before the first anchor and after the last one, the line does not head straight for
	// the corner: it carries on with the anchors' slope and then follows the border. An
	// untranslated head or tail (a partial translation) is a run along the border, not a
	// reason to spread the remaining sentences over the rest of the other text.
	const slope = inner.length >= 2 && lastA.i - first.i >= 5 ? Math.min(5, Math.max(0.2, (lastA.j - first.j) / (lastA.i - first.i))) : 0;
	if (slope) {
		const i0 = first.i - first.j / slope;
		if (i0 > 0) pts.push({ i: Math.round(i0), j: 0 });
		else pts.push({ i: 0, j: Math.round(first.j - slope * first.i) });
	}
	for (const a of inner) if (a.i > pts[pts.length - 1].i && a.j > pts[pts.length - 1].j) pts.push(a);
	if (slope) {
		const iEnd = lastA.i + (m - lastA.j) / slope;
		if (iEnd < n) pts.push({ i: Math.max(lastA.i + 1, Math.round(iEnd)), j: m });
		else {
			// reaches the last row below the corner: row n's band then spans up to m (buildBand)
			pts.push({ i: n, j: Math.min(m, Math.round(lastA.j + slope * (n - lastA.i))) });
		}
	}
	if (pts[pts.length - 1].i < n) pts.push({ i: n, j: m });
	const centre = new Float64Array(n + 1);
	const excess = new Float64Array(n + 1);
	const dist = new Float64Array(n + 1);
	let jp = 0;
	for (let s = 0; s + 1 < pts.length; s++) {
		const A = pts[s];
		const B = pts[s + 1];
		const di = B.i - A.i;
		const dj = B.j - A.j;
		const spanS = cumS[B.i] - cumS[A.i];
		const spanT = cumT[B.j] - cumT[A.j];
		const last = s + 2 === pts.length;
		for (let i = A.i; i < B.i || (last && i === B.i); i++) {
			const f = spanS > 0 ? (cumS[i] - cumS[A.i]) / spanS : di > 0 ? (i - A.i) / di : 1;
			const target = cumT[A.j] + f * spanT;
			if (jp < A.j) jp = A.j;
			while (jp < B.j && cumT[jp + 1] <= target) jp++;
			// fractional part inside target sentence jp
			const within = jp < m && lenT[jp] + 1 > 0 ? Math.min(1, Math.max(0, (target - cumT[jp]) / (lenT[jp] + 1))) : 0;
			centre[i] = jp + within;
			// disagreement in sentence counts between anchors: how far the path may stray
			excess[i] = Math.abs(dj - di);
			dist[i] = Math.min(i - A.i, B.i - i);
		}
	}
	return { centre, excess, dist };
}

/**
 * A guide along a previous alignment: the second pass refines the first, so its band
 * follows the first pass's path. `first[i]`/`last[i]`: the first and last target row the
 * path visits in source row i (they differ where it inserts target sentences).
 */
export function pathGuide(first: Float64Array, last: Float64Array): Guide {
	const n = first.length;
	return { centre: first, centreEnd: last, excess: new Float64Array(n), dist: new Float64Array(n) };
}

/**
 * Builds the band around a guide (the centre line through anchors, or a previous path).
 * `scale` multiplies the width of each row (or of all rows): the caller doubles it around
 * rows where the best path touched an edge.
 */
export function buildBand(guide: Guide, m: number, base: number, scale: number | Float64Array, maxCells = Infinity): Band {
	const n = guide.centre.length - 1;
	const { centre, excess, dist } = guide;
	const end = guide.centreEnd ?? centre;
	const lo = new Int32Array(n + 1);
	const hi = new Int32Array(n + 1);
	const width = new Float64Array(n + 1);
	let total = 0;
	for (let i = 0; i <= n; i++) {
		width[i] = (typeof scale === 'number' ? scale : scale[i]) * (base + 0.5 * excess[i] + 0.1 * dist[i]);
		total += 2 * width[i] + 1 + (end[i] - centre[i]);
	}
	// without anchors on a long text the widths above can add up to n × m: shrink them to
	// the budget (never below the base width) and let the caller widen where the path touches
	const shrink = total > maxCells ? maxCells / total : 1;
	for (let i = 0; i <= n; i++) {
		const w = Math.ceil(Math.max(Math.min(base, width[i]), width[i] * shrink));
		lo[i] = Math.max(0, Math.round(centre[i]) - w);
		hi[i] = Math.min(m, Math.round(end[i]) + w);
	}
	lo[0] = 0;
	hi[n] = m;
	// monotone edges and overlapping consecutive rows keep the band connected
	for (let i = n - 1; i >= 0; i--) if (lo[i] > lo[i + 1]) lo[i] = lo[i + 1];
	for (let i = 1; i <= n; i++) if (hi[i] < hi[i - 1]) hi[i] = hi[i - 1];
	for (let i = 0; i < n; i++) if (hi[i] < lo[i + 1]) hi[i] = lo[i + 1];
	for (let i = 1; i <= n; i++) if (hi[i] < hi[i - 1]) hi[i] = hi[i - 1];
	const off = new Int32Array(n + 2);
	let maxWidth = 0;
	for (let i = 0; i <= n; i++) {
		const w = hi[i] - lo[i] + 1;
		off[i + 1] = off[i] + w;
		if (w > maxWidth) maxWidth = w;
	}
	return { n, m, lo, hi, off, cells: off[n + 1], maxWidth };
}

/** A band covering everything (small inputs: exact DP is cheap). */
export function fullBand(n: number, m: number): Band {
	const lo = new Int32Array(n + 1);
	const hi = new Int32Array(n + 1).fill(m);
	const off = new Int32Array(n + 2);
	for (let i = 0; i <= n; i++) off[i + 1] = off[i] + m + 1;
	return { n, m, lo, hi, off, cells: off[n + 1], maxWidth: m + 1 };
}
