/**
 * Why a file was refused, as a translatable reference instead of English text: an error's
 * `reason` param holds `$t(reasons.KEY, {vars})` (i18next nesting syntax), which
 * `errorMessage` (src/lib/i18n) resolves in the reader's language. Messages of the
 * libraries we parse with (saxes, JSZip, mammoth, RegExp) are mapped to such keys; one we
 * do not know becomes a generic translated reason with the original text in parentheses,
 * so a French reader never gets a bare English sentence.
 */

export type ReasonVars = Record<string, string | number>;

/** A reason param for the key `reasons.<key>`. */
export function reason(key: string, vars: ReasonVars = {}): string {
	return Object.keys(vars).length ? `$t(reasons.${key}, ${JSON.stringify(vars)})` : `$t(reasons.${key})`;
}

/** Matches what `reason` produces (the whole param, never a fragment of user text). */
export const REASON_REF = /^\$t\((reasons\.[A-Za-z0-9_.]+)(?:, (\{[\s\S]*\}))?\)$/;

type Rule = [RegExp, string, (m: RegExpExecArray) => ReasonVars];
const none = () => ({});

// saxes's `this.fail("…")` messages (node_modules/saxes/saxes.js)
const XML_RULES: Rule[] = [
	[/^unclosed tag: (.+)$/, 'xml.unclosedTag', (m) => ({ tag: m[1] })],
	[/^unmatched closing tag: (.+)$/, 'xml.unmatchedCloseTag', (m) => ({ tag: m[1] })],
	[/^unexpected close tag$/, 'xml.unexpectedCloseTag', none],
	[/^weird empty close tag$/, 'xml.unexpectedCloseTag', none],
	[/^unexpected end$/, 'xml.unexpectedEnd', none],
	[/^text data outside of root node$/, 'xml.textOutsideRoot', none],
	[/^document must contain a root element$/, 'xml.noRoot', none],
	[/^documents may contain only one root$/, 'xml.oneRoot', none],
	[/^duplicate attribute: (.+)$/, 'xml.duplicateAttribute', (m) => ({ name: m[1] })],
	[/^undefined entity$/, 'xml.undefinedEntity', none],
	[/^malformed character entity$/, 'xml.malformedCharEntity', none],
	[/^empty entity name$/, 'xml.malformedEntity', none],
	[/^disallowed character in entity name$/, 'xml.malformedEntity', none],
	[/^disallowed character/, 'xml.disallowedCharacter', none],
	[/^attribute without value$/, 'xml.attributeWithoutValue', none],
	[/^unquoted attribute value$/, 'xml.unquotedAttribute', none],
	[/^no whitespace between attributes$/, 'xml.noSpaceBetweenAttributes', none],
	[/^forward-slash in opening tag not followed by >$/, 'xml.badSelfClosing', none],
	[/^malformed comment$/, 'xml.malformedComment', none],
	[/^malformed name: (.*)$/, 'xml.malformedName', (m) => ({ name: m[1] })],
	[/^unbound namespace prefix: "?(.*?)"?$/, 'xml.unboundPrefix', (m) => ({ prefix: m[1] })],
	[/^inappropriately located doctype declaration$/, 'xml.misplacedDoctype', none],
	[/^the string "\]\]>" is disallowed in char data$/, 'xml.cdataEnd', none],
	[/XML declaration|processing instruction|^version number|^encoding value|^standalone value|^value (required|must be quoted)|^whitespace required|^expected (the name|one of)|^did not expect any more name\/value pairs/i, 'xml.badDeclaration', none],
	[/^incorrect syntax$/, 'xml.incorrectSyntax', none]
];

function mapped(rules: Rule[], text: string, fallback: string): string {
	for (const [re, key, vars] of rules) {
		const m = re.exec(text);
		if (m) return reason(key, vars(m));
	}
	return reason(fallback, { detail: text });
}

