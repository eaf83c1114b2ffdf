// Entry of every worker thread started by ts-worker.server.ts (plain JavaScript, loaded from
// src/ by path, so it needs no build): tsx's loader first, then the TypeScript module.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
