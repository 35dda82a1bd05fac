import { toAppError } from '../../shared/errors';

/**
 * The error handed to a socket.io middleware's `next`: the client's `connect_error` carries
 * the code as its message and `{ code, message }` as its data.
 */
export function connectError(err: unknown): Error & { data: { code: string; message: string } } {
  const appError = toAppError(err);
  const safe = appError.code === 'internal' ? { code: 'internal', message: 'something went wrong on the server' } : appError.toJSON();
  const error = new Error(safe.code) as Error & { data: { code: string; message: string } };
  error.data = safe;
  return error;
}
