import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBrowserHost } from './host';

/** `npm run start:web`: the workstation in a browser, with the client core running here in Node. */
const rendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));
const dataDir = process.env.SWITCHBOARD_DESKTOP_DIR ?? join(homedir(), '.switchboard', 'desktop-web');
const port = Number(process.env.SWITCHBOARD_WEB_PORT ?? 7341);

const host = await startBrowserHost({ port, dataDir, rendererDir });
console.log(`Switchboard workstation: open ${host.url} in your browser`);
console.log(`Local data: ${dataDir}`);

const stop = () => {
  void host.close().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
