import { describe, expect, it } from 'vitest';
import { prefixOffsets, rowAt, windowOf } from '../src/lib/editor/layout.js';
import { actionFor, SHORTCUTS } from '../src/lib/editor/shortcuts.js';
import { contrastRatio, STATUSES, STATUS_STYLE } from '../src/lib/editor/status.js';
import { resources } from '../src/lib/i18n/index.js';

const key = (k: Partial<Parameters<typeof actionFor>[0]>) => ({ key: '', code: '', ctrlKey: false, shiftKey: false, altKey: false, ...k });

describe('keyboard map', () => {
	it('follows the CAT-tool conventions', () => {
		expect(actionFor(key({ key: 'Enter', ctrlKey: true }), true)).toEqual({ id: 'confirmNext' });
		expect(actionFor(key({ key: 'Enter', ctrlKey: true, shiftKey: true }), true)).toEqual({ id: 'confirmNextUnconfirmed' });
		expect(actionFor(key({ key: 'Enter', ctrlKey: true, altKey: true }), true)).toEqual({ id: 'approveNext' });
		expect(actionFor(key({ key: 'ArrowDown', ctrlKey: true }), true)).toEqual({ id: 'next' });
		expect(actionFor(key({ key: 'ArrowUp', ctrlKey: true }), true)).toEqual({ id: 'prev' });
		expect(actionFor(key({ key: 'I', code: 'KeyI', ctrlKey: true, shiftKey: true }), true)).toEqual({ id: 'copySource' });
		expect(actionFor(key({ key: 'Insert', code: 'Insert', ctrlKey: true }), true)).toEqual({ id: 'copySource' });
		expect(actionFor(key({ key: 'k', code: 'KeyK', altKey: true }), true)).toEqual({ id: 'concordance' });
		expect(actionFor(key({ key: ' ', code: 'Space', ctrlKey: true, shiftKey: true }), true)).toEqual({ id: 'nbsp' });
		// plain Enter and plain letters are text
		expect(actionFor(key({ key: 'Enter' }), true)).toBeNull();
		expect(actionFor(key({ key: 'k', code: 'KeyK' }), true)).toBeNull();
	});

	it('reads digits from the physical key, so Ctrl+1 works on AZERTY (where the key gives “&”)', () => {
		expect(actionFor(key({ key: '&', code: 'Digit1', ctrlKey: true }), true)).toEqual({ id: 'replaceMatch', n: 1 });
		expect(actionFor(key({ key: '%', code: 'Digit5', ctrlKey: true, shiftKey: true }), true)).toEqual({ id: 'insertMatch', n: 5 });
		expect(actionFor(key({ key: '6', code: 'Digit6', ctrlKey: true }), true)).toBeNull();
		expect(actionFor(key({ key: '(', code: 'Digit9', altKey: true }), true)).toEqual({ id: 'insertTerm', n: 9 });
	});

	it('opens the sheet with ? only outside a text box (there it is a question mark), and with F1 anywhere', () => {
		expect(actionFor(key({ key: '?', code: 'Slash', shiftKey: true }), false)).toEqual({ id: 'help' });
		expect(actionFor(key({ key: '?', code: 'Slash', shiftKey: true }), true)).toBeNull();
		expect(actionFor(key({ key: 'F1', code: 'F1' }), true)).toEqual({ id: 'help' });
	});

	it('every shortcut has a description in both languages', () => {
		for (const lang of [resources.en, resources.fr] as const)
			for (const s of SHORTCUTS) expect((lang as { editor: { shortcuts: Record<string, string> } }).editor.shortcuts[s.id], s.id).toBeTruthy();
	});
});

describe('status colours', () => {
	it.each(STATUSES)('%s: text on its background has a contrast of at least 4.5:1, and on white too', (s) => {
		expect(contrastRatio(STATUS_STYLE[s].fg, STATUS_STYLE[s].bg)).toBeGreaterThanOrEqual(4.5);
		expect(contrastRatio(STATUS_STYLE[s].fg, '#ffffff')).toBeGreaterThanOrEqual(4.5);
		// the progress meter's fill is a graphic: 3:1 against the white page (WCAG 1.4.11)
		expect(contrastRatio(STATUS_STYLE[s].bar, '#ffffff')).toBeGreaterThanOrEqual(s === 'new' ? 1.5 : 3);
	});

	it('computes the WCAG ratio', () => {
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
		expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
		expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
	});

	it('each status has its own icon, so colour is not the only signal', () => {
		expect(new Set(STATUSES.map((s) => STATUS_STYLE[s].icon)).size).toBe(STATUSES.length);
	});
});

describe('virtual grid geometry', () => {
	const heights = new Map([
		[1, 100],
		[3, 10]
	]);
	const order = [0, 1, 2, 3, 4];
	const off = prefixOffsets(order, heights, 40);

	it('sums measured heights and estimates the others', () => {
		expect([...off]).toEqual([0, 40, 140, 180, 190, 230]);
	});

	it('finds the row at a position and the window to render', () => {
		expect(rowAt(off, 0)).toBe(0);
		expect(rowAt(off, 139)).toBe(1);
		expect(rowAt(off, 140)).toBe(2);
		expect(rowAt(off, 10_000)).toBe(4);
		expect(windowOf(off, 140, 45, 0)).toEqual({ start: 2, end: 4 });
		expect(windowOf(off, 140, 45, 8)).toEqual({ start: 0, end: 5 });
	});

	it('renders a bounded window of a 10,000-row document wherever it is scrolled', () => {
		const big = prefixOffsets(Array.from({ length: 10_000 }, (_, i) => i), new Map(), 46);
		for (const y of [0, 200_000, big[10_000] - 800]) {
			const w = windowOf(big, y, 800);
			expect(w.end - w.start).toBeLessThan(40);
			expect(big[w.start]).toBeLessThanOrEqual(y);
			expect(big[w.end]).toBeGreaterThanOrEqual(Math.min(y + 800, big[10_000]));
		}
	});
});
