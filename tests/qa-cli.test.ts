import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkbench } from '../src/core/workbench.server.js';
import { inProcessCli } from './helpers/cli.js';
import { tempDir } from './helpers/db.js';

let dir: ReturnType<typeof tempDir>;
let dbPath: string;

const atelier = inProcessCli(() => dbPath);

/** The French original of the NRC statement, three segments translated (one with a wrong year, one with French spacing). */
let docId: number;
let ords: { wrongYear: number; spacing: number; good: number };

beforeAll(async () => {
	dir = tempDir();
	dbPath = join(dir.dir, 'qa.sqlite');
	const wb = createWorkbench({ dbPath });
	await wb.seed();
	const doc = wb.listDocuments().find((d) => d.role === 'original' && d.sourceLang === 'fr-FR' && d.title.startsWith('Déclaration du Président'))!;
	docId = doc.id;
	const pairs = wb.segmentPairs(docId);
	const find = (re: RegExp) => pairs.find((p) => re.test(p.source))!.ord;
	ords = { wrongYear: find(/^Six ans après sa création/), spacing: find(/^Les États membres du COR restent attachés/), good: find(/^La lutte contre le terrorisme reste/) };
	wb.setTarget(docId, ords.wrongYear, 'Seven years after its creation, the NATO-Russia Council has proved to be an important instrument among its member states.');
	wb.setTarget(docId, ords.spacing, 'NRC member states remain committed to the long-term viability of the CFE Treaty regime .');
	wb.setTarget(docId, ords.good, 'The fight against terrorism remains a key area of cooperation within the NRC.');
	wb.close();
});
afterAll(() => dir.remove());

describe('atelier qa', () => {
	it('checks the translated segments of a document and exits 3 on errors', async () => {
		const r = await atelier(['qa', String(docId)]);
		expect(r.code).toBe(3);
		const lines = r.out.trim().split('\n');
		expect(lines.map((l) => l.split('\t').slice(0, 3))).toEqual([
			[String(ords.spacing + 1), 'Warning', 'qa.typography'],
			[String(ords.wrongYear + 1), 'Error', 'qa.numbers']
		]);
		expect(ords.spacing).toBeLessThan(ords.wrongYear);
		expect(lines[1]).toContain('Number 27 of the source is not in the target');
		expect(lines[0]).toContain('suggestion: “.”');
		expect(r.err).toContain('Errors: 1, warnings: 1, notes: 0');
	});

	it('speaks French, and writes JSON', async () => {
		const fr = await atelier(['qa', String(docId)], 'fr');
		expect(fr.out).toContain('Le nombre 27 de la source manque dans la cible');
		expect(fr.err).toContain('Erreurs\u00a0: 1, avertissements\u00a0: 1');
		const json = await atelier(['qa', String(docId), '--format', 'json']);
		const report = JSON.parse(json.out);
		expect(report.counts).toEqual({ error: 1, warning: 1, info: 0 });
		expect(report.issues[1]).toMatchObject({ check: 'qa.numbers', message: 'checks.qa.numberMissing', document: docId, segments: [ords.wrongYear], params: { number: '27' } });
	});

	it('skips disabled checks: no error left, exit 0', async () => {
		const r = await atelier(['qa', String(docId), '--disable', 'qa.numbers']);
		expect(r.code).toBe(0);
		expect(r.out).not.toContain('qa.numbers');
		expect((await atelier(['qa', String(docId), '--disable', 'qa.nope'])).code).toBe(1);
	});

	it('checks one pair given on the command line', async () => {
		const r = await atelier(['qa', '--source', 'Pourquoi pas ?', '--target', 'Pourquoi pas ?', '--from', 'en', '--to', 'fr']);
		expect(r.code).toBe(0);
		expect(r.out).toContain('qa.typography');
		expect(r.out).toContain('qa.copied');
		const e = await atelier(['qa', '--source', 'Le 4 avril 2008.', '--target', 'On 4 April 2007.', '--from', 'fr', '--to', 'en', '--format', 'json']);
		expect(e.code).toBe(3);
		expect(JSON.parse(e.out).issues.map((i: { message: string }) => i.message)).toEqual(['checks.qa.numberChanged']);
	});

	it('refuses bad input with a clear message', async () => {
		expect((await atelier(['qa'])).code).toBe(1);
		expect((await atelier(['qa', '999'])).code).toBe(1);
		expect((await atelier(['qa', '--source', 'a', '--target', 'b'])).err).toContain('--from');
		expect((await atelier(['qa', '--source', 'a', '--target', 'b', '--from', 'fr', '--to', '12'])).code).toBe(1);
	});
});
