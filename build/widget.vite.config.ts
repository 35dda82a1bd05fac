import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Where the built chat page lands; the server serves this folder at /widget/. */
export const widgetOutDir = resolve(root, 'out/widget');

/**
 * The customer's chat page: server/widget/index.html and its TypeScript, bundled with
 * socket.io-client and the shared protocol and catalogues into out/widget/.
 */
export default defineConfig({
  root: resolve(root, 'server/widget'),
  // Relative URLs: the page is served under /widget/ and may be embedded in a shop's frame.
  base: './',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: widgetOutDir,
    emptyOutDir: true,
    target: 'es2020',
    // The CSP allows only our own scripts: no inline polyfill, and one file is all the page needs.
    modulePreload: { polyfill: false },
    rollupOptions: { input: resolve(root, 'server/widget/index.html') },
  },
});
