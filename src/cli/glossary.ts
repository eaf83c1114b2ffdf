import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AtelierError } from '../core/errors.js';
import type { Command } from './main.js';
import { fsReason, reason } from '../core/formats/reason.js';

export const glossaryCommand: Command = {
	name: 'glossary',
	summary: 'import, export or list the termbase (TBX, CSV/TSV)',
	usage: `Usage: atelier glossary import FILE.tbx|FILE.csv|FILE.tsv
       atelier glossary export [--format tbx|csv|tsv] [-o FILE]
       atelier glossary list [--search TEXT]

import   adds the file's concepts, replacing those with the same id; one transaction:
         a file with an error changes nothing
export   writes TBX-Basic (default) or CSV/TSV with Matecat's columns to FILE or stdout
list     one concept per line: id, then its terms as lang:text[status]
`,
	async run(args, ctx) {
		const [sub, ...rest] = args;
		const { values, positionals } = parseArgs({
			args: rest,
			allowPositionals: true,
			options: { format: { type: 'string', default: 'tbx' }, output: { type: 'string', short: 'o' }, search: { type: 'string' } }
		});
		const wb = await ctx.workbench();
		if (sub === 'import') {
			if (positionals.length !== 1) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'glossary import FILE' }) });
			let bytes: Buffer;
			try {
				bytes = readFileSync(positionals[0]);
			} catch (e) {
				throw new AtelierError('usage', { message: reason('usage.cannotRead', { file: positionals[0], reason: fsReason(e) }) });
			}
			const r = wb.terminology.importGlossary(bytes, positionals[0]);
			ctx.io.stdout.write(ctx.t('glossary.imported', { ...r, file: positionals[0] }) + '\n');
			return 0;
		}
		if (sub === 'export') {
			const f = values.format!;
			if (!['tbx', 'csv', 'tsv'].includes(f)) throw new AtelierError('usage', { message: reason('usage.oneOf', { option: '--format', values: 'tbx, csv, tsv' }) });
			const out = f === 'tbx' ? wb.terminology.exportTbx() : wb.terminology.exportCsv(['fr-FR', 'en-GB'], f === 'tsv' ? '\t' : ',');
			if (values.output) writeFileSync(values.output, out);
			else ctx.io.stdout.write(out);
			return 0;
		}
		if (sub === 'list') {
			const q = values.search?.toLowerCase();
			for (const c of wb.terminology.concepts()) {
				if (q && !c.key.toLowerCase().includes(q) && !c.terms.some((t) => t.text.toLowerCase().includes(q))) continue;
				ctx.io.stdout.write(`${c.key}\t${c.terms.map((t) => `${t.lang}:${t.text}[${t.status}]`).join('\t')}\n`);
			}
			return 0;
		}
		throw new AtelierError('usage', { message: reason('usage.subcommand', { command: 'glossary', values: 'import, export, list' }) });
	}
};
