import type { TmxWarning } from '../core/formats/tmx/read.js';
import { parseArgs } from 'node:util';
import { AtelierError } from '../core/errors.js';
import type { TmOrigin, TmUnit } from '../core/model.js';
import type { TranslationMemory } from '../core/translation-memory.server.js';
import { markTags, unmarkTags } from '../core/tm/tag-markers.js';
import { unitUsage, usageMessage } from '../core/tm/usage.js';
import type { Command } from './main.js';
import { intOption } from './options.js';
import { reason } from '../core/formats/reason.js';
import { checkReadable, openSink } from './files.js';
import { userFrom } from './user.js';

const ORIGINS = ['alignment', 'translation', 'import'];
const THREADS = ['auto', '0', '1', '2'];

/**
 * A --from/--to bound: YYYY-MM-DD or an ISO 8601 time, a real calendar date. Anything else
 * compared as a string with changed_at would silently select nothing (or everything).
 */
export function dateBound(value: string | undefined, option: string): string | undefined {
	if (value == null) return undefined;
	const m = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(value);
	const day = m && new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
	const real = day != null && day.toISOString().startsWith(`${m![1]}-${m![2]}-${m![3]}`) && !Number.isNaN(Date.parse(value));
	if (!real) throw new AtelierError('usage', { message: reason('usage.badDate', { option, value }) });
	return value;
}

/** A unit id as typed, or a usage error. */
function unitId(raw: string): number {
	if (!/^[1-9]\d{0,15}$/.test(raw)) throw new AtelierError('usage', { message: reason('usage.integerAtLeast', { option: 'ID', min: 1 }) });
	return Number(raw);
}

/** `tm show`, `tm edit`, `tm delete`: the TM editor's commands. */
function maintain(sub: 'show' | 'edit' | 'delete', positionals: string[], values: { json?: boolean; source?: string; target?: string; import?: string; by?: string }, tm: TranslationMemory, ctx: Parameters<Command['run']>[1]): number {
	const out = ctx.io.stdout;
	const t = ctx.t;
	const print = (u: TmUnit & { id: number }) => {
		if (values.json) return out.write(JSON.stringify(u, null, 2) + '\n');
		const line = (label: string, v: string | number | null | undefined) => v != null && v !== '' && out.write(`${t(`tmMaintenance.cli.${label}`)}\t${v}\n`);
		line('id', u.id);
		line('source', `${u.sourceLang}\t${markTags(u.source, u.sourceTags)}`);
		line('target', `${u.targetLang}\t${markTags(u.target, u.targetTags)}`);
		line('origin', u.origin);
		line('document', u.documentId);
		// 1-based, as the rest of the CLI and the web page count segments (the JSON keeps segmentOrd as stored)
		line('segment', u.segmentOrd != null ? u.segmentOrd + 1 : null);
		line('created', [u.createdAt, u.createdBy].filter(Boolean).join(' '));
		line('changed', [u.changedAt, u.changedBy].filter(Boolean).join(' '));
		const usage = unitUsage(u);
		if (usage) {
			// dates as the other lines print them: ISO 8601, UTC
			const m = usageMessage(usage, (iso) => iso);
			out.write(`${t('tmxUsage.cli.label')}\t${t(m.key, m.vars)}\n`);
		}
		line('importFile', u.importFile);
		line('contextPrev', u.context?.prev);
		line('contextNext', u.context?.next);
		for (const p of u.props ?? []) line('props', `${p.type}=${p.value}`);
		for (const n of [...(u.notes ?? []), ...(u.sourceNotes ?? []), ...(u.targetNotes ?? [])]) line('notes', n);
	};
	if (sub === 'show') {
		if (positionals.length !== 1) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'tm show ID' }) });
		const id = unitId(positionals[0]);
		// an id from before an edit (a note, a colleague's message) shows the unit as it is now
		const current = tm.resolve(id);
		const u = current != null ? tm.get(current) : null;
		if (!u) throw new AtelierError('tm_unit_not_found', { id });
		if (u.id !== id) ctx.io.stderr.write(t('tmMaintenance.cli.moved', { id, current: u.id }) + '\n');
		print(u);
		return 0;
	}
	if (sub === 'edit') {
		if (positionals.length !== 1) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'tm edit ID [--source TEXT] [--target TEXT]' }) });
		const id = unitId(positionals[0]);
		if (values.source == null && values.target == null) throw new AtelierError('usage', { message: t('tmMaintenance.cli.needEdit') });
		const before = tm.get(id);
		// an id an edit moved is refused, naming the current one: never an edit of another unit
		if (!before) throw tm.missing(id);
		const r = tm.updateUnit(
			id,
			{
				source: values.source != null ? unmarkTags(values.source, before.sourceTags) : undefined,
				target: values.target != null ? unmarkTags(values.target, before.targetTags) : undefined
			},
			// what was read just above: a change made meanwhile by the server is not overwritten
			{ expectedChangedAt: before.changedAt, user: userFrom(values.by, ctx) }
		);
		if (values.json) out.write(JSON.stringify(r, null, 2) + '\n');
		else out.write(t(r.merged ? 'tmMaintenance.cli.merged' : r.idChanged ? 'tmMaintenance.cli.updatedNewId' : 'tmMaintenance.cli.updated', { id: r.unit.id, old: id }) + '\n');
		return 0;
	}
	if (values.import != null) {
		if (positionals.length) throw new AtelierError('usage', { message: t('tmMaintenance.cli.needIds') });
		const r = tm.deleteImport(values.import);
		if (r.deleted === 0) {
			ctx.io.stderr.write(t('tmMaintenance.cli.noImport', { file: values.import, files: tm.imports().map((i) => i.importFile).join(', ') || '-' }) + '\n');
			return 1;
		}
		out.write(t('tmMaintenance.cli.deletedImport', { n: r.deleted, file: values.import }) + '\n');
		return 0;
	}
	if (positionals.length === 0) throw new AtelierError('usage', { message: t('tmMaintenance.cli.needIds') });
	const ids = positionals.map(unitId);
	// every id checked first: a typo deletes nothing rather than the others
	for (const id of ids) if (!tm.get(id)) throw tm.missing(id);
	const r = tm.deleteUnits(ids);
	out.write(t('tmMaintenance.cli.deleted', { n: r.deleted }) + '\n');
	return 0;
}

