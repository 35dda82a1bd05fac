import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Renderer-only build and dev server, mirroring the `renderer` section of
 * build/electron.vite.config.ts. Build: `npx vite build --config renderer/vite.config.ts`.
 * Dev: `npx vite --config renderer/vite.config.ts` with SWITCHBOARD_HOST_URL pointing at a running
 * browser host (for example http://127.0.0.1:7341) so the contract socket is proxied to it; open the
 * dev server with the `?k=` key the browser host printed, or the socket is refused.
 */
const root = import.meta.dirname;
const hostUrl = process.env.SWITCHBOARD_HOST_URL;

/** The dev server injects inline scripts (React refresh) and an HMR socket; the build never does. */
function devCsp(): Plugin {
  return {
    name: 'switchboard-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: wss:"),
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [react(), devCsp()],
  build: {
    outDir: `${root}/../out/renderer`,
    emptyOutDir: true,
    rollupOptions: { input: { index: `${root}/index.html` } },
  },
  server: hostUrl
    ? { proxy: { '/__switchboard': { target: hostUrl.replace(/^http/, 'ws'), ws: true } } }
    : undefined,
});
