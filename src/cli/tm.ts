import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { AtelierError } from '../core/errors.js';
import type { TmOrigin } from '../core/model.js';
import type { Command } from './main.js';
import { fsReason, reason } from '../core/formats/reason.js';

const ORIGINS = ['alignment', 'translation', 'import'];

export const tmCommand: Command = {
	name: 'tm',
	summary: 'translation memory: import/export TMX, lookup, concordance, stats',
	usage: `Usage: atelier tm import FILE.tmx [--source-lang fr] [--target-lang en]
       atelier tm export OUT.tmx [--doc ID] [--origin alignment|translation|import] [--from DATE] [--to DATE] [--source-lang fr] [--target-lang en] [--threads auto|0|1|2]
       atelier tm lookup "texte" [--source-lang fr-FR] [--target-lang en-GB] [--threshold 50] [--limit 5] [--json]
       atelier tm concordance "mot" [--limit 20] [--json]
       atelier tm stats [--json]

import       streams a TMX (1.4b, 1.1/1.2; UTF-8 or UTF-16) in one all-or-nothing import,
             with progress on stderr
export       writes TMX 1.4b (valid against the TMX 1.4 DTD), streamed; a large TM is rendered
             by worker threads (--threads: auto, the default, uses two from 60,000 units on)
lookup       exact (100%), in-context (101%) and fuzzy matches with what differs
concordance  a word or phrase in source or target, accents and elision folded
`,
	async run(args, ctx) {
		const [sub, ...rest] = args;
		const { values, positionals } = parseArgs({
			args: rest,
			allowPositionals: true,
			options: {
				'source-lang': { type: 'string' },
				'target-lang': { type: 'string' },
				threshold: { type: 'string', default: '50' },
				limit: { type: 'string' },
				json: { type: 'boolean' },
				doc: { type: 'string' },
				origin: { type: 'string' },
				from: { type: 'string' },
				to: { type: 'string' },
				threads: { type: 'string' }
			}
		});
		const wb = await ctx.workbench();
		const out = ctx.io.stdout;
		if (sub === 'stats') {
			const s = wb.tm.stats();
			if (values.json) out.write(JSON.stringify(s, null, 2) + '\n');
			else {
				out.write(`units\t${s.total}\n`);
				for (const o of s.byOrigin) out.write(`origin ${o.origin}\t${o.n}\n`);
				for (const p of s.byPair) out.write(`pair ${p.source_lang}→${p.target_lang}\t${p.n}\n`);
			}
			return 0;
		}
		if (sub === 'lookup') {
			if (positionals.length !== 1) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'tm lookup TEXT' }) });
			const threshold = Number(values.threshold);
			if (!Number.isFinite(threshold) || threshold < 1 || threshold > 100) throw new AtelierError('usage', { message: reason('usage.range', { option: '--threshold', min: 1, max: 100 }) });
			const matches = wb.tm.lookup(positionals[0], {
				sourceLang: values['source-lang'] ?? 'fr-FR',
				targetLang: values['target-lang'] ?? 'en-GB',
				threshold,
				limit: Number(values.limit ?? 5)
			});
			if (values.json) out.write(JSON.stringify(matches, null, 2) + '\n');
			// said on stderr: stdout stays one line per match for a script
			else if (matches.length === 0) ctx.io.stderr.write(ctx.t('cli.noMatch', { threshold }) + '\n');
			else
				for (const m of matches) {
					const diff = m.ops.filter((o) => o.op !== 'equal').map((o) => (o.op === 'insert' ? `+${o.match}` : o.op === 'delete' ? `-${o.query}` : `${o.match}→${o.query}`));
					const pen = m.penalties.map((p) => `${p.kind} −${p.points}`);
					out.write(`${m.score}%\t${m.kind}\t${m.unit.source}\t${m.unit.target}\t${m.unit.origin} ${m.unit.changedAt?.slice(0, 10) ?? ''}${diff.length ? `\t${diff.join(' ')}` : ''}${pen.length ? `\t(${pen.join(', ')})` : ''}\n`);
				}
			return 0;
		}
		if (sub === 'concordance') {
			if (positionals.length !== 1) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'tm concordance TEXT' }) });
			const hits = wb.tm.concordance(positionals[0], { limit: Number(values.limit ?? 20) });
			const mark = (s: string) => s.replace(/\u0001/g, '[').replace(/\u0002/g, ']');
			if (values.json) out.write(JSON.stringify(hits, null, 2) + '\n');
			else if (hits.length === 0) ctx.io.stderr.write(ctx.t('cli.noHit', { query: positionals[0] }) + '\n');
			else for (const h of hits) out.write(`${mark(h.sourceHighlighted)}\t${mark(h.targetHighlighted)}\t${h.origin}\n`);
			return 0;
		}
		if (sub === 'import') {
			if (positionals.length !== 1) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'tm import FILE.tmx' }) });
			const file = positionals[0];
			let total: number;
			try {
				total = statSync(file).size;
			} catch (e) {
				throw new AtelierError('usage', { message: reason('usage.cannotRead', { file: file, reason: fsReason(e) }) });
			}
			const { tmxRows } = await import('../core/tm/tmx-rows.server.js');
			let lastShown = 0;
			const progress = (bytes: number) => {
				const now = Date.now();
				if (now - lastShown < 500 && bytes < total) return;
				lastShown = now;
				const pct = total ? Math.floor((100 * bytes) / total) : 100;
				const bar = '#'.repeat(Math.floor(pct / 5)).padEnd(20, '.');
				ctx.io.stderr.write(`\r[${bar}] ${pct}% ${(bytes / 1048576).toFixed(1)}/${(total / 1048576).toFixed(1)} MB`);
			};
			const batches = tmxRows(file, {
				file,
				sourceLang: values['source-lang'],
				targetLang: values['target-lang'],
				onProgress: progress
			});
			const r = await wb.tm.importRows(batches);
			progress(total);
			ctx.io.stderr.write('\n');
			out.write(ctx.t('tm.imported', { units: r.units, written: r.written, file }) + '\n');
			return 0;
		}
		if (sub === 'export') {
			if (positionals.length !== 1) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'tm export OUT.tmx' }) });
			if (values.origin && !ORIGINS.includes(values.origin)) throw new AtelierError('usage', { message: reason('usage.oneOf', { option: '--origin', values: ORIGINS.join(', ') }) });
			const threads = values.threads == null || values.threads === 'auto' ? 'auto' : Number(values.threads);
			if (threads !== 'auto' && !(Number.isInteger(threads) && threads >= 0 && threads <= 8)) throw new AtelierError('usage', { message: reason('usage.range', { option: '--threads', min: 0, max: 8 }) });
			const file = positionals[0];
			const pieces = wb.tm.exportTmx({
				filter: {
					documentId: values.doc != null ? Number(values.doc) : undefined,
					origin: values.origin as TmOrigin | undefined,
					from: values.from,
					to: values.to,
					sourceLang: values['source-lang'],
					targetLang: values['target-lang']
				},
				header: { srcLang: values['source-lang'] ?? 'fr-FR', creationTool: 'Atelier', creationToolVersion: '0.1.0' },
				threads
			});
			// written beside the target and renamed once complete: a failed export leaves no file that looks whole
			const partial = join(dirname(file), `.${basename(file)}.${process.pid}.part`);
			const stream = createWriteStream(partial);
			let n = 0;
			try {
				for (;;) {
					const r = await pieces.next();
					if (r.done) {
						n = r.value;
						break;
					}
					if (!stream.write(r.value)) await once(stream, 'drain');
				}
				stream.end();
				await once(stream, 'finish');
				renameSync(partial, file);
			} catch (e) {
				// stops the export's worker threads if the failure was the file's
				await pieces.return(0);
				stream.destroy();
				rmSync(partial, { force: true });
				throw e;
			}
			out.write(ctx.t('tm.exported', { units: n, file }) + '\n');
			return 0;
		}
		throw new AtelierError('usage', { message: reason('usage.subcommand', { command: 'tm', values: 'import, export, lookup, concordance, stats' }) });
	}
};
