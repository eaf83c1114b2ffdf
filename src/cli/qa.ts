import { parseArgs } from 'node:util';
import { AtelierError } from '../core/errors.js';
import { knownLang } from '../core/lang.js';
import type { Issue } from '../core/model.js';
import { documentQa } from '../core/document-qa.server.js';
import { countIssues, QA_CHECKS, runQa } from '../core/qa/index.js';
import type { CliContext } from './context.js';
import type { Command } from './main.js';
import { reason } from '../core/formats/reason.js';

export const qaCommand: Command = {
	name: 'qa',
	helpVars: () => ({ checks: QA_CHECKS.join(', ') }),
	async run(args, ctx) {
		const { values, positionals } = parseArgs({
			args,
			allowPositionals: true,
			options: {
				format: { type: 'string', default: 'text' },
				disable: { type: 'string' },
				source: { type: 'string' },
				target: { type: 'string' },
				from: { type: 'string' },
				to: { type: 'string' }
			}
		});
		// TEXT or JSON as people write them mean the same
		values.format = values.format!.toLowerCase();
		if (!['text', 'json'].includes(values.format!)) throw new AtelierError('usage', { message: reason('usage.oneOf', { option: '--format', values: 'text, json' }) });
		const disabled = values.disable ? values.disable.split(',').map((s) => s.trim()).filter(Boolean) : [];
		const unknown = disabled.filter((d) => !QA_CHECKS.includes(d));
		if (unknown.length) throw new AtelierError('usage', { message: reason('usage.unknownCheck', { names: unknown.join(', '), known: QA_CHECKS.join(', ') }) });
		const pairMode = values.source != null || values.target != null;
		let issues: Issue[];
		if (pairMode) {
			if (positionals.length) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'qa DOC | atelier qa --source TEXT --target TEXT --from LANG --to LANG' }) });
			if (values.source == null || values.target == null || !values.from || !values.to)
				throw new AtelierError('usage', { message: reason('usage.needsOption', { command: 'qa --source TEXT --target TEXT', option: '--from, --to', example: '--from fr --to en' }) });
			const sourceLang = knownLang(values.from, 'from');
			const targetLang = knownLang(values.to, 'to');
			issues = runQa({ source: values.source.normalize('NFC'), target: values.target.normalize('NFC'), sourceLang, targetLang }, { disabled });
		} else {
			if (positionals.length !== 1 || !/^\d+$/.test(positionals[0])) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'qa DOC | atelier qa --source TEXT --target TEXT --from LANG --to LANG' }) });
			const wb = await ctx.workbench();
			issues = documentQa(wb, Number(positionals[0]), { disabled }).issues;
		}
		const counts = countIssues(issues);
		if (values.format === 'json') ctx.io.stdout.write(JSON.stringify({ issues, counts }, null, 2) + '\n');
		else {
			for (const i of issues) ctx.io.stdout.write(line(i, ctx) + '\n');
			ctx.io.stderr.write((issues.length ? ctx.t('qa.counts', counts) : ctx.t('qa.none')) + '\n');
		}
		return counts.error > 0 ? 3 : 0;
	}
};

/** No-break spaces made visible: a suggestion that differs by one only shows that way. */
const showSpaces = (s: string) => s.replace(/\u202F/g, '⍽').replace(/\u00A0/g, '⍽');

function line(i: Issue, ctx: CliContext): string {
	const where = i.segments.length ? i.segments.map((s) => s + 1).join(',') : '-';
	const sev = ctx.t(`checks.severity.${i.severity}`);
	const msg = ctx.t(i.message, i.params);
	const fix = i.suggestions?.length && i.span?.side === 'target' ? `\t${ctx.t('qa.suggestion', { text: showSpaces(i.suggestions[0]) || '∅' })}` : '';
	return `${where}\t${sev}\t${i.check}\t${msg}${fix}`;
}
