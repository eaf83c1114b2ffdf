import { createReadStream } from 'node:fs';
import { hash as digest } from 'node:crypto';
import { readTmx } from '../src/core/formats/tmx/read.js';
import { toRow, toRowValues } from '../src/core/translation-memory.server.js';
import { normText, tokenString } from '../src/core/tm/normalize.js';
import { toNfc } from '../src/core/text/nfc.js';
const units: any[] = [];
for await (const b of readTmx(createReadStream('/tmp/atelier-tm-dev-100000.tmx'), { file: 'x', sourceLang: 'fr-FR', targetLang: 'en-GB' })) units.push(...b);
const N = units.length;
const stamp = new Date().toISOString();
function t(label: string, f: (u: any) => unknown) {
  for (let i = 0; i < 20000; i++) f(units[i]);
  let best = Infinity;
  for (let r = 0; r < 3; r++) { const t0 = performance.now(); for (let i = 0; i < N; i++) f(units[i]); best = Math.min(best, performance.now() - t0); }
  console.log(label.padEnd(28), (best / N * 1000).toFixed(2), 'µs/unit');
}
t('toRow', (u) => toRow(u, stamp));
t('toRowValues', (u) => toRowValues(u, stamp));
t('normText src', (u) => normText(u.source));
t('normText tgt', (u) => normText(u.target));
const norms = units.map((u) => normText(u.source));
let k = 0;
t('tokenString', () => tokenString(norms[k++ % N]));
t('sha1 x1', (u) => digest('sha1', u.source, 'base64url').slice(0, 20));
t('toNfc x2', (u) => toNfc(u.source) + toNfc(u.target));
t('normalize NFC x2 (ICU)', (u) => u.source.normalize('NFC') + u.target.normalize('NFC'));
t('JSON props', (u) => JSON.stringify(u.props));
console.log('props sample', JSON.stringify(units[0].props), units[0].sourceTags);
const RX = /[^\u0000-\u02FF\u2002-\u20CF\uE000-\uF8FF]/;
t('regex nfc x2', (u) => (RX.test(u.source) ? u.source.normalize('NFC') : u.source) + (RX.test(u.target) ? u.target.normalize('NFC') : u.target));
t('pairOf-less object', (u) => ({ a: u.source, b: u.target }));
