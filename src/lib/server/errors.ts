import { error, fail } from '@sveltejs/kit';
import type { TFunction } from 'i18next';
import { isAtelierError } from '../../core/errors.js';
import { errorMessage } from '../i18n/index.js';

const STATUS: Record<string, number> = { document_not_found: 404, segment_not_found: 404, file_too_large: 413, tm_unit_not_found: 404, edit_conflict: 409, tm_unit_moved: 409, segment_split_inside_word: 400, history_change_not_found: 404 };

/** In a form action: an expected error becomes a 400 with the translated, located message. */
export function failWith(t: TFunction, e: unknown, extra: Record<string, unknown> = {}) {
	if (isAtelierError(e)) return fail(STATUS[e.code] === 413 ? 413 : 400, { ...extra, error: errorMessage(t, e), code: e.code });
	throw e;
}

/** In a load: an expected error becomes an error page with its status. */
export function throwFor(t: TFunction, e: unknown): never {
	if (isAtelierError(e)) error(STATUS[e.code] ?? 400, { message: errorMessage(t, e), code: e.code });
	throw e;
}

/** A zod failure on a form: the translated list of the fields to check. */
export function formError(t: TFunction, issues: { path: PropertyKey[] }[]): string {
	const fields = [...new Set(issues.map((i) => String(i.path[0] ?? '?')))].join(', ');
	return t('errors.form', { fields }) as string;
}

/** A route's `[id]` as a document id, or the translated 404 page. */
export function documentId(raw: string, t: TFunction): number {
	const id = Number(raw);
	if (!Number.isInteger(id) || id <= 0) error(404, { message: t('doc.notFound') });
	return id;
}
