import { parseArgs } from 'node:util';
import { align } from '../core/align/index.js';
import type { AlignSentence } from '../core/align/types.js';
import { AtelierError } from '../core/errors.js';
import { csvLine } from '../core/formats/csv/parse.js';
import { writeTmx } from '../core/formats/tmx/write.js';
import { createSegmentation } from '../core/segment/plain.js';
import { ENCODINGS, type Encoding } from '../core/text/decode.js';
import { segmentBlocks } from '../core/text/import.js';
import { readDocumentInput } from './document-input.js';
import { formatRatio } from '../lib/align/evidence.js';
import type { Command } from './main.js';
import { reason } from '../core/formats/reason.js';

export const alignCommand: Command = {
	name: 'align',
	helpVars: () => ({ encodings: ENCODINGS.join('|') }),
	async run(args, ctx) {
		const { values, positionals } = parseArgs({
			args,
			allowPositionals: true,
			options: {
				presegmented: { type: 'boolean' },
				format: { type: 'string', default: 'beads' },
				'source-lang': { type: 'string', default: 'fr-FR' },
				'target-lang': { type: 'string', default: 'en-GB' },
				encoding: { type: 'string' }
			}
		});
		if (positionals.length !== 2) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'align FR EN' }) });
		// standard input can be read once: the second `-` would be "empty"
		if (positionals[0] === '-' && positionals[1] === '-') throw new AtelierError('usage', { message: reason('usage.stdinOnce', { command: 'align' }) });
		const format = values.format!.toLowerCase();
		if (!['beads', 'tsv', 'tmx', 'json'].includes(format)) throw new AtelierError('usage', { message: reason('usage.oneOf', { option: '--format', values: 'beads, tsv, tmx, json' }) });
		if (values.encoding && !(ENCODINGS as readonly string[]).includes(values.encoding))
			throw new AtelierError('usage', { message: reason('usage.oneOf', { option: '--encoding', values: ENCODINGS.join(', ') }) });
		const srcLang = values['source-lang']!;
		const tgtLang = values['target-lang']!;
		const load = async (input: string, lang: string): Promise<AlignSentence[]> => {
			if (/^\d+$/.test(input)) {
				const wb = await ctx.workbench();
				wb.getDocument(Number(input));
				return (await ctx.workbench()).alignmentSentences(Number(input));
			}
			const read = await readDocumentInput(input, ctx.io, values.encoding as Encoding | undefined);
			if ('docx' in read) {
				// a Word document's paragraphs are its lines: presegmented, each is a sentence
				if (values.presegmented) return read.docx.filter((b) => b.text.trim() !== '').map((b, p) => ({ text: b.text.trim(), paragraph: p, kind: b.kind }));
				return segmentBlocks(read.docx, createSegmentation({ lang }).segmenter).flatMap((b, p) => b.segments.map((s) => ({ text: s.text, paragraph: p, kind: b.kind })));
			}
			const text = read.text;
			if (values.presegmented) return text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '').map((l) => ({ text: l.trim() }));
			const { blocks } = createSegmentation({ lang }).run(text);
			return blocks.flatMap((b, p) => b.segments.map((s) => ({ text: s.text, paragraph: p, kind: b.kind })));
		};
		const src = await load(positionals[0], srcLang);
		const tgt = await load(positionals[1], tgtLang);
		const res = align(src, tgt, { srcLang, tgtLang });
		for (const w of res.warnings) {
			const share = 'coverage' in w ? w.coverage : 'identicalShare' in w ? w.identicalShare : 'share' in w ? w.share : null;
			// numbers as the alignment page writes them: `2 %` and `1,25` in French
			const pct = share != null ? ctx.t('app.percent', { value: Math.round(share * 100) }) : '';
			const ratio = 'ratio' in w ? formatRatio(w.ratio, ctx.lang) : '';
			ctx.io.stderr.write(`atelier align: ${ctx.t(`align.warnings.${w.code}`, { pct, ratio, side: 'side' in w && w.side === 'tgt' ? ctx.t('align.target') : ctx.t('align.source') })}\n`);
		}
		const out = ctx.io.stdout;
		const join = (list: AlignSentence[], idx: number[]) => idx.map((i) => list[i].text).join(' ');
		if (format === 'beads') for (const b of res.beads) out.write(`[${b.src.join(', ')}]:[${b.tgt.join(', ')}]\n`);
		else if (format === 'json') out.write(JSON.stringify(res, null, 2) + '\n');
		else if (format === 'tsv') {
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