/** Warnings of a TMX import printed one by one; past these, only how many more. */
const SHOWN_WARNINGS = 20;

export const tmCommand: Command = {
	name: 'tm',
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
				threads: { type: 'string' },
				source: { type: 'string' },
				target: { type: 'string' },
				import: { type: 'string' },
				by: { type: 'string' }
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
				for (const f of s.imports) out.write(`import ${f.importFile}\t${f.units}\n`);
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
				limit: values.limit != null ? intOption(values.limit, '--limit', 1) : 5
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
			const hits = wb.tm.concordance(positionals[0], { limit: values.limit != null ? intOption(values.limit, '--limit', 1) : 20 });
			const mark = (s: string) => s.replace(/\u0001/g, '[').replace(/\u0002/g, ']');
			if (values.json) out.write(JSON.stringify(hits, null, 2) + '\n');
			else if (hits.length === 0) ctx.io.stderr.write(ctx.t('cli.noHit', { query: positionals[0] }) + '\n');
			else for (const h of hits) out.write(`${mark(h.sourceHighlighted)}\t${mark(h.targetHighlighted)}\t${h.origin}\n`);
			return 0;
		}
		if (sub === 'import') {
			if (positionals.length !== 1) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'tm import FILE.tmx' }) });
			const file = positionals[0];
			// a folder or a forbidden file said as such, not as the XML reader's "not well-formed (EISDIR)"
			const total = checkReadable(file);
			const { tmxRows } = await import('../core/tm/tmx-rows.server.js');
			let lastShown = 0;
			let lastPct = -1;
			const progress = (bytes: number) => {
				const now = Date.now();
				const pct = total ? Math.min(100, Math.floor((100 * bytes) / total)) : 100;
				// the reader reports the end too: 100% is drawn once
				if (pct === lastPct || (now - lastShown < 500 && pct < 100)) return;
				lastShown = now;
				lastPct = pct;
				const bar = '#'.repeat(Math.floor(pct / 5)).padEnd(20, '.');
				ctx.progress(`[${bar}] ${pct}% ${(bytes / 1048576).toFixed(1)}/${(total / 1048576).toFixed(1)} MB`);
			};
			// what the reader read past (a bad date or usage count, a tu without the pair's languages): said, located, after the import
			const warnings: TmxWarning[] = [];
			let warningCount = 0;
			const batches = tmxRows(file, {
				file,
				sourceLang: values['source-lang'],
				targetLang: values['target-lang'],
				onProgress: progress,
				onWarning: (w) => {
					if (warningCount++ < SHOWN_WARNINGS) warnings.push(w);
				}
			});
			const r = await wb.tm.importRows(batches);
			progress(total);
			ctx.endProgress();
			out.write(ctx.t('tm.imported', { units: r.units, written: r.written, file }) + '\n');
			for (const w of warnings) ctx.io.stderr.write(`${file}:${w.line}${w.column != null ? `:${w.column}` : ''}: ${ctx.t(`tmxUsage.warning.${w.kind}`, { detail: w.detail })}\n`);
			if (warningCount > warnings.length) ctx.io.stderr.write(ctx.t('tmxUsage.moreWarnings', { count: warningCount - warnings.length }) + '\n');
			return 0;
		}
		if (sub === 'export') {
			if (positionals.length !== 1) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'tm export OUT.tmx' }) });
			if (values.origin && !ORIGINS.includes(values.origin)) throw new AtelierError('usage', { message: reason('usage.oneOf', { option: '--origin', values: ORIGINS.join(', ') }) });
			if (values.threads != null && !THREADS.includes(values.threads)) throw new AtelierError('usage', { message: reason('usage.oneOf', { option: '--threads', values: THREADS.join(', ') }) });
			const threads = values.threads == null || values.threads === 'auto' ? 'auto' : Number(values.threads);
			const from = dateBound(values.from, '--from');
			const to = dateBound(values.to, '--to');
			let documentId: number | undefined;
			if (values.doc != null) {
				if (!/^[1-9]\d*$/.test(values.doc)) throw new AtelierError('usage', { message: reason('usage.integerAtLeast', { option: '--doc', min: 1 }) });
				documentId = Number(values.doc);
				// an unknown document would export an empty TMX that looks like a successful filter
				wb.getDocument(documentId);
			}
			const file = positionals[0];
			// opened before the export starts: a bad path is said at once, not after the work
			const sink = openSink(file, ctx.io);
			const filter = {
				documentId,
				origin: values.origin as TmOrigin | undefined,
				from,
				to,
				sourceLang: values['source-lang'],
				targetLang: values['target-lang']
			};
			const pieces = wb.tm.exportTmx({
				filter,
				// the units' one source language, else *all* (TMX 1.4: each tu then names its own)
				header: { srcLang: filter.sourceLang ?? wb.tm.singleSourceLang(filter) ?? '*all*', creationTool: 'Atelier', creationToolVersion: '0.1.0' },
				threads
			});
			// a regular file is written beside the target and renamed once complete (files.ts): a
			// failed export leaves no file that looks whole
			let n = 0;
			try {
				for (;;) {
					const r = await pieces.next();
					if (r.done) {
						n = r.value;
						break;
					}
					await sink.write(r.value);
				}
				await sink.commit();
			} catch (e) {
				// stops the export's worker threads if the failure was the file's
				await pieces.return(0);
				sink.abort();
				throw e;
			}
			// on stderr when the TMX itself is on stdout, so that the pipe holds only the TMX
			(sink.toStdout ? ctx.io.stderr : out).write(ctx.t('tm.exported', { units: n, file: sink.toStdout ? '<stdout>' : file }) + '\n');
			return 0;
		}
		if (sub === 'show' || sub === 'edit' || sub === 'delete') return maintain(sub, positionals, values, wb.tm, ctx);
		throw new AtelierError('usage', { message: reason('usage.subcommand', { command: 'tm', values: 'import, export, lookup, concordance, stats, show, edit, delete' }) });
	}
};
