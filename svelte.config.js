import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		alias: { $core: 'src/core' },
		// Texts are hostile input: no script runs unless SvelteKit itself put it there (nonce or
		// hash per response, never 'unsafe-inline'). Styles may be inline (Svelte sets style
		// attributes); they cannot run code. frame-ancestors: no one may frame the workbench.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
		// csrf: left at SvelteKit's default (form posts from another origin are refused);
		// tests/e2e/hostile.test.ts checks that it stays on
	}
};

export default config;
