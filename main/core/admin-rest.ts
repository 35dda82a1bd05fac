import type { z } from 'zod';
import { AppError, toAppError } from '../../shared/errors';
import type { ServerApi } from './server-api';

/** What an admin screen read over the server's REST API needs of the session and the connection. */
export interface AdminRestDeps {
  api: Pick<ServerApi, 'authorized'>;
  isOnline(): boolean;
  /** The server this user is signed in to (throws `not_signed_in` otherwise). */
  serverUrl(): string;
  accessToken(): string | null;
  /** Gets a fresh access token (the one held ran out). */
  refresh(): Promise<void>;
}

export type AdminRestRequest = { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; path: string; body?: unknown };

/**
 * One authorised REST call for an admin screen: `offline` without the connection, and once more
 * with a new access token when the one held ran out (a laptop waking up).
 */
export function adminRestCaller(deps: AdminRestDeps) {
  return async function call<S extends z.ZodType>(what: string, request: AdminRestRequest, schema: S): Promise<z.infer<S>> {
    if (!deps.isOnline()) throw new AppError('offline', `${what} needs the connection`);
    const serverUrl = deps.serverUrl();
    if (!deps.accessToken()) await deps.refresh();
    try {
      return await deps.api.authorized(serverUrl, deps.accessToken() ?? '', request, schema);
    } catch (err) {
      if (toAppError(err).code !== 'token_expired') throw err;
      await deps.refresh();
      return deps.api.authorized(serverUrl, deps.accessToken() ?? '', request, schema);
    }
  };
}
