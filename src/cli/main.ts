import type { TFunction } from 'i18next';
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
import { deleteCommand } from './delete.js';
import { joinCommand, splitCommand } from './segment-edit.js';
import { reason } from '../core/formats/reason.js';

export interface Command {
	name: string;
	/** values the command's help text (cliHelp.commands.NAME in src/lib/i18n) interpolates */
	helpVars?: () => Record<string, string>;
	run(args: string[], ctx: ReturnType<typeof createContext>): Promise<number>;
}

const COMMANDS: Command[] = [importCommand, segmentCommand, docsCommand, termsCommand, checkCommand, glossaryCommand, tmCommand, alignCommand, exportCommand, reimportCommand];
COMMANDS.push(qaCommand);
COMMANDS.push(editCommand);
COMMANDS.push(backupCommand, restoreCommand);
COMMANDS.push(deleteCommand);
COMMANDS.push(joinCommand, splitCommand);

export const COMMAND_NAMES = COMMANDS.map((c) => c.name);

/** `atelier --help`, in the reader's language. */
export function mainHelp(t: TFunction): string {
	const commands = COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${t(`cliHelp.commands.${c.name}.summary`)}`).join('\n');
	return t('cliHelp.main', { commands }) as string;
}

/** `atelier NAME --help`, in the reader's language. */
export function commandHelp(t: TFunction, cmd: Command): string {
	return t(`cliHelp.commands.${cmd.name}.usage`, cmd.helpVars?.() ?? {}) as string;
}

/**
 * parseArgs's errors are English sentences with their own prefix and, for an unknown
 * option, an unbalanced quote; what the user needs is the option and where to look.
 */
function parseArgsError(e: Error & { code: string }, command: string): AtelierError {
	const quoted = /'([^']*)'/.exec(e.message)?.[1] ?? '';
	let message: string;
	if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') message = reason('usage.unknownOption', { option: quoted, command });
	else if (e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') message = reason('usage.unexpectedArgument', { argument: quoted, command });
	else if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
		const option = quoted.replace(/ <value>$/, '');
		message = /does not take an argument/.test(e.message) ? reason('usage.optionTakesNoValue', { option, command }) : reason('usage.optionNeedsValue', { option, command });
	} else message = reason('usage.badArguments', { detail: e.message, command });
	return new AtelierError('usage', { message });
}

const isEpipe = (e: unknown) => (e as { code?: unknown })?.code === 'EPIPE';

/**
 * `--offset -1` as `--offset=-1`: parseArgs takes a value that starts with a dash for an
 * option, and the user was told that `--offset` needs a value rather than what is wrong with
 * -1. No command takes a negative number as an argument of its own, so a negative number
 * after an option can only be that option's value.
 */
export function joinNegativeValues(args: readonly string[]): string[] {
	const out: string[] = [];
	for (let k = 0; k < args.length; k++) {
		const a = args[k];
		if (a === '--') return [...out, ...args.slice(k)];
		if (/^--[^=]+$/.test(a) && k + 1 < args.length && /^-\d+(?:\.\d+)?$/.test(args[k + 1])) out.push(`${a}=${args[++k]}`);
		else out.push(a);
	}
	return out;
}

/** Exit codes: 0 ok, 1 user error (one line on stderr), 2 internal error. */
export async function main(argv: string[], io: Io): Promise<number> {
	const [name, ...rest] = argv;
	const ctx = createContext(io);
	if (!name || name === '--help' || name === '-h' || name === 'help') {
		io.stdout.write(mainHelp(ctx.t));
		return name ? 0 : 1;
	}
	const cmd = COMMANDS.find((c) => c.name === name);
	try {
		if (!cmd) throw new AtelierError('usage', { message: reason('usage.unknownCommand', { name: name }) });
		if (rest.includes('--help') || rest.includes('-h')) {
			io.stdout.write(commandHelp(ctx.t, cmd));
			return 0;
		}
		return await cmd.run(joinNegativeValues(rest), ctx);
	} catch (e) {
		// a reader that stopped early (`| head`) is not a failure of ours, and has nothing to tell
		if (isEpipe(e)) return 0;
		ctx.endProgress();
		if (isAtelierError(e)) {
			io.stderr.write(`atelier: ${errorMessage(ctx.t, e)}\n`);
			return 1;
		}
		const code = (e as { code?: unknown })?.code;
		if (e instanceof Error && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
			io.stderr.write(`atelier: ${errorMessage(ctx.t, parseArgsError(e as Error & { code: string }, name))}\n`);
			return 1;
		}
		io.stderr.write(`atelier: ${ctx.t('errors.internal', { message: e instanceof Error ? e.message : String(e) })}\n`);
		if (process.env.ATELIER_DEBUG && e instanceof Error) io.stderr.write(`${e.stack}\n`);
		return 2;
	} finally {
		ctx.endProgress();
		ctx.close();
	}
}
