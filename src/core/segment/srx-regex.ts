/**
 * SRX rules are written in ICU/Java regex syntax (OmegaT and Okapi files use Java's).
 * JavaScript's `u` mode is close but stricter, so each pattern is rewritten here:
 * Java-only escapes become their JS equivalents, `\Q…\E` quoting is expanded, possessive
 * quantifiers and atomic groups become ordinary ones (only used here inside lookarounds,
 * where the difference cannot change whether a position matches in practice), and a
 * leading `(?i)` becomes the `i` flag. Anything we cannot translate faithfully is an
 * error naming the construct, rather than a rule that silently means something else.
 */
export interface TranslatedRegex {
	source: string;
	ignoreCase: boolean;
}

export class RegexTranslationError extends Error {
	constructor(
		message: string,
		readonly column: number
	) {
		super(message);
	}
}

const JAVA_PROPERTY: Record<string, string> = {
	javaLowerCase: '\\p{Ll}',
	javaUpperCase: '\\p{Lu}',
	javaWhitespace: '\\s',
	javaLetter: '\\p{L}',
	javaDigit: '\\p{Nd}',
	javaLetterOrDigit: '[\\p{L}\\p{Nd}]',
	Lower: '[a-z]',
	Upper: '[A-Z]',
	Alpha: '[a-zA-Z]',
	Digit: '[0-9]',
	Alnum: '[a-zA-Z0-9]',
	Punct: '[!-\\/:-@\\[-`{-~]',
	Space: '\\s',
	Blank: '[ \\t]',
	IsAlphabetic: '\\p{Alphabetic}',
	IsLetter: '\\p{L}',
	IsUppercase: '\\p{Uppercase}',
	IsLowercase: '\\p{Lowercase}',
	IsDigit: '\\p{Nd}',
	IsWhite_Space: '\\s',
	IsPunctuation: '\\p{P}'
};

/** The same property inside a character class: drop the brackets of a bracketed form. */
function inClass(expansion: string): string {
	return expansion.startsWith('[') && expansion.endsWith(']') ? expansion.slice(1, -1) : expansion;
}

const SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));
const HORIZONTAL_SPACE = ' \\t\\u00A0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000';

function escapeLiteral(ch: string, insideClass: boolean): string {
	if (SYNTAX.has(ch) || (insideClass && ch === '-')) return '\\' + ch;
	return ch;
}

export function translateJavaRegex(pattern: string): TranslatedRegex {
	let src = pattern;
	let ignoreCase = false;
	const lead = /^\(\?([a-zA-Z]+)\)/.exec(src);
	if (lead) {
		for (const f of lead[1]) {
			if (f === 'i') ignoreCase = true;
			else if (f === 'u' || f === 'U') continue; // Unicode case folding: JS `u` mode already does this
			else throw new RegexTranslationError(`unsupported inline flag (?${f})`, 1);
		}
		src = src.slice(lead[0].length);
	}
	const offset = pattern.length - src.length;
	let out = '';
	let classDepth = 0;
	for (let i = 0; i < src.length; i++) {
		const ch = src[i];
		const col = offset + i + 1;
		if (ch === '\\') {
			const next = src[i + 1];
			if (next === undefined) throw new RegexTranslationError('pattern ends with a backslash', col);
			if (next === 'Q') {
				const end = src.indexOf('\\E', i + 2);
				const lit = src.slice(i + 2, end < 0 ? src.length : end);
				for (const c of lit) out += escapeLiteral(c, classDepth > 0);
				i = end < 0 ? src.length : end + 1;
				continue;
			}
			if (next === 'p' || next === 'P') {
				const m = /^\{([^}]+)\}/.exec(src.slice(i + 2));
				if (m) {
					const name = m[1].replace(/^Is(?=L[ultmo]?$|N[dlo]?$|P[cdseifo]?$|S[mcko]?$|Z[slp]?$)/, '');
					const java = JAVA_PROPERTY[name];
					let exp: string;
					if (java) {
						exp = classDepth > 0 ? inClass(java) : java;
						if (next === 'P') {
							if (classDepth > 0) throw new RegexTranslationError(`\\P{${name}} inside a class`, col);
							exp = java.startsWith('\\p{') ? '\\P' + java.slice(2) : `[^${inClass(java)}]`;
						}
					} else if (/^In[A-Z]/.test(name)) {
						throw new RegexTranslationError(`Unicode block \\${next}{${name}} is not supported`, col);
					} else {
						exp = `\\${next}{${name}}`;
					}
					out += exp;
					i += 2 + m[0].length - 1;
					continue;
				}
			}
			if (next === 'h') {
				out += classDepth > 0 ? HORIZONTAL_SPACE : `[${HORIZONTAL_SPACE}]`;
				i++;
				continue;
			}
			if (next === 'A') {
				out += '^';
				i++;
				continue;
			}
			if (next === 'Z' || next === 'z') {
				out += '$';
				i++;
				continue;
			}
			if (/[a-zA-Z0-9]/.test(next)) {
				// \d \s \w \b \B \n \t \uXXXX \xHH \1 … mean the same in both dialects
				if ('GRXKEe'.includes(next)) throw new RegexTranslationError(`unsupported escape \\${next}`, col);
				out += '\\' + next;
				i++;
				continue;
			}
			// Java lets any punctuation be escaped; JS `u` mode only syntax characters
			out += escapeLiteral(next, classDepth > 0);
			i++;
			continue;
		}
		if (ch === '[') {
			if (classDepth > 0) {
				if (src[i + 1] === ':') throw new RegexTranslationError('POSIX bracket classes are not supported', col);
				throw new RegexTranslationError('nested character classes (union/intersection) are not supported', col);
			}
			classDepth++;
			out += ch;
			if (src[i + 1] === '^') {
				out += '^';
				i++;
			}
			if (src[i + 1] === ']') {
				out += '\\]';
				i++;
			}
			continue;
		}
		if (ch === ']' && classDepth > 0) {
			classDepth--;
			out += ch;
			continue;
		}
		if (classDepth > 0) {
			if (ch === '&' && src[i + 1] === '&') throw new RegexTranslationError('class intersection && is not supported', col);
			out += ch === '/' ? '\\/' : ch;
			continue;
		}
		if (ch === '(' && src[i + 1] === '?') {
			const rest = src.slice(i + 2);
			if (rest.startsWith('>')) {
				out += '(?:';
				i += 2;
				continue;
			}
			if (/^[a-zA-Z-]+[:)]/.test(rest)) throw new RegexTranslationError('inline flag groups are not supported', col);
		}
		if ((ch === '+' || ch === '?' || ch === '*' || ch === '}') && src[i + 1] === '+') {
			out += ch; // possessive → greedy
			i++;
			continue;
		}
		out += ch;
	}
	if (classDepth > 0) throw new RegexTranslationError('unterminated character class', pattern.length);
	return { source: out, ignoreCase };
}
