// Development helper: where toRowValues spends its time, part by part, over units from the bench's corpus generator
// (as the TMX reader hands them out: NFC already applied). Run: node --import tsx bench/_tm-torow.ts [units] [rounds]
import { hash as digest } from 'node:crypto';
import { loadSeeds, corpusGenerator } from './_tm-corpus.js';
import { toRowValues, pairOf } from '../src/core/translation-memory.server.js';
import { normText, tokenString } from '../src/core/tm/normalize.js';
import { toNfc } from '../src/core/text/nfc.js';
import type { TmUnit } from '../src/core/model.js';
const n = Number(process.argv[2] ?? 200000);
const rounds = Number(process.argv[3] ?? 3);
const gen = corpusGenerator(loadSeeds(), 7);
const units: TmUnit[] = Array.from({ length: n }, () => gen.next());
const cpu = (f: () => void) => { const c0 = process.cpuUsage(); f(); const c = process.cpuUsage(c0); return (c.user + c.system) / n; };
let sink = 0;
const now = new Date().toISOString();
for (let r = 0; r < rounds; r++) {
	const t: Record<string, number> = {};
	t.total = cpu(() => { for (const u of units) sink += toRowValues(u, now).length; });
	const norms = units.map((u) => normText(u.source));
	t.normSource = cpu(() => { for (const u of units) sink += normText(u.source).length; });
	t.normTarget = cpu(() => { for (const u of units) sink += normText(u.target).length; });
	t.nfc2 = cpu(() => { for (const u of units) sink += toNfc(u.source).length + toNfc(u.target).length; });
	t.sha1x2 = cpu(() => { for (let k = 0; k < n; k++) sink += digest('sha1', `fr>en\u0000${norms[k]}`, 'base64url').length + digest('sha1', `fr>en\u0000${norms[k]}\u0000${units[k].target}`, 'base64url').length; });
	t.tokenString = cpu(() => { for (const s of norms) sink += tokenString(s).length; });
	t.json = cpu(() => { for (const u of units) sink += (u.props ? JSON.stringify(u.props).length : 0) + (u.notes ? JSON.stringify(u.notes).length : 0); });
	t.pairOf = cpu(() => { for (const u of units) sink += pairOf(u.sourceLang, u.targetLang).length; });
	console.log(Object.entries(t).map(([k, v]) => `${k} ${v.toFixed(2)}µs`).join('  '));
}
console.log(sink > 0);
