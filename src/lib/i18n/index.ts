import i18next, { type TFunction } from 'i18next';
import { type AtelierError, type Location } from '../../core/errors.js';
import { REASON_REF } from '../../core/formats/reason.js';
import enBase from './en.json' with { type: 'json' };
import frBase from './fr.json' with { type: 'json' };
import alignReviewEn from './parts/align-review.en.json' with { type: 'json' };
import alignReviewFr from './parts/align-review.fr.json' with { type: 'json' };
import documentsEn from './parts/documents.en.json' with { type: 'json' };
import documentsFr from './parts/documents.fr.json' with { type: 'json' };
import editorEn from './parts/editor.en.json' with { type: 'json' };
import editorFr from './parts/editor.fr.json' with { type: 'json' };
import exportsEn from './parts/exports.en.json' with { type: 'json' };
import exportsFr from './parts/exports.fr.json' with { type: 'json' };
import qaEn from './parts/qa.en.json' with { type: 'json' };
import qaFr from './parts/qa.fr.json' with { type: 'json' };
import reliabilityEn from './parts/reliability.en.json' with { type: 'json' };
import reliabilityFr from './parts/reliability.fr.json' with { type: 'json' };
import reasonsEn from './parts/reasons.en.json' with { type: 'json' };
import reasonsFr from './parts/reasons.fr.json' with { type: 'json' };
import termsEn from './parts/terms.en.json' with { type: 'json' };
import termsFr from './parts/terms.fr.json' with { type: 'json' };
import tmExportEn from './parts/tm-export.en.json' with { type: 'json' };
import tmExportFr from './parts/tm-export.fr.json' with { type: 'json' };
import cliHelpEn from './parts/cli-help.en.json' with { type: 'json' };
import cliHelpFr from './parts/cli-help.fr.json' with { type: 'json' };
import cliErrorsEn from './parts/cli-errors.en.json' with { type: 'json' };
import cliErrorsFr from './parts/cli-errors.fr.json' with { type: 'json' };
import tmMaintenanceEn from './parts/tm-maintenance.en.json' with { type: 'json' };
import tmMaintenanceFr from './parts/tm-maintenance.fr.json' with { type: 'json' };
import segmentEditEn from './parts/segment-edit.en.json' with { type: 'json' };
import segmentEditFr from './parts/segment-edit.fr.json' with { type: 'json' };
import glossaryImportEn from './parts/glossary-import.en.json' with { type: 'json' };
import glossaryImportFr from './parts/glossary-import.fr.json' with { type: 'json' };
import signatureEn from './parts/signature.en.json' with { type: 'json' };
import signatureFr from './parts/signature.fr.json' with { type: 'json' };
import historyEn from './parts/history.en.json' with { type: 'json' };
import historyFr from './parts/history.fr.json' with { type: 'json' };
import tmxUsageEn from './parts/tmx-usage.en.json' with { type: 'json' };
import tmxUsageFr from './parts/tmx-usage.fr.json' with { type: 'json' };

export const UI_LANGS = ['fr', 'en'] as const;
export type UiLang = (typeof UI_LANGS)[number];
export const LANG_COOKIE = 'atelier_lang';

type Messages = { [key: string]: string | Messages };

/**
 * Feature parts live in their own files so that work on one feature does not rewrite
 * the others' messages; a key defined twice with different values is a mistake, so
 * merging refuses it rather than letting the last file win silently.
 */
function merge(into: Messages, from: Messages, path = ''): Messages {
	for (const [k, v] of Object.entries(from)) {
		const here = into[k];
		if (typeof v === 'object' && v) {
			if (here !== undefined && typeof here !== 'object') throw new Error(`i18n: ${path}${k} is both a message and a group`);
			into[k] = merge((here as Messages) ?? {}, v, `${path}${k}.`);
		} else {
			if (here !== undefined && here !== v) throw new Error(`i18n: ${path}${k} is defined twice`);
			into[k] = v;
		}
	}
	return into;
}

const en = [editorEn, exportsEn, qaEn, reliabilityEn].reduce<Messages>((acc, part) => merge(acc, part as Messages), merge({}, enBase as Messages));
const fr = [editorFr, exportsFr, qaFr, reliabilityFr].reduce<Messages>((acc, part) => merge(acc, part as Messages), merge({}, frBase as Messages));
merge(en, termsEn as Messages);
merge(fr, termsFr as Messages);
merge(en, reasonsEn as Messages);
merge(fr, reasonsFr as Messages);
merge(en, tmExportEn as Messages);
merge(fr, tmExportFr as Messages);
merge(en, cliHelpEn as Messages);
merge(fr, cliHelpFr as Messages);
merge(en, cliErrorsEn as Messages);
merge(fr, cliErrorsFr as Messages);
merge(en, documentsEn as Messages);
merge(fr, documentsFr as Messages);
merge(en, alignReviewEn as Messages);
merge(fr, alignReviewFr as Messages);
merge(en, tmMaintenanceEn as Messages);
merge(fr, tmMaintenanceFr as Messages);
merge(en, segmentEditEn as Messages);
merge(fr, segmentEditFr as Messages);
merge(en, glossaryImportEn as Messages);
merge(fr, glossaryImportFr as Messages);
merge(en, signatureEn as Messages);
merge(fr, signatureFr as Messages);
merge(en, historyEn as Messages);
merge(fr, historyFr as Messages);
merge(en, tmxUsageEn as Messages);
merge(fr, tmxUsageFr as Messages);

