import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serverBundle } from './server-bundle';
import { waitUntil } from './wait';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The server (`server/cli.ts`, bundled) as its own process, so a test can kill it without warning (SIGKILL), freeze
 * it (SIGSTOP) and thaw it, as a crash or a stalled machine would.
 */
export class ServerProcess {
  private child: ChildProcess | null = null;
  output = '';

  constructor(
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** The running server's process id (null when it is not running). */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    // One process (node itself, not a CLI wrapper that would run the server in a grandchild that
    // signals never reach), on the bundled server (server-bundle.ts).
    // SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server in a bench run.
    const nodeArgs = process.env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    this.child = spawn(process.execPath, [...nodeArgs, '--enable-source-maps', await serverBundle()], {
      cwd: repo,
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d) => (this.output += String(d)));
    this.child.stderr!.on('data', (d) => (this.output += String(d)));
    await waitUntil(
      async () => {
        if (this.child?.exitCode !== null) throw new Error(`the server exited: ${this.output}`);
        return fetch(`${this.url}/healthz`).then((r) => r.ok).catch(() => false);
      },
      'the server process to answer /healthz',
      60_000,
    );
  }

  kill(): Promise<void> {
    return this.signal('SIGKILL');
  }

  freeze(): void {
    this.child?.kill('SIGSTOP');
  }

  thaw(): void {
    this.child?.kill('SIGCONT');
  }

  async stop(): Promise<void> {
    this.thaw();
    await this.signal('SIGTERM');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
    this.child = null;
  }
}

/** A free loopback port for a server that must come back on the same one. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
