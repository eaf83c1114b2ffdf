// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/**
 * A text typed or pasted by a person, without control characters (from a PDF or a terminal:
 * invisible on screen, and dropped by every XML export, so an exported file would no longer
 * say what is stored). Tabs and line breaks stay.
 */
export function dropControls(s: string): string {
	return s.replace(CONTROLS, '');
}
