import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { align, auc, beadCorrectness, galeChurch, parseBeads, scoreDocuments, type AlignScore, type AlignSentence, type Bead, type SimpleBead } from '../src/core/align/index.js';
import { createSegmentation } from '../src/core/segment/plain.js';
import { rng, writeResult } from './_util.js';

/**
 * Sentence alignment: quality, confidence and speed.
 *
 * (b) The public dev set (/work/shared/data/align-dev, German–French, 468 × 554 sentences,
 *     gold beads): strict and lax P/R/F1 (Sennrich & Volk) for our aligner and the
 *     length-only Gale–Church baseline in the same run; how well confidence separates right
 *     from wrong beads (AUC, precision above 0.8 and below 0.5, reliability bins).
 * (a) The seed bitexts (segments/<doc>/gold.fr-en.beads, French and English segmented as
 *     `atelier segment` does, paragraphs and kinds kept): the same scores, summed over
 *     documents; skipped with a note when no gold file exists.
 * (c) Synthetic documents of 1k, 10k and 100k sentences a side, built deterministically
 *     from the dev set's gold beads (its real 1–2, 2–1, 1–3 … shapes), with 10% of beads
 *     carrying a shared number (as paragraph numbers and dates do) and 1% of sentences left
 *     untranslated on either side: seconds (wall and CPU), peak RSS, seconds per 1k
 *     sentences, and the F1 against the generated gold.
 *
 * Options: --sizes 1000,10000,100000  --seed N  --dev DIR
 */

const ROOT = join(import.meta.dirname, '..');
const DEFAULTS = { sizes: [1000, 10_000, 100_000], seed: 2024, dev: '/work/shared/data/align-dev' };

function parseArgs(args: string[]) {
	const o = { ...DEFAULTS };
	for (let k = 0; k < args.length; k++) {
		const v = args[k + 1];
		if (args[k] === '--sizes' && v) o.sizes = v.split(',').map(Number).filter((x) => x > 0);
		else if (args[k] === '--seed' && v) o.seed = Number(v);
		else if (args[k] === '--dev' && v) o.dev = v;
		else continue;
		k++;
	}
	return o;
}

const lines = (path: string) => {
	const out = readFileSync(path, 'utf8').split('\n');
	if (out[out.length - 1] === '') out.pop();
	return out;
};

const r3 = (x: number) => Math.round(x * 1000) / 1000;

function summary(s: AlignScore) {
	return {
		strict: { p: r3(s.precision.strict), r: r3(s.recall.strict), f1: r3(s.f1.strict) },
		lax: { p: r3(s.precision.lax), r: r3(s.recall.lax), f1: r3(s.f1.lax) }
	};
}

/** Separation of right and wrong beads by confidence. */
function confidenceReport(beads: Bead[], gold: SimpleBead[]) {
	const ok = beadCorrectness(gold, beads);
	const conf = beads.map((b) => b.confidence);
	const pick = (f: (c: number) => boolean) => {
		const idx = conf.map((c, k) => (f(c) ? k : -1)).filter((k) => k >= 0);
		return { beads: idx.length, precision: idx.length ? r3(idx.filter((k) => ok[k]).length / idx.length) : null };
	};
	const bins = [0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.0001].slice(0, -1).map((lo, k, a) => {
		const hi = k + 1 < a.length ? a[k + 1] : 1.0001;
		const idx = conf.map((c, q) => (c >= lo && c < hi ? q : -1)).filter((q) => q >= 0);
		return {
			range: [lo, Math.min(1, hi)],
			beads: idx.length,
			meanConfidence: idx.length ? r3(idx.reduce((s, q) => s + conf[q], 0) / idx.length) : null,
			accuracy: idx.length ? r3(idx.filter((q) => ok[q]).length / idx.length) : null
		};
	});
	const brier = conf.reduce((s, c, k) => s + (c - (ok[k] ? 1 : 0)) ** 2, 0) / Math.max(1, conf.length);
	return {
		beads: beads.length,
		correct: ok.filter(Boolean).length,
		auc: r3(auc(conf, ok)),
		brier: r3(brier),
		atLeast08: pick((c) => c >= 0.8),
		below05: pick((c) => c < 0.5),
		bins
	};
}

