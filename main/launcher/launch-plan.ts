/** What the launcher found before doing anything. */
export interface LaunchState {
  /** `npm start` runs the Electron app; `npm run start:web` the same UI in a browser. */
  target: 'electron' | 'web';
  /** The configured server URL (SWITCHBOARD_SERVER_URL or the default). */
  serverUrl: string;
  /** A server answered GET /healthz at the configured URL. */
  serverHealthy: boolean;
  /** out/main, out/preload and out/renderer are all built. */
  buildPresent: boolean;
  /** Absolute path of the Electron executable, or null when the binary is not installed. */
  electronBinary: string | null;
}

export type LaunchStep =
  | { kind: 'start-server' }
  | { kind: 'build' }
  | { kind: 'launch-electron'; binary: string }
  | { kind: 'launch-web' }
  | { kind: 'fail'; message: string; exitCode: 1 };

export const missingElectronMessage =
  'The Electron binary is not installed on this machine (it was installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1); run `npm run start:web` to use Switchboard in your browser instead.';

/** True when the embedded server can be started for `serverUrl`: plain http on this machine. */
export function canStartEmbeddedServer(serverUrl: string): boolean {
  try {
    const url = new URL(serverUrl);
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

/** The environment that makes server/cli.ts listen where `serverUrl` points. */
export function embeddedServerEnv(serverUrl: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const url = new URL(serverUrl);
  return { ...env, HOST: url.hostname.replace(/^\[(.*)\]$/, '$1'), PORT: url.port || '80' };
}

/**
 * Decides what `npm start` does. A missing Electron binary is known before anything starts, so it
 * fails first instead of starting a server and a build only to stop again.
 */
export function planLaunch(state: LaunchState): LaunchStep[] {
  if (state.target === 'electron' && state.electronBinary === null) {
    return [{ kind: 'fail', message: missingElectronMessage, exitCode: 1 }];
  }
  const steps: LaunchStep[] = [];
  if (!state.serverHealthy) {
    if (!canStartEmbeddedServer(state.serverUrl)) {
      const message = `No Switchboard server answers at ${state.serverUrl}, and a server can only be started here for an http://127.0.0.1 or http://localhost address; start that server or unset SWITCHBOARD_SERVER_URL.`;
      return [{ kind: 'fail', message, exitCode: 1 }];
    }
    steps.push({ kind: 'start-server' });
  }
  if (state.target === 'web') {
    // The browser host is the development mode: always serve what the sources say now.
    steps.push({ kind: 'build' }, { kind: 'launch-web' });
    return steps;
  }
  if (!state.buildPresent) steps.push({ kind: 'build' });
  if (state.electronBinary) steps.push({ kind: 'launch-electron', binary: state.electronBinary });
  return steps;
}
