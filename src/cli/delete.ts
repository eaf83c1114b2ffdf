import { parseArgs } from 'node:util';
import { AtelierError } from '../core/errors.js';
import { reason } from '../core/formats/reason.js';
import type { Command } from './main.js';

export const deleteCommand: Command = {
	name: 'delete',
	async run(args, ctx) {
		const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
		if (positionals.length !== 1 || !/^\d+$/.test(positionals[0])) throw new AtelierError('usage', { message: reason('usage.synopsis', { usage: 'delete DOC (atelier docs)' }) });
		const wb = await ctx.workbench();
		const id = Number(positionals[0]);
		// a located document_not_found when there is none; the title is what the user is told was deleted
		const { title } = wb.getDocument(id);
		wb.deleteDocument(id);
		ctx.io.stderr.write(ctx.t('doc.delete.done', { title }) + '\n');
		return 0;
	}
};
