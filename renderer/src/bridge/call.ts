import {
  contractMethods,
  type MethodArgs,
  type MethodName,
  type MethodResult,
  type SwitchboardBridge,
} from '../../../shared/contract';
import { AppError, describeZodError, toAppError, unwrap, type Result } from '../../../shared/errors';

/**
 * Calls one contract method and returns its data, throwing an AppError when the envelope says
 * it failed, when the bridge itself throws, or when the answer does not match the contract.
 */
export async function callBridge<K extends MethodName>(
  bridge: SwitchboardBridge,
  method: K,
  args: MethodArgs<K>,
): Promise<MethodResult<K>> {
  let result: Result<unknown>;
  try {
    // Indexing the bridge by a generic key loses the link between K and the function's type.
    const fn = bridge[method] as unknown as (a: MethodArgs<K>) => Promise<Result<unknown>>;
    result = await fn(args);
  } catch (err) {
    throw toAppError(err);
  }
  const data = unwrap(result);
  const parsed = contractMethods[method].result.safeParse(data);
  if (!parsed.success) {
    throw new AppError('internal', `${method} answered an unexpected shape: ${describeZodError(parsed.error)}`);
  }
  return parsed.data as MethodResult<K>;
}

/** A typed `call(method, args)` bound to one bridge. */
export type Call = <K extends MethodName>(method: K, args: MethodArgs<K>) => Promise<MethodResult<K>>;

export function createCall(bridge: SwitchboardBridge): Call {
  return (method, args) => callBridge(bridge, method, args);
}
