/**
 * The editor's keyboard map, in one table: the handler, the shortcut sheet and the README
 * read it. Conventions from OmegaT, Trados and Matecat (Ctrl+Enter confirms, Ctrl+↓ moves…).
 * Digits are matched on the physical key (`code`), so Ctrl+1 works on AZERTY keyboards too.
 */
export type ActionId =
	| 'confirmNext'
	| 'confirmNextUnconfirmed'
	| 'approveNext'
	| 'reject'
	| 'next'
	| 'prev'
	| 'copySource'
	| 'insertMatch'
	| 'replaceMatch'
	| 'insertTerm'
	| 'concordance'
	| 'nbsp'
	| 'find'
	| 'joinNext'
	| 'split'
	| 'help'
	| 'leave';

export interface Shortcut {
	id: ActionId;
	/** key caps, one list per alternative; `N` stands for a digit */
	keys: string[][];
}

export const SHORTCUTS: readonly Shortcut[] = [
	{ id: 'confirmNext', keys: [['Ctrl', 'Enter']] },
	{ id: 'confirmNextUnconfirmed', keys: [['Ctrl', 'Shift', 'Enter']] },
	{ id: 'approveNext', keys: [['Ctrl', 'Alt', 'Enter']] },
	{ id: 'reject', keys: [['Ctrl', 'Alt', 'R']] },
	{ id: 'next', keys: [['Ctrl', '↓']] },
	{ id: 'prev', keys: [['Ctrl', '↑']] },
	{ id: 'copySource', keys: [['Ctrl', 'Shift', 'I'], ['Ctrl', 'Insert']] },
	{ id: 'replaceMatch', keys: [['Ctrl', '1…5']] },
	{ id: 'insertMatch', keys: [['Ctrl', 'Shift', '1…5']] },
	{ id: 'insertTerm', keys: [['Alt', '1…9']] },
	{ id: 'concordance', keys: [['Alt', 'K']] },
	{ id: 'nbsp', keys: [['Ctrl', 'Shift', 'Space']] },
	{ id: 'find', keys: [['Ctrl', 'Shift', 'F']] },
	// memoQ's Ctrl+J / Ctrl+T belong to the browser here (downloads, new tab): with Alt they are free
	{ id: 'joinNext', keys: [['Ctrl', 'Alt', 'J']] },
	{ id: 'split', keys: [['Ctrl', 'Alt', 'T']] },
	{ id: 'help', keys: [['?'], ['F1']] },
	{ id: 'leave', keys: [['Esc']] }
];

export interface KeyLike {
	key: string;
	code: string;
	ctrlKey: boolean;
	metaKey?: boolean;
	shiftKey: boolean;
	altKey: boolean;
}

const digit = (code: string) => (/^(Digit|Numpad)([0-9])$/.exec(code)?.[2] ?? null);

/**
 * The action a key press asks for (with the digit for matches and terms), or null.
 * `inText`: the focus is in a text field, where a bare `?` is just a question mark.
 */
export function actionFor(e: KeyLike, inText: boolean): { id: ActionId; n?: number } | null {
	const ctrl = e.ctrlKey || e.metaKey === true;
	const k = e.key.length === 1 ? e.key.toLowerCase() : e.key;
	const d = digit(e.code);
	if (ctrl && !e.altKey && e.key === 'Enter') return { id: e.shiftKey ? 'confirmNextUnconfirmed' : 'confirmNext' };
	if (ctrl && e.altKey && e.key === 'Enter') return { id: 'approveNext' };
	if (ctrl && e.altKey && (k === 'r' || e.code === 'KeyR')) return { id: 'reject' };
	if (ctrl && e.altKey && !e.shiftKey && (k === 'j' || e.code === 'KeyJ')) return { id: 'joinNext' };
	if (ctrl && e.altKey && !e.shiftKey && (k === 't' || e.code === 'KeyT')) return { id: 'split' };
	if (ctrl && !e.altKey && e.key === 'ArrowDown') return { id: 'next' };
	if (ctrl && !e.altKey && e.key === 'ArrowUp') return { id: 'prev' };
	if (ctrl && e.shiftKey && (k === 'i' || e.code === 'KeyI')) return { id: 'copySource' };
	if (ctrl && e.key === 'Insert') return { id: 'copySource' };
	if (ctrl && !e.altKey && d != null && d >= '1' && d <= '5') return { id: e.shiftKey ? 'insertMatch' : 'replaceMatch', n: Number(d) };
	if (e.altKey && !ctrl && d != null && d >= '1' && d <= '9') return { id: 'insertTerm', n: Number(d) };
	if (e.altKey && !ctrl && (k === 'k' || e.code === 'KeyK')) return { id: 'concordance' };
	if (ctrl && e.shiftKey && (e.key === ' ' || e.code === 'Space')) return { id: 'nbsp' };
	if (ctrl && e.shiftKey && (k === 'f' || e.code === 'KeyF')) return { id: 'find' };
	if (e.key === 'F1' || (!inText && !ctrl && !e.altKey && e.key === '?')) return { id: 'help' };
	if (e.key === 'Escape') return { id: 'leave' };
	return null;
}
