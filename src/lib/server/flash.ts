/** One-time notice after a redirect: set by an action, read and cleared by the next page load. */
export const DELETED_COOKIE = 'atelier_deleted';
