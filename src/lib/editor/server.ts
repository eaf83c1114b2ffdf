import { error } from '@sveltejs/kit';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { createT, type UiLang } from '$lib/i18n/index.js';

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
	if (!parsed.success) error(400, { message: t('api.badRequest', { fields: parsed.error.issues.map((i) => i.path.join('.') || '?').join(', ') }) });
	return parsed.data;
}

export const tFor = (lang: UiLang) => createT(lang);
