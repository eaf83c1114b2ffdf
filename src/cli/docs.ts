import { parseArgs } from 'node:util';
import type { Command } from './main.js';

export const docsCommand: Command = {
	name: 'docs',
	async run(args, ctx) {
		const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
		const docs = (await ctx.workbench()).listDocuments();
		if (values.json) {
			ctx.io.stdout.write(JSON.stringify(docs, null, 2) + '\n');
			return 0;
		}
		if (docs.length === 0) ctx.io.stderr.write(ctx.t('cli.noDocuments') + '\n');
		// column names for a person at a terminal only: scripts read the lines as they always were
		else if ((ctx.io.stdout as { isTTY?: boolean }).isTTY === true) ctx.io.stdout.write(ctx.t('cli.docsHeader') + '\n');
		for (const d of docs)
			ctx.io.stdout.write(
				[d.id, `${d.sourceLang}→${d.targetLang}`, d.paragraphs, d.segments, d.words, d.title].join('\t') + '\n'
			);
		return 0;
	}
};
