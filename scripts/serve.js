// Serves the built app. Defaults that adapter-node does not have: loopback only (a
// workbench holds an organisation's language assets; exposing it is a decision, HOST=0.0.0.0),
// port 3000, and a body limit that lets an oversized upload reach our own, translated
// size check instead of a bare 413.
process.env.HOST ??= '127.0.0.1';
process.env.PORT ??= '3000';
process.env.BODY_SIZE_LIMIT ??= '512M';
process.env.ORIGIN ??= `http://${process.env.HOST.includes(':') ? `[${process.env.HOST}]` : process.env.HOST}:${process.env.PORT}`;
await import('../build/index.js');
