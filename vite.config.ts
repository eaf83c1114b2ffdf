import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	// better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it
	ssr: { external: ['better-sqlite3'] },
	test: {
		include: ['tests/**/*.test.ts', 'src/**/*.test.ts'],
		testTimeout: 30_000,
		hookTimeout: 120_000,
		pool: 'forks',
		// the e2e tests poll the page for the effect of a click; on two shared cores a server
		// round trip (a re-alignment, a save) can take seconds, which is not a failure
		expect: { poll: { timeout: 15_000 } },
	}
});
