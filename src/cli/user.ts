import type { TFunction } from 'i18next';
import { cleanUserName, USER_NAME_MAX } from '../core/user.js';
import type { Io } from './context.js';

/**
 * Who signs a CLI change: `--by NAME` when given (`--by ""` signs nothing), else the
 * environment variable ATELIER_USER — never the system user name, which under CI or a
 * service is `root` and would sign every change alike. An ATELIER_USER that is no valid
 * name (too long, control characters) signs nothing, said on standard error when `ctx` is given.
 */
export function userFrom(by: string | undefined, ctx?: { io: Io; t: TFunction }, env: NodeJS.ProcessEnv = process.env): string | null {
	if (by != null) return by === '' ? null : by.normalize('NFC');
	const raw = env.ATELIER_USER;
	const name = cleanUserName(raw);
	if (name == null && raw != null && raw.trim() !== '') ctx?.io.stderr.write(ctx.t('signature.cli.envIgnored', { max: USER_NAME_MAX }) + '\n');
	return name;
}