function timed<T>(fn: () => T): { value: T; seconds: number; cpuSeconds: number } {
	const c0 = process.cpuUsage();
	const t0 = process.hrtime.bigint();
	const value = fn();
	const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
	const c = process.cpuUsage(c0);
	return { value, seconds, cpuSeconds: (c.user + c.system) / 1e6 };
}

// ---------------------------------------------------------------------------------------

function devSet(dir: string) {
	const de = lines(join(dir, 'dev.de'));
	const fr = lines(join(dir, 'dev.fr'));
	const gold = parseBeads(readFileSync(join(dir, 'dev.defr'), 'utf8'));
	return { de, fr, gold };
}

function runDev(dir: string) {
	const { de, fr, gold } = devSet(dir);
	const ours = timed(() => align(de.map((text) => ({ text })), fr.map((text) => ({ text }))));
	const gc = timed(() => galeChurch(de, fr));
	return {
		sentences: { de: de.length, fr: fr.length, goldBeads: gold.length },
		ours: { ...summary(scoreDocuments([{ gold, test: ours.value.beads }])), seconds: r3(ours.seconds), stats: ours.value.stats, warnings: ours.value.warnings },
		galeChurch: { ...summary(scoreDocuments([{ gold, test: gc.value }])), seconds: r3(gc.seconds) },
		reference: { hunalignEmptyDictionary: { strict: 0.659, lax: 0.877 }, galeChurch: { strict: 0.618 } },
		confidence: confidenceReport(ours.value.beads, gold)
	};
}

// ---------------------------------------------------------------------------------------

function segmentFile(path: string, lang: string): AlignSentence[] {
	const { blocks } = createSegmentation({ lang }).run(readFileSync(path, 'utf8'));
	const out: AlignSentence[] = [];
	blocks.forEach((b, p) => b.segments.forEach((s) => out.push({ text: s.text, paragraph: p, kind: b.kind })));
	return out;
}

type Summary = ReturnType<typeof summary>;
interface SeedsReport {
	documents: Record<string, unknown>;
	ours: Summary;
	oursWithoutStructure: Summary;
	galeChurch: Summary;
	confidence: ReturnType<typeof confidenceReport>;
}

function runSeeds(): SeedsReport | { skipped: string } {
	const dir = join(ROOT, 'segments');
	const docs = existsSync(dir) ? readdirSync(dir).filter((d) => existsSync(join(dir, d, 'gold.fr-en.beads'))) : [];
	if (!docs.length) return { skipped: 'no segments/<doc>/gold.fr-en.beads file yet' };
	const per: Record<string, unknown> = {};
	const ours: { gold: SimpleBead[]; test: SimpleBead[] }[] = [];
	const flat: { gold: SimpleBead[]; test: SimpleBead[] }[] = [];
	const gc: { gold: SimpleBead[]; test: SimpleBead[] }[] = [];
	const confBeads: Bead[] = [];
	const confGold: SimpleBead[] = [];
	for (const d of docs) {
		const fr = segmentFile(join(dir, d, 'fr.txt'), 'fr-FR');
		const en = segmentFile(join(dir, d, 'en.txt'), 'en-GB');
		const gold = parseBeads(readFileSync(join(dir, d, 'gold.fr-en.beads'), 'utf8'));
		const r = align(fr, en, { srcLang: 'fr', tgtLang: 'en' });
		const r1 = align(
			fr.map((s) => ({ text: s.text })),
			en.map((s) => ({ text: s.text })),
			{ srcLang: 'fr', tgtLang: 'en' }
		);
		const g = galeChurch(
			fr.map((s) => s.text),
			en.map((s) => s.text)
		);
		ours.push({ gold, test: r.beads });
		flat.push({ gold, test: r1.beads });
		gc.push({ gold, test: g });
		// indices are per document: offset them so one report can pool the documents
		const offS = confGold.reduce((m, b) => Math.max(m, ...b.src.map((x) => x + 1)), 0);
		const offT = confGold.reduce((m, b) => Math.max(m, ...b.tgt.map((x) => x + 1)), 0);
		for (const b of gold) confGold.push({ src: b.src.map((x) => x + offS), tgt: b.tgt.map((x) => x + offT) });
		for (const b of r.beads) confBeads.push({ ...b, src: b.src.map((x) => x + offS), tgt: b.tgt.map((x) => x + offT) });
		per[d] = {
			sentences: { fr: fr.length, en: en.length, paragraphs: r.stats.paragraphBeads },
			strictF1: r3(scoreDocuments([{ gold, test: r.beads }]).f1.strict),
			warnings: r.warnings
		};
	}
	return {
		documents: per,
		ours: summary(scoreDocuments(ours)),
		oursWithoutStructure: summary(scoreDocuments(flat)),
		galeChurch: summary(scoreDocuments(gc)),
		confidence: confidenceReport(confBeads, confGold)
	};
}

