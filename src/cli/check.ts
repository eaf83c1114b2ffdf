import { parseArgs } from 'node:util';
import type { CheckReport } from '../core/checks/run.js';
import { describeReferences } from '../core/checks/term-references.js';
import { AtelierError } from '../core/errors.js';
import { knownLang } from '../core/lang.js';
import { CHECK_SCOPES, type CheckScope } from '../core/terminology.server.js';
import type { Command } from './main.js';
import { reason } from '../core/formats/reason.js';

export const checkCommand: Command = {
	name: 'check',
	async run(args, ctx) {
		const { values, positionals } = parseArgs({
			args,
			allowPositionals: true,
			options: {
				format: { type: 'string', default: 'text' },
				scope: { type: 'string', default: 'document' },
				all: { type: 'boolean', default: false },
				threads: { type: 'string' },
				source: { type: 'string' },
				target: { type: 'string' },
				from: { type: 'string' },
				to: { type: 'string' }
			}
		});
		// TEXT or JSON as people write them mean the same
		values.format = values.format!.toLowerCase();
		if (!['text', 'json'].includes(values.format!)) throw new AtelierError('usage', { message: reason('usage.oneOf', { option: '--format', values: 'text, json' }) });
		if (values.source != null || values.target != null) {
			if (positionals.length || values.all) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'check DOC|--all | atelier check --source TEXT --target TEXT' }) });
			if (values.source == null || values.target == null)
				throw new AtelierError('usage', { message: reason('usage.needsOption', { command: 'check --source TEXT', option: '--target', example: '--target "NATO and ISAF"' }) });
			const sourceLang = knownLang(values.from ?? 'fr-FR', 'from');
			const targetLang = knownLang(values.to ?? 'en-GB', 'to');
			const wb = await ctx.workbench();
			const report = wb.terminology.checkPair(values.source, values.target, sourceLang, targetLang);
			if (values.format === 'json') ctx.io.stdout.write(JSON.stringify(report, null, 2) + '\n');
			else {
				for (const i of report.issues) {
					const span = i.span ? `${i.span.side}:${i.span.start + 1}\t` : '';
					ctx.io.stdout.write(`${span}${ctx.t(`checks.severity.${i.severity}`)}\t${i.check}\t${ctx.t(i.message, i.params)}${i.suggestions?.length ? `\t${ctx.t('qa.suggestion', { text: i.suggestions[0] })}` : ''}\n`);
				}
				ctx.io.stderr.write(ctx.t('report.counts', report.counts) + '\n');
			}
			return report.counts.error > 0 ? 3 : 0;
		}
		if (values.all ? positionals.length !== 0 : positionals.length !== 1 || !/^\d+$/.test(positionals[0])) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'check DOC|--all' }) });
		if (values.threads !== undefined && !/^[1-9]\d*$/.test(values.threads)) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'check --all --threads N' }) });
		if (!(CHECK_SCOPES as readonly string[]).includes(values.scope!)) throw new AtelierError('usage', { message: reason('usage.oneOf', { option: '--scope', values: 'document, project, tm' }) });
		const wb = await ctx.workbench();
		const scope = values.scope as CheckScope;
		const printIssues = (report: CheckReport, prefix: string) => {
			for (const i of report.issues) {
				const where = i.segments.map((s) => s + 1).join(',');
				const sev = ctx.t(`checks.severity.${i.severity}`);
				const msg = ctx.t(i.message, i.params);
				const elsewhere = describeReferences(i.references, ctx.t);
				ctx.io.stdout.write(`${prefix}${where}\t${i.ignored != null ? `(${ctx.t('report.accepted', { reason: i.ignored })}) ` : ''}${sev}\t${i.check}\t${msg}${elsewhere ? `\t${elsewhere}` : ''}\n`);
			}
		};
		if (values.all) {
			const results = await wb.terminology.checkDocuments(undefined, { scope, threads: values.threads ? Number(values.threads) : undefined });
			if (values.format === 'json') ctx.io.stdout.write(JSON.stringify(results, null, 2) + '\n');
			else
				for (const { document, report } of results) {
					// one line per finding, the document's id first, so the output sorts and greps
					printIssues(report, `${document}\t`);
					ctx.io.stderr.write(ctx.t('report.documentCounts', { ...report.counts, id: document, title: wb.getDocument(document).title }) + '\n');
				}
			return results.some((r) => r.report.counts.error > 0) ? 3 : 0;
		}
		const id = Number(positionals[0]);
		wb.getDocument(id);
		const report = wb.terminology.checkDocument(id, { scope });
		if (values.format === 'json') ctx.io.stdout.write(JSON.stringify(report, null, 2) + '\n');
		else {
			printIssues(report, '');
			ctx.io.stderr.write(ctx.t('report.counts', report.counts) + '\n');
		}
		return report.counts.error > 0 ? 3 : 0;
	}
};
