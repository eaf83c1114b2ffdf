import { parseArgs } from 'node:util';
import type { EditorRow } from '../core/db/editor.repo.server.js';
import { AtelierError } from '../core/errors.js';
import { reason } from '../core/formats/reason.js';
import type { Command } from './main.js';
import { intOption as int } from './options.js';
import { userFrom } from './user.js';


const OPTIONS = { json: { type: 'boolean' }, version: { type: 'string' }, by: { type: 'string' }, at: { type: 'string' }, offset: { type: 'string' } } as const;

/** A text as one TSV field, as `edit show` writes it, so a line stays a segment. */
const field = (s: string) => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\r?\n/g, '\\n').replace(/\r/g, '\\r');

/** The changed rows as `edit show` lists them (number, status, version, source, target), the first `n` of them. */
function rowsOut(rows: EditorRow[], n: number): string {
	return rows
		.slice(0, n)
		.map((r) => `${r.ord + 1}\t${r.status}\tv${r.version}\t${field(r.source)}\t${field(r.target ?? '')}\n`)
		.join('');
}

/** `atelier join DOC SEG`: segment numbers are 1-based, as the editor and `edit show` show them. */
export const joinCommand: Command = {
	name: 'join',
	async run(args, ctx) {
		const { values, positionals } = parseArgs({ args, allowPositionals: true, options: OPTIONS });
		if (positionals.length !== 2 || values.at != null || values.offset != null) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'join DOC SEG [--version A,B] [--by NAME] [--json]' }) });
		const doc = int(positionals[0], 'DOC', 1);
		const ord = int(positionals[1], 'SEG', 1) - 1;
		const wb = await ctx.workbench();
		// without --version, the versions as they are now (the command is its own reader); a
		// missing next segment is left for the join to refuse with its own message
		const versionOf = (o: number) => wb.editing.rows(doc).find((r) => r.ord === o)?.version ?? 0;
		const versions = values.version != null ? values.version.split(',').map((v) => int(v.trim(), '--version')) : [wb.editing.get(doc, ord).version, versionOf(ord + 1)];
		if (versions.length !== 2) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'join DOC SEG --version A,B' }) });
		const r = wb.editing.joinSegments(doc, ord, { versions, by: userFrom(values.by, ctx) });
		if (values.json) ctx.io.stdout.write(JSON.stringify(r, null, 2) + '\n');
		else {
			const undid = r.undid ? `${ctx.t('segmentEdit.cli.splitUndone', { n: ord + 1, next: ord + 2 })}\n` : '';
			ctx.io.stdout.write(`${ctx.t('segmentEdit.cli.joined', { n: ord + 1, next: ord + 2 })}\n${undid}${rowsOut(r.rows, 1)}`);
		}
		return 0;
	}
};

/** `atelier split DOC SEG --at TEXT | --offset K`: the second part starts at TEXT, or at K. */
export const splitCommand: Command = {
	name: 'split',
	async run(args, ctx) {
		const { values, positionals } = parseArgs({ args, allowPositionals: true, options: OPTIONS });
		if (positionals.length !== 2) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'split DOC SEG --at TEXT|--offset K [--version N] [--by NAME] [--json]' }) });
		if ((values.at == null) === (values.offset == null)) throw new AtelierError('usage', { message: reason('segmentEdit.atOrOffset') });
		const doc = int(positionals[0], 'DOC', 1);
		const ord = int(positionals[1], 'SEG', 1) - 1;
		const wb = await ctx.workbench();
		const seg = wb.editing.get(doc, ord);
		let offset: number;
		if (values.at != null) {
			const text = values.at.normalize('NFC');
			const found: number[] = [];
			for (let i = text ? seg.source.indexOf(text) : -1; i >= 0; i = seg.source.indexOf(text, i + 1)) found.push(i);
			if (!found.length) throw new AtelierError('usage', { message: reason('segmentEdit.atNotFound', { text, segment: ord + 1 }) });
			if (found.length > 1) throw new AtelierError('usage', { message: reason('segmentEdit.atAmbiguous', { text, segment: ord + 1, count: found.length }) });
			offset = found[0];
		} else offset = int(values.offset, '--offset');
		const version = values.version != null ? int(values.version, '--version') : seg.version;
		const r = wb.editing.splitSegment(doc, ord, offset, { version, by: userFrom(values.by, ctx) });
		if (values.json) ctx.io.stdout.write(JSON.stringify(r, null, 2) + '\n');
		else {
			const undid = r.undid ? `${ctx.t('segmentEdit.cli.joinUndone', { n: ord + 1 })}\n` : '';
			ctx.io.stdout.write(`${ctx.t('segmentEdit.cli.split', { n: ord + 1, next: ord + 2 })}\n${undid}${rowsOut(r.rows, 2)}`);
		}
		return 0;
	}
};
