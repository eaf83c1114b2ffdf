import { parseArgs } from 'node:util';
import { assertStatus } from '../core/editor/document.server.js';
import { changeLabelKey } from '../core/editor/history.js';
import { AtelierError } from '../core/errors.js';
import { runQa } from '../core/qa/index.js';
import type { Command } from './main.js';
import { intOption as int } from './options.js';
import { reason } from '../core/formats/reason.js';
import { userFrom } from './user.js';

const SUBCOMMANDS: readonly (string | undefined)[] = ['show', 'set', 'pretranslate', 'progress', 'analyse', 'analyze', 'find', 'replace', 'check', 'history', 'restore'];
const subcommandError = () => new AtelierError('usage', { message: reason('usage.subcommand', { command: 'edit', values: `${SUBCOMMANDS.filter((c) => c !== 'analyze').join(', ')} (atelier edit --help)` }) });

export const editCommand: Command = {
	name: 'edit',
	async run(args, ctx) {
		const [sub, ...rest] = args;
		const { values, positionals } = parseArgs({
			args: rest,
			allowPositionals: true,
			options: {
				json: { type: 'boolean' },
				target: { type: 'string' },
				status: { type: 'string' },
				version: { type: 'string' },
				by: { type: 'string' },
				'in-context-only': { type: 'boolean' },
				in: { type: 'string' },
				regex: { type: 'boolean' },
				case: { type: 'boolean' },
				apply: { type: 'boolean' },
				limit: { type: 'string' },
				unsigned: { type: 'boolean' },
				'no-propagate': { type: 'boolean' }
			}
		});
		const out = ctx.io.stdout;
		const t = ctx.t;
		const json = (v: unknown) => out.write(JSON.stringify(v, null, 2) + '\n');
		// the subcommand first: `atelier edit` alone is missing it, not a document number
		if (!SUBCOMMANDS.includes(sub)) throw subcommandError();
		const doc = int(positionals[0], 'DOC', 1);
		const wb = await ctx.workbench();
		const seg = () => int(positionals[1], 'SEG', 1) - 1;

		switch (sub) {
			case 'show': {
				if (positionals[1] != null) {
					const s = wb.editing.get(doc, seg());
					if (values.json) json(s);
					else out.write(`${s.ord + 1}\t${s.status}\tv${s.version}\n${s.source}\n${s.target ?? ''}\n`);
					return 0;
				}
				const rows = wb.editing.rows(doc);
				if (values.json) json(rows);
				// one segment per line, four tab-separated fields: a tab or line break inside a text is written \t, \n (and \ as \\)
				else for (const r of rows) out.write(`${r.ord + 1}\t${r.status}\t${field(r.source)}\t${field(r.target ?? '')}\n`);
				return 0;
			}
			case 'set': {
				if (values.target == null) throw new AtelierError('usage', { message: reason('usage.needsOption', { command: 'edit set', option: '--target TEXT', example: '--target "The Council meets."' }) });
				const ord = seg();
				const current = wb.editing.get(doc, ord);
				const version = values.version != null ? int(values.version, '--version') : current.version;
				const r = wb.editing.save(doc, ord, { target: values.target, status: assertStatus(values.status ?? 'translated'), version, by: userFrom(values.by, ctx), propagate: !values['no-propagate'] });
				if (!r.ok) throw new AtelierError('edit_conflict', { segment: ord + 1, version, current: r.current.version }, { document: doc, segment: ord + 1 });
				if (values.json) json(r);
				else {
					out.write(`${r.segment.ord + 1}\t${r.segment.status}\tv${r.segment.version}${r.tmUnit ? `\ttm ${r.tmUnit}` : ''}\n`);
					// on stderr: stdout keeps its one line per saved segment for scripts
					if (r.propagated.length) ctx.io.stderr.write(t('editor.propagated', { count: r.propagated.length, segments: r.propagated.map((p) => p.ord + 1).join(', ') }) + '\n');
				}
				return 0;
			}
			case 'pretranslate': {
				const status = values.status ?? 'draft';
				if (status !== 'draft' && status !== 'translated') throw new AtelierError('usage', { message: reason('usage.oneOf', { option: '--status', values: 'draft, translated' }) });
				const r = wb.editing.pretranslate(doc, { status, minScore: values['in-context-only'] ? 101 : 100, by: userFrom(values.by, ctx) });
				if (values.json) json(r);
				else {
					out.write(t('editor.pre.report', { filled: r.filled, empty: r.empty, exact: r.exact, inContext: r.inContext }) + '\n');
					for (const s of r.segments) out.write(`${s.ord + 1}\t${s.score}%\n`);
				}
				return 0;
			}
			case 'progress': {
				const p = wb.editing.progress(doc);
				if (values.json) json(p);
				else for (const c of [...p.byStatus, { status: 'total', ...p.total }]) out.write(`${c.status === 'total' ? t('editor.analysis.total') : t(`editor.status.${c.status}`)}\t${c.segments}\t${c.words}\n`);
				return 0;
			}
			case 'analyse':
			case 'analyze': {
				const a = wb.editing.analyse(doc);
				if (values.json) json(a);
				else {
					out.write(`${t('editor.analysis.band')}\t${t('editor.analysis.segments')}\t${t('editor.analysis.words')}\n`);
					for (const b of a.bands) out.write(`${t(`editor.bands.${b.band}`)}\t${b.segments}\t${b.words}\n`);
					out.write(`${t('editor.analysis.total')}\t${a.total.segments}\t${a.total.words}\n`);
				}
				return 0;
			}
			case 'find': {
				if (positionals.length !== 2) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'edit find DOC PATTERN' }) });
				const side = values.in ?? 'target';
				if (side !== 'source' && side !== 'target') throw new AtelierError('usage', { message: reason('usage.oneOf', { option: '--in', values: 'source, target' }) });
				const hits = wb.editing.find(doc, { find: positionals[1], in: side, regex: values.regex, caseSensitive: values.case });
				if (values.json) json(hits);
				else for (const h of hits) out.write(`${h.ord + 1}\t${h.ranges.map(([a, b]) => `${a}-${b}`).join(',')}\n`);
				return 0;
			}
			case 'replace': {
				if (positionals.length !== 3) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'edit replace DOC PATTERN REPLACEMENT' }) });
				const changes = wb.editing.previewReplace(doc, { find: positionals[1], replace: positionals[2], regex: values.regex, caseSensitive: values.case });
				if (!values.apply) {
					if (values.json) json(changes);
					else for (const c of changes) out.write(`${c.ord + 1}\t${c.before}\t→\t${c.after}\n`);
					return 0;
				}
				const r = wb.editing.applyReplace(doc, changes, userFrom(values.by, ctx));
				if (!r.ok) throw new AtelierError('edit_conflict', { segment: r.conflicts[0].ord + 1, version: changes.find((c) => c.ord === r.conflicts[0].ord)!.version, current: r.conflicts[0].version }, { document: doc });
				if (values.json) json(r);
				else out.write(t('editor.find.applied', { count: r.applied }) + '\n');
				return 0;
			}
			case 'check': {
				const ord = seg();
				const s = wb.editing.get(doc, ord);
				const target = values.target ?? s.target ?? '';
				const { sourceLang, targetLang } = wb.getDocument(doc);
				const issues = [...wb.editing.checkTerms(doc, ord, target), ...runQa({ source: s.source, target, sourceLang, targetLang, ord })];
				if (values.json) json(issues);
				else for (const i of issues) out.write(`${ord + 1}\t${t(`checks.severity.${i.severity}`)}\t${i.check}\t${t(i.message, i.params)}${'ignored' in i && i.ignored != null ? `\t(${t('editor.qa.accepted')})` : ''}\n`);
				return issues.some((i) => i.severity === 'error' && !('ignored' in i && i.ignored != null)) ? 3 : 0;
			}
			case 'history': {
				if (positionals[1] == null) {
					// the whole document's changes, newest first, each with the segment's number now
					const d = wb.editing.documentHistory(doc, { unsigned: values.unsigned, limit: values.limit != null ? int(values.limit, '--limit', 1) : 1_000_000 });
					if (values.json) json(d);
					else
						for (const e of d.entries) {
							const status = e.oldStatus !== e.newStatus ? `\t${t('history.status', { from: e.oldStatus ? t(`editor.status.${e.oldStatus}`) : '—', to: t(`editor.status.${e.newStatus}`) })}` : '';
							const by = e.changedBy ? `\t${t('signature.history.by', { name: e.changedBy })}` : '';
							out.write(`${e.currentOrd != null ? e.currentOrd + 1 : '-'}\t${e.changedAt}\t${t(changeLabelKey(e))}${by}${status}\n\t${field(e.newTarget ?? '')}\n`);
						}
					return 0;
				}
				const ord = seg();
				const h = wb.editing.history(doc, ord, { limit: values.limit != null ? int(values.limit, '--limit', 1) : 1_000_000 });
				if (values.json) {
					// each with the number `edit restore` takes
					json({ ...h, entries: h.entries.map((e, i) => ({ change: h.total - i, ...e })) });
					return 0;
				}
				if (h.total === 0) {
					out.write(t('history.cli.none', { segment: ord + 1 }) + '\n');
					return 0;
				}
				out.write(t('history.cli.header', { segment: ord + 1 }) + '\n');
				// numbered from the oldest (1), so a change keeps its number as others are added
				h.entries.forEach((e, i) => {
					const status = e.oldStatus !== e.newStatus ? `\t${t('history.status', { from: e.oldStatus ? t(`editor.status.${e.oldStatus}`) : '—', to: t(`editor.status.${e.newStatus}`) })}` : '';
					const by = e.changedBy ? `\t${t('signature.history.by', { name: e.changedBy })}` : '';
					out.write(`${h.total - i}\t${e.changedAt}\t${t(changeLabelKey(e))}${by}${status}\n\t${field(e.newTarget ?? '')}\n`);
				});
				const first = h.entries[h.entries.length - 1];
				if (h.entries.length === h.total && first.oldTarget != null) out.write(`0\t${t('history.cli.original')}\n\t${field(first.oldTarget)}\n`);
				return 0;
			}
			case 'restore': {
				if (positionals.length !== 3) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'edit restore DOC SEG CHANGE' }) });
				const ord = seg();
				const change = int(positionals[2], 'CHANGE', 0);
				const h = wb.editing.history(doc, ord, { limit: 1_000_000 });
				// change 0 exists when there was a text before the first change (as the list shows it)
				if (h.total === 0) throw new AtelierError('history_empty', { segment: ord + 1 }, { document: doc, segment: ord + 1 });
				if (change > h.total) throw new AtelierError('history_change_not_found', { segment: ord + 1, change, count: h.total }, { document: doc, segment: ord + 1 });
				// said as such: "no change 0 (0 is the text before the first)" reads as if there were one
				if (change === 0 && !h.entries[h.total - 1]?.oldTarget) throw new AtelierError('history_no_original', { segment: ord + 1, count: h.total }, { document: doc, segment: ord + 1 });
				// change 0 is the text before the first change; change k the text change k wrote
				const text = change === 0 ? (h.entries[h.total - 1].oldTarget ?? '') : (h.entries[h.total - change].newTarget ?? '');
				const current = wb.editing.get(doc, ord);
				const r = wb.editing.save(doc, ord, { target: text, status: 'draft', version: current.version, by: userFrom(values.by, ctx), kind: 'restore' });
				if (!r.ok) throw new AtelierError('edit_conflict', { segment: ord + 1, version: current.version, current: r.current.version }, { document: doc, segment: ord + 1 });
				if (values.json) json(r);
				else out.write(t('history.cli.restored', { segment: ord + 1, change, version: r.segment.version }) + '\n');
				return 0;
			}
			default:
				throw subcommandError();
		}
	}
};

/** A text as one TSV field: the escapes of the Linear TSV convention, so a line stays a segment. */
const field = (s: string) => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\r?\n/g, '\\n').replace(/\r/g, '\\r');
