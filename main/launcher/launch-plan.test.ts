import { describe, expect, it } from 'vitest';
import { canStartEmbeddedServer, embeddedServerEnv, missingElectronMessage, planLaunch } from './launch-plan';

const serverUrl = 'http://127.0.0.1:7340';

describe('launch plan', () => {
  it('fails with one sentence pointing to start:web when the Electron binary is missing', () => {
    for (const serverHealthy of [true, false]) {
      expect(planLaunch({ target: 'electron', serverUrl, serverHealthy, buildPresent: false, electronBinary: null })).toEqual([
        { kind: 'fail', message: missingElectronMessage, exitCode: 1 },
      ]);
    }
    expect(missingElectronMessage).toMatch(/^The Electron binary is not installed.*`npm run start:web`.*\.$/);
    expect(missingElectronMessage.split('. ')).toHaveLength(1);
  });

  it('starts the server and builds before launching when neither is there', () => {
    expect(planLaunch({ target: 'electron', serverUrl, serverHealthy: false, buildPresent: false, electronBinary: '/e/electron' })).toEqual([
      { kind: 'start-server' },
      { kind: 'build' },
      { kind: 'launch-electron', binary: '/e/electron' },
    ]);
  });

  it('uses a server that already answers and an existing build', () => {
    expect(planLaunch({ target: 'electron', serverUrl, serverHealthy: true, buildPresent: true, electronBinary: '/e/electron' })).toEqual([
      { kind: 'launch-electron', binary: '/e/electron' },
    ]);
  });

  it('fails clearly instead of starting a server for a remote address that does not answer', () => {
    const [step, ...rest] = planLaunch({
      target: 'electron',
      serverUrl: 'https://sb.example.com',
      serverHealthy: false,
      buildPresent: true,
      electronBinary: '/e/electron',
    });
    expect(rest).toEqual([]);
    expect(step).toMatchObject({ kind: 'fail', exitCode: 1 });
    expect(step?.kind === 'fail' && step.message).toContain('https://sb.example.com');
  });

  it('runs the browser host with a fresh build, starting the server when none answers, without Electron', () => {
    expect(planLaunch({ target: 'web', serverUrl, serverHealthy: false, buildPresent: true, electronBinary: null })).toEqual([
      { kind: 'start-server' },
      { kind: 'build' },
      { kind: 'launch-web' },
    ]);
    expect(planLaunch({ target: 'web', serverUrl, serverHealthy: true, buildPresent: true, electronBinary: null })).toEqual([
      { kind: 'build' },
      { kind: 'launch-web' },
    ]);
  });

  it('starts the embedded server only for plain http on this machine', () => {
    expect(canStartEmbeddedServer('http://127.0.0.1:7340')).toBe(true);
    expect(canStartEmbeddedServer('http://localhost:8080/')).toBe(true);
    expect(canStartEmbeddedServer('https://localhost:7340')).toBe(false);
    expect(canStartEmbeddedServer('http://10.0.0.5:7340')).toBe(false);
    expect(canStartEmbeddedServer('not a url')).toBe(false);
  });

  it('tells the embedded server to listen where the URL points', () => {
    expect(embeddedServerEnv('http://127.0.0.1:7341', { A: '1' })).toEqual({ A: '1', HOST: '127.0.0.1', PORT: '7341' });
    expect(embeddedServerEnv('http://[::1]:7340', {})).toMatchObject({ HOST: '::1', PORT: '7340' });
  });
});
