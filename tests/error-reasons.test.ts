/**
 * Reasons inside error messages are translated: readers pass `$t(reasons.KEY, {vars})`
 * (src/core/formats/reason.ts) and errorMessage resolves it in the reader's language.
 * The robustness corpus (tests/robustness) checks the same on every hostile file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { AtelierError } from '../src/core/errors.js';
import { compileFind } from '../src/core/editor/replace.js';
import { readTbx } from '../src/core/formats/tbx/read.js';
import { parseSrx } from '../src/core/segment/srx-parse.js';
import { createT, errorMessage, resources } from '../src/lib/i18n/index.js';
import { docxReason, reason, regexReason, srxRegexReason, xmlReason } from '../src/core/formats/reason.js';

const fr = createT('fr');
const en = createT('en');
const ENGLISH = / not |\b(allowed|without|unclosed|unexpected|inside|invalid|expected|missing|could|never|cannot|undefined|duplicate|disallowed)\b/i;
const render = (t: typeof fr, params: Record<string, string | number>, code: 'tbx_invalid' | 'docx_invalid' = 'tbx_invalid') =>
	errorMessage(t, { code, params, location: { file: 'f.tbx' } });

function saxesMessage(xml: string): string {
	const p = new SaxesParser({ xmlns: false, position: true });
	try {
		p.write(xml).close();
	} catch (e) {
		return (e as Error).message;
	}
	throw new Error(`well-formed: ${xml}`);
}

function lookup(lang: 'en' | 'fr', key: string): unknown {
	return key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], resources[lang]);
}

describe('translated reasons', () => {
	it('errorMessage resolves a reason, its variables and a nested reason, in each language', () => {
		expect(render(fr, { reason: reason('doctype') })).toBe('f.tbx\u00a0: fichier TBX invalide\u00a0: les déclarations DOCTYPE sont interdites');
		expect(render(en, { reason: reason('doctype') })).toBe('f.tbx: not a valid TBX file: DOCTYPE declarations are not allowed');
		expect(render(fr, { reason: reason('misplaced', { tag: 'tu', parent: 'header' }) })).toContain('<tu> placé dans <header>');
		const nested = reason('inPart', { part: 'word/document.xml', reason: xmlReason('1:20: unclosed tag: w:p') });
		expect(render(fr, { reason: nested }, 'docx_invalid')).toContain('word/document.xml\u00a0: la balise <w:p> n’est jamais fermée');
		expect(render(en, { reason: nested }, 'docx_invalid')).toContain('word/document.xml: the tag <w:p> is never closed');
	});

	it('text from a file is never taken for a reason, even when it looks like one', () => {
		const hostile = 'x $t(reasons.doctype)';
		expect(render(fr, { reason: hostile })).toContain(hostile);
		// a tag name holding i18next syntax stays as it was written
		expect(render(fr, { reason: reason('withoutChild', { tag: '{{file}}$t(reasons.doctype)', child: 'seg' }) })).toContain('<{{file}}$t(reasons.doctype)> sans <seg>');
	});

	it('saxes’s frequent messages become French sentences with their tag names', () => {
		const broken: [string, string][] = [
			['<a><b>x</a>', ''],
			['<a><b>', 'b'],
			['<a></b></a>', ''],
			['<a/>text', ''],
			['', ''],
			['<a/><b/>', ''],
			['<a x="1" x="2"/>', 'x'],
			['<a>&nope;</a>', ''],
			['<a>&#0;</a>', ''],
			['<a x/>', ''],
			['<a x=1/>', ''],
			['<a>]]></a>', ''],
			['<a>\u0001</a>', ''],
			['<a x="1"y="2"/>', '']
		];
		for (const [xml, name] of broken) {
			const msg = saxesMessage(xml);
			const r = xmlReason(msg);
			expect(r, msg).not.toContain('notWellFormed');
			const text = render(fr, { reason: r });
			expect(text, msg).not.toMatch(ENGLISH);
			if (name) expect(text, msg).toContain(name);
		}
	});

	it('an unknown parser message gives the generic reason, the original only in parentheses', () => {
		expect(render(fr, { reason: xmlReason('3:4: something new happened.') })).toBe('f.tbx\u00a0: fichier TBX invalide\u00a0: le XML est mal formé (something new happened)');
		expect(render(en, { reason: docxReason('Zorglub failure\nstack') }, 'docx_invalid')).toContain('the document cannot be read (Zorglub failure)');
	});

	it('JSZip, mammoth and RegExp messages are translated', () => {
		expect(render(fr, { reason: docxReason("Corrupted zip: can't find end of central directory") }, 'docx_invalid')).toContain('l’archive ZIP est endommagée');
		expect(render(fr, { reason: docxReason('Could not find main document part. Are you sure this is a valid .docx file?') }, 'docx_invalid')).toContain('partie principale');
		for (const pattern of ['(a', '[a', '*a', 'a)', 'a{2,1}', '[z-a]', '\\']) {
			let message = '';
			try {
				new RegExp(pattern, 'u');
			} catch (e) {
				message = (e as Error).message;
			}
			const r = regexReason(message);
			expect(r, message).not.toContain('regex.invalid');
			expect(render(fr, { reason: r }), message).not.toMatch(ENGLISH);
		}
		expect(render(fr, { reason: srxRegexReason('unterminated character class') })).toContain('n’est jamais fermée');
		const e = (() => {
			try {
				compileFind({ find: '(unclosed', in: 'target', regex: true });
			} catch (err) {
				return err as AtelierError;
			}
		})()!;
		expect(errorMessage(fr, e)).toBe('Recherche invalide\u00a0: un groupe n’est jamais fermé.');
	});

	it('a message that names its segment is not followed by "(segment N)": the location names the document instead', () => {
		const en = createT('en');
		const e = { code: 'segment_join_last' as const, params: { segment: 7 }, location: { document: 3, segment: 7 } };
		expect(errorMessage(en, e)).not.toContain('(segment');
		expect(errorMessage(en, e)).toMatch(/7.*\(document 3\)$/);
		// a location's segment that the message does not name is still given
		expect(errorMessage(en, { ...e, params: { segment: 6 } })).toMatch(/\(segment 7\)$/);
	});

	it('a message that names its document is not followed by "(document N)"; another document still is', () => {
		const en = createT('en');
		expect(errorMessage(en, { code: 'export_no_alignment', params: { id: 8 }, location: { document: 8 } })).toBe('Document 8 has no alignment to export');
		expect(errorMessage(en, { code: 'export_no_alignment', params: { id: 8 }, location: { document: 9 } })).toBe('Document 8 has no alignment to export (document 9)');
	});

	it('the readers refuse in French without English words', () => {
		const cases: (() => unknown)[] = [
			() => readTbx('<tbx><text><body><conceptEntry id="c"><langSec><termSec><term>a</term></termSec></langSec></conceptEntry></body></text></tbx>', 'f.tbx'),
			() => readTbx('<tbx><text><body><conceptEntry id="c"><langSec xml:lang="fr"><termSec><term>a</term><termNote type="administrativeStatus">bof</termNote></termSec></langSec></conceptEntry></body></text></tbx>', 'f.tbx'),
			() => parseSrx('<srx><body><languagerules><rule/></languagerules></body></srx>', 'f.srx'),
			() => parseSrx('<srx><body><maprules><languagemap languagepattern=".*"/></maprules></body></srx>', 'f.srx'),
			() => parseSrx('<srx><body><maprules><languagemap languagepattern=".*" languagerulename="X"/></maprules></body></srx>', 'f.srx')
		];
		for (const run of cases) {
			let err: unknown;
			try {
				run();
			} catch (e) {
				err = e;
			}
			expect(err).toBeInstanceOf(AtelierError);
			const text = errorMessage(fr, err as AtelierError).replace(/f\.(tbx|srx)/g, '');
			expect(text).not.toMatch(ENGLISH);
			expect(text).not.toMatch(/\$t\(|reasons\./);
		}
	});

	it('every reason key the code names exists in English and French, with the same variables', () => {
		const files: string[] = [];
		const walk = (dir: string) => {
			for (const f of readdirSync(dir)) {
				const p = join(dir, f);
				if (statSync(p).isDirectory()) walk(p);
				else if (p.endsWith('.ts')) files.push(p);
			}
		};
		walk(join(import.meta.dirname, '..', 'src', 'core'));
		walk(join(import.meta.dirname, '..', 'src', 'cli'));
		const keys = new Set<string>();
		for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(/\breason\(\s*(?:[^'`)]*\?\s*)?'([\w.]+)'(?:\s*:\s*'([\w.]+)')?/g)) for (const k of [m[1], m[2]]) if (k) keys.add(k);
		for (const m of readFileSync(join(import.meta.dirname, '..', 'src', 'core', 'formats', 'reason.ts'), 'utf8').matchAll(/'((?:xml|docx|regex|srxRegex)\.\w+)'/g)) keys.add(m[1]);
		expect(keys.size).toBeGreaterThan(50);
		const vars = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
		for (const k of keys) {
			const e = lookup('en', `reasons.${k}`);
			const f = lookup('fr', `reasons.${k}`);
			expect(typeof e, `reasons.${k} (en)`).toBe('string');
			expect(typeof f, `reasons.${k} (fr)`).toBe('string');
			expect(vars(f), k).toEqual(vars(e));
		}
	});
});