/** A saxes error message (with or without its "file:line:col: " prefix) as a reason. */
export function xmlReason(message: string): string {
	const text = message.replace(/^(?:[^:\n]*:)?\d+:\d+: /, '').trim().replace(/\.$/, '');
	return mapped(XML_RULES, text, 'xml.notWellFormed');
}

// JSZip and mammoth, reading a .docx
const DOCX_RULES: Rule[] = [
	[/Corrupted zip|end of central directory|is this a zip file|Can't read the data|compression|Invalid\/unsupported/i, 'docx.corruptZip', none],
	[/Could not find main document part/i, 'docx.noMainPart', none],
	[/Could not find the body element/i, 'docx.noBody', none],
	// xmldom's wording says nothing more useful than this, and only in English
	[/xmldom|parse error|unclosed|not well-formed/i, 'xml.malformed', none]
];

/** A JSZip or mammoth error message as a reason. */
export function docxReason(message: string): string {
	return mapped(DOCX_RULES, message.split('\n')[0].replace(/\t/g, ' ').trim(), 'docx.unreadable');
}

// V8's "Invalid regular expression: /…/flags: Message"
const REGEX_RULES: Rule[] = [
	[/Unterminated group/i, 'regex.unterminatedGroup', none],
	[/Unterminated character class/i, 'regex.unterminatedClass', none],
	[/Nothing to repeat/i, 'regex.nothingToRepeat', none],
	[/Unmatched '\)'/i, 'regex.unmatchedParen', none],
	[/Lone quantifier brackets/i, 'regex.loneBracket', none],
	[/numbers out of order|Incomplete quantifier/i, 'regex.badQuantifier', none],
	[/Range out of order/i, 'regex.badRange', none],
	[/Invalid (escape|Unicode escape|unicode escape|property name|class escape)|\\ at end of pattern/i, 'regex.badEscape', none],
	[/capture group name|named reference|Duplicate capture group/i, 'regex.badGroupName', none],
	[/Invalid group/i, 'regex.badGroup', none]
];

/** A JavaScript RegExp syntax error as a reason. */
export function regexReason(message: string): string {
	const text = message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '');
	return mapped(REGEX_RULES, text, 'regex.invalid');
}

// srx-regex.ts's RegexTranslationError (a Java pattern we cannot run)
const SRX_REGEX_RULES: Rule[] = [
	[/^unsupported inline flag \((.*)\)$/, 'srxRegex.inlineFlag', (m) => ({ flag: m[1] })],
	[/^inline flag groups are not supported$/, 'srxRegex.inlineFlag', () => ({ flag: '(?…)' })],
	[/^pattern ends with a backslash$/, 'regex.badEscape', none],
	[/^(\\P\{.*\}) inside a class$/, 'srxRegex.notInClass', (m) => ({ what: m[1] })],
	[/^Unicode block (.*) is not supported$/, 'srxRegex.unsupported', (m) => ({ what: m[1] })],
	[/^unsupported escape (.*)$/, 'srxRegex.unsupported', (m) => ({ what: m[1] })],
	[/^POSIX bracket classes are not supported$/, 'srxRegex.unsupported', () => ({ what: '[[:…:]]' })],
	[/^nested character classes/, 'srxRegex.unsupported', () => ({ what: '[…[…]]' })],
	[/^class intersection && is not supported$/, 'srxRegex.unsupported', () => ({ what: '&&' })],
	[/^unterminated character class$/, 'regex.unterminatedClass', none]
];

/** srx-regex.ts's translation error messages as a reason. */
export function srxRegexReason(message: string): string {
	return mapped(SRX_REGEX_RULES, message, 'regex.invalid');
}

/** A file-system error (reading a file the user named) as a reason. */
export function fsReason(e: unknown): string {
	const code = (e as NodeJS.ErrnoException)?.code;
	if (code === 'ENOENT') return reason('fileNotFound');
	if (code === 'EACCES' || code === 'EPERM') return reason('permissionDenied');
	return reason('cannotRead', { detail: code ?? String((e as Error)?.message ?? e) });
}
