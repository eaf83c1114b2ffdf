import { fail, type Cookies } from '@sveltejs/kit';
import { z } from 'zod';
import { createT } from '$lib/i18n/index.js';
import { FLASH, flashAndRedirect, takeFlash } from '$lib/server/flash.js';
import { failWith, formError } from '$lib/server/errors.js';
import { getWorkbench } from '$lib/server/workbench.js';
import { TERM_STATUSES, TERM_TYPES, type Concept, type TermStatus, type TermType } from '../../core/model.js';
import { glossaryEncoding } from '../../core/terminology.server.js';
import { ENCODINGS } from '../../core/text/decode.js';
import { foldAccents } from '../../core/terms/normalize.js';
import { type DuplicateTermWarning, locationText } from '../../core/terms/import-summary.js';
import type { GlossaryImportSummary } from '../../core/terminology.server.js';
import { type KeptSummary, keepSummary, takeSummary } from './import-summaries.server.js';
import type { Actions, PageServerLoad } from './$types';

const LIMIT = 300;
/** duplicate warnings listed after an import; the rest are counted ("and 12 more") */
const WARNINGS_SHOWN = 50;
// accents, case and the apostrophe (’ in the documents, ' on the keyboard) do not count in a search
const fold = (s: string) => foldAccents(s).toLowerCase().replace(/[’ʼ‘]/g, "'");

/**
 * A successful save, delete or import answers 303 to the page (Post/Redirect/Get), so that
 * reloading it never posts again; its message rides along in a cookie read once.
 */
function done(cookies: Cookies, url: URL, message: string): never {
	flashAndRedirect(cookies, url, FLASH.glossary, message, '/glossary');
}

/** An import's summary as the page shows it: counts, and the first warnings with their places in words. */
function importView(t: ReturnType<typeof createT>, s: KeptSummary) {
	const tt = t as unknown as (key: string, params?: Record<string, unknown>) => string;
	return {
		file: s.file,
		added: s.added,
		replaced: s.replaced,
		unchanged: s.unchanged,
		warningCount: s.warningCount,
		warnings: s.warnings.slice(0, WARNINGS_SHOWN).map((w) => ({
			where: locationText(tt, w.location),
			lang: w.lang,
			text: w.text,
			concept: w.concept,
			other: w.other.concept,
			otherText: w.other.text,
			otherWhere: w.other.location ? locationText(tt, w.other.location) : null
		}))
	};
}

export const load: PageServerLoad = async ({ url, cookies, locals }) => {
	const flash = takeFlash(cookies, FLASH.glossary);
	const summary = takeSummary(takeFlash(cookies, FLASH.glossaryImport));
	const wb = await getWorkbench();
	const q = (url.searchParams.get('q') ?? '').trim();
	const edit = url.searchParams.get('edit');
	const all = wb.terminology.concepts();
	const f = fold(q);
	const matches = q
		? all.filter((c) => fold(c.key).includes(f) || c.terms.some((t) => fold(t.text).includes(f)) || fold(c.definition ?? '').includes(f))
		: all;
	return {
		q,
		counts: wb.terminology.counts(),
		total: matches.length,
		concepts: matches.slice(0, LIMIT),
		editing: edit === 'new' ? ({ key: '', terms: [] } as Concept) : (all.find((c) => c.key === edit) ?? null),
		statuses: TERM_STATUSES,
		types: TERM_TYPES,
		encodings: ENCODINGS,
		flash,
		importSummary: summary ? importView(createT(locals.lang), summary) : null
	};
};

const TermRow = z.object({
	lang: z.string().trim(),
	text: z.string().trim(),
	status: z.enum(TERM_STATUSES as unknown as [TermStatus, ...TermStatus[]]),
	// a TBX termType, or none: free text ('acronyme') would be stored and then dropped by the TBX export
	type: z.union([z.enum(TERM_TYPES), z.literal('')]).optional(),
	replacement: z.string().trim().optional(),
	note: z.string().trim().optional()
});

const ImportForm = z.object({
	encoding: z
		.string()
		.default('auto')
		.refine((v) => glossaryEncoding(v) != null),
	sheet: z.string().trim().max(200).optional()
});

/** `terms.3.text`-style field names → rows, in order; rows without text are dropped. */
function termRows(data: FormData) {
	const rows = new Map<number, Record<string, string>>();
	for (const [k, v] of data.entries()) {
		const m = /^terms\.(\d+)\.(\w+)$/.exec(k);
		if (!m || typeof v !== 'string') continue;
		const row = rows.get(Number(m[1])) ?? {};
		row[m[2]] = v;
		rows.set(Number(m[1]), row);
	}
	return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r).filter((r) => (r.text ?? '').trim() !== '');
}

