// Serves the built app. Defaults that adapter-node does not have: loopback only (a
// workbench holds an organisation's language assets; exposing it is a decision, HOST=0.0.0.0),
// port 3000, and a body limit that lets an oversized upload reach our own, translated
// size check instead of a bare 413.
import { readFileSync } from 'node:fs';

process.env.HOST ??= '127.0.0.1';
process.env.PORT ??= '3000';
process.env.BODY_SIZE_LIMIT ??= '512M';
const hostInUrl = process.env.HOST.includes(':') ? `[${process.env.HOST}]` : process.env.HOST;
process.env.ORIGIN ??= `http://${hostInUrl}:${process.env.PORT}`;

// Says where it listens, and whether other machines can reach it, in the user's language
// (the messages are the i18n part file's: this script runs before any TypeScript is loaded)
const lang = (process.env.ATELIER_LANG ?? process.env.LC_ALL ?? process.env.LANG ?? '').toLowerCase().startsWith('fr') ? 'fr' : 'en';
const messages = JSON.parse(readFileSync(new URL(`../src/lib/i18n/parts/reliability.${lang}.json`, import.meta.url), 'utf8')).reliability;
const loopback = /^(127\.|::1$|localhost$)/.test(process.env.HOST);
const vars = { url: `http://${hostInUrl}:${process.env.PORT}`, host: process.env.HOST };
console.log(messages[loopback ? 'listening' : 'listeningExposed'].replace(/\{\{(\w+)\}\}/g, (_, k) => vars[k]));
await import('../build/index.js');
