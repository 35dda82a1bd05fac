import type { z } from 'zod';
import { AppError, toAppError } from '../../shared/errors';
import type { ServerApi } from './server-api';

/** What an admin screen read over the server's REST API needs of the session and the connection. */
export interface AdminRestDeps {
  api: Pick<ServerApi, 'authorized' | 'authorizedText'>;
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
  return function call<S extends z.ZodType>(what: string, request: AdminRestRequest, schema: S): Promise<z.infer<S>> {
    return withFreshToken(deps, what, (serverUrl, token) => deps.api.authorized(serverUrl, token, request, schema));
  };
}

/** Downloads a file (GET `path`) the same way: its text and the name the server gives it. */
export function restDownloader(deps: AdminRestDeps) {
  return function download(what: string, path: string): Promise<{ text: string; filename: string | null }> {
    return withFreshToken(deps, what, (serverUrl, token) => deps.api.authorizedText(serverUrl, token, path));
  };
}

async function withFreshToken<T>(deps: AdminRestDeps, what: string, send: (serverUrl: string, token: string) => Promise<T>): Promise<T> {
  if (!deps.isOnline()) throw new AppError('offline', `${what} needs the connection`);
  const serverUrl = deps.serverUrl();
  if (!deps.accessToken()) await deps.refresh();
  try {
    return await send(serverUrl, deps.accessToken() ?? '');
  } catch (err) {
    if (toAppError(err).code !== 'token_expired') throw err;
    await deps.refresh();
    return send(serverUrl, deps.accessToken() ?? '');
  }
}
