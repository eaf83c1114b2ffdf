import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { segmentConsistency } from '../src/core/qa/consistency.js';
import { runQaOnDocument } from '../src/core/qa/index.js';
import { createWorkbench } from '../src/core/workbench.server.js';
import { createT } from '../src/lib/i18n/index.js';
import { inProcessCli } from './helpers/cli.js';
import { tempDir } from './helpers/db.js';

const pairs = [
	{ ord: 0, source: 'Le Conseil se réunit.', target: 'The Council meets.' },
	{ ord: 1, source: 'La séance est ouverte.', target: 'The meeting is open.' },
	// the same source retranslated
	{ ord: 2, source: 'Le Conseil se réunit.', target: 'The Council is meeting.' },
	// the same as 0, typed with a no-break space and a curly apostrophe: not a variant
	{ ord: 3, source: 'Le Conseil  se réunit.', target: 'The Council\u00a0meets.' },
	// one translation for two different sources
	{ ord: 4, source: 'La séance est levée.', target: 'The meeting is open.' },
	{ ord: 5, source: 'Le Conseil se réunit.', target: null },
	{ ord: 6, source: 'L’ordre du jour est adopté.', target: 'The agenda is adopted.' },
	{ ord: 7, source: "L'ordre du jour est adopté.", target: 'The agenda is adopted.' }
];

describe('consistency across segments (Xbench inconsistency in source / target)', () => {
	it('one warning per text, each variant with its segments; spacing and apostrophes are not variants', () => {
		const issues = segmentConsistency(pairs.map((p) => ({ ...p, document: 9 })));
		expect(issues.map((i) => [i.message, i.segments, i.params, i.document])).toEqual([
			[
				'checks.qa.sourceTranslatedDifferently',
				[0, 2, 3],
				{ source: '“Le Conseil se réunit.”', count: 2, variants: '“The Council meets.” (1, 4); “The Council is meeting.” (3)' },
				9
			],
			['checks.qa.targetForDifferentSources', [1, 4], { target: '“The meeting is open.”', count: 2, variants: '“La séance est ouverte.” (2); “La séance est levée.” (5)' }, 9]
		]);
		expect(issues.every((i) => i.check === 'qa.consistency' && i.severity === 'warning')).toBe(true);
		// stable: the same texts give the same fingerprints, whatever the segment numbers
		const moved = segmentConsistency(pairs.map((p) => ({ ...p, ord: p.ord + 10 })));
		expect(moved.map((i) => i.fingerprint)).toEqual(issues.map((i) => i.fingerprint));
	});

	it('the messages read in both languages', () => {
		const [source, target] = segmentConsistency(pairs);
		expect(createT('en')(source.message, source.params)).toBe('Same source translated 2 ways: “Le Conseil se réunit.” → “The Council meets.” (1, 4); “The Council is meeting.” (3)');
		expect(createT('fr')(target.message, target.params)).toBe(
			'Même traduction pour 2\u00a0sources différentes\u00a0: “The meeting is open.” ← “La séance est ouverte.” (2); “La séance est levée.” (5)'
		);
	});

	it('is part of the document QA, and can be disabled like any check', () => {
		const langs = { sourceLang: 'fr-FR', targetLang: 'en-GB' };
		expect(runQaOnDocument(pairs, langs).filter((i) => i.check === 'qa.consistency')).toHaveLength(2);
		expect(runQaOnDocument(pairs, langs, { disabled: ['qa.consistency'] }).filter((i) => i.check === 'qa.consistency')).toHaveLength(0);
	});
});

describe('`atelier qa DOC` reports it', () => {
	const dir = tempDir('atelier-qa-consistency-');
	const dbPath = join(dir.dir, 'q.sqlite');
	let doc: number;
	beforeAll(async () => {
		const wb = createWorkbench({ dbPath });
		doc = (await wb.importDocument({ bytes: Buffer.from('Le Conseil se réunit. La séance est ouverte.\n\nLe Conseil se réunit. Les Alliés ont décidé.'), file: 'c.txt', sourceLang: 'fr-FR', targetLang: 'en-GB' })).id;
		wb.setTarget(doc, 0, 'The Council meets.', { status: 'translated' });
		wb.setTarget(doc, 2, 'The Council convenes.', { status: 'translated' });
		wb.close();
	});
	afterAll(() => dir.remove());

	const atelier = inProcessCli(dbPath);

	it('one line naming every segment involved; --disable consistency leaves it out', async () => {
		const r = await atelier(['qa', String(doc)]);
		expect(r.out).toContain('1,3\tWarning\tqa.consistency\tSame source translated 2 ways: “Le Conseil se réunit.” → “The Council meets.” (1); “The Council convenes.” (3)\n');
		const off = await atelier(['qa', String(doc), '--disable', 'qa.consistency']);
		expect(off.out).not.toContain('qa.consistency');
	});
});
