import { parseArgs } from 'node:util';
import { AtelierError } from '../core/errors.js';
import type { Command } from './main.js';

export const checkCommand: Command = {
	name: 'check',
	summary: 'run the terminology checks on a document (exit 3 when there are errors)',
	usage: `Usage: atelier check DOC [--format text|json] [--scope document|project]

Runs every terminology check (missing approved term, forbidden term, acronyms,
inconsistency) on document DOC (its id, as "atelier docs" prints it).
  --format    text (default: one finding per line) or json
  --scope     project: also compare with every other document's translations
Exit codes: 0 no error (warnings allowed), 3 errors found, 1 user error, 2 internal error.
`,
	async run(args, ctx) {
		const { values, positionals } = parseArgs({
			args,
			allowPositionals: true,
			options: { format: { type: 'string', default: 'text' }, scope: { type: 'string', default: 'document' } }
		});
		if (positionals.length !== 1 || !/^\d+$/.test(positionals[0])) throw new AtelierError('usage', { message: 'check takes one document id' });
		if (!['text', 'json'].includes(values.format!)) throw new AtelierError('usage', { message: '--format must be text or json' });
		if (!['document', 'project'].includes(values.scope!)) throw new AtelierError('usage', { message: '--scope must be document or project' });
		const wb = await ctx.workbench();
		const id = Number(positionals[0]);
		wb.getDocument(id);
		const report = wb.terminology.checkDocument(id, { scope: values.scope as 'document' | 'project' });
		if (values.format === 'json') ctx.io.stdout.write(JSON.stringify(report, null, 2) + '\n');
		else {
			for (const i of report.issues) {
				const where = i.segments.map((s) => s + 1).join(',');
				const sev = ctx.t(`checks.severity.${i.severity}`);
				const msg = ctx.t(i.message, i.params);
				ctx.io.stdout.write(`${where}\t${i.ignored != null ? `(${ctx.t('report.accepted', { reason: i.ignored })}) ` : ''}${sev}\t${i.check}\t${msg}\n`);
			}
			ctx.io.stderr.write(ctx.t('report.counts', report.counts) + '\n');
		}
		return report.counts.error > 0 ? 3 : 0;
	}
};
