import { parseArgs } from 'node:util';
import { AtelierError } from '../core/errors.js';
import { ENCODINGS, type Encoding } from '../core/text/decode.js';
import type { Command } from './main.js';
import { reason } from '../core/formats/reason.js';
import { readInputFile } from './files.js';

export const importCommand: Command = {
	name: 'import',
	helpVars: () => ({ encodings: ENCODINGS.join('|') }),
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
		const bytes = readInputFile(file);
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
		// a second import of the same file is allowed (another title, other languages), but said
		if (res.sameFileAs.length) ctx.io.stderr.write(ctx.t('cli.sameFile', { documents: res.sameFileAs.map((d) => ctx.t('doc.sameFileDoc', d)).join(', ') }) + '\n');
		return 0;
	}
};
