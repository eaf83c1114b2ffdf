import type { TFunction } from 'i18next';
import { AtelierError } from '../core/errors.js';
import { reason } from '../core/formats/reason.js';
import { cleanUserName, USER_NAME_MAX, userNameProblem } from '../core/user.js';
import type { Io } from './context.js';

/**
 * Who signs a CLI change: `--by NAME` when given (`--by ""` signs nothing), else the
 * environment variable ATELIER_USER — never the system user name, which under CI or a
 * service is `root` and would sign every change alike. An ATELIER_USER that is no valid
 * name (too long, control characters) signs nothing, said on standard error when `ctx` is given.
 * A `--by` that is no valid name is a usage error: it was typed for this command, so the
 * command stops rather than sign with a cut name or one carrying control characters.
 */
export function userFrom(by: string | undefined, ctx?: { io: Io; t: TFunction }, env: NodeJS.ProcessEnv = process.env): string | null {
	if (by != null) {
		const problem = userNameProblem(by);
		if (problem) throw new AtelierError('usage', { message: reason(`signature.by.${problem}`, { max: USER_NAME_MAX }) });
		// `--by ""` (or blanks) signs nothing, even when ATELIER_USER is set
		return cleanUserName(by);
	}
	const raw = env.ATELIER_USER;
	const name = cleanUserName(raw);
	if (name == null && raw != null && raw.trim() !== '') ctx?.io.stderr.write(ctx.t('signature.cli.envIgnored', { max: USER_NAME_MAX }) + '\n');
	return name;
}
