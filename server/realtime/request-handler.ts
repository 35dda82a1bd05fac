import type { z } from 'zod';
import { describeZodError, fail, ok, toAppError, type Result } from '../../shared/errors';

type RequestSpec = { payload: z.ZodType; result: z.ZodType };
type Listener = (...args: unknown[]) => void;
type Socketlike = { on(event: string, listener: Listener): unknown };
export type ErrorLogger = (err: unknown, context: string) => void;

/**
 * Registers one request: validates the payload, runs the handler, acks a Result envelope.
 * Invalid payloads are answered with `bad_request` before the handler runs; a request sent
 * without an ack callback is ignored, since nobody could learn its outcome.
 */
export function onRequest<S extends RequestSpec>(
  socket: Socketlike,
  name: string,
  spec: S,
  handler: (payload: z.output<S['payload']>) => Promise<z.input<S['result']>>,
  logError: ErrorLogger,
): void {
  socket.on(name, (...args: unknown[]) => {
    const ack = args[args.length - 1];
    if (typeof ack !== 'function') return;
    const payload = args.length > 1 ? args[0] : undefined;
    void answer(spec, handler, payload, logError, name).then((result) => (ack as (r: Result<unknown>) => void)(result));
  });
}

async function answer<S extends RequestSpec>(
  spec: S,
  handler: (payload: z.output<S['payload']>) => Promise<z.input<S['result']>>,
  payload: unknown,
  logError: ErrorLogger,
  name: string,
): Promise<Result<unknown>> {
  const parsed = spec.payload.safeParse(payload);
  if (!parsed.success) return fail('bad_request', describeZodError(parsed.error));
  try {
    return ok(await handler(parsed.data as z.output<S['payload']>));
  } catch (err) {
    const appError = toAppError(err);
    if (appError.code === 'internal') {
      logError(err, name);
      return fail('internal', 'something went wrong on the server');
    }
    return fail(appError.code, appError.message, appError.details);
  }
}
