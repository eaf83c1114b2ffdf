import { error } from '@sveltejs/kit';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { createT, type UiLang } from '$lib/i18n/index.js';
import { USER_NAME_MAX } from '../../core/user.js';

/** The `[id]` and `[ord]` of an API route, or a translated 404. */
export function placeOf(params: { id?: string; ord?: string }, t: TFunction): { id: number; ord: number } {
	const id = Number(params.id);
	const ord = params.ord == null ? 0 : Number(params.ord);
	if (!Number.isInteger(id) || id <= 0 || !Number.isInteger(ord) || ord < 0) error(404, { message: t('doc.notFound') });
	return { id, ord };
}

/** A JSON body checked by `schema`, or a translated 400 naming the fields. */
export async function bodyOf<S extends z.ZodType>(request: Request, schema: S, t: TFunction): Promise<z.infer<S>> {
	return checked(await request.json().catch(() => null), schema, t);
}

export function checked<S extends z.ZodType>(raw: unknown, schema: S, t: TFunction): z.infer<S> {
	const parsed = schema.safeParse(raw);
	if (!parsed.success) error(400, { message: badRequestMessage(t, parsed.error.issues) });
	return parsed.data;
}

/**
 * The 400 message for a body's problems: the fields to check, and for a signer name (`by`,
 * see `signedBy`) why it is refused — a script's author cannot guess that a tab or a 101st
 * character is the problem.
 */
export function badRequestMessage(t: TFunction, issues: readonly z.core.$ZodIssue[]): string {
	// a name past the schema's own bound (10,000 characters) is too long too
	const signer = issues.find((i) => (i.code === 'custom' && (i.message === 'tooLong' || i.message === 'control')) || (i.code === 'too_big' && i.path.length === 1 && i.path[0] === 'by'));
	const fields = [...new Set(issues.filter((i) => i !== signer).map((i) => i.path.join('.') || '?'))];
	const parts: string[] = [];
	if (signer) parts.push(t('signature.api.badBy', { reason: t(`signature.settings.${signer.code === 'too_big' ? 'tooLong' : signer.message}`, { max: USER_NAME_MAX }) }));
	if (fields.length) parts.push(t('api.badRequest', { fields: fields.join(', ') }));
	return parts.join(' ');
}

export const tFor = (lang: UiLang) => createT(lang);
