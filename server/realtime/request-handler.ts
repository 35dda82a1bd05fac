import type { z } from 'zod';
import type { Role } from '../../shared/domain';
import { describeZodError, fail, ok, toAppError, type Result } from '../../shared/errors';
import { nulByteError } from '../../shared/text/nul-byte';
import type { ErrorLogger } from '../lib/error-logger';
import type { Release, RequestBudget } from './request-budget';

type RequestSpec = { payload: z.ZodType; result: z.ZodType };
type RequestMap = Record<string, RequestSpec>;
type Listener = (...args: unknown[]) => void;
export type Socketlike = { on(event: string, listener: Listener): unknown; onAny?(listener: (event: string, ...args: unknown[]) => void): unknown };

/** Who may make a request (checked after the payload), and what a refused caller reads. */
export type RequestAccess = { roles: readonly Role[]; refusal: string };

export type RequestHandler<S extends RequestSpec> = (payload: z.output<S['payload']>) => Promise<z.input<S['result']>>;

/** Registers one request of the map on the socket: `serve(name, handler, access?)`. */
export type Serve<M extends RequestMap> = <N extends keyof M & string>(name: N, handler: RequestHandler<M[N]>, access?: RequestAccess) => void;

export type RequestServerOptions = {
  logError: ErrorLogger;
  /** The caller's role, for requests registered with an `access` rule; none for visitors. */
  role?: Role;
  /** What this socket may ask at once; refusals are acked `rate_limited` before anything runs. */
  budget?: RequestBudget;
};

/**
 * The one way a socket request is registered, for agents and visitors alike: the payload is
 * validated with the protocol's zod schema (`bad_request` before anything runs; text holding a NUL
 * byte is `invalid_input`), within the socket's budget (`rate_limited`), the caller's role
 * checked (`forbidden`), the handler run, and the outcome acked as a Result envelope. Unexpected
 * errors are logged and answered as `internal` without their text. A request sent without an ack
 * callback is ignored, since nobody could learn its outcome. A request the socket does not serve
 * (a typo, an older client, the other namespace's request) is answered `bad_request` at once
 * instead of leaving the caller to its timeout.
 */
export function requestServer<M extends RequestMap>(socket: Socketlike, requests: M, options: RequestServerOptions): Serve<M> {
  const served = new Set<string>();
  socket.onAny?.((event, ...args) => {
    const ack = args[args.length - 1];
    if (served.has(event) || typeof ack !== 'function') return;
    (ack as (r: Result<never>) => void)(fail('bad_request', `there is no request "${String(event).slice(0, 64)}" here`));
  });
  return (name, handler, access) => {
    const spec = Object.hasOwn(requests, name) ? requests[name] : undefined;
    if (!spec) throw new Error(`no such request in the protocol: ${name}`);
    served.add(name);
    socket.on(name, (...args: unknown[]) => {
      const ack = args[args.length - 1];
      if (typeof ack !== 'function') return;
      const payload = args.length > 1 ? args[0] : undefined;
      const reply = ack as (r: Result<unknown>) => void;
      let turn: Promise<Release>;
      try {
        turn = options.budget ? options.budget.admit(name) : Promise.resolve(() => {});
      } catch (err) {
        const refusal = toAppError(err);
        reply(fail(refusal.code, refusal.message, refusal.details));
        return;
      }
      void turn.then((release) =>
        answer(spec, handler as RequestHandler<RequestSpec>, payload, access, options, name)
          .finally(release)
          .then(reply),
      );
    });
  };
}

async function answer(
  spec: RequestSpec,
  handler: RequestHandler<RequestSpec>,
  payload: unknown,
  access: RequestAccess | undefined,
  options: RequestServerOptions,
  name: string,
): Promise<Result<unknown>> {
  const nul = nulByteError(payload);
  if (nul) return fail(nul.code, nul.message, nul.details);
  const parsed = spec.payload.safeParse(payload);
  if (!parsed.success) return fail('bad_request', describeZodError(parsed.error));
  if (access && (options.role === undefined || !access.roles.includes(options.role))) return fail('forbidden', access.refusal);
  try {
    return ok(await handler(parsed.data));
  } catch (err) {
    const appError = toAppError(err);
    if (appError.code === 'internal') {
      options.logError(err, name);
      return fail('internal', 'something went wrong on the server');
    }
    return fail(appError.code, appError.message, appError.details);
  }
}
