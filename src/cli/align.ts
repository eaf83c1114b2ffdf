import { parseArgs } from 'node:util';
import { align } from '../core/align/index.js';
import type { AlignSentence } from '../core/align/types.js';
import { AtelierError } from '../core/errors.js';
import { csvLine } from '../core/formats/csv/parse.js';
import { writeTmx } from '../core/formats/tmx/write.js';
import { createSegmentation } from '../core/segment/plain.js';
import { readTextInput } from './context.js';
import type { Command } from './main.js';
import { reason } from '../core/formats/reason.js';

export const alignCommand: Command = {
	name: 'align',
	summary: 'align a French original with its English translation (files or stored documents)',
	usage: `Usage: atelier align FR EN [--presegmented] [--format beads|tsv|tmx|json] [--source-lang fr-FR] [--target-lang en-GB]

FR and EN are files (cleaned and segmented as on import) or stored document ids (see
"atelier docs"). Nothing is stored: the result goes to standard output.
  --presegmented   the files hold one sentence per line already
  --format         beads (default: "[i, j]:[k]" per line, 0-based), tsv (confidence, source,
                   target), tmx, json (beads with confidence and evidence, warnings)
Warnings (e.g. a partial translation) go to standard error.
`,
	async run(args, ctx) {
		const { values, positionals } = parseArgs({
			args,
			allowPositionals: true,
			options: {
				presegmented: { type: 'boolean' },
				format: { type: 'string', default: 'beads' },
				'source-lang': { type: 'string', default: 'fr-FR' },
				'target-lang': { type: 'string', default: 'en-GB' }
			}
		});
		if (positionals.length !== 2) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'align FR EN' }) });
		if (!['beads', 'tsv', 'tmx', 'json'].includes(values.format!)) throw new AtelierError('usage', { message: reason('usage.oneOf', { option: '--format', values: 'beads, tsv, tmx, json' }) });
		const srcLang = values['source-lang']!;
		const tgtLang = values['target-lang']!;
		const load = async (input: string, lang: string): Promise<AlignSentence[]> => {
			if (/^\d+$/.test(input)) {
				const wb = await ctx.workbench();
				wb.getDocument(Number(input));
				return (await ctx.workbench()).alignmentSentences(Number(input));
			}
			const { text } = await readTextInput(input, ctx.io);
			if (values.presegmented) return text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '').map((l) => ({ text: l.trim() }));
			const { blocks } = createSegmentation({ lang }).run(text);
			return blocks.flatMap((b, p) => b.segments.map((s) => ({ text: s.text, paragraph: p, kind: b.kind })));
		};
		const src = await load(positionals[0], srcLang);
		const tgt = await load(positionals[1], tgtLang);
		const res = align(src, tgt, { srcLang, tgtLang });
		for (const w of res.warnings) {
			const share = 'coverage' in w ? w.coverage : 'identicalShare' in w ? w.identicalShare : 'share' in w ? w.share : null;
			const pct = share != null ? `${Math.round(share * 100)}%` : '';
			const ratio = 'ratio' in w ? w.ratio.toFixed(2) : '';
			ctx.io.stderr.write(`atelier align: ${ctx.t(`align.warnings.${w.code}`, { pct, ratio, side: 'side' in w && w.side === 'tgt' ? ctx.t('align.target') : ctx.t('align.source') })}\n`);
		}
		const out = ctx.io.stdout;
		const join = (list: AlignSentence[], idx: number[]) => idx.map((i) => list[i].text).join(' ');
		if (values.format === 'beads') for (const b of res.beads) out.write(`[${b.src.join(', ')}]:[${b.tgt.join(', ')}]\n`);
		else if (values.format === 'json') out.write(JSON.stringify(res, null, 2) + '\n');
		else if (values.format === 'tsv') {
			out.write(csvLine(['confidence', 'source', 'target'], '\t') + '\n');
			for (const b of res.beads) out.write(csvLine([b.confidence.toFixed(3), join(src, b.src), join(tgt, b.tgt)], '\t') + '\n');
		} else {
			const units = res.beads
				.filter((b) => b.src.length && b.tgt.length)
				.map((b) => ({ sourceLang: srcLang, targetLang: tgtLang, source: join(src, b.src), target: join(tgt, b.tgt), origin: 'alignment' as const, props: [{ type: 'x-confidence', value: b.confidence.toFixed(3) }] }));
			for (const chunk of writeTmx(units, { srcLang, creationTool: 'Atelier', creationToolVersion: '0.1.0' })) out.write(chunk);
		}
		return 0;
	}
};
