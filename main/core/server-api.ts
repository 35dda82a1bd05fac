import { z } from 'zod';
import { AppError, appErrorSchema, describeZodError } from '../../shared/errors';
import { authTokensSchema, type AuthTokens } from '../../shared/protocol';

/** How long a file's upload may take before it counts as failed. */
const UPLOAD_TIMEOUT_MS = 120_000;

const signedOutSchema = z.object({ signedOut: z.boolean() });

/** HTTP calls to the Switchboard server that happen outside the socket: sign-in, token refresh, sign-out, the REST admin API. */
export class ServerApi {
  constructor(private readonly fetchFn: typeof fetch = fetch) {}

  login(serverUrl: string, email: string, password: string): Promise<AuthTokens> {
    return this.post(serverUrl, '/api/auth/login', { email, password }, authTokensSchema);
  }

  refresh(serverUrl: string, refreshToken: string): Promise<AuthTokens> {
    return this.post(serverUrl, '/api/auth/refresh', { refreshToken }, authTokensSchema);
  }

  /**
   * Ends this device's session on the server: the refresh token stops working and, unless the user
   * is signed in elsewhere, they go offline at once. `socketId` is this device's socket.
   */
  logout(serverUrl: string, refreshToken: string, socketId: string | null): Promise<{ signedOut: boolean }> {
    const body = socketId ? { refreshToken, socketId } : { refreshToken };
    return this.post(serverUrl, '/api/auth/logout', body, signedOutSchema, 5_000);
  }

  /**
   * One call to the server's REST API as the signed-in user (`Authorization: Bearer`). Errors keep
   * the server's code and details (`token_expired` when the access token ran out). A Uint8Array
   * body goes as raw bytes (a file's upload), anything else as JSON.
   */
  authorized<S extends z.ZodType>(
    serverUrl: string,
    accessToken: string,
    request: { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; path: string; body?: unknown },
    schema: S,
  ): Promise<z.infer<S>> {
    return this.send(serverUrl, request.method, request.path, request.body, schema, 15_000, { authorization: `Bearer ${accessToken}` });
  }

  /**
   * Downloads a file of the server's REST API as the signed-in user: its text and the name the
   * server gives it (`content-disposition`), null when it gives none. Errors as `authorized`.
   */
  async authorizedText(serverUrl: string, accessToken: string, path: string): Promise<{ text: string; filename: string | null }> {
    let response: Response;
    try {
      response = await this.fetchFn(new URL(path, serverUrl), { headers: { authorization: `Bearer ${accessToken}` }, signal: AbortSignal.timeout(30_000) });
    } catch (err) {
      throw new AppError('server_unreachable', `Cannot reach ${serverUrl}: ${(err as Error).message}`);
    }
    if (!response.ok) {
      const error = appErrorSchema.safeParse(await response.json().catch(() => null));
      if (error.success) throw new AppError(error.data.code, error.data.message, error.data.details);
      throw new AppError('internal', `The server answered ${response.status} to ${path}`);
    }
    const disposition = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
    return { text: await response.text(), filename: disposition?.[1] ?? null };
  }

  private post<S extends z.ZodType>(serverUrl: string, path: string, body: unknown, schema: S, timeoutMs = 15_000): Promise<z.infer<S>> {
    return this.send(serverUrl, 'POST', path, body, schema, timeoutMs);
  }

  private async send<S extends z.ZodType>(
    serverUrl: string,
    method: string,
    path: string,
    body: unknown,
    schema: S,
    timeoutMs: number,
    headers: Record<string, string> = {},
  ): Promise<z.infer<S>> {
    let response: Response;
    try {
      response = await this.fetchFn(new URL(path, serverUrl), {
        method,
        // A file's bytes go as they are (an upload); anything else as JSON.
        headers:
          body === undefined ? headers : { ...headers, 'content-type': body instanceof Uint8Array ? 'application/octet-stream' : 'application/json' },
        ...(body === undefined ? {} : { body: body instanceof Uint8Array ? new Uint8Array(body) : JSON.stringify(body) }),
        signal: AbortSignal.timeout(body instanceof Uint8Array ? Math.max(timeoutMs, UPLOAD_TIMEOUT_MS) : timeoutMs),
      });
    } catch (err) {
      throw new AppError('server_unreachable', `Cannot reach ${serverUrl}: ${(err as Error).message}`);
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = appErrorSchema.safeParse(json);
      if (error.success) throw new AppError(error.data.code, error.data.message, error.data.details);
      throw new AppError('internal', `The server answered ${response.status} to ${path}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new AppError('internal', `Unexpected answer from ${path}: ${describeZodError(parsed.error)}`);
    }
    return parsed.data;
  }
}

export const serverUrlSchema = z
  .string()
  .url()
  .refine((u) => /^https?:$/.test(new URL(u).protocol), 'the server URL must start with http:// or https://');
