import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { segmenterFor, segmentText } from '../src/core/segment/index.js';
import { cleanup } from '../src/core/text/cleanup.js';
import { median, rng, writeResult } from './_util.js';

/**
 * Segments ≥ 20 MB of French (the seeds' paragraphs, repeated and varied) with our SRX
 * engine and with Intl.Segmenter('fr', sentence) on the same paragraphs in the same run.
 * Both are given paragraphs, as the importer does; each side is run 3 times, median kept.
 */
const TARGET_BYTES = 20 * 1024 * 1024;
const ABBREVIATIONS = ['M. Dupont', 'Mme Lagarde', 'le gén. Petraeus', 'cf. art. 5', 'p. ex. la FIAS', 'J. de Hoop Scheffer', 'n° 1386', 'vol. 3, chap. 2'];
const NUMBERS = ['3,5', '10 000', '1.5', '2008', 'XXIe siècle', '1er avril', '27'];

export function buildCorpus(targetBytes = TARGET_BYTES, seed = 42): string[] {
	const root = join(import.meta.dirname, '..');
	const paras = ['nrc-chairman-statement-2008', 'bucharest-summit-2008'].flatMap((k) =>
		cleanup(readFileSync(join(root, 'segments', k, 'fr.txt'), 'utf8')).blocks.map((b) => b.text)
	);
	const rand = rng(seed);
	const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
	const out: string[] = [];
	let bytes = 0;
	while (bytes < targetBytes) {
		// vary: shuffle sentences of a paragraph, splice in abbreviations, numbers, quotes, ellipses
		const sentences = pick(paras).split(/(?<=[.!?])\s+(?=\p{Lu})/u);
		for (let i = sentences.length - 1; i > 0; i--) {
			const j = Math.floor(rand() * (i + 1));
			[sentences[i], sentences[j]] = [sentences[j], sentences[i]];
		}
		const varied = sentences.map((s) => {
			const r = rand();
			if (r < 0.15) return s.replace(/\b(le|la|les) /, `$1 ${pick(ABBREVIATIONS)}, `);
			if (r < 0.25) return s.replace(/\d+/, pick(NUMBERS));
			if (r < 0.3) return `« ${s.replace(/\.$/, ' ?')} » a demandé le président.`;
			if (r < 0.33) return s.replace(/\.$/, '… Puis');
			return s;
		});
		const p = varied.join(' ');
		out.push(p);
		bytes += Buffer.byteLength(p);
	}
	return out;
}

export async function run(): Promise<void> {
	const paragraphs = buildCorpus();
	const bytes = paragraphs.reduce((n, p) => n + Buffer.byteLength(p), 0);
	const mb = bytes / (1024 * 1024);
	const seg = segmenterFor('fr-FR');
	const intl = new Intl.Segmenter('fr', { granularity: 'sentence' });

	const timeIt = (fn: () => number) => {
		const times: number[] = [];
		let count = 0;
		for (let i = 0; i < 3; i++) {
			const t0 = process.hrtime.bigint();
			count = fn();
			times.push(Number(process.hrtime.bigint() - t0) / 1e9);
		}
		return { seconds: median(times), runs: times, segments: count };
	};
	const ours = timeIt(() => {
		let n = 0;
		for (const p of paragraphs) n += segmentText(seg, p).length;
		return n;
	});
	const baseline = timeIt(() => {
		let n = 0;
		for (const p of paragraphs) for (const s of intl.segment(p)) if (s.segment.trim()) n++;
		return n;
	});
	const result = {
		corpus: { paragraphs: paragraphs.length, megabytes: Number(mb.toFixed(2)) },
		atelier: { ...ours, mbPerSecond: Number((mb / ours.seconds).toFixed(2)) },
		intlSegmenter: { ...baseline, mbPerSecond: Number((mb / baseline.seconds).toFixed(2)) },
		speedRatio: Number((baseline.seconds / ours.seconds).toFixed(2))
	};
	const path = writeResult('segment', result);
	console.log(`corpus: ${paragraphs.length} paragraphs, ${mb.toFixed(1)} MB of French`);
	console.log(`atelier SRX:     ${result.atelier.mbPerSecond} MB/s (${ours.seconds.toFixed(2)} s, ${ours.segments} segments)`);
	console.log(`Intl.Segmenter:  ${result.intlSegmenter.mbPerSecond} MB/s (${baseline.seconds.toFixed(2)} s, ${baseline.segments} segments)`);
	console.log(`ratio (Intl time / ours): ${result.speedRatio}×  → ${path}`);
}
