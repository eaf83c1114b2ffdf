import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readTbx } from '../src/core/formats/tbx/read.js';
import type { InlineTag, TmUnit } from '../src/core/model.js';
import { segmenterFor, segmentText } from '../src/core/segment/index.js';
import { cleanup } from '../src/core/text/cleanup.js';
import { rng } from './_util.js';

/**
 * A French→English translation memory of any size, deterministic for a seed, made from the
 * seeds' sentences (segments/*\/fr.txt + en.txt, cleaned and segmented as the importer does)
 * and the terms of glossary/nato.tbx:
 *
 * - fresh units: a seed sentence with its glossary terms swapped for others, its numbers and
 *   dates changed; or 2–4 clauses of different sentences recombined (the English side built
 *   from the clauses at the same relative position); or a short unit (heading, list item,
 *   reference, a term alone), as real memories hold many;
 * - near-duplicates (about one unit in four), drawn from the last few thousand units as a
 *   project's revisions are: one or two words changed, a word added or dropped, case changes,
 *   number changes, punctuation changes, a clause dropped, the same source retranslated.
 *
 * Vocabulary. The seeds hold fewer than a thousand distinct word tokens, so a memory made of
 * them alone has every content word in 1–5 % of its units whatever its size; a real memory's
 * vocabulary grows with its size (Heaps' law) and its rare words cluster by project. With
 * `vocab: 'open'` (the default) units come in projects of ~50–600 units, each with its own
 * domain words drawn (Zipf) from the French word list the project already ships
 * (an-array-of-french-words, paired with an-array-of-english-words for the target), and about
 * a third of a fresh unit's content words are that project's words. `vocab: 'seeds'` keeps the
 * seeds' vocabulary only (a worst case for an inverted index: every posting list is long).
 *
 * Exact duplicates of a (source, target) pair are not emitted: the store would merge them.
 * Metadata as TMX files carry it: tuid, creation/change dates and ids, a project prop, a few
 * notes, and inline tags (bold, placeholders) on about 2 % of the units.
 */

const ROOT = join(import.meta.dirname, '..');
const SEEDS = ['nrc-chairman-statement-2008', 'bucharest-summit-2008'];

interface Pair {
	fr: string;
	en: string;
}

interface Clause extends Pair {
	first: boolean;
	last: boolean;
}

export interface Seeds {
	sentences: Pair[];
	clauses: Clause[];
	terms: Pair[];
	frWords: string[];
	enWords: string[];
}

const FR_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH_RE = new RegExp(` (${FR_MONTHS.join('|')}) `);
const FR_STOP = new Set(
	'les des une dans pour avec sans entre vers chez dont cette ces son ses leur leurs notre nos votre vos elle ils elles nous vous pas plus moins très tout tous toute toutes aussi ainsi comme mais donc car lors afin été être avoir sont était fait faire sera seront même autres autre deux trois cela celle celui ceux celles après avant depuis jusqu plusieurs selon notamment également'.split(' ')
);
const EN_STOP = new Set('the and that this these those which with from into their they them there than then also such were been being have has had will would should could must while within between through during over under upon about against'.split(' '));