export const actions: Actions = {
	save: async ({ request, locals, cookies, url }) => {
		const t = createT(locals.lang);
		const data = await request.formData();
		const key = String(data.get('key') ?? '').trim();
		const rows = z.array(TermRow).safeParse(termRows(data));
		if (!rows.success) return fail(400, { error: formError(t, rows.error.issues.map((i) => ({ path: ['terms', ...i.path] }))) });
		const str = (n: string) => String(data.get(n) ?? '').trim() || undefined;
		const concept: Concept = {
			key,
			subject: str('subject'),
			definition: str('definition'),
			note: str('note'),
			source: str('source'),
			terms: rows.data.map((r) => ({
				lang: r.lang,
				text: r.text,
				status: r.status,
				type: (r.type || undefined) as TermType | undefined,
				replacement: r.replacement || undefined,
				note: r.note || undefined
			}))
		};
		let warnings: DuplicateTermWarning[];
		try {
			const wb = await getWorkbench();
			const previous = wb.terminology.concepts().find((c) => c.key === key);
			// "Add a concept" with the id of an existing one must not replace it
			if (previous && data.get('new') === '1') return fail(409, { error: t('glossary.exists', { id: key }) });
			warnings = wb.terminology.saveConcept(previous ? keepUnshown(previous, concept) : concept);
		} catch (e) {
			return failWith(t, e);
		}
		// saved all the same (homonyms are allowed), but said, as an import says it
		const list = warnings.map((w) => t('glossary.duplicateOf', { lang: w.lang, text: w.text, other: w.other.concept, otherText: w.other.text })).join(' ');
		done(cookies, url, warnings.length ? `${t('glossary.saved', { id: key })} ${t('glossary.savedDuplicates', { count: warnings.length, list })}` : t('glossary.saved', { id: key }));
	},
	delete: async ({ request, locals, cookies, url }) => {
		const t = createT(locals.lang);
		const key = String((await request.formData()).get('key') ?? '');
		try {
			(await getWorkbench()).terminology.deleteConcept(key);
		} catch (e) {
			return failWith(t, e);
		}
		done(cookies, url, t('glossary.deleted', { id: key }));
	},
	import: async ({ request, locals, cookies, url }) => {
		const t = createT(locals.lang);
		const data = await request.formData();
		const file = data.get('file');
		const parsed = ImportForm.safeParse({ encoding: data.get('encoding') ?? undefined, sheet: data.get('sheet') ?? undefined });
		if (!parsed.success) return fail(400, { error: formError(t, parsed.error.issues) });
		if (!(file instanceof File) || file.name === '') return fail(400, { error: t('glossaryImport.needFile') });
		let r: GlossaryImportSummary;
		try {
			// the format is told by the bytes (a ZIP is a workbook) before the name
			r = (await getWorkbench()).terminology.importGlossary(new Uint8Array(await file.arrayBuffer()), file.name, {
				encoding: glossaryEncoding(parsed.data.encoding) ?? 'auto',
				sheet: parsed.data.sheet || undefined
			});
		} catch (e) {
			return failWith(t, e);
		}
		// the summary stays on the server, its id in a cookie beside the notice (see import-summaries.server.ts)
		cookies.set(FLASH.glossaryImport, keepSummary(r, WARNINGS_SHOWN), { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60, secure: url.protocol === 'https:' });
		done(cookies, url, t('glossary.imported', { concepts: r.concepts, terms: r.terms, file: file.name }));
	}
};

/**
 * The concept as edited, with what the form does not show kept from the stored one: its
 * cross-references, and per term (matched by language and text, else by language and
 * position) part of speech, gender, context, source and any other field a TBX brought.
 * Saving without a change must change nothing.
 */
function keepUnshown(previous: Concept, edited: Concept): Concept {
	const used = new Set<number>();
	const terms = edited.terms.map((t, i) => {
		let k = previous.terms.findIndex((p, j) => !used.has(j) && p.lang === t.lang && p.text === t.text);
		if (k < 0 && previous.terms[i] && previous.terms[i].lang === t.lang && !used.has(i)) k = i;
		if (k < 0) return t;
		used.add(k);
		const { id: _id, ...kept } = previous.terms[k];
		// the form's fields win, an emptied one included
		return { ...kept, ...t, type: t.type, replacement: t.replacement, note: t.note };
	});
	return { ...previous, ...edited, related: previous.related, terms };
}
