import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AtelierError } from '../core/errors.js';
import { EXPORT_FORMAT_IDS, gapsWarnings } from '../core/export/registry.js';
import { createExports } from '../core/export/service.server.js';
import type { Command } from './main.js';
import { fsReason, reason } from '../core/formats/reason.js';

export const exportCommand: Command = {
	name: 'export',
	summary: 'export a document: TMX, XLIFF 2.0/1.2, side-by-side HTML, bilingual DOCX, TSV/CSV, translated TXT/DOCX',
	usage: `Usage: atelier export DOC --format FORMAT [-o FILE | --dir DIR] [--from auto|document|alignment]

DOC is a document id as "atelier docs" prints it. Writes to standard output unless -o or --dir.
  --format, -f   ${EXPORT_FORMAT_IDS.join('|')}
                 tmx: TMX 1.4b of the confirmed (translated or reviewed) pairs
                 xliff: XLIFF 2.0; xliff12: XLIFF 1.2 (states from the statuses, notes, glossary hits)
                 html: side-by-side; docx: bilingual review table (re-importable)
                 tsv, csv: pairs table; txt, docx-translated: the finished translation
  -o FILE        write to FILE
  --dir DIR      write into DIR under a safe name made from the title
  --from         auto (default: the document's targets, else its alignment), document, alignment
Re-import a reviewed XLIFF or bilingual DOCX with "atelier reimport".
`,
	async run(args, ctx) {
		const { values, positionals } = parseArgs({
			args,
			allowPositionals: true,
			options: {
				format: { type: 'string', short: 'f' },
				output: { type: 'string', short: 'o' },
				dir: { type: 'string' },
				from: { type: 'string' }
			}
		});
		if (positionals.length !== 1 || !/^\d+$/.test(positionals[0])) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'export DOC --format FORMAT (atelier docs)' }) });
		if (!values.format) throw new AtelierError('usage', { message: reason('usage.needsOption', { command: 'export', option: '--format', example: EXPORT_FORMAT_IDS.join(', ') }) });
		const from = values.from ?? 'auto';
		if (!['auto', 'document', 'alignment'].includes(from)) throw new AtelierError('usage', { message: reason('usage.oneOf', { option: '--from', values: 'auto, document, alignment' }) });
		const wb = await ctx.workbench();
		const file = await createExports(wb).export(Number(positionals[0]), values.format, { t: ctx.t as never, uiLang: ctx.lang }, { from: from as 'auto' });
		const out = values.output ?? (values.dir ? join(values.dir, file.filename) : null);
		// a finished-translation file that is not finished says so, on stderr so a pipe stays clean
		const warnings = gapsWarnings(file.gaps, ctx.t as never);
		if (!out) {
			ctx.io.stdout.write(file.bytes);
			for (const w of warnings) ctx.io.stderr.write(w + '\n');
			return 0;
		}
		try {
			writeFileSync(out, file.bytes);
		} catch (e) {
			throw new AtelierError('usage', { message: reason('usage.cannotWrite', { file: out, reason: fsReason(e) }) });
		}
		ctx.io.stderr.write(ctx.t('export.cliDone', { file: out, format: values.format, rows: file.rows, bytes: file.bytes.length }) + '\n');
		for (const w of warnings) ctx.io.stderr.write(w + '\n');
		return 0;
	}
};
