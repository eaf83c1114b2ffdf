import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';
import { createT, errorMessage, pickLang, resources } from '../src/lib/i18n/index.js';
import { AtelierError, type ErrorCode } from '../src/core/errors.js';

const root = join(import.meta.dirname, '..');
const { en, fr } = resources;

function keys(obj: object, prefix = ''): string[] {
	return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function files(dir: string, ext: string): string[] {
	return readdirSync(dir).flatMap((n) => {
		const p = join(dir, n);
		return statSync(p).isDirectory() ? files(p, ext) : p.endsWith(ext) ? [p] : [];
	});
}

describe('i18n resources', () => {
	it('French and English have exactly the same keys', () => {
		const f = new Set(keys(fr));
		const e = new Set(keys(en));
		expect([...e].filter((k) => !f.has(k)), 'keys missing in fr.json').toEqual([]);
		expect([...f].filter((k) => !e.has(k)), 'keys missing in en.json').toEqual([]);
	});

	it('both languages use the same interpolation variables in each message', () => {
		const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
		const get = (o: object, k: string) => k.split('.').reduce((x: any, p) => x[p], o) as string;
		for (const k of keys(en)) expect(vars(get(fr, k)), k).toEqual(vars(get(en, k)));
	});

	it('French messages follow French typography: no-break space before : and inside « », narrow one before ; ! ?', () => {
		const get = (o: object, k: string) => k.split('.').reduce((x: any, p) => x[p], o) as string;
		const frKeys = keys(fr);
		expect(frKeys.length).toBeGreaterThan(300);
		// an ordinary space there lets a line break leave the mark alone at the start of the next line
		const wrong = frKeys.filter((k) => / [:;!?»]|« /.test(get(fr, k)));
		expect(wrong).toEqual([]);
		expect(frKeys.filter((k) => /\u202F[;!?]/.test(get(fr, k))).length).toBeGreaterThan(5);
		expect(frKeys.filter((k) => /\u00A0:/.test(get(fr, k))).length).toBeGreaterThan(50);
	});

	it('a counted noun agrees with its number in every message (“1 segment”, “2 segments”; French 0 and 1 singular)', () => {
		const get = (o: object, k: string) => k.split('.').reduce((x: any, p) => x[p], o) as string;
		const PLURAL_AFTER_ONE = /(?<![\d\u202F,.])1 (paragraphs|segments|words|concepts|terms|units|beads|changes|conflicts|rows|bytes|documents|paragraphes|mots|termes|unités|perles|modifications|conflits|lignes|octets)\b/;
		for (const lang of ['en', 'fr'] as const) {
			const t = createT(lang);
			const res = lang === 'en' ? en : fr;
			const wrong: string[] = [];
			const msgs = keys(res).filter((k) => !/_(one|other|zero)$/.test(k) && !k.startsWith('n.'));
			for (const k of msgs) {
				// every variable of the message set to 1, as a number
				const vars = Object.fromEntries([...get(res, k).matchAll(/\{\{(\w+)/g)].map((m) => [m[1], 1]));
				const out = t(k, vars);
				if (PLURAL_AFTER_ONE.test(out)) wrong.push(`${k}: ${out}`);
			}
			expect(wrong, lang).toEqual([]);
		}
		const en1 = createT('en');
		const fr1 = createT('fr');
		expect(en1('doc.meta', { source: 'fr-FR', target: 'en-GB', paragraphs: 1, segments: 2, words: 2125 })).toBe('fr-FR → en-GB · 1 paragraph · 2 segments · 2,125 words');
		expect(fr1('doc.meta', { source: 'fr-FR', target: 'en-GB', paragraphs: 0, segments: 2, words: 2125 })).toBe('fr-FR → en-GB · 0 paragraphe · 2 segments · 2\u202F125 mots');
		expect(fr1('glossary.imported', { concepts: 1, terms: 2, file: 'x.csv' })).toBe('Importé de x.csv\u00A0: 1 concept (2 termes).');
		expect(en1('reimport.confirm', { n: 1 })).toBe('Apply 1 change');
	});

	it('every key used in the code exists', () => {
		const used = new Set<string>();
		for (const f of [...files(join(root, 'src'), '.svelte'), ...files(join(root, 'src'), '.ts')]) {
			for (const m of readFileSync(f, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z_.]+)'/g)) used.add(m[1]);
		}
		const all = new Set(keys(en).map((k) => k.replace(/_(one|other)$/, '')));
		expect([...used].filter((k) => !all.has(k))).toEqual([]);
		expect(used.size).toBeGreaterThan(40);
	});

	it('every error code has a message in both languages', () => {
		const src = readFileSync(join(root, 'src/core/errors.ts'), 'utf8');
		const codes = [...src.slice(src.indexOf('export type ErrorCode')).matchAll(/\| '(\w+)'/g)].map((m) => m[1]);
		expect(codes.length).toBeGreaterThan(10);
		for (const lang of ['fr', 'en'] as const) {
			const t = createT(lang);
			for (const code of codes) {
				const msg = errorMessage(t, new AtelierError(code as ErrorCode, { file: 'x.txt' }, { file: 'x.txt', line: 3, column: 7 }));
				expect(msg, `${lang} ${code}`).not.toContain('errors.');
				expect(msg).toMatch(lang === 'fr' ? /ligne 3, colonne 7/ : /line 3, column 7/);
			}
		}
	});

	it('language comes from the cookie, else Accept-Language, else English', () => {
		expect(pickLang('fr', 'en-GB')).toBe('fr');
		expect(pickLang(undefined, 'de-DE,fr-CH;q=0.8,en;q=0.5')).toBe('fr');
		expect(pickLang(undefined, 'en;q=0.9,fr;q=0.95')).toBe('fr');
		expect(pickLang('xx', 'de')).toBe('en');
	});
});

describe('no UI string bypasses i18next', () => {
	const TEXT_ATTRS = new Set(['title', 'placeholder', 'aria-label', 'alt', 'aria-description', 'label', 'aria-placeholder']);
	// symbols and marks that read the same in every language
	const NEUTRAL = /^[\s#→←‸•·|/()\-–—:.,*0-9]*$/u;
	const svelteFiles = files(join(root, 'src'), '.svelte');

	it('finds the components', () => expect(svelteFiles.length).toBeGreaterThan(3));

	it.each(svelteFiles.map((f) => [relative(root, f), f]))('%s', (_name, file) => {
		const ast = parse(readFileSync(file, 'utf8'), { modern: true });
		const found: string[] = [];
		const walk = (node: any) => {
			if (!node || typeof node !== 'object') return;
			if (Array.isArray(node)) return node.forEach(walk);
			if (node.type === 'Text' && !NEUTRAL.test(node.data) && /\p{L}/u.test(node.data)) found.push(node.data.trim());
			if (node.type === 'Attribute' && TEXT_ATTRS.has(node.name) && Array.isArray(node.value))
				for (const v of node.value) if (v.type === 'Text' && /\p{L}/u.test(v.data)) found.push(`${node.name}="${v.data}"`);
			// attribute values are checked above (only the human-readable ones), not walked as text
			if (node.type === 'Attribute') return;
			// key caps (<kbd>Ctrl</kbd>, <kbd>S</kbd>) read the same in every language
			if (node.type === 'RegularElement' && node.name === 'kbd') return;
			for (const [k, v] of Object.entries(node)) if (k !== 'parent') walk(v);
		};
		walk(ast.fragment);
		expect(found).toEqual([]);
	});

	it.each(svelteFiles.map((f) => [relative(root, f), f]))('%s glues no : ; ! ? to a message (French spaces them: app.colon)', (_name, file) => {
		const ast = parse(readFileSync(file, 'utf8'), { modern: true });
		const found: string[] = [];
		const walk = (node: any) => {
			if (!node || typeof node !== 'object') return;
			if (Array.isArray(node)) {
				node.forEach((n, k) => {
					const prev = node[k - 1];
					if (n?.type === 'Text' && /^[:;!?]/.test(n.data) && prev?.type === 'ExpressionTag' && /\bt\(/.test(readFileSync(file, 'utf8').slice(prev.start, prev.end))) found.push(n.data.trim());
				});
				return node.forEach(walk);
			}
			for (const [k, v] of Object.entries(node)) if (k !== 'parent') walk(v);
		};
		walk(ast.fragment);
		expect(found).toEqual([]);
	});
});

describe('every aligner warning has a message', () => {
	it('in both languages', () => {
		const src = readFileSync(join(root, 'src/core/align/types.ts'), 'utf8');
		const codes = [...src.matchAll(/\{ code: '(\w+)'/g)].map((m) => m[1]);
		expect(codes.length).toBeGreaterThan(5);
		for (const lang of [en, fr] as const) for (const c of codes) expect((lang as any).align.warnings[c], c).toBeTruthy();
	});
});
