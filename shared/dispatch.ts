import { contractMethods, isMethodName, type ContractHandlers } from './contract';
import { describeZodError, fail, ok, toAppError, type Result } from './errors';

/**
 * Validates one contract call and runs its handler. Both hosts (Electron IPC and the browser
 * host) go through here, so an unknown name or a bad argument answers the same typed error.
 */
export async function dispatch(
  handlers: ContractHandlers,
  method: unknown,
  args: unknown,
): Promise<Result<unknown>> {
  if (!isMethodName(method)) return fail('bad_request', `Unknown method: ${String(method)}`);
  const parsed = contractMethods[method].args.safeParse(args ?? {});
  if (!parsed.success) return fail('bad_request', describeZodError(parsed.error));
  try {
    const handler = handlers[method] as (a: unknown) => Promise<unknown>;
    return ok(await handler(parsed.data));
  } catch (err) {
    const e = toAppError(err);
    return fail(e.code, e.message, e.details);
  }
}
