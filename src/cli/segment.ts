import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AtelierError } from '../core/errors.js';
import { readTextInput } from './context.js';
import type { Command } from './main.js';
import { reason } from '../core/formats/reason.js';

export const segmentCommand: Command = {
	name: 'segment',
	summary: 'clean and segment a text: one segment per line, a blank line between paragraphs',
	usage: `Usage: atelier segment --lang fr [FILE|-] [--no-clean] [--rules FILE.srx] [--explain]

Reads FILE (or standard input), applies the same cleanup as import, then the SRX rules,
and prints one segment per line with a blank line between paragraphs.
  --lang, -l     language of the text (fr, fr-FR, en, …)
  --no-clean     the text is already clean: each line is a paragraph
  --rules        an SRX 2.0 file (OmegaT, Okapi or our own) tried before the shipped rules
  --explain      after each segment, the rule that ended it (tab-separated)
`,
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
		const { text } = await readTextInput(positionals[0] ?? '-', ctx.io);
		let rules: string | undefined;
		if (values.rules) {
			try {
				rules = readFileSync(values.rules, 'utf8');
			} catch (e) {
				throw new AtelierError('srx_invalid', { reason: (e as Error).message }, { file: values.rules });
			}
		}
		const { createSegmentation } = await import('../core/segment/plain.js');
		const { blocks } = createSegmentation({ lang: values.lang, rules, rulesFile: values.rules }).run(text, {
			noClean: values['no-clean']
		});
		const out: string[] = [];
		blocks.forEach((b, i) => {
			if (i > 0) out.push('');
			for (const s of b.segments) out.push(values.explain ? `${s.text}\t${s.rule ?? '-'}` : s.text);
		});
		ctx.io.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
		return 0;
	}
};