export function loadSeeds(): Seeds {
	const segFr = segmenterFor('fr-FR');
	const segEn = segmenterFor('en-GB');
	const sentences: Pair[] = [];
	for (const k of SEEDS) {
		const fr = cleanup(readFileSync(join(ROOT, 'segments', k, 'fr.txt'), 'utf8')).blocks;
		const en = cleanup(readFileSync(join(ROOT, 'segments', k, 'en.txt'), 'utf8')).blocks;
		for (let b = 0; b < Math.min(fr.length, en.length); b++) {
			const fs = segmentText(segFr, fr[b].text).map((s) => s.text.trim()).filter(Boolean);
			const es = segmentText(segEn, en[b].text).map((s) => s.text.trim()).filter(Boolean);
			if (!fs.length || !es.length) continue;
			// same paragraph: sentence i ↔ the English sentence at the same relative position
			fs.forEach((s, i) => sentences.push({ fr: s, en: es[Math.min(es.length - 1, Math.floor((i * es.length) / fs.length))] }));
		}
	}
	// clauses: split at , ; : and dashes; clause i ↔ the English clause at the same relative position
	const clauses: Clause[] = [];
	const split = (s: string) => s.split(/(?<=[,;:])\s+|\s+[-–]\s+/u).map((c) => c.trim().replace(/[,;:]$/, '')).filter((c) => c.length > 2);
	for (const p of sentences) {
		const fc = split(p.fr);
		const ec = split(p.en);
		if (fc.length < 2 || !ec.length) continue;
		fc.forEach((c, i) =>
			clauses.push({ fr: c, en: ec[Math.min(ec.length - 1, Math.floor((i * ec.length) / fc.length))], first: i === 0, last: i === fc.length - 1 })
		);
	}
	// glossary terms: every French preferred/admitted form with an English preferred one
	const concepts = readTbx(readFileSync(join(ROOT, 'glossary', 'nato.tbx'), 'utf8'), 'glossary/nato.tbx');
	const terms: Pair[] = [];
	for (const c of concepts) {
		const ens = c.terms.filter((t) => t.lang.startsWith('en') && t.status === 'preferred');
		for (const f of c.terms.filter((t) => t.lang.startsWith('fr') && (t.status === 'preferred' || t.status === 'admitted'))) {
			const e = ens.find((x) => (x.type === 'acronym' || x.type === 'abbreviation') === (f.type === 'acronym' || f.type === 'abbreviation')) ?? ens[0];
			if (e && f.text.length < 70) terms.push({ fr: f.text, en: e.text });
		}
	}
	const words = (xs: string[], stop: Set<string>) => {
		const set = new Set<string>();
		for (const s of xs) for (const m of s.matchAll(/\p{L}{4,}/gu)) if (m[0] === m[0].toLowerCase() && !stop.has(m[0])) set.add(m[0]);
		return [...set].sort();
	};
	return {
		sentences,
		clauses,
		terms,
		frWords: words([...sentences.map((s) => s.fr), ...terms.map((t) => t.fr)], FR_STOP),
		enWords: words([...sentences.map((s) => s.en), ...terms.map((t) => t.en)], EN_STOP)
	};
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** 53-bit FNV-1a of a string (two 32-bit lanes): a compact key for the duplicate check. */
function hash53(s: string): number {
	let h1 = 0x811c9dc5;
	let h2 = 0x01000193 ^ s.length;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 0x01000193);
		h2 = Math.imul(h2 ^ c, 0x5bd1e995);
	}
	return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}

export interface CorpusStats {
	units: number;
	fresh: { seedSentence: number; recombined: number; short: number };
	variants: Record<string, number>;
	withTags: number;
	duplicatesAvoided: number;
	sourceChars: number;
	projects: number;
	/** content words replaced by a project's domain word */
	projectWordsUsed: number;
	distinctSources?: number;
}

export type VocabMode = 'open' | 'seeds';

/** The French and English word lists, letters only, shuffled for a seed (rank = Zipf rank). */
const lexicons = new Map<number, { fr: string[]; en: string[] }>();
function lexicon(seed: number): { fr: string[]; en: string[] } {
	const cached = lexicons.get(seed);
	if (cached) return cached;
	const require = createRequire(import.meta.url);
	const clean = (xs: string[]) => [...new Set(xs.filter((w) => /^\p{Ll}{4,}$/u.test(w)))].sort();
	const fr = clean(require('an-array-of-french-words') as string[]);
	const en = clean(require('an-array-of-english-words') as string[]);
	const rand = rng(seed);
	const shuffle = (xs: string[]) => {
		for (let i = xs.length - 1; i > 0; i--) {
			const j = Math.floor(rand() * (i + 1));
			[xs[i], xs[j]] = [xs[j], xs[i]];
		}
		return xs;
	};
	const lists = { fr: shuffle(fr), en: shuffle(en) };
	lexicons.set(seed, lists);
	return lists;
}

