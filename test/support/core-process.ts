import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EventName, MethodArgs, MethodName, MethodResult } from '../../shared/contract';
import { unwrap, type Result } from '../../shared/errors';
import type { RecordedEvent } from './core-harness';

const childScript = fileURLToPath(new URL('./core-child.ts', import.meta.url));

/** The client core in a process of its own, so a test can kill the app mid-send. */
export class CoreProcess {
  private readonly child: ChildProcess;
  private nextId = 1;
  private readonly pending = new Map<number, (r: Result<unknown>) => void>();
  readonly events: RecordedEvent[] = [];

  constructor(readonly dataDir: string) {
    this.child = fork(childScript, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, CORE_DATA_DIR: dataDir },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (raw) => {
      const msg = raw as { id?: number; result?: Result<unknown>; event?: EventName; payload?: unknown };
      if (msg.event) this.events.push({ event: msg.event, payload: msg.payload });
      else if (msg.id !== undefined) this.pending.get(msg.id)?.(msg.result!);
    });
  }

  async call<K extends MethodName>(method: K, args: MethodArgs<K>): Promise<MethodResult<K>> {
    const id = this.nextId++;
    const result = await new Promise<Result<unknown>>((resolve) => {
      this.pending.set(id, resolve);
      this.child.send({ id, method, args });
    });
    return unwrap(result) as MethodResult<K>;
  }

  /** Ends the process at once, as a crash or a killed app would: nothing gets to clean up. */
  kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGKILL');
    return exited;
  }
}
