import { AtelierError, isAtelierError } from '../core/errors.js';
import { errorMessage } from '../lib/i18n/index.js';
import { createContext, type Io } from './context.js';
import { docsCommand } from './docs.js';
import { importCommand } from './import.js';
import { segmentCommand } from './segment.js';
import { checkCommand } from './check.js';
import { glossaryCommand } from './glossary.js';
import { termsCommand } from './terms.js';
import { tmCommand } from './tm.js';
import { alignCommand } from './align.js';
import { exportCommand } from './export.js';
import { reimportCommand } from './reimport.js';
import { editCommand } from './edit.js';
import { qaCommand } from './qa.js';
import { backupCommand, restoreCommand } from './backup.js';
import { reason } from '../core/formats/reason.js';

export interface Command {
	name: string;
	summary: string;
	usage: string;
	run(args: string[], ctx: ReturnType<typeof createContext>): Promise<number>;
}

const COMMANDS: Command[] = [importCommand, segmentCommand, docsCommand, termsCommand, checkCommand, glossaryCommand, tmCommand, alignCommand, exportCommand, reimportCommand];
COMMANDS.push(qaCommand);
COMMANDS.push(editCommand);
COMMANDS.push(backupCommand, restoreCommand);

const HELP = `Usage: atelier <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Run "atelier <command> --help" for a command's options.
Environment: ATELIER_DB (database file, default data/atelier.sqlite), ATELIER_LANG (fr|en, messages).
Exit codes: 0 ok, 1 user error, 2 internal error (check: 3 when it finds errors).
`;

/** Exit codes: 0 ok, 1 user error (one line on stderr), 2 internal error. */
export async function main(argv: string[], io: Io): Promise<number> {
	const [name, ...rest] = argv;
	if (!name || name === '--help' || name === '-h' || name === 'help') {
		io.stdout.write(HELP);
		return name ? 0 : 1;
	}
	const cmd = COMMANDS.find((c) => c.name === name);
	const ctx = createContext(io);
	try {
		if (!cmd) throw new AtelierError('usage', { message: reason('usage.unknownCommand', { name: name }) });
		if (rest.includes('--help') || rest.includes('-h')) {
			io.stdout.write(cmd.usage);
			return 0;
		}
		return await cmd.run(rest, ctx);
	} catch (e) {
		if (isAtelierError(e)) {
			io.stderr.write(`atelier: ${errorMessage(ctx.t, e)}\n`);
			return 1;
		}
		if (e instanceof Error && 'code' in e && String((e as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
			io.stderr.write(`atelier ${name}: ${e.message}\n`);
			return 1;
		}
		io.stderr.write(`atelier: ${ctx.t('errors.internal', { message: e instanceof Error ? e.message : String(e) })}\n`);
		if (process.env.ATELIER_DEBUG && e instanceof Error) io.stderr.write(`${e.stack}\n`);
		return 2;
	} finally {
		ctx.close();
	}
}