const termsCache = new WeakMap<Seeds, Map<string, number[]>>();

export interface CorpusGen {
	next(): TmUnit;
	stats: CorpusStats;
}

/** An endless, deterministic stream of units (call `next()` n times). */
export function corpusGenerator(seeds: Seeds, seed: number, vocab: VocabMode = 'open'): CorpusGen {
	const rand = rng(seed);
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
	const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
	const stats: CorpusStats = {
		units: 0,
		fresh: { seedSentence: 0, recombined: 0, short: 0 },
		variants: { oneWord: 0, twoWords: 0, wordAddedOrDropped: 0, case: 0, number: 0, punctuation: 0, clauseDropped: 0, retranslated: 0 },
		withTags: 0,
		duplicatesAvoided: 0,
		sourceChars: 0,
		projects: 0,
		projectWordsUsed: 0
	};
	// the terms found in each seed sentence / clause, both sides, for swapping
	const termRes = seeds.terms.map((t) => ({
		fr: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(t.fr)}(?![\\p{L}\\p{N}])`, 'u'),
		en: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(t.en)}(?![\\p{L}\\p{N}])`, 'u')
	}));
	let termsIn = termsCache.get(seeds);
	if (!termsIn) {
		termsIn = new Map<string, number[]>();
		for (const p of [...seeds.sentences, ...seeds.clauses]) {
			const found: number[] = [];
			termRes.forEach((r, i) => {
				if (r.fr.test(p.fr) && r.en.test(p.en)) found.push(i);
			});
			termsIn.set(p.fr, found);
		}
		termsCache.set(seeds, termsIn);
	}
	const termsOf = termsIn;
	const firsts = seeds.clauses.filter((c) => c.first);
	const mids = seeds.clauses.filter((c) => !c.first && !c.last);
	const lasts = seeds.clauses.filter((c) => c.last);
	const translators = ['amartin', 'bdubois', 'cleroy', 'dmoreau', 'esimon', 'flaurent', 'gmichel', 'hgarcia', 'idavid', 'jbertrand', 'kroux', 'lvincent'];

	// projects: a run of units with its own domain vocabulary (open mode) and its x-project prop
	const lex = vocab === 'open' ? lexicon(seed + 1) : null;
	const zipf = (size: number, c: number) => Math.min(size - 1, Math.floor(c * Math.pow((size + c) / c, rand()) - c));
	let project = { name: '', left: 0, fr: [] as string[], en: [] as string[] };
	function nextProject(): void {
		stats.projects++;
		const year = int(2005, 2024);
		project = { name: `NATO-${year}-${String(stats.projects).padStart(5, '0')}`, left: int(50, 600), fr: [], en: [] };
		if (!lex) return;
		const k = int(40, 160);
		for (let i = 0; i < k; i++) {
			const r = zipf(Math.min(lex.fr.length, lex.en.length), 50);
			project.fr.push(lex.fr[r]);
			project.en.push(lex.en[r]);
		}
	}
	// content words: space-separated lower-case words of 5+ letters (not a name, an elision, a compound, nor followed by punctuation)
	const CONTENT = /^\p{Ll}{5,}$/u;
	function projectWords(p: Pair): Pair {
		if (!project.fr.length) return p;
		const chosen: number[] = [];
		const fw = p.fr.split(' ');
		for (let i = 0; i < fw.length; i++) {
			if (rand() >= 0.3 || !CONTENT.test(fw[i]) || FR_STOP.has(fw[i])) continue;
			const k = zipf(project.fr.length, 2);
			chosen.push(k);
			fw[i] = project.fr[k];
		}
		if (!chosen.length) return p;
		stats.projectWordsUsed += chosen.length;
		// the English side: the paired words at English content-word spots
		const ew = p.en.split(' ');
		const share = chosen.length / Math.max(1, ew.length / 2.5);
		for (let i = 0, k = 0; i < ew.length && k < chosen.length; i++) if (rand() < share && CONTENT.test(ew[i]) && !EN_STOP.has(ew[i])) ew[i] = project.en[chosen[k++]];
		return { fr: fw.join(' '), en: ew.join(' ') };
	}

	function swapTerms(p: Pair): Pair {
		let { fr, en } = p;
		for (const i of termsOf.get(p.fr) ?? []) {
			if (rand() < 0.5) continue;
			const to = pick(seeds.terms);
			fr = fr.replace(termRes[i].fr, () => to.fr);
			en = en.replace(termRes[i].en, () => to.en);
		}
		return { fr, en };
	}

	function swapNumbers(p: Pair): Pair {
		let { fr, en } = p;
		const nums = [...new Set(fr.match(/\b\d+\b/g) ?? [])];
		for (const n of nums) {
			if (rand() < 0.3) continue;
			const v = String(/^(19|20)\d\d$/.test(n) ? int(1990, 2030) : int(1, n.length > 2 ? 2500 : 99));
			const re = new RegExp(`\\b${n}\\b`, 'g');
			fr = fr.replace(re, v);
			en = en.replace(re, v);
		}
		// written-out months: another date
		const mm = MONTH_RE.exec(fr);
		const m = mm ? FR_MONTHS.indexOf(mm[1]) : -1;
		if (m >= 0 && rand() < 0.7) {
			const to = int(0, 11);
			fr = fr.replace(` ${FR_MONTHS[m]} `, ` ${FR_MONTHS[to]} `);
			en = en.replace(` ${EN_MONTHS[m]} `, ` ${EN_MONTHS[to]} `);
		}
		return { fr, en };
	}

	const datePrefix = (): Pair => {
		const d = int(1, 28);
		const m = int(0, 11);
		const y = int(1995, 2024);
		const r = rand();
		if (r < 0.4) return { fr: `Le ${d === 1 ? '1er' : d} ${FR_MONTHS[m]} ${y}, `, en: `On ${d} ${EN_MONTHS[m]} ${y}, ` };
		if (r < 0.7) return { fr: `En ${y}, `, en: `In ${y}, ` };
		return { fr: `Lors de la réunion du ${d} ${FR_MONTHS[m]}, `, en: `At the meeting on ${d} ${EN_MONTHS[m]}, ` };
	};
	const lowerFirst = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) && !/^(?:OTAN|COR|FIAS|Alliance|Afghanistan|Europe|Russie|Géorgie|Ukraine|Bucarest|Kosovo)/u.test(s) ? s[0].toLowerCase() + s.slice(1) : s);
	const upperFirst = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);
	const endWith = (s: string, p: string) => s.replace(/[.;:,!?\s]*$/u, '') + p;

	function fresh(): Pair {
		return projectWords(freshSeed());
	}

	function freshSeed(): Pair {
		const r = rand();
		if (r < 0.3) {
			stats.fresh.seedSentence++;
			let p = swapNumbers(swapTerms(pick(seeds.sentences)));
			if (rand() < 0.2) {
				const d = datePrefix();
				p = { fr: d.fr + lowerFirst(p.fr), en: d.en + lowerFirst(p.en) };
			}
			return p;
		}
		if (r < 0.86) {
			stats.fresh.recombined++;
			const parts: Pair[] = [swapTerms(pick(firsts))];
			const k = pick([0, 0, 0, 0, 1, 1, 2]);
			for (let i = 0; i < k; i++) parts.push(swapTerms(pick(mids)));
			if (rand() < 0.7) parts.push(swapTerms(pick(lasts)));
			let fr = parts.map((p, i) => (i ? lowerFirst(p.fr) : p.fr)).join(', ');
			let en = parts.map((p, i) => (i ? lowerFirst(p.en) : p.en)).join(', ');
			if (rand() < 0.15) {
				const d = datePrefix();
				fr = d.fr + lowerFirst(fr);
				en = d.en + lowerFirst(en);
			}
			return swapNumbers({ fr: endWith(upperFirst(fr), '.'), en: endWith(upperFirst(en), '.') });
		}
		stats.fresh.short++;
		const t = pick(seeds.terms);
		const s = rand();
		if (s < 0.25) return { fr: upperFirst(t.fr), en: upperFirst(t.en) };
		if (s < 0.45) {
			const n = int(1, 60);
			return { fr: `Article ${n} : ${t.fr}`, en: `Article ${n}: ${t.en}` };
		}
		if (s < 0.6) {
			const n = int(1, 120);
			return { fr: `Voir le paragraphe ${n}.`, en: `See paragraph ${n}.` };
		}
		if (s < 0.8) {
			const c = swapTerms(pick(mids.length ? mids : seeds.clauses));
			return { fr: `– ${c.fr} ;`, en: `– ${c.en};` };
		}
		const d = int(1, 28);
		const m = int(0, 11);
		const y = int(1995, 2024);
		return { fr: `${upperFirst(t.fr)} – ${d} ${FR_MONTHS[m]} ${y}`, en: `${upperFirst(t.en)} – ${d} ${EN_MONTHS[m]} ${y}` };
	}

	/** The spans of words (letters) in a string. */
	const wordSpans = (s: string, min = 1) => [...s.matchAll(/\p{L}+/gu)].filter((m) => m[0].length >= min).map((m) => ({ at: m.index!, w: m[0] }));
	const replaceAt = (s: string, at: number, len: number, by: string) => s.slice(0, at) + by + s.slice(at + len);

	function changeWord(s: string, vocab: string[]): string {
		const ws = wordSpans(s, 4);
		if (!ws.length) return s;
		const w = pick(ws);
		let by = pick(vocab);
		if (/^\p{Lu}/u.test(w.w)) by = upperFirst(by);
		return replaceAt(s, w.at, w.w.length, by);
	}

	function variant(base: Pair): Pair {
		const r = rand();
		let { fr, en } = base;
		if (r < 0.25) {
			stats.variants.oneWord++;
			return { fr: changeWord(fr, seeds.frWords), en: changeWord(en, seeds.enWords) };
		}
		if (r < 0.37) {
			stats.variants.twoWords++;
			return { fr: changeWord(changeWord(fr, seeds.frWords), seeds.frWords), en: changeWord(changeWord(en, seeds.enWords), seeds.enWords) };
		}
		if (r < 0.49) {
			stats.variants.wordAddedOrDropped++;
			const ws = wordSpans(fr, 3);
			if (ws.length > 3 && rand() < 0.5) {
				const w = pick(ws.slice(1));
				fr = replaceAt(fr, w.at, w.w.length, '').replace(/\s{2,}/g, ' ').replace(/\s+([,.])/g, '$1');
			} else if (ws.length) {
				const w = pick(ws);
				fr = replaceAt(fr, w.at + w.w.length, 0, ` ${pick(['notamment', 'également', 'toutefois', 'en particulier', 'aussi', 'pleinement', 'effectivement'])}`);
			}
			return { fr, en: rand() < 0.5 ? changeWord(en, seeds.enWords) : en };
		}
		if (r < 0.59) {
			stats.variants.case++;
			const c = rand();
			if (c < 0.3 && fr.length < 90) return { fr: fr.toUpperCase(), en: en.toUpperCase() };
			const ws = wordSpans(fr, 4);
			if (!ws.length) return { fr: fr.toUpperCase(), en };
			const w = pick(ws);
			const by = /^\p{Lu}/u.test(w.w) ? w.w.toLowerCase() : upperFirst(w.w);
			return { fr: replaceAt(fr, w.at, w.w.length, by), en };
		}
		if (r < 0.71) {
			stats.variants.number++;
			const nums = fr.match(/\b\d+\b/g);
			if (nums) {
				const n = pick(nums);
				const v = String(Number(n) + int(1, 9));
				return { fr: fr.replace(new RegExp(`\\b${n}\\b`), v), en: en.replace(new RegExp(`\\b${n}\\b`), v) };
			}
			const n = int(2, 40);
			return { fr: endWith(fr, ` (paragraphe ${n}).`), en: endWith(en, ` (paragraph ${n}).`) };
		}
		if (r < 0.83) {
			stats.variants.punctuation++;
			const p = rand();
			if (p < 0.3) return { fr: /[.;]$/.test(fr) ? fr.slice(0, -1) : fr + '.', en };
			if (p < 0.5) return { fr: `« ${fr.replace(/\.$/, '')} »`, en: `“${en.replace(/\.$/, '')}”` };
			if (p < 0.75 && fr.includes(', ')) return { fr: fr.replace(', ', ' ; '), en: en.replace(', ', '; ') };
			return { fr: fr.replace(/\s*[.;]?$/, ' :'), en: en.replace(/\s*[.;]?$/, ':') };
		}
		if (r < 0.93) {
			stats.variants.clauseDropped++;
			const cut = fr.lastIndexOf(', ');
			const cutEn = en.lastIndexOf(', ');
			if (cut > 20) return { fr: endWith(fr.slice(0, cut), '.'), en: cutEn > 20 ? endWith(en.slice(0, cutEn), '.') : en };
			return { fr: endWith(fr, `, ${lowerFirst(pick(lasts).fr)}`), en: endWith(en, `, ${lowerFirst(pick(lasts).en)}`) };
		}
		stats.variants.retranslated++;
		return { fr, en: changeWord(en, seeds.enWords) };
	}

	const recent: Pair[] = [];
	const RECENT = 4000;
	const seen = new Set<number>();
	const start = Date.UTC(2005, 0, 1);
	const span = Date.UTC(2024, 11, 31) - start;
	const BOLD: InlineTag[] = [
		{ kind: 'bpt', attrs: { i: '1', type: 'bold' }, content: '&lt;b&gt;' },
		{ kind: 'ept', attrs: { i: '1' }, content: '&lt;/b&gt;' }
	];
	const PH: InlineTag[] = [{ kind: 'ph', attrs: { x: '1', type: 'image' }, content: '&lt;img src="logo.png"/&gt;' }];

	function next(): TmUnit {
		if (project.left-- <= 0) nextProject();
		let p: Pair;
		for (let attempt = 0; ; attempt++) {
			p = recent.length > 50 && rand() < 0.27 ? variant(pick(recent)) : fresh();
			const key = hash53(`${p.fr}\u0000${p.en}`);
			if (!seen.has(key) || attempt > 20) {
				seen.add(key);
				break;
			}
			stats.duplicatesAvoided++;
		}
		if (recent.length < RECENT) recent.push(p);
		else recent[Math.floor(rand() * RECENT)] = p;
		const i = stats.units++;
		stats.sourceChars += p.fr.length;
		// whole seconds, as TMX dates carry them
		const created = start + Math.floor(rand() * (span / 1000)) * 1000;
		const changed = rand() < 0.7 ? created : created + Math.floor(rand() * ((start + span - created) / 1000)) * 1000;
		const who = pick(translators);
		const u: TmUnit = {
			sourceLang: 'fr-FR',
			targetLang: 'en-GB',
			source: p.fr,
			target: p.en,
			origin: 'import',
			tuid: String(i + 1),
			createdAt: new Date(created).toISOString(),
			createdBy: who,
			changedAt: new Date(changed).toISOString(),
			changedBy: changed === created ? who : pick(translators),
			props: [{ type: 'x-project', value: project.name }]
		};
		if (rand() < 0.01) u.notes = ['Vérifié par le réviseur.'];
		const t = rand();
		if (t < 0.015) {
			// bold around the first long word of each side
			const bold = (s: string) => s.replace(/\p{L}{6,}/u, (w) => `\uE000${w}\uE001`);
			u.source = bold(u.source);
			u.target = bold(u.target);
			if (u.source.includes('\uE000')) u.sourceTags = BOLD;
			if (u.target.includes('\uE000')) u.targetTags = BOLD;
			stats.withTags++;
		} else if (t < 0.02) {
			u.source = `\uE000 ${u.source}`;
			u.target = `\uE000 ${u.target}`;
			u.sourceTags = PH;
			u.targetTags = PH;
			stats.withTags++;
		}
		return u;
	}

	return { next, stats };
}
