import { copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AtelierError } from '../src/core/errors.js';
import type { TmxHeader, TmxWarning } from '../src/core/formats/tmx/read.js';
import { rowFromValues, type TmRow } from '../src/core/db/tm.repo.server.js';
import { tmxRows, type TmxRowsOptions } from '../src/core/tm/tmx-rows.server.js';
import { createWorkbench } from '../src/core/workbench.server.js';
import { contentChecksum, tempDir } from './helpers/db.js';

// The import route and the CLI read TMX files through tmxRows, which parses in a worker thread
// from 16 MB on: the worker must give exactly what reading in this thread gives, rows,
// warnings, header, progress and located errors alike.
const FIX = join(import.meta.dirname, 'fixtures', 'tmx');
const tmp = tempDir('atelier-tmx-rows-');
afterAll(() => tmp.remove());

async function collect(path: string, thread: 'worker' | 'this', o: Partial<TmxRowsOptions> = {}) {
	const rows: TmRow[] = [];
	const warnings: TmxWarning[] = [];
	const progress: number[] = [];
	let header: TmxHeader | undefined;
	const gen = tmxRows(path, { file: 'in.tmx', thread, onWarning: (w) => warnings.push(w), onHeader: (h) => (header = h), onProgress: (b) => progress.push(b), ...o });
	let r = await gen.next();
	for (; !r.done; r = await gen.next()) rows.push(...r.value.map(rowFromValues));
	// the rows carry the time they were made: equal apart from that
	const timeless = rows.map((x) => ({ ...x, created_at: x.created_at.length, changed_at: x.changed_at.length }));
	return { rows: timeless, warnings, header, summary: r.value, lastProgress: progress[progress.length - 1] };
}

async function failure(path: string, thread: 'worker' | 'this'): Promise<AtelierError> {
	try {
		await collect(path, thread);
	} catch (e) {
		if (e instanceof AtelierError) return e;
		throw e;
	}
	throw new Error('expected an AtelierError');
}

describe('TMX rows read in a worker thread', () => {
	it('the level-2 and OmegaT fixtures give the same rows, header and warnings in the worker as here', async () => {
		for (const name of ['level2.tmx', 'omegat-1.1.tmx', 'srclang-all.tmx', 'utf16le-bom.tmx']) {
			const here = await collect(join(FIX, name), 'this');
			const there = await collect(join(FIX, name), 'worker');
			expect(here.rows.length).toBeGreaterThan(0);
			expect(there).toEqual(here);
			expect(there.lastProgress).toBe(statSync(join(FIX, name)).size);
		}
	});

	it('a large file (several batches, several MB, tags, warnings) gives the same rows in the same order', async () => {
		const tu = (i: number) =>
			i % 97 === 0
				? `<tu tuid="s${i}"><tuv xml:lang="fr-FR"><seg>seule ${i}</seg></tuv></tu>\n`
				: `<tu tuid="u${i}" creationdate="${i % 89 === 0 ? '20241399T000000Z' : '20240115T101500Z'}"><prop type="x-n">${i}</prop><tuv xml:lang="fr-FR"><seg>L’OTAN\u00A0: phrase <ph x="1">&lt;b&gt;</ph>n° ${i} « été »</seg></tuv><tuv xml:lang="en-GB"><seg>NATO: sentence <ph x="1">&lt;b&gt;</ph>No. ${i} “summer”</seg></tuv></tu>\n`;
		const path = join(tmp.dir, 'big.tmx');
		let body = '';
		for (let i = 0; i < 12_000; i++) body += tu(i);
		writeFileSync(path, `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="fr-FR" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" creationtool="t" creationtoolversion="1"/><body>\n${body}</body></tmx>\n`);
		expect(statSync(path).size).toBeGreaterThan(1024 * 1024);
		const here = await collect(path, 'this');
		const auto = await collect(path, 'worker');
		expect(auto.rows.length).toBe(12_000 - Math.ceil(12_000 / 97));
		expect(auto.warnings.filter((w) => w.kind === 'bad_date').length).toBeGreaterThan(0);
		expect(auto.warnings.filter((w) => w.kind === 'tu_missing_lang').length).toBe(Math.ceil(12_000 / 97));
		expect(auto).toEqual(here);
	});

	it('a fault is the same located error from the worker, and an import through it changes nothing', async () => {
		const good = readFileSync(join(FIX, 'level2.tmx'), 'utf8');
		const path = join(tmp.dir, 'broken.tmx');
		// cut inside the body: a truncated file
		writeFileSync(path, good.slice(0, good.lastIndexOf('<tu')) + '<tu><tuv xml:lang="fr"><seg>Bonj');
		const here = await failure(path, 'this');
		const there = await failure(path, 'worker');
		expect(here.code).toBe('tmx_invalid');
		expect({ code: there.code, params: there.params, location: there.location }).toEqual({ code: here.code, params: here.params, location: here.location });

		const dbDir = tempDir();
		try {
			const wb = createWorkbench({ dbPath: join(dbDir.dir, 'tm.sqlite') });
			await wb.tm.importRows(tmxRows(join(FIX, 'level2.tmx'), { file: 'level2.tmx', thread: 'worker' }));
			const before = contentChecksum(wb.db);
			await expect(wb.tm.importRows(tmxRows(path, { file: 'broken.tmx', thread: 'worker' }))).rejects.toMatchObject({ code: 'tmx_invalid', location: { file: 'broken.tmx', line: here.location.line } });
			expect(contentChecksum(wb.db)).toBe(before);
			wb.close();
		} finally {
			dbDir.remove();
		}
	});

	it('a missing file is reported the same way from both', async () => {
		const missing = join(tmp.dir, 'nope.tmx');
		const errs = await Promise.all((['this', 'worker'] as const).map((t) => collect(missing, t).then(() => null, (e: Error) => e)));
		expect(errs[0]).toBeInstanceOf(Error);
		expect(errs[1]).toBeInstanceOf(Error);
		expect(errs[1]!.message).toContain('ENOENT');
		expect(errs[0]!.message).toContain('ENOENT');
	});
});