/** Every message, the base file and the feature parts merged. */
export const resources = { en, fr } as const;

/**
 * A translation function for one language. An instance per call keeps requests in
 * different languages from sharing state (i18next's default export is a singleton).
 */
export function createT(lang: UiLang): TFunction {
	const inst = i18next.createInstance();
	inst.init({
		lng: lang,
		fallbackLng: false,
		resources: { en: { translation: en }, fr: { translation: fr } },
		initAsync: false,
		interpolation: { escapeValue: false },
		returnNull: false,
		showSupportNotice: false
	});
	return inst.t.bind(inst) as TFunction;
}

export function isUiLang(v: unknown): v is UiLang {
	return typeof v === 'string' && (UI_LANGS as readonly string[]).includes(v);
}

/** The cookie wins; else the best `Accept-Language` entry we speak; else English. */
export function pickLang(cookie: string | undefined | null, acceptLanguage: string | null | undefined): UiLang {
	if (isUiLang(cookie)) return cookie;
	const ranked = (acceptLanguage ?? '')
		.split(',')
		.map((part) => {
			const [tag, ...params] = part.trim().split(';');
			const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())).find(Boolean);
			return { lang: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q[1]) : 1 };
		})
		.filter((x) => x.lang && x.q > 0)
		.sort((a, b) => b.q - a.q);
	for (const r of ranked) if (isUiLang(r.lang)) return r.lang;
	return 'en';
}

/** A located, translated message for an AtelierError. */
const NAMES_ITS_PLACE = new Set(['document_not_found', 'segment_not_found', 'target_empty_confirmed']);

export function errorMessage(t: TFunction, e: Pick<AtelierError, 'code' | 'params' | 'location'>): string {
	const params = { file: e.location.file ?? '', ...resolveReasons(t, e.params) } as Record<string, unknown>;
	const message = t(`errors.${e.code}`, params) as string;
	// these messages name their document and segment themselves: "Document 9 does not exist. (document 9)" said it twice
	let loc = NAMES_ITS_PLACE.has(e.code) ? { ...e.location, document: undefined, segment: undefined } : e.location;
	// so does any message given the segment it is located at: "Segment 2 cannot be cut… (segment 2)"; the document is then said instead
	if (loc.segment != null && e.params.segment === loc.segment) loc = { ...loc, segment: undefined };
	// and a message given its document's id ("Document 8 has no alignment to export (document 8)")
	else if (loc.segment == null && loc.document != null && (e.params.document === loc.document || e.params.id === loc.document)) loc = { ...loc, document: undefined };
	const where = whereText(t, loc);
	return where ? (t('errors.at', { message, where }) as string) : message;
}

/**
 * Params written `$t(reasons.KEY, {vars})` (src/core/formats/reason.ts) are translated here:
 * i18next does not resolve nesting inside interpolated values, and should not for other
 * params (they may hold text from the user's file).
 */
function resolveReasons(t: TFunction, params: Record<string, unknown>, depth = 0): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(params)) {
		const m = typeof v === 'string' && depth < 4 ? REASON_REF.exec(v) : null;
		if (!m) {
			out[k] = v;
			continue;
		}
		let vars: Record<string, unknown> = {};
		try {
			vars = m[2] ? (JSON.parse(m[2]) as Record<string, unknown>) : {};
		} catch {
			out[k] = v;
			continue;
		}
		out[k] = t(m[1], resolveReasons(t, vars, depth + 1)) as string;
	}
	return out;
}

function whereText(t: TFunction, loc: Location): string {
	const parts: string[] = [];
	if (loc.line != null)
		parts.push(
			(loc.column != null
				? t('errors.where.lineColumn', { line: loc.line, column: loc.column })
				: t('errors.where.line', { line: loc.line })) as string
		);
	else if (loc.offset != null) parts.push(t('errors.where.byte', { offset: loc.offset }) as string);
	if (loc.document != null && loc.segment == null) parts.push(t('errors.where.document', { document: loc.document }) as string);
	if (loc.segment != null) parts.push(t('errors.where.segment', { segment: loc.segment }) as string);
	return parts.join(', ');
}
