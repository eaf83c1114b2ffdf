/**
 * Numbers written in words, roman numerals and month names: they may stand for a number
 * written in digits on the other side (`deux` / `2`, `XXIe siècle` / `21st century`,
 * `avril` / `04`), so they excuse a difference but are never required themselves.
 */

const FR: Record<string, number> = {
	zéro: 0, un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10,
	onze: 11, douze: 12, treize: 13, quatorze: 14, quinze: 15, seize: 16, vingt: 20, vingts: 20, trente: 30, quarante: 40,
	cinquante: 50, soixante: 60, cent: 100, cents: 100, mille: 1000, million: 1e6, millions: 1e6, milliard: 1e9, milliards: 1e9,
	premier: 1, première: 1, premiers: 1, premières: 1, second: 2, seconde: 2, douzaine: 12, centaine: 100, millier: 1000, milliers: 1000, moitié: 50
};

const EN: Record<string, number> = {
	zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
	twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
	twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100,
	thousand: 1000, million: 1e6, billion: 1e9, dozen: 12, first: 1, second: 2, third: 3, fifth: 5, eighth: 8, ninth: 9,
	twelfth: 12, single: 1, twice: 2, double: 2, triple: 3, half: 50, both: 2
};

export const MONTHS: Record<string, number> = {
	janvier: 1, février: 2, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, août: 8, aout: 8, septembre: 9, octobre: 10, novembre: 11, décembre: 12, decembre: 12,
	january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12
};

// German, for the German–French development data and German sources: a few words, enough to excuse
const DE: Record<string, number> = {
	null: 0, ein: 1, eine: 1, eins: 1, zwei: 2, drei: 3, vier: 4, fünf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9, zehn: 10,
	elf: 11, zwölf: 12, zwanzig: 20, dreissig: 30, dreißig: 30, vierzig: 40, fünfzig: 50, sechzig: 60, siebzig: 70, achtzig: 80,
	neunzig: 90, hundert: 100, tausend: 1000, million: 1e6, millionen: 1e6, milliarde: 1e9, milliarden: 1e9, erste: 1, ersten: 1, zweite: 2, zweiten: 2, dritte: 3, dritten: 3
};

const own = (table: Record<string, number>, k: string) => (Object.hasOwn(table, k) ? table[k] : undefined);

function simple(w: string): number | undefined {
	if (Object.hasOwn(FR, w)) return FR[w];
	if (Object.hasOwn(EN, w)) return EN[w];
	if (Object.hasOwn(DE, w)) return DE[w];
	// plurals of fractions and ordinals: `thirds`, `tiers`
	if (w.length > 4 && w.endsWith('s') && (own(EN, w.slice(0, -1)) ?? own(FR, w.slice(0, -1))) !== undefined) return own(EN, w.slice(0, -1)) ?? own(FR, w.slice(0, -1));
	// French ordinals: `troisième`, `neuvième`, `cinquième`, `vingt-et-unième`
	if (w.endsWith('ième') || w.endsWith('ieme')) {
		const stem = w.slice(0, -4);
		for (const c of [stem, `${stem}e`, stem.replace(/v$/, 'f'), stem.replace(/qu$/, 'q')]) if (Object.hasOwn(FR, c)) return FR[c];
		if (stem === 'un') return 1;
	}
	// English ordinals: `fourth`, `twentieth`, `hundredth`
	if (w.endsWith('ieth')) return own(EN, `${w.slice(0, -4)}y`);
	if (w.endsWith('th')) return own(EN, w.slice(0, -2)) ?? own(EN, `${w.slice(0, -2)}e`) ?? own(EN, w.slice(0, -1));
	return undefined;
}

/** `dix-sept`, `quatre-vingt-dix`, `twenty-first`, `deux-cents`: the value, or undefined when a part is not a number. */
export function wordValue(word: string): number | undefined {
	const w = word.toLowerCase();
	const whole = simple(w);
	if (whole !== undefined) return whole;
	if (!w.includes('-')) return undefined;
	const parts = w.split('-').filter((p) => p !== 'et' && p !== 'and');
	if (parts.length < 2) return undefined;
	let total = 0;
	let current = 0;
	for (let i = 0; i < parts.length; i++) {
		const p = parts[i];
		if (p === 'quatre' && /^vingts?$|^vingtième$/.test(parts[i + 1] ?? '')) {
			current += 80;
			i++;
			continue;
		}
		const v = simple(p);
		if (v === undefined) return undefined;
		if (v === 100) current = (current || 1) * 100;
		else if (v >= 1000) {
			total += (current || 1) * v;
			current = 0;
		} else current += v;
	}
	return total + current;
}

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };

/** A well-formed roman numeral's value (`XXI` → 21; `IIX`, `CIMIC` → undefined). */
export function romanValue(s: string): number | undefined {
	if (!/^[IVXLCDM]+$/.test(s)) return undefined;
	let v = 0;
	for (let i = 0; i < s.length; i++) {
		const a = ROMAN[s[i]];
		const b = ROMAN[s[i + 1]] ?? 0;
		v += a < b ? -a : a;
	}
	return toRoman(v) === s ? v : undefined;
}

function toRoman(n: number): string {
	const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
	let out = '';
	for (const [v, r] of table) while (n >= v) (out += r), (n -= v);
	return out;
}

const WORD = /[\p{L}]+(?:['’-][\p{L}]+)*/gu;
const ROMAN_START = new Set('IVXLCDM');

/** Every value a text writes without digits: number words and roman numerals (`XXIe`, `Partie II`). */
export function softNumbers(text: string): Set<number> {
	const out = new Set<number>();
	for (const m of text.matchAll(WORD)) {
		const w = m[0];
		if (w.length > 30) continue;
		const v = wordValue(w);
		if (v !== undefined) out.add(v);
		// roman numerals: two letters or more (a lone `I` is the English pronoun), or one with an ordinal ending (`Ier`, `Ve`)
		if (!ROMAN_START.has(w[0])) continue;
		const r = /^([IVXLCDM]+)(e|er|re|ème|eme)?$/.exec(w);
		if (r && (r[1].length >= 2 || r[2] || /^[VX]$/.test(r[1]))) {
			const rv = romanValue(r[1]);
			if (rv !== undefined) out.add(rv);
		}
	}
	return out;
}

/** The months a text names (`avril`, `April`; English month names only with their capital, `may` is a verb). */
export function monthNumbers(text: string): number[] {
	const out: number[] = [];
	for (const m of text.matchAll(WORD)) {
		const lower = m[0].toLowerCase();
		if (!Object.hasOwn(MONTHS, lower)) continue;
		if (/^[a-z]/.test(m[0]) && /^(?:january|february|march|april|may|june|july|august|september|october|november|december)$/.test(lower)) continue;
		out.push(MONTHS[lower]);
	}
	return out;
}
