import {
  methodNames,
  type EventName,
  type EventPayload,
  type MethodArgs,
  type MethodName,
  type MethodResult,
  type SwitchboardBridge,
} from '../../../shared/contract';
import { fail, ok, type ErrorCode, type Result } from '../../../shared/errors';
import { UNTIL_TIMEOUT_MS } from './until-store';

type Handler<K extends MethodName> = (args: MethodArgs<K>) => MethodResult<K> | Promise<MethodResult<K>>;

/** An in-memory bridge: tests set what each method answers and push events by hand. */
export class FakeBridge {
  readonly calls: { method: MethodName; args: unknown }[] = [];
  private readonly handlers = new Map<MethodName, Handler<MethodName>>();
  private readonly failures = new Map<
    MethodName,
    { code: ErrorCode; message: string; details: Record<string, string> | undefined }
  >();
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  private readonly callWaiters = new Set<() => void>();

  answer<K extends MethodName>(method: K, handler: Handler<K>): this {
    this.failures.delete(method);
    this.handlers.set(method, handler as unknown as Handler<MethodName>);
    return this;
  }

  failWith(method: MethodName, code: ErrorCode, message: string = code, details?: Record<string, string>): this {
    this.failures.set(method, { code, message, details });
    return this;
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }

  /** How many listeners are subscribed to an event. */
  listenerCount(event: EventName): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  callsOf(method: MethodName): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  /** Resolves once `method` was called `times` times in all; rejects after the timeout naming it. */
  untilCalled(method: MethodName, times = 1, timeoutMs: number = UNTIL_TIMEOUT_MS): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const check = () => {
        if (this.callsOf(method).length < times) return;
        this.callWaiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.callWaiters.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${method} to be called ${times} time(s)`));
      }, timeoutMs);
      this.callWaiters.add(check);
      check();
    });
  }

  get bridge(): SwitchboardBridge {
    const invoke = async (method: MethodName, args: unknown): Promise<Result<unknown>> => {
      this.calls.push({ method, args });
      for (const check of [...this.callWaiters]) check();
      const failure = this.failures.get(method);
      if (failure) return fail(failure.code, failure.message, failure.details);
      const handler = this.handlers.get(method);
      if (!handler) return fail('internal', `no answer set for ${method}`);
      return ok(await handler(args as never));
    };
    // Every contract method, so a method added to the contract is answered here too.
    const methods = Object.fromEntries(
      methodNames.map((method) => [method, (a: unknown) => invoke(method, a)]),
    ) as Record<MethodName, (a: unknown) => Promise<Result<unknown>>>;
    return {
      ...methods,
      on: (event: EventName, listener: (payload: never) => void) => {
        let set = this.listeners.get(event);
        if (!set) this.listeners.set(event, (set = new Set()));
        set.add(listener as (payload: unknown) => void);
        return () => set.delete(listener as (payload: unknown) => void);
      },
    } as unknown as SwitchboardBridge;
  }
}
