import JSZip from 'jszip';

const NORMAL = '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>';
const DEFAULT_FONT =
	'<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>';

/**
 * The `docx` library's styles are based on `Normal` and `DefaultParagraphFont` but do not
 * define them. Word and LibreOffice cope; other readers (python-docx: `paragraph.style` is
 * None) do not, so the two default styles are added after packing. `editDocument` lets a
 * writer change word/document.xml in the same pass.
 */
export async function withDefaultStyles(bytes: Uint8Array, editDocument?: (xml: string) => string): Promise<Uint8Array> {
	const zip = await JSZip.loadAsync(bytes);
	if (editDocument) {
		const main = zip.file('word/document.xml');
		if (main) zip.file('word/document.xml', editDocument(await main.async('string')));
	}
	const entry = zip.file('word/styles.xml');
	if (entry) {
		const xml = await entry.async('string');
		const add = [xml.includes('w:styleId="Normal"') ? '' : NORMAL, xml.includes('w:styleId="DefaultParagraphFont"') ? '' : DEFAULT_FONT].join('');
		const at = xml.indexOf('</w:docDefaults>');
		if (add && at >= 0) {
			const cut = at + '</w:docDefaults>'.length;
			zip.file('word/styles.xml', xml.slice(0, cut) + add + xml.slice(cut));
		}
	}
	return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