// ---------------------------------------------------------------------------------------

/**
 * A synthetic bitext of about `size` source sentences: the dev set's gold beads drawn at
 * random (keeping their shapes), 10% tagged with a number shared by both sides, 1% of
 * sentences untranslated on each side.
 */
export function syntheticBitext(size: number, seed: number, dir = DEFAULTS.dev) {
	const { de, fr, gold } = devSet(dir);
	const beads = gold.filter((b) => b.src.length && b.tgt.length);
	const rand = rng(seed);
	const src: string[] = [];
	const tgt: string[] = [];
	const truth: SimpleBead[] = [];
	while (src.length < size) {
		const r = rand();
		if (r < 0.01) {
			truth.push({ src: [src.length], tgt: [] });
			src.push(de[Math.floor(rand() * de.length)]);
			continue;
		}
		if (r < 0.02) {
			truth.push({ src: [], tgt: [tgt.length] });
			tgt.push(fr[Math.floor(rand() * fr.length)]);
			continue;
		}
		const b = beads[Math.floor(rand() * beads.length)];
		const tag = rand() < 0.1 ? ` (${Math.floor(rand() * 900_000) + 100_000})` : '';
		const s0 = src.length;
		const t0 = tgt.length;
		b.src.forEach((i, k) => src.push(de[i] + (k === b.src.length - 1 ? tag : '')));
		b.tgt.forEach((j, k) => tgt.push(fr[j] + (k === b.tgt.length - 1 ? tag : '')));
		truth.push({ src: b.src.map((_, k) => s0 + k), tgt: b.tgt.map((_, k) => t0 + k) });
	}
	return { src, tgt, truth };
}

function runScale(sizes: number[], seed: number, dir: string) {
	const out: Record<string, unknown>[] = [];
	for (const size of sizes) {
		const { src, tgt, truth } = syntheticBitext(size, seed, dir);
		global.gc?.();
		const before = process.memoryUsage();
		const r = timed(() =>
			align(
				src.map((text) => ({ text })),
				tgt.map((text) => ({ text }))
			)
		);
		const after = process.memoryUsage();
		const peakRss = process.resourceUsage().maxRSS * 1024;
		const score = scoreDocuments([{ gold: truth, test: r.value.beads }]);
		const sentences = src.length + tgt.length;
		out.push({
			size,
			sentences: { src: src.length, tgt: tgt.length },
			seconds: r3(r.seconds),
			cpuSeconds: r3(r.cpuSeconds),
			secondsPer1kSourceSentences: r3((r.seconds / src.length) * 1000),
			cpuSecondsPer1kSourceSentences: r3((r.cpuSeconds / src.length) * 1000),
			peakRssMB: Math.round(peakRss / 1e6),
			heapUsedAfterMB: Math.round(after.heapUsed / 1e6),
			rssGrowthMB: Math.round((after.rss - before.rss) / 1e6),
			cells: r.value.stats.cells,
			cellsPerSentence: r3(r.value.stats.cells / sentences),
			timings: r.value.stats.timings,
			strictF1: r3(score.f1.strict),
			laxF1: r3(score.f1.lax),
			warnings: r.value.warnings.map((w) => w.code)
		});
	}
	return out;
}

