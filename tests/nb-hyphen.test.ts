import { join } from 'node:path';
import JSZip from 'jszip';
import { Document, Packer, Paragraph } from 'docx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TmUnit } from '../src/core/model.js';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { tempDir } from './helpers/db.js';

const fr = { sourceLang: 'fr-FR', targetLang: 'en-GB' };
const NB = '\u2011'; // Word's non-breaking hyphen (w:noBreakHyphen), as mammoth reads it
const HY = '\u2010'; // HYPHEN

let wb: Workbench;
let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
	dir = tempDir();
	wb = createWorkbench({ dbPath: join(dir.dir, 'atelier.sqlite') });
});
afterEach(() => {
	wb.close();
	dir.remove();
});

const unit = (source: string, target: string): TmUnit => ({ ...fr, source, target, origin: 'import' });

/** A paragraph whose hyphen Word stores as `<w:noBreakHyphen/>`, not as a character. */
async function nbHyphenDocx(): Promise<Buffer> {
	const buf = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Le Conseil OTAN@Russie se réunit.')] }] }));
	const zip = await JSZip.loadAsync(buf);
	const xml = await zip.file('word/document.xml')!.async('string');
	expect(xml).toContain('OTAN@Russie');
	zip.file('word/document.xml', xml.replace('OTAN@Russie', 'OTAN</w:t><w:noBreakHyphen/><w:t xml:space="preserve">Russie'));
	return zip.generateAsync({ type: 'nodebuffer' });
}

describe('non-breaking hyphen (U+2011) and hyphen (U+2010)', () => {
	it('a DOCX keeps the non-breaking hyphen in the segment text', async () => {
		const res = await wb.importDocument({ bytes: await nbHyphenDocx(), file: 'otan.docx', ...fr });
		const seg = wb.getDocument(res.id)!.paragraphsList[0].segments[0];
		expect(seg.source).toBe(`Le Conseil OTAN${NB}Russie se réunit.`);
	});

	it('a TM lookup with U+2011 or U+2010 finds the unit written with a plain hyphen as exact', () => {
		wb.tm.add([unit('Conseil OTAN-Russie', 'NATO-Russia Council')]);
		for (const h of [NB, HY]) {
			const [m] = wb.tm.lookup(`Conseil OTAN${h}Russie`, { ...fr, threshold: 50, limit: 5 });
			expect(m?.score).toBe(100);
			expect(m?.kind).toBe('exact');
			expect(m?.unit.target).toBe('NATO-Russia Council');
		}
	});

	it('a unit stored with U+2011 keeps its character and is still found as exact by the same text', () => {
		wb.tm.add([unit(`Conseil OTAN${NB}Russie`, `NATO${NB}Russia Council`)]);
		const [m] = wb.tm.lookup(`Conseil OTAN${NB}Russie`, { ...fr, threshold: 50, limit: 5 });
		expect(m?.kind).toBe('exact');
		expect(m?.unit.source).toBe(`Conseil OTAN${NB}Russie`);
		expect(m?.unit.target).toBe(`NATO${NB}Russia Council`);
		// the other way round too: a plain hyphen in the segment, U+2011 in the memory
		const [p] = wb.tm.lookup('Conseil OTAN-Russie', { ...fr, threshold: 50, limit: 5 });
		expect([p?.score, p?.kind, p?.unit.source]).toEqual([100, 'exact', `Conseil OTAN${NB}Russie`]);
		// and the hyphen shape is no punctuation difference in a fuzzy match
		const [f] = wb.tm.lookup('Le Conseil OTAN-Russie', { ...fr, threshold: 50, limit: 5 });
		expect(f?.penalties).toEqual([]);
	});

	it('the stored keys do not change: a unit with U+2011 is a distinct unit from the one with -, as before', () => {
		wb.tm.add([unit(`Conseil OTAN${NB}Russie`, 'NATO-Russia Council'), unit('Conseil OTAN-Russie', 'NATO-Russia Council')]);
		expect([...wb.tm.iterate()].map((u) => u.source).sort()).toEqual(['Conseil OTAN-Russie', `Conseil OTAN${NB}Russie`]);
		// both are found as exact by either spelling, the one written the same way first
		const m = wb.tm.lookup(`Conseil OTAN${NB}Russie`, { ...fr, threshold: 50, limit: 5 });
		expect(m.map((x) => [x.kind, x.unit.source])).toEqual([['exact', `Conseil OTAN${NB}Russie`], ['exact', 'Conseil OTAN-Russie']]);
	});

	it('glossary recognition finds a hyphenated term written with U+2011 or U+2010 in the text', () => {
		wb.terminology.saveConcept({
			key: 'c-nrc',
			terms: [
				{ lang: 'fr', text: 'Conseil OTAN-Russie', status: 'preferred' },
				{ lang: 'en', text: 'NATO-Russia Council', status: 'preferred' }
			]
		});
		for (const h of ['-', NB, HY]) {
			const hits = wb.terminology.findTerms(`Le Conseil OTAN${h}Russie se réunit.`, 'fr', 'en');
			expect(hits.map((x) => [x.term.text, x.equivalents])).toEqual([['Conseil OTAN-Russie', ['NATO-Russia Council']]]);
		}
		// and a glossary term written with U+2011 finds the plain hyphen
		wb.terminology.saveConcept({ key: 'c-ue', terms: [{ lang: 'fr', text: `Union${NB}européenne`, status: 'preferred' }, { lang: 'en', text: 'European Union', status: 'preferred' }] });
		expect(wb.terminology.findTerms('l’Union-européenne', 'fr', 'en').map((x) => x.term.text)).toEqual([`Union${NB}européenne`]);
	});
});
