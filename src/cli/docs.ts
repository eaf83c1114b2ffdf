import { parseArgs } from 'node:util';
import type { Command } from './main.js';

export const docsCommand: Command = {
	name: 'docs',
	summary: 'list the documents, one per line, id first',
	usage: `Usage: atelier docs [--json]

One document per line: id, languages, paragraphs, segments, words, title (tab-separated).
`,
	async run(args, ctx) {
		const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
		const docs = (await ctx.workbench()).listDocuments();
		if (values.json) {
			ctx.io.stdout.write(JSON.stringify(docs, null, 2) + '\n');
			return 0;
		}
		if (docs.length === 0) ctx.io.stderr.write(ctx.t('cli.noDocuments') + '\n');
		for (const d of docs)
			ctx.io.stdout.write(
				[d.id, `${d.sourceLang}→${d.targetLang}`, d.paragraphs, d.segments, d.words, d.title].join('\t') + '\n'
			);
		return 0;
	}
};
