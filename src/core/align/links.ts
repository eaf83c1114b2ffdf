import type { Postings } from './features.js';

/**
 * Occurrence links: each occurrence of a key on one side is linked to at most one
 * occurrence of the same key on the other side — the nearest one to where the source
 * sentence is expected to land (the band's centre line in the first pass, the first
 * pass's path in the second).
 *
 * Why: scoring a bead by summing pairwise matches counts a key once per sentence pair.
 * When "1956" or "Mai" occurs in three neighbouring sentences on each side, a 3–3 bead
 * would collect nine matches where three exist, and merging neighbours would always pay.
 * With links, the matches inside a bead are exactly the links whose two ends it holds:
 * merging two right 1–1 beads gains nothing, and the pairwise sums stay exact and cheap.
 */
export interface Links {
	/** CSR over source units: links of unit i are [start[i], start[i+1]) */
	start: Int32Array;
	j: Int32Array;
	w: Float64Array;
}

/** Target candidates considered per source occurrence. */
const NEAREST = 3;

export function linkOccurrences(
	nSrc: number,
	nTgt: number,
	srcPost: Postings,
	tgtPost: Postings,
	w: Float64Array,
	/** expected target position (fractional sentence index) of each source sentence */
	x: Float64Array,
	window: number
): Links {
	const li: number[] = [];
	const lj: number[] = [];
	const lw: number[] = [];
	const nKeys = w.length;
	const candP: number[] = [];
	const candQ: number[] = [];
	const candD: number[] = [];
	const order: number[] = [];
	// remaining capacity of each posting (a key written twice in a sentence can link twice)
	const capS = srcPost.count.slice();
	const capT = tgtPost.count.slice();
	for (let k = 0; k < nKeys; k++) {
		const wk = w[k];
		if (!(wk > 0)) continue;
		const a = srcPost.start[k];
		const b = srcPost.start[k + 1];
		const c = tgtPost.start[k];
		const d = tgtPost.start[k + 1];
		if (a === b || c === d) continue;
		// A link is only trustworthy if the window is narrower than the usual gap between
		// the key's occurrences: "und"/"et" in every other sentence may only link to the
		// expected sentence or its neighbour, a name seen five times in a book may link far.
		const spacing = nTgt / (d - c);
		const win = Math.min(window, Math.max(1, spacing / 2));
		// fast path: one occurrence each side (most rare keys)
		if (b - a === 1 && d - c === 1) {
			const i = srcPost.sent[a];
			const j = tgtPost.sent[c];
			if (Math.abs(x[i] - j) <= win) {
				li.push(i);
				lj.push(j);
				lw.push(wk * Math.min(srcPost.count[a], tgtPost.count[c]));
			}
			continue;
		}
		candP.length = candQ.length = candD.length = 0;
		let q0 = c;
		for (let p = a; p < b; p++) {
			const xi = x[srcPost.sent[p]];
			// first target occurrence at or after xi (x is non-decreasing in p)
			while (q0 < d && tgtPost.sent[q0] < xi) q0++;
			let left = q0 - 1;
			let right = q0;
			for (let taken = 0; taken < NEAREST; taken++) {
				const dl = left >= c ? xi - tgtPost.sent[left] : Infinity;
				const dr = right < d ? tgtPost.sent[right] - xi : Infinity;
				if (dl === Infinity && dr === Infinity) break;
				const useLeft = dl <= dr;
				const dist = useLeft ? dl : dr;
				if (dist > win) break;
				candP.push(p);
				candQ.push(useLeft ? left : right);
				candD.push(dist);
				if (useLeft) left--;
				else right++;
			}
		}
		if (!candP.length) continue;
		order.length = 0;
		for (let e = 0; e < candP.length; e++) order.push(e);
		order.sort((u, v) => candD[u] - candD[v]);
		// greedy by distance, each posting used up to its count
		for (const e of order) {
			const p = candP[e];
			const q = candQ[e];
			const amt = Math.min(capS[p], capT[q]);
			if (amt <= 0) continue;
			capS[p] -= amt;
			capT[q] -= amt;
			li.push(srcPost.sent[p]);
			lj.push(tgtPost.sent[q]);
			lw.push(wk * amt);
		}
	}
	return compactLinks(nSrc, li, lj, lw);
}

/** Sorts links by (i, j) and adds up duplicates, as CSR. */
export function compactLinks(nSrc: number, li: ArrayLike<number>, lj: ArrayLike<number>, lw: ArrayLike<number>): Links {
	const start = new Int32Array(nSrc + 1);
	for (let e = 0; e < li.length; e++) start[li[e] + 1]++;
	for (let i = 0; i < nSrc; i++) start[i + 1] += start[i];
	const fill = start.slice(0, nSrc);
	const J = new Int32Array(li.length);
	const W = new Float64Array(li.length);
	for (let e = 0; e < li.length; e++) {
		const p = fill[li[e]]++;
		J[p] = lj[e];
		W[p] = lw[e];
	}
	// sort each row by j and merge equal j
	const outStart = new Int32Array(nSrc + 1);
	let o = 0;
	const idx: number[] = [];
	for (let i = 0; i < nSrc; i++) {
		const s = start[i];
		const e = start[i + 1];
		idx.length = 0;
		for (let p = s; p < e; p++) idx.push(p);
		idx.sort((u, v) => J[u] - J[v]);
		const js: number[] = [];
		const ws: number[] = [];
		for (const p of idx) {
			if (js.length && js[js.length - 1] === J[p]) ws[ws.length - 1] += W[p];
			else {
				js.push(J[p]);
				ws.push(W[p]);
			}
		}
		for (let k = 0; k < js.length; k++) {
			J[o] = js[k];
			W[o] = ws[k];
			o++;
		}
		outStart[i + 1] = o;
	}
	return { start: outStart, j: J.slice(0, o), w: W.slice(0, o) };
}

/** Links between groups of units (paragraphs): unit i belongs to group gs[i], j to gt[j]. */
export function groupLinks(links: Links, gs: Int32Array, gt: Int32Array, nGroups: number): Links {
	const li: number[] = [];
	const lj: number[] = [];
	const lw: number[] = [];
	for (let i = 0; i + 1 < links.start.length; i++) {
		for (let p = links.start[i]; p < links.start[i + 1]; p++) {
			li.push(gs[i]);
			lj.push(gt[links.j[p]]);
			lw.push(links.w[p]);
		}
	}
	return compactLinks(nGroups, li, lj, lw);
}
