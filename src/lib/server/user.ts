import type { Cookies } from '@sveltejs/kit';
import { z } from 'zod';
import { cleanUserName, userNameProblem } from '../../core/user.js';

export { cleanUserName, userNameProblem, USER_NAME_MAX } from '../../core/user.js';

/**
 * A request body's `by`: the same rules as the name set on /settings (at most USER_NAME_MAX
 * characters, no control, separator or bidi-override character), refused rather than cut or
 * stored as is, so the route answers its translated 400 naming the field. A valid name comes
 * out trimmed and NFC; a blank one as `null`, which lets the browser's signature sign.
 */
export const signedBy = z
	.string()
	.max(10_000)
	.transform((raw, ctx) => {
		const problem = userNameProblem(raw);
		if (problem) {
			ctx.addIssue({ code: 'custom', message: problem });
			return z.NEVER;
		}
		return cleanUserName(raw);
	})
	.nullish();

/** Who signs this browser's changes: set on /settings, read on every request by the hooks. */
export const USER_COOKIE = 'atelier_user';

/** The signing name this request carries, or `null` (no cookie, or one that is not a valid name). */
export function readUser(cookies: Pick<Cookies, 'get'>): string | null {
	return cleanUserName(cookies.get(USER_COOKIE));
}

/**
 * Remembered for a year. httpOnly: no script needs it, the server signs. `secure` over HTTPS
 * only, as for the notices: a browser drops a secure cookie on a plain-HTTP LAN address.
 */
export function rememberUser(cookies: Cookies, url: URL, name: string): void {
	cookies.set(USER_COOKIE, name, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax', httpOnly: true, secure: url.protocol === 'https:' });
}

/** With the attributes it was set with: a browser on plain HTTP ignores a `secure` deletion. */
export function forgetUser(cookies: Cookies, url: URL): void {
	cookies.delete(USER_COOKIE, { path: '/', sameSite: 'lax', httpOnly: true, secure: url.protocol === 'https:' });
}
