import { AtelierError } from '../core/errors.js';
import { reason } from '../core/formats/reason.js';

/**
 * An option or argument that must be an integer ≥ `min`: a usage error (exit 1) naming it
 * otherwise. `Number('2.5')` or `Number('abc')` handed on would reach SQLite as a float or
 * NaN and come back as an internal error, or silently mean "no limit".
 */
export function intOption(v: string | undefined, what: string, min = 0): number {
	const n = Number(v);
	if (v == null || v.trim() === '' || !Number.isInteger(n) || n < min) throw new AtelierError('usage', { message: reason('usage.integerAtLeast', { option: what, min }) });
	return n;
}
