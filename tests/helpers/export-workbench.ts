import { join } from 'node:path';
import { createExports } from '../../src/core/export/service.server.js';
import type { SegmentStatus } from '../../src/core/model.js';
import { createWorkbench, type Workbench } from '../../src/core/workbench.server.js';
import { tempDir } from './db.js';

/** French with the typography exports must keep: ’ « » U+00A0 before : ; ! ? and U+202F. */
export const FRENCH = [
	'Déclaration finale',
	'',
	'L’OTAN « défend » ses alliés\u00a0: c’est sa mission. Les chefs d’État se sont réunis à Bucarest\u202f!',
	'',
	'Le Conseil a adopté 12\u202f500 mesures. Il reste beaucoup à faire.',
	'',
	'La FIAS poursuit son travail en Afghanistan.'
].join('\n');

export interface ExportFixture {
	wb: Workbench;
	ex: ReturnType<typeof createExports>;
	docId: number;
	dir: string;
	/** targets set on the document, by ord */
	targets: Map<number, { target: string; status: SegmentStatus }>;
	close(): void;
}

/** A real workbench in a temp dir with one pasted French document, some segments translated. */
export async function exportFixture(opts: { glossary?: boolean } = {}): Promise<ExportFixture> {
	const tmp = tempDir('atelier-export-');
	const wb = createWorkbench({ dbPath: join(tmp.dir, 'db.sqlite') });
	if (opts.glossary !== false) wb.terminology.seed(join(import.meta.dirname, '..', '..', 'glossary'));
	const res = await wb.importDocument({ bytes: new TextEncoder().encode(FRENCH), file: 'declaration.txt', sourceLang: 'fr-FR', targetLang: 'en-GB', pasted: true, title: 'Déclaration « finale »' });
	const targets = new Map<number, { target: string; status: SegmentStatus }>([
		[0, { target: 'Final declaration', status: 'reviewed' }],
		[1, { target: 'NATO “defends” its allies: that is its mission.', status: 'translated' }],
		[2, { target: 'The Heads of State met in Bucharest!', status: 'draft' }],
		[3, { target: 'The Council adopted 12\u202f500 measures.', status: 'translated' }]
	]);
	for (const [ord, t] of targets) wb.setTarget(res.id, ord, t.target, { status: t.status, by: 'translator' });
	return { wb, ex: createExports(wb), docId: res.id, dir: tmp.dir, targets, close: () => (wb.close(), tmp.remove()) };
}

export const tEn = (await import('../../src/lib/i18n/index.js')).createT('en') as unknown as (k: string, p?: Record<string, unknown>) => string;
