import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AtelierError } from '../core/errors.js';
import { readDocumentInput } from './document-input.js';
import type { Command } from './main.js';
import { reason } from '../core/formats/reason.js';
import { segmentBlocks } from '../core/text/import.js';

export const segmentCommand: Command = {
	name: 'segment',
	async run(args, ctx) {
		const { values, positionals } = parseArgs({
			args,
			allowPositionals: true,
			options: {
				lang: { type: 'string', short: 'l' },
				'no-clean': { type: 'boolean' },
				rules: { type: 'string' },
				explain: { type: 'boolean' }
			}
		});
		if (!values.lang) throw new AtelierError('usage', { message: reason('usage.needsOption', { command: 'segment', option: '--lang', example: '--lang fr' }) });
		if (positionals.length > 1) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'segment [FILE] --lang LANG' }) });
		const input = await readDocumentInput(positionals[0] ?? '-', ctx.io);
		let rules: string | undefined;
		if (values.rules) {
			try {
				rules = readFileSync(values.rules, 'utf8');
			} catch (e) {
				throw new AtelierError('srx_invalid', { reason: (e as Error).message }, { file: values.rules });
			}
		}
		const { createSegmentation } = await import('../core/segment/plain.js');
		const segmentation = createSegmentation({ lang: values.lang, rules, rulesFile: values.rules });
		// a Word document's paragraphs come from its structure, as on import: nothing to clean
		const blocks = 'docx' in input ? segmentBlocks(input.docx, segmentation.segmenter) : segmentation.run(input.text, { noClean: values['no-clean'] }).blocks;
		const out: string[] = [];
		blocks.forEach((b, i) => {
			if (i > 0) out.push('');
			for (const s of b.segments) out.push(values.explain ? `${s.text}\t${s.rule ?? '-'}` : s.text);
		});
		ctx.io.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
		return 0;
	}
};
