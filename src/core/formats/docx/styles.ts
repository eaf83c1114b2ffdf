import JSZip from 'jszip';

const NORMAL = '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>';
const DEFAULT_FONT =
	'<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>';

/**
 * The `docx` library's styles are based on `Normal` and `DefaultParagraphFont` but do not
 * define them. Word and LibreOffice cope; other readers (python-docx: `paragraph.style` is
 * None) do not, so the two default styles are added after packing.
 */
export async function withDefaultStyles(bytes: Uint8Array): Promise<Uint8Array> {
	const zip = await JSZip.loadAsync(bytes);
	const entry = zip.file('word/styles.xml');
	if (!entry) return bytes;
	const xml = await entry.async('string');
	const add = [xml.includes('w:styleId="Normal"') ? '' : NORMAL, xml.includes('w:styleId="DefaultParagraphFont"') ? '' : DEFAULT_FONT].join('');
	if (!add) return bytes;
	const at = xml.indexOf('</w:docDefaults>');
	if (at < 0) return bytes;
	const cut = at + '</w:docDefaults>'.length;
	zip.file('word/styles.xml', xml.slice(0, cut) + add + xml.slice(cut));
	return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
