import { primaryLang } from '../lang.js';

/**
 * Inflected forms of a verb given in its base form (the glossary's citation form), for the
 * recognition index: a glossary verb `recognise` must meet `recognised`, `reconnaître` must
 * meet `reconnu`. Rules, not a dictionary: English regular inflection (with the final-e,
 * y→ie and doubled-consonant spellings), French regular `-er` (with `-cer`/`-ger`), `-ir`
 * (second group), `-aître`/`-oître` and `-dre` conjugations. Forms the light plural stem
 * already meets (`recognises`) may be returned too; the caller keeps the new keys only.
 */
export function verbForms(verb: string, lang: string): string[] {
	const w = verb.toLowerCase();
	return primaryLang(lang) === 'fr' ? frenchForms(w) : primaryLang(lang) === 'en' ? englishForms(w) : [];
}

const VOWELS = 'aeiou';
const isVowel = (c: string | undefined) => c !== undefined && VOWELS.includes(c);

function englishForms(w: string): string[] {
	if (w.length < 3 || !/^[a-z]+$/.test(w)) return [];
	const out: string[] = [];
	if (w.endsWith('ie')) out.push(`${w}s`, `${w}d`, `${w.slice(0, -2)}ying`); // tie → ties, tied, tying
	else if (w.endsWith('ee')) out.push(`${w}s`, `${w}d`, `${w}ing`); // agree
	else if (w.endsWith('e')) out.push(`${w}s`, `${w}d`, `${w.slice(0, -1)}ing`); // recognise
	else if (w.endsWith('y') && !isVowel(w[w.length - 2])) out.push(`${w.slice(0, -1)}ies`, `${w.slice(0, -1)}ied`, `${w}ing`); // apply
	else {
		out.push(/(?:s|sh|ch|x|z|o)$/.test(w) ? `${w}es` : `${w}s`, `${w}ed`, `${w}ing`);
		// consonant–vowel–consonant: the last consonant is doubled in stressed endings (plan →
		// planned, commit → committed) but not in others (offer → offered); both spellings are
		// taken, as a wrong one is not a word that could be met by chance
		const [a, b, c] = w.slice(-3);
		if (!isVowel(a) && isVowel(b) && !isVowel(c) && !'wxy'.includes(c)) out.push(`${w}${c}ed`, `${w}${c}ing`);
	}
	return out;
}

const FR_ER = ['e', 'es', 'ent', 'ons', 'ez', 'é', 'ée', 'és', 'ées', 'ais', 'ait', 'ions', 'iez', 'aient', 'ant', 'erai', 'eras', 'era', 'erons', 'erez', 'eront', 'erais', 'erait', 'erions', 'eraient', 'a', 'èrent'];
const FR_IR = ['is', 'it', 'issons', 'issez', 'issent', 'i', 'ie', 'ies', 'issais', 'issait', 'issions', 'issaient', 'issant', 'irai', 'ira', 'irons', 'irez', 'iront', 'irait', 'iraient', 'isse'];
const FR_AITRE = ['ais', 'aît', 'ait', 'aissons', 'aissez', 'aissent', 'u', 'ue', 'us', 'ues', 'aissais', 'aissait', 'aissions', 'aissaient', 'aissant', 'aîtrai', 'aîtra', 'aîtrons', 'aîtront', 'aîtrait', 'aîtraient', 'aisse', 'aissent'];
const FR_DRE = ['s', '', 'ons', 'ez', 'ent', 'u', 'ue', 'us', 'ues', 'ais', 'ait', 'ions', 'aient', 'ant', 'rai', 'ra', 'rons', 'ront', 'rait', 'raient', 'e'];

function frenchForms(w: string): string[] {
	if (w.length < 4) return [];
	if (w.endsWith('aître') || w.endsWith('oître')) {
		const stem = w.slice(0, -5);
		const v = w.slice(-5, -4); // a (connaître) or o (accroître)
		return FR_AITRE.map((e) => (e.startsWith('a') ? stem + v + e.slice(1) : stem + e));
	}
	if (w.endsWith('er')) {
		const stem = w.slice(0, -2);
		return FR_ER.map((e) => {
			// renforcer → renforçons, encourager → encourageons: the c and g keep their sound before a and o
			if (/^[aoâ]/.test(e) && stem.endsWith('c')) return `${stem.slice(0, -1)}ç${e}`;
			if (/^[aoâ]/.test(e) && stem.endsWith('g')) return `${stem}e${e}`;
			return stem + e;
		});
	}
	if (w.endsWith('ir')) return FR_IR.map((e) => w.slice(0, -2) + e);
	if (/[^r]dre$/.test(w) && !w.endsWith('prendre')) return FR_DRE.map((e) => w.slice(0, -2) + e);
	return [];
}
