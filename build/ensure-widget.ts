import { fileURLToPath } from 'node:url';
import { widgetBuildState } from './widget-freshness';

/*
 * Builds the customer's chat page when out/widget/ is missing or older than its sources, so
 * `npm run server` and `npm start` always serve the page the code describes. A fresh build is
 * left alone: starting the server stays quick.
 */

const root = fileURLToPath(new URL('..', import.meta.url));
const state = widgetBuildState(root);
if (state !== 'fresh') {
  console.log(state === 'missing' ? 'Building the chat widget…' : 'Rebuilding the chat widget (its sources changed)…');
  try {
    // Loaded only when needed: importing vite costs seconds on every server start.
    const { build } = await import('vite');
    await build({ configFile: fileURLToPath(new URL('./widget.vite.config.ts', import.meta.url)) });
  } catch (err) {
    console.error('The chat widget could not be built; see the error above.', err);
    process.exit(1);
  }
}
