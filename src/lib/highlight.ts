/** A segment's text cut into plain pieces and term pieces, for rendering highlights. */
export interface Piece {
	text: string;
	term?: { concept: string; status: string; equivalents: string[]; replacement?: string };
}

export interface HitLite {
	start: number;
	end: number;
	concept: string;
	status: string;
	equivalents: string[];
	replacement?: string;
}

export function pieces(text: string, hits: readonly HitLite[] | undefined): Piece[] {
	if (!hits?.length) return [{ text }];
	const out: Piece[] = [];
	let at = 0;
	for (const h of [...hits].sort((a, b) => a.start - b.start)) {
		if (h.start < at) continue;
		if (h.start > at) out.push({ text: text.slice(at, h.start) });
		out.push({ text: text.slice(h.start, h.end), term: { concept: h.concept, status: h.status, equivalents: h.equivalents, replacement: h.replacement } });
		at = h.end;
	}
	if (at < text.length) out.push({ text: text.slice(at) });
	return out;
}
