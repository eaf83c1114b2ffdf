import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkbench, type Workbench } from '../src/core/workbench.server.js';
import { tempDir } from './helpers/db.js';

// A TM unit a translation reuses counts one use more (TMX usagecount / lastusagedate, as
// Trados keeps them): a confirmation of a pair the TM already held, a pre-translation from it.

const FR = ['Le Conseil s’est réuni à Bucarest.', '', 'Les Alliés ont approuvé le plan.', '', 'Un autre paragraphe ici.', ''].join('\n');

describe('TM usage counted from the editor', () => {
	let dir: ReturnType<typeof tempDir>;
	let wb: Workbench;
	let doc: number;
	const ver = (d: number, ord: number) => wb.editing.get(d, ord).version;
	const confirm = (d: number, ord: number, target: string) => {
		const r = wb.editing.save(d, ord, { target, status: 'translated', version: ver(d, ord), by: 'anne' });
		if (!r.ok) throw new Error('conflict');
		return r.tmUnit!;
	};
	const usage = (id: number) => {
		const u = wb.tm.get(id)!;
		return [u.usageCount ?? null, u.lastUsedAt ?? null];
	};

	beforeEach(async () => {
		dir = tempDir();
		wb = createWorkbench({ dbPath: join(dir.dir, 'u.sqlite') });
		doc = (await wb.importDocument({ bytes: new TextEncoder().encode(FR), file: 'fr.txt', sourceLang: 'fr-FR', targetLang: 'en-GB' })).id;
	});
	afterEach(() => {
		wb.close();
		dir.remove();
	});

	it('a confirmation that reuses a pair counts one use of its unit; a new pair, and the same text confirmed again, do not', () => {
		const [imported] = wb.tm.add([{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: 'Le Conseil s’est réuni à Bucarest.', target: 'The Council met in Bucharest.', origin: 'import', usageCount: 4, lastUsedAt: '2019-05-15T09:12:32.000Z' }]);
		const t0 = new Date().toISOString();
		// the same pair (normalised: the apostrophe and spacing as the TM compares them): the imported unit, used once more
		expect(confirm(doc, 0, 'The Council met in Bucharest.')).toBe(imported);
		const [count, last] = usage(imported);
		expect(count).toBe(5);
		expect(last! >= t0).toBe(true);
		// confirmed again without a change: not another use
		expect(confirm(doc, 0, 'The Council met in Bucharest.')).toBe(imported);
		expect(usage(imported)[0]).toBe(5);
		// edited (the editor saves a draft at the first key), put back and confirmed: the segment's own unit, not a reuse
		expect(wb.editing.save(doc, 0, { target: 'The Council met in Bucharest!', status: 'draft', version: ver(doc, 0) }).ok).toBe(true);
		expect(confirm(doc, 0, 'The Council met in Bucharest.')).toBe(imported);
		expect(usage(imported)[0]).toBe(5);
		// a pair the TM did not hold: a new unit, never used
		const fresh = confirm(doc, 1, 'The Allies approved the plan.');
		expect(fresh).not.toBe(imported);
		expect(usage(fresh)).toEqual([null, null]);
		// the same sentence in a second document translated the same way: a repetition reused
		return wb.importDocument({ bytes: new TextEncoder().encode(FR), file: 'fr2.txt', sourceLang: 'fr-FR', targetLang: 'en-GB' }).then(({ id: doc2 }) => {
			expect(confirm(doc2, 1, 'The Allies approved the plan.')).toBe(fresh);
			expect(usage(fresh)[0]).toBe(1);
			// pre-translation as drafts fills segment 1 from the imported unit: counted when the translator confirms it, once
			const pre = wb.editing.pretranslate(doc2, { status: 'draft' });
			expect(pre.segments.map((s) => [s.ord, s.unit])).toEqual([[0, imported]]);
			expect(usage(imported)[0]).toBe(5);
			expect(confirm(doc2, 0, 'The Council met in Bucharest.')).toBe(imported);
			expect(usage(imported)[0]).toBe(6);
			// pre-translation as translated is the confirmation: counted then
			return wb.importDocument({ bytes: new TextEncoder().encode(FR), file: 'fr3.txt', sourceLang: 'fr-FR', targetLang: 'en-GB' }).then(({ id: doc3 }) => {
				expect(wb.editing.pretranslate(doc3, { status: 'translated' }).filled).toBe(2);
				expect(usage(imported)[0]).toBe(7);
				expect(usage(fresh)[0]).toBe(2);
			});
		});
	});

	it('a count a file gave only on a tuv is where the unit’s own count starts', () => {
		const [id] = wb.tm.add([{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: 'Un autre paragraphe ici.', target: 'Another paragraph here.', origin: 'import', targetUsage: { count: 57, lastUsedAt: '2030-01-01T00:00:00.000Z' } }]);
		confirm(doc, 2, 'Another paragraph here.');
		const u = wb.tm.get(id)!;
		// 57 + 1; the later of the file's date (in the future here) and now
		expect([u.usageCount, u.lastUsedAt, u.targetUsage]).toEqual([58, '2030-01-01T00:00:00.000Z', { count: 57, lastUsedAt: '2030-01-01T00:00:00.000Z' }]);
	});

	it('the counts go out in a TMX export', async () => {
		const [imported] = wb.tm.add([{ sourceLang: 'fr-FR', targetLang: 'en-GB', source: 'Un autre paragraphe ici.', target: 'Another paragraph here.', origin: 'import', tuid: 'u-1' }]);
		confirm(doc, 2, 'Another paragraph here.');
		expect(usage(imported)[0]).toBe(1);
		const parts: Uint8Array[] = [];
		for await (const p of wb.tm.exportTmx({ header: { srcLang: 'fr-FR' }, threads: 0 })) parts.push(p);
		const xml = Buffer.concat(parts).toString('utf8');
		const tu = /<tu tuid="u-1"[^>]*>/.exec(xml)![0];
		expect(tu).toContain('usagecount="1"');
		expect(tu).toMatch(/lastusagedate="\d{8}T\d{6}Z"/);
	});
});

describe('atelier tm import says what it read past', () => {
	it('a bad usagecount and a bad lastusagedate: located warnings on stderr, the units imported without them', () => {
		const dir = tempDir();
		try {
			const file = join(dir.dir, 'bad.tmx');
			writeFileSync(
				file,
				`<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="fr-FR" datatype="plaintext"/>
<body>
<tu usagecount="-2"><tuv xml:lang="fr-FR"><seg>Un.</seg></tuv><tuv xml:lang="en-GB"><seg>One.</seg></tuv></tu>
<tu lastusagedate="notadate" usagecount="3"><tuv xml:lang="fr-FR"><seg>Deux.</seg></tuv><tuv xml:lang="en-GB"><seg>Two.</seg></tuv></tu>
</body></tmx>
`
			);
			const bin = join(import.meta.dirname, '..', 'bin', 'atelier.js');
			const env = { ...process.env, ATELIER_DB: join(dir.dir, 'cli.sqlite'), ATELIER_LANG: 'en' };
			const r = spawnSync(process.execPath, [bin, 'tm', 'import', file], { cwd: dir.dir, encoding: 'utf8', env });
			expect(r.status).toBe(0);
			expect(r.stdout).toMatch(/Imported 2 units/);
			expect(r.stderr.split('\n').filter(Boolean)).toEqual([
				`${file}:4:1: usagecount “-2” is not a count: left out`,
				`${file}:5:1: the date “notadate” is not a TMX date (YYYYMMDDThhmmssZ): left out`
			]);
		} finally {
			dir.remove();
		}
	});
});