/**
 * How fast this machine runs plain JavaScript, to read the timings against: a fixed loop
 * of array reads and square roots, and the load average (the bench shares the machine).
 */
function machine() {
	const a = new Float64Array(1024).map((_, k) => k);
	const t0 = process.hrtime.bigint();
	let s = 0;
	for (let k = 0; k < 50_000_000; k++) s += a[k & 1023] + Math.sqrt(k);
	const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
	return { referenceLoopSeconds: r3(seconds), checksum: s > 0, cpu: cpus()[0]?.model, cores: cpus().length, loadAverage: loadavg().map(r3) };
}

// ---------------------------------------------------------------------------------------

export async function run(args: string[] = []): Promise<void> {
	const o = parseArgs(args);
	const t0 = Date.now();
	const host = machine();
	const dev = existsSync(join(o.dev, 'dev.defr')) ? runDev(o.dev) : { skipped: `no dev set at ${o.dev}` };
	const seeds = runSeeds();
	const scale = existsSync(join(o.dev, 'dev.defr')) ? runScale(o.sizes, o.seed, o.dev) : [];
	const path = writeResult('align', { options: o, machine: host, dev, seeds, scale, totalSeconds: Math.round((Date.now() - t0) / 1000) });

	const line = (name: string, s: Summary) =>
		`  ${name.padEnd(22)} strict P ${s.strict.p.toFixed(3)} R ${s.strict.r.toFixed(3)} F1 ${s.strict.f1.toFixed(3)}   lax F1 ${s.lax.f1.toFixed(3)}`;
	if ('ours' in dev) {
		console.log(`dev set (de→fr, ${dev.sentences.de} × ${dev.sentences.fr} sentences, ${dev.sentences.goldBeads} gold beads)`);
		console.log(line('atelier', dev.ours));
		console.log(line('Gale–Church', dev.galeChurch));
		console.log(`  reference: hunalign (empty dictionary) strict 0.659 lax 0.877; Gale–Church strict 0.618`);
		const c = dev.confidence;
		console.log(
			`  confidence: AUC ${c.auc}, Brier ${c.brier}; ≥ 0.8: ${c.atLeast08.beads} beads, precision ${c.atLeast08.precision}; < 0.5: ${c.below05.beads} beads, precision ${c.below05.precision}`
		);
		console.log(`  (${dev.ours.seconds}s; ${dev.ours.stats.learnedPairs} word pairs learned from the document)`);
	} else console.log(`dev set: ${dev.skipped}`);
	if (!('skipped' in seeds)) {
		console.log(`seed bitexts (fr→en, ${Object.keys(seeds.documents).length} documents, gold from segments/*/gold.fr-en.beads)`);
		console.log(line('atelier', seeds.ours));
		console.log(line('atelier, no structure', seeds.oursWithoutStructure));
		console.log(line('Gale–Church', seeds.galeChurch));
	} else console.log(`seed bitexts: skipped (${seeds.skipped})`);
	if (scale.length) {
		console.log('synthetic documents (dev beads redrawn; seconds per 1k source sentences should stay flat)');
		for (const s of scale as { size: number; seconds: number; cpuSeconds: number; secondsPer1kSourceSentences: number; peakRssMB: number; cellsPerSentence: number; strictF1: number }[]) {
			console.log(
				`  ${String(s.size).padStart(6)} sentences: ${s.seconds.toFixed(2)} s (CPU ${s.cpuSeconds.toFixed(2)} s), ${s.secondsPer1kSourceSentences.toFixed(3)} s/1k, peak RSS ${s.peakRssMB} MB, ${s.cellsPerSentence} DP cells/sentence, strict F1 ${s.strictF1}`
			);
		}
	}
	console.log(`machine: reference loop ${host.referenceLoopSeconds} s, load average ${host.loadAverage.join(' ')} on ${host.cores} cores`);
	console.log(`→ ${path}`);
}
