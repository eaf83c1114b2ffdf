import { parseArgs } from 'node:util';
import { AtelierError } from '../core/errors.js';
import type { Command } from './main.js';
import { reason } from '../core/formats/reason.js';
import { readInputFile, writeOutput } from './files.js';
import { glossaryEncoding } from '../core/terminology.server.js';
import { ENCODINGS } from '../core/text/decode.js';

export const glossaryCommand: Command = {
	name: 'glossary',
	helpVars: () => ({ encodings: ENCODINGS.join('|') }),
	async run(args, ctx) {
		const [sub, ...rest] = args;
		const { values, positionals } = parseArgs({
			args: rest,
			allowPositionals: true,
			options: {
				format: { type: 'string', default: 'tbx' },
				output: { type: 'string', short: 'o' },
				search: { type: 'string' },
				encoding: { type: 'string' },
				sheet: { type: 'string' }
			}
		});
		const wb = await ctx.workbench();
		if (sub === 'import') {
			if (positionals.length !== 1) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'glossary import FILE [--encoding ENC] [--sheet NAME]' }) });
			const encoding = values.encoding == null ? undefined : glossaryEncoding(values.encoding);
			if (encoding === null) throw new AtelierError('usage', { message: reason('usage.oneOf', { option: '--encoding', values: ENCODINGS.join(', ') }) });
			const bytes = readInputFile(positionals[0]);
			const r = wb.terminology.importGlossary(bytes, positionals[0], { encoding, sheet: values.sheet });
			ctx.io.stdout.write(ctx.t('glossary.imported', { ...r, file: positionals[0] }) + '\n');
			return 0;
		}
		if (sub === 'export') {
			const f = values.format!.toLowerCase();
			if (!['tbx', 'csv', 'tsv'].includes(f)) throw new AtelierError('usage', { message: reason('usage.oneOf', { option: '--format', values: 'tbx, csv, tsv' }) });
			const out = f === 'tbx' ? wb.terminology.exportTbx() : wb.terminology.exportCsv(['fr-FR', 'en-GB'], f === 'tsv' ? '\t' : ',');
			const file = values.output ?? '-';
			// a file gets the BOM the web download has (Excel reads UTF-8 without one as ANSI and
			// garbles the accents); a pipe does not, for the tools it feeds
			await writeOutput(file, f !== 'tbx' && file !== '-' ? '\uFEFF' + out : out, ctx.io);
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
