/**
 * Row geometry for the virtualised grid: rows have different heights (long sentences wrap),
 * so each measured height is kept and the others are estimated; offsets are prefix sums.
 */
export function prefixOffsets(order: readonly number[], heights: ReadonlyMap<number, number>, estimate: number): Float64Array {
	const out = new Float64Array(order.length + 1);
	for (let i = 0; i < order.length; i++) out[i + 1] = out[i] + (heights.get(order[i]) ?? estimate);
	return out;
}

/** The row at vertical position `y` (binary search over the offsets). */
export function rowAt(offsets: Float64Array, y: number): number {
	let lo = 0;
	let hi = offsets.length - 2;
	if (hi < 0) return 0;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (offsets[mid] <= y) lo = mid;
		else hi = mid - 1;
	}
	return lo;
}

/** The rows to render for a viewport, with some above and below so fast scrolling shows no gap. */
export function windowOf(offsets: Float64Array, scrollTop: number, height: number, overscan = 8): { start: number; end: number } {
	const n = offsets.length - 1;
	if (n <= 0) return { start: 0, end: 0 };
	const start = Math.max(0, rowAt(offsets, scrollTop) - overscan);
	const end = Math.min(n, rowAt(offsets, scrollTop + height) + 1 + overscan);
	return { start, end };
}
