import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { join as joinPath } from 'node:path';
import { homedir } from 'node:os';
import { DEFAULT_SERVER_URL } from '../../shared/defaults';
import { startBrowserHost } from '../browser-host/host';
import { locateElectronBinary } from './electron-binary';
import { embeddedServerEnv, planLaunch, type LaunchStep } from './launch-plan';
import { isServerHealthy, waitForHealthy } from './server-health';

/*
 * `npm start`: make sure a server answers, make sure the app is built, then run Electron.
 * `npm run start:web` (`--web`): the same, but the UI runs in a browser through the browser host.
 * Plain Node; never imports `electron`.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const serverUrl = process.env['SWITCHBOARD_SERVER_URL'] || DEFAULT_SERVER_URL;
const target = process.argv.includes('--web') ? 'web' : 'electron';
const serverStartTimeoutMs = 90_000;

let server: ChildProcess | null = null;
let electron: ChildProcess | null = null;

function stopServer(): void {
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
  server = null;
}

function runNodeScript(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return spawn(process.execPath, [script, ...args], { cwd: root, env, stdio: 'inherit' });
}

function exitCodeOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function buildPresent(): boolean {
  return ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].every((file) =>
    existsSync(join(root, file)),
  );
}

/** The embedded server serves the chat page from out/widget/: build it when missing or stale. */
async function ensureWidget(): Promise<void> {
  const code = await exitCodeOf(runNodeScript(require.resolve('tsx/cli'), ['build/ensure-widget.ts']));
  if (code !== 0) throw new Error(`The chat widget could not be built (exit code ${code}); see its output above.`);
}

async function startServer(): Promise<void> {
  console.log(`No Switchboard server answers at ${serverUrl}; starting the embedded one.`);
  await ensureWidget();
  let ended: string | null = null;
  // tsx's own CLI, as `npx tsx` would run it, without an npx process in between to signal through.
  server = runNodeScript(require.resolve('tsx/cli'), ['server/cli.ts'], embeddedServerEnv(serverUrl, process.env));
  server.once('exit', (code, signal) => {
    ended = `The Switchboard server stopped before it was ready (${signal ?? `exit code ${code}`}); see its output above.`;
  });
  await waitForHealthy(serverUrl, { timeoutMs: serverStartTimeoutMs, gaveUp: () => ended });
  console.log(`Switchboard server ready at ${serverUrl}.`);
}

async function build(): Promise<void> {
  console.log('Building Switchboard…');
  const bin = join(dirname(require.resolve('electron-vite/package.json')), 'bin/electron-vite.js');
  const code = await exitCodeOf(runNodeScript(bin, ['build', '--config', 'build/electron.vite.config.ts']));
  if (code !== 0) throw new Error(`The build failed (exit code ${code}); see its output above.`);
}

async function launchElectron(binary: string): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env, SWITCHBOARD_SERVER_URL: serverUrl };
  delete env['ELECTRON_RUN_AS_NODE'];
  electron = spawn(binary, [root], { cwd: root, env, stdio: 'inherit' });
  return exitCodeOf(electron);
}

/** Serves the workstation to a browser until Ctrl-C. */
async function launchWeb(): Promise<number> {
  const dataDir = process.env['SWITCHBOARD_DESKTOP_DIR'] || joinPath(homedir(), '.switchboard', 'desktop-web');
  const host = await startBrowserHost({
    port: Number(process.env['SWITCHBOARD_WEB_PORT'] || 7341),
    dataDir,
    rendererDir: join(root, 'out/renderer'),
    defaultServerUrl: serverUrl,
  });
  console.log(`\nSwitchboard workstation: open ${host.url} in your browser (server: ${serverUrl}).`);
  console.log(`Its local data is in ${dataDir}. Press Ctrl-C to stop.`);
  return new Promise<number>(() => {
    /* runs until a signal ends the process */
  });
}

async function run(step: LaunchStep): Promise<number | null> {
  switch (step.kind) {
    case 'fail':
      console.error(step.message);
      return step.exitCode;
    case 'start-server':
      await startServer();
      return null;
    case 'build':
      await build();
      return null;
    case 'launch-electron':
      return launchElectron(step.binary);
    case 'launch-web':
      return launchWeb();
  }
}

async function main(): Promise<number> {
  const steps = planLaunch({
    target,
    serverUrl,
    serverHealthy: await isServerHealthy(serverUrl),
    buildPresent: buildPresent(),
    electronBinary: locateElectronBinary(dirname(require.resolve('electron/package.json'))),
  });
  for (const step of steps) {
    const exitCode = await run(step);
    if (exitCode !== null) return exitCode;
  }
  return 0;
}

// Ctrl-C reaches the whole process group, but a supervisor's SIGTERM reaches only us: pass it on.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (electron && electron.exitCode === null && electron.signalCode === null) electron.kill(signal);
    stopServer();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}
process.once('exit', stopServer);

main()
  .then((code) => {
    stopServer();
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    stopServer();
    process.exitCode = 1;
  });
