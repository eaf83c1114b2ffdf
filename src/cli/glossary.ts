import { parseArgs } from 'node:util';
import { AtelierError } from '../core/errors.js';
import type { Command } from './main.js';
import { reason } from '../core/formats/reason.js';
import { readInputFile, writeOutput } from './files.js';
import { glossaryEncoding, type GlossaryImportSummary } from '../core/terminology.server.js';
import { locationText } from '../core/terms/import-summary.js';
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
				sheet: { type: 'string' },
				json: { type: 'boolean' }
			}
		});
		const wb = await ctx.workbench();
		if (sub === 'import') {
			if (positionals.length !== 1) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'glossary import FILE [--encoding ENC] [--sheet NAME]' }) });
			const encoding = values.encoding == null ? undefined : glossaryEncoding(values.encoding);
			if (encoding === null) throw new AtelierError('usage', { message: reason('usage.oneOf', { option: '--encoding', values: ENCODINGS.join(', ') }) });
			const bytes = readInputFile(positionals[0]);
			const r = wb.terminology.importGlossary(bytes, positionals[0], { encoding, sheet: values.sheet });
			// warnings do not fail the command: homonyms are legitimate, and the import is done
			if (values.json) ctx.io.stdout.write(JSON.stringify(r, null, 2) + '\n');
			else ctx.io.stdout.write(summaryLines(ctx.t as Translate, r).join('\n') + '\n');
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

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** The import's report: what it did, then one line per possible duplicate, located in the file. */
export function summaryLines(t: Translate, r: GlossaryImportSummary): string[] {
	const lines = [t('glossary.imported', { concepts: r.concepts, terms: r.terms, file: r.file }), t('glossaryImport.counts', r as unknown as Record<string, unknown>)];
	if (r.warnings.length) lines.push(t('glossaryImport.warnings', { count: r.warnings.length }));
	for (const w of r.warnings)
		lines.push(
			t(w.other.location ? 'glossaryImport.duplicateInFile' : 'glossaryImport.duplicate', {
				where: locationText(t, w.location),
				lang: w.lang,
				text: w.text,
				concept: w.concept,
				other: w.other.concept,
				otherText: w.other.text,
				otherWhere: w.other.location ? locationText(t, w.other.location) : ''
			})
		);
	return lines;
}
