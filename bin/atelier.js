#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so `npx atelier` works right after `npm install`.
import { register } from 'tsx/esm/api';

// A reader that stops early (`atelier align … | head`) closes the pipe: the command ends
// there, quietly and successfully, as `cat … | head` does, instead of an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr])
	stream.on('error', (e) => {
		if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
		throw e;
	});

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
