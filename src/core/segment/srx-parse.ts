import { SaxesParser } from 'saxes';
import { AtelierError } from '../errors.js';
import { MAX_XML_DEPTH, xmlAt } from '../formats/xml-guard.js';
import { reason, xmlReason } from '../formats/reason.js';

/** One `<rule>` of an SRX file, as written (Java/ICU regex syntax). */
export interface SrxRule {
	/** `LanguageRuleName#n`, n counting from 1 within its languagerule */
	id: string;
	languageRule: string;
	break: boolean;
	before: string;
	after: string;
	/** where the rule starts in its file, for error messages and the rule tester */
	line: number;
	file?: string;
}

export interface SrxLanguageMap {
	pattern: string;
	languageRule: string;
	line: number;
}

export interface SrxDocument {
	file?: string;
	version: string;
	cascade: boolean;
	languageRules: Map<string, SrxRule[]>;
	maps: SrxLanguageMap[];
}

/**
 * Reads SRX 1.0 and 2.0 (LISA/GALA) as OmegaT, Okapi and LanguageTool write them.
 * Unknown elements and attributes (Okapi's `okpsrx:` extensions, `formathandle`) are
 * ignored, as the standard allows. DTDs and entities are refused: an SRX file is data
 * and must not reach outside itself.
 */
export function parseSrx(xml: string, file?: string): SrxDocument {
	const parser = new SaxesParser({ xmlns: false, position: true });
	const doc: SrxDocument = { file, version: '', cascade: false, languageRules: new Map(), maps: [] };
	const stack: string[] = [];
	let currentRuleName: string | null = null;
	let currentRule: { break: boolean; before: string; after: string; line: number } | null = null;
	let textTarget: 'before' | 'after' | null = null;
	let sawRoot = false;
	const fail = (why: string): never => {
		throw new AtelierError('srx_invalid', { reason: why }, { file, ...xmlAt(parser) });
	};

	parser.on('doctype', () => fail(reason('doctype')));
	parser.on('opentag', (tag) => {
		const name = localName(tag.name);
		const attrs = tag.attributes as Record<string, string>;
		if (stack.length === 0) {
			if (name !== 'srx') fail(reason('wrongRoot', { root: tag.name, expected: 'srx' }));
			sawRoot = true;
			doc.version = attrs.version ?? '';
		}
		if (stack.length >= MAX_XML_DEPTH) throw new AtelierError('xml_too_deep', { limit: MAX_XML_DEPTH, part: `<${tag.name}>` }, { file, ...xmlAt(parser) });
		stack.push(name);
		switch (name) {
			case 'header':
				doc.cascade = (attrs.cascade ?? 'yes') === 'yes';
				break;
			case 'languagerule':
				currentRuleName = attrs.languagerulename ?? fail(reason('withoutAttribute', { tag: 'languagerule', attribute: 'languagerulename' }));
				if (!doc.languageRules.has(currentRuleName!)) doc.languageRules.set(currentRuleName!, []);
				break;
			case 'rule':
				if (currentRuleName == null) fail(reason('outside', { tag: 'rule', parent: 'languagerule' }));
				currentRule = { break: (attrs.break ?? 'yes') !== 'no', before: '', after: '', line: parser.line };
				break;
			case 'beforebreak':
				textTarget = 'before';
				break;
			case 'afterbreak':
				textTarget = 'after';
				break;
			case 'languagemap':
				doc.maps.push({
					pattern: attrs.languagepattern ?? fail(reason('withoutAttribute', { tag: 'languagemap', attribute: 'languagepattern' })),
					languageRule: attrs.languagerulename ?? fail(reason('withoutAttribute', { tag: 'languagemap', attribute: 'languagerulename' })),
					line: parser.line
				});
				break;
		}
	});
	parser.on('text', (t) => {
		if (textTarget && currentRule) currentRule[textTarget] += t;
	});
	parser.on('cdata', (t) => {
		if (textTarget && currentRule) currentRule[textTarget] += t;
	});
	parser.on('closetag', (tag) => {
		const name = localName(tag.name);
		stack.pop();
		if (name === 'beforebreak' || name === 'afterbreak') textTarget = null;
		else if (name === 'rule' && currentRule && currentRuleName) {
			const list = doc.languageRules.get(currentRuleName)!;
			list.push({
				id: `${currentRuleName}#${list.length + 1}`,
				languageRule: currentRuleName,
				break: currentRule.break,
				before: currentRule.before,
				after: currentRule.after,
				line: currentRule.line,
				file
			});
			currentRule = null;
		} else if (name === 'languagerule') currentRuleName = null;
	});
	try {
		parser.write(xml).close();
	} catch (e) {
		if (e instanceof AtelierError) throw e;
		throw new AtelierError('srx_invalid', { reason: xmlReason(e instanceof Error ? e.message : String(e)) }, { file, ...xmlAt(parser) });
	}
	if (!sawRoot) fail(reason('missingElement', { tag: 'srx' }));
	for (const m of doc.maps) {
		if (!doc.languageRules.has(m.languageRule))
			throw new AtelierError(
				'srx_invalid',
				{ reason: reason('unknownLanguageRule', { name: m.languageRule }) },
				{ file, line: m.line }
			);
	}
	return doc;
}

function localName(qname: string): string {
	const i = qname.indexOf(':');
	return i < 0 ? qname : qname.slice(i + 1);
}
