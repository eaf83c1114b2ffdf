import { parseArgs } from 'node:util';
import { AtelierError, formatLocation } from '../core/errors.js';
import type { ReimportPlan } from '../core/export/reimport.js';
import { createExports } from '../core/export/service.server.js';
import type { CliContext } from './context.js';
import type { Command } from './main.js';
import { reason } from '../core/formats/reason.js';
import { readInputFile } from './files.js';
import { userFrom } from './user.js';

const short = (s: string | null, n = 60) => (s == null ? '∅' : s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function printPlan(plan: ReimportPlan, ctx: Pick<CliContext, 't' | 'io'>): void {
	const w = (s: string) => ctx.io.stdout.write(s + '\n');
	const t = ctx.t;
	w(t('reimport.cli.planHead', { file: plan.file, id: plan.documentId, format: plan.format }));
	w(t('reimport.summary', { changes: plan.changes.length, conflicts: plan.conflicts.length, rejected: plan.rejected.length, unchanged: plan.unchanged, missing: plan.missing.length }));
	if (plan.blocking.length) {
		w(t('reimport.blocked'));
		for (const b of plan.blocking) w(`  ${t(`reimport.reason.${b.reason}`, b.detail)}`);
	}
	if (plan.changes.length) w(t('reimport.cli.changes', { n: plan.changes.length }));
	const notices = (c: ReimportPlan['changes'][number]) => {
		for (const n of c.notices ?? []) w(t('reimport.cli.noticeLine', { notice: t(`reimport.notice.${n.code}`, n.detail) }));
	};
	for (const c of plan.changes) {
		w(t('reimport.cli.change', { row: c.number, old: short(c.oldTarget), new: short(c.newTarget), oldStatus: c.oldStatus, newStatus: c.newStatus }));
		notices(c);
	}
	if (plan.conflicts.length) w(t('reimport.cli.conflicts', { n: plan.conflicts.length }));
	for (const c of plan.conflicts) {
		w(t('reimport.cli.conflictLine', { row: c.number, old: short(c.oldTarget), new: short(c.newTarget) }));
		notices(c);
	}
	if (plan.rejected.length && !plan.blocking.length) {
		w(t('reimport.cli.rejected', { n: plan.rejected.length }));
		for (const r of plan.rejected) w(t('reimport.cli.rejectedLine', { where: formatLocation(r.location), reason: t(`reimport.reason.${r.reason}`, r.detail) }));
	}
	if (plan.missing.length) w(t('reimport.cli.missing', { n: plan.missing.length }));
}

export const reimportCommand: Command = {
	name: 'reimport',
	async run(args, ctx) {
		const { values, positionals } = parseArgs({
			args,
			allowPositionals: true,
			options: { apply: { type: 'boolean' }, overwrite: { type: 'boolean' }, by: { type: 'string' }, json: { type: 'boolean' } }
		});
		if (positionals.length !== 2 || !/^\d+$/.test(positionals[0])) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'reimport DOC FILE' }) });
		const [doc, file] = positionals;
		const bytes = readInputFile(file);
		const ex = createExports(await ctx.workbench());
		const plan = await ex.plan(Number(doc), bytes, file);
		if (values.json) ctx.io.stdout.write(JSON.stringify(plan, null, 2) + '\n');
		else printPlan(plan, ctx);
		if (plan.blocking.length) return 1;
		const n = plan.changes.length + (values.overwrite ? plan.conflicts.length : 0);
		if (!values.apply) {
			if (!values.json) ctx.io.stdout.write(ctx.t('reimport.cli.dryRun', { n }) + '\n');
			return 0;
		}
		const res = ex.apply(plan, { by: userFrom(values.by, ctx), overwriteConflicts: values.overwrite });
		ctx.io.stdout.write(ctx.t('reimport.cli.applied', { n: res.applied, batch: res.batch }) + '\n');
		return 0;
	}
};
