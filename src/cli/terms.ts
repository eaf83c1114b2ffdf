import { parseArgs } from 'node:util';
import { AtelierError } from '../core/errors.js';
import { readDocumentInput } from './document-input.js';
import type { Command } from './main.js';
import { reason } from '../core/formats/reason.js';

export const termsCommand: Command = {
	name: 'terms',
	async run(args, ctx) {
		const { values, positionals } = parseArgs({
			args,
			allowPositionals: true,
			options: { lang: { type: 'string', default: 'fr' }, to: { type: 'string' }, format: { type: 'string', default: 'text' } }
		});
		// TEXT or JSON as people write them mean the same
		values.format = values.format!.toLowerCase();
		if (!['text', 'json'].includes(values.format!)) throw new AtelierError('usage', { message: reason('usage.oneOf', { option: '--format', values: 'text, json' }) });
		// a Word document as `segment` and `import` read it: one line per paragraph
		const input = await readDocumentInput(positionals[0] ?? '-', ctx.io);
		const text = 'docx' in input ? input.docx.map((b) => b.text).join('\n') : input.text;
		const lang = values.lang!;
		const to = values.to ?? (lang.startsWith('en') ? 'fr' : 'en');
		const wb = await ctx.workbench();
		const found = text.split(/\r\n|\r|\n/).flatMap((line, i) =>
			wb.terminology.findTerms(line, lang, to).map((h) => ({
				line: i + 1,
				column: h.start + 1,
				text: h.text,
				concept: h.conceptKey,
				term: h.term.text,
				status: h.term.status,
				replacement: h.term.replacement ?? null,
				equivalents: h.equivalents
			}))
		);
		if (values.format === 'json') ctx.io.stdout.write(JSON.stringify(found, null, 2) + '\n');
		else
			for (const f of found)
				ctx.io.stdout.write(`${f.line}:${f.column}\t${f.text}\t${f.concept}\t${f.status}${f.replacement ? ` → ${f.replacement}` : ''}\t${f.equivalents.join(' / ')}\n`);
		return 0;
	}
};
