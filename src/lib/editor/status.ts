import type { SegmentStatus } from '../../core/model.js';

export const STATUSES: readonly SegmentStatus[] = ['new', 'draft', 'translated', 'reviewed', 'rejected'];

/**
 * Status colours and icons: colour is never the only signal (each has an icon and a label),
 * and every pair has a contrast of at least 4.5:1 (WCAG AA), which a test computes.
 */
/** `bar`: the progress meter's fill, a graphic (3:1 against white is enough there). */
export const STATUS_STYLE: Record<SegmentStatus, { fg: string; bg: string; bar: string; icon: string }> = {
	new: { fg: '#4a5563', bg: '#f1f3f5', bar: '#c3cad3', icon: '○' },
	draft: { fg: '#7a4a00', bg: '#fff4dc', bar: '#a86f00', icon: '✎' },
	translated: { fg: '#1f5f3f', bg: '#e6f5ec', bar: '#2e8b57', icon: '✓' },
	reviewed: { fg: '#1d3f8a', bg: '#e6eefc', bar: '#2f5fc4', icon: '✔' },
	rejected: { fg: '#9b1c2c', bg: '#fde8eb', bar: '#c8283c', icon: '✗' }
};

/** Confirmed statuses: what Ctrl+Shift+Enter skips, and what feeds the TM. */
export const isConfirmed = (s: SegmentStatus) => s === 'translated' || s === 'reviewed';

function luminance(hex: string): number {
	const n = parseInt(hex.slice(1), 16);
	const ch = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
		const c = v / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours (1…21). */
export function contrastRatio(a: string, b: string): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}
