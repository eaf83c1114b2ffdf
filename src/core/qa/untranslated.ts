import type { QaCheck } from './types.js';
import { issue } from './types.js';

const HAS_CONTENT = /[\p{L}\p{N}]/u;

/** A source with words or numbers and a target with none: nothing was translated yet. */
export const untranslated: QaCheck = {
	id: 'qa.untranslated',
	run(ctx) {
		if (!HAS_CONTENT.test(ctx.source.text)) return [];
		if (HAS_CONTENT.test(ctx.target.text)) return [];
		return [issue(ctx, 'qa.untranslated', 'error', 'untranslated', {}, 'empty')];
	}
};
