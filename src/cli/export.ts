import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AtelierError } from '../core/errors.js';
import { EXPORT_FORMAT_IDS, gapsWarnings } from '../core/export/registry.js';
import { createExports } from '../core/export/service.server.js';
import type { Command } from './main.js';
import { reason } from '../core/formats/reason.js';
import { checkOutputFolder, writeOutput } from './files.js';

export const exportCommand: Command = {
	name: 'export',
	helpVars: () => ({ formats: EXPORT_FORMAT_IDS.join('|') }),
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
		// format ids are lower case; TMX or XLIFF as people write them mean the same
		const format = values.format.toLowerCase();
		if (values.output != null && values.dir != null) throw new AtelierError('usage', { message: reason('usage.notBoth', { first: '-o', second: '--dir' }) });
		// checked before the export is built: a typo in the folder should not cost the work
		if (values.dir != null) checkOutputFolder(values.dir);
		const from = values.from ?? 'auto';
		if (!['auto', 'document', 'alignment'].includes(from)) throw new AtelierError('usage', { message: reason('usage.oneOf', { option: '--from', values: 'auto, document, alignment' }) });
		const wb = await ctx.workbench();
		const file = await createExports(wb).export(Number(positionals[0]), format, { t: ctx.t as never, uiLang: ctx.lang }, { from: from as 'auto' });
		const out = values.output === '-' ? null : (values.output ?? (values.dir != null ? join(values.dir, file.filename) : null));
		// a finished-translation file that is not finished says so, on stderr so a pipe stays clean
		const warnings = gapsWarnings(file.gaps, ctx.t as never);
		// a TMX of an unconfirmed alignment is valid and empty: said, or it passes for a success
		if (format === 'tmx' && file.rows === 0) warnings.push(ctx.t('export.tmxEmpty'));
		// a ZIP (DOCX) on a terminal is garbage on screen, and the file is lost: asked for a destination instead
		const binary = file.bytes[0] === 0x50 && file.bytes[1] === 0x4b;
		if (!out && binary && values.output !== '-' && (ctx.io.stdout as { isTTY?: boolean }).isTTY)
			throw new AtelierError('usage', { message: reason('usage.binaryToTerminal', { format: format.toUpperCase() }) });
		if (!out) {
			ctx.io.stdout.write(file.bytes);
			for (const w of warnings) ctx.io.stderr.write(w + '\n');
			return 0;
		}
		await writeOutput(out, file.bytes, ctx.io);
		ctx.io.stderr.write(ctx.t('export.cliDone', { file: out, format, rows: file.rows, bytes: file.bytes.length }) + '\n');
		for (const w of warnings) ctx.io.stderr.write(w + '\n');
		return 0;
	}
};
