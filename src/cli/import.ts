import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AtelierError } from '../core/errors.js';
import { ENCODINGS, type Encoding } from '../core/text/decode.js';
import type { Command } from './main.js';
import { fsReason, reason } from '../core/formats/reason.js';

export const importCommand: Command = {
	name: 'import',
	summary: 'import a French original (.txt or .docx) into the database',
	usage: `Usage: atelier import FILE --lang fr-FR [--target-lang en-GB] [--title TITLE] [--encoding ENC] [--no-clean]

Cleans (re-joins wrapped lines, drops page numbers and footers, keeps compound hyphens),
segments and stores FILE in one transaction; prints the new document's id.
  --lang, -l        source language (BCP-47), e.g. fr-FR
  --target-lang     target language (default en-GB, or fr-FR when the source is English)
  --title           document title (default: its first heading, else the file name)
  --encoding        ${ENCODINGS.join('|')} (default auto: UTF-8, or UTF-16 with a BOM)
  --no-clean        the text is already clean: one paragraph per line
  --json            print the result as JSON
`,
	async run(args, ctx) {
		const { values, positionals } = parseArgs({
			args,
			allowPositionals: true,
			options: {
				lang: { type: 'string', short: 'l' },
				'target-lang': { type: 'string' },
				title: { type: 'string' },
				encoding: { type: 'string' },
				'no-clean': { type: 'boolean' },
				json: { type: 'boolean' }
			}
		});
		if (positionals.length !== 1) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'import FILE --lang LANG' }) });
		if (!values.lang) throw new AtelierError('usage', { message: reason('usage.needsOption', { command: 'import', option: '--lang', example: '--lang fr-FR' }) });
		if (values.encoding && !(ENCODINGS as readonly string[]).includes(values.encoding))
			throw new AtelierError('usage', { message: reason('usage.oneOf', { option: '--encoding', values: ENCODINGS.join(', ') }) });
		const file = positionals[0];
		let bytes: Buffer;
		try {
			if (statSync(file).isDirectory()) throw new Error('is a directory');
			bytes = readFileSync(file);
		} catch (e) {
			throw new AtelierError('usage', { message: reason('usage.cannotRead', { file: file, reason: fsReason(e) }) });
		}
		const source = values.lang;
		const target = values['target-lang'] ?? (source.toLowerCase().startsWith('en') ? 'fr-FR' : 'en-GB');
		const wb = await ctx.workbench();
		const res = await wb.importDocument({
			bytes,
			file,
			sourceLang: source,
			targetLang: target,
			title: values.title,
			encoding: values.encoding as Encoding | undefined,
			noClean: values['no-clean']
		});
		if (values.json) ctx.io.stdout.write(JSON.stringify(res, null, 2) + '\n');
		else ctx.io.stdout.write(ctx.t('cli.imported', { ...res }) + '\n');
		return 0;
	}
};
