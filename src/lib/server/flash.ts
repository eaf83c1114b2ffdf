import { redirect, type Cookies } from '@sveltejs/kit';

/** The one-time notices, one cookie each: which page reads it. */
export const FLASH = { deleted: 'atelier_deleted', glossary: 'atelier_glossary_flash', glossaryImport: 'atelier_glossary_import', tm: 'atelier_tm_flash', settings: 'atelier_settings_flash' } as const;
type Flash = (typeof FLASH)[keyof typeof FLASH];

/**
 * Post/Redirect/Get with a notice: a successful action answers 303, so reloading the page
 * never posts again, and its message rides along in a cookie the next page reads once — not
 * in the address, where a link could show a notice for anything. `secure` over HTTPS only:
 * a browser drops a secure cookie on a plain-HTTP LAN address, and the message with it.
 */
export function flashAndRedirect(cookies: Cookies, url: URL, name: Flash, message: string, to: string): never {
	cookies.set(name, message, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60, secure: url.protocol === 'https:' });
	redirect(303, to);
}

/**
 * The notice left by the last action, once. The deletion is not `secure`: SvelteKit makes a
 * cookie secure by default except on `localhost`, and a browser refuses a secure Set-Cookie
 * from a plain-HTTP address (`http://127.0.0.1`, a LAN name), so the notice stayed and came
 * back at the next page. A non-secure deletion is also accepted over HTTPS.
 */
export function takeFlash(cookies: Cookies, name: Flash): string | null {
	const message = cookies.get(name) ?? null;
	if (message != null) cookies.delete(name, { path: '/', secure: false });
	return message;
}
