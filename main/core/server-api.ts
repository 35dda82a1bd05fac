import { z } from 'zod';
import { AppError, appErrorSchema, describeZodError } from '../../shared/errors';
import { authTokensSchema, type AuthTokens } from '../../shared/protocol';

/** HTTP calls to the Switchboard server that happen outside the socket: sign-in and token refresh. */
export class ServerApi {
  constructor(private readonly fetchFn: typeof fetch = fetch) {}

  login(serverUrl: string, email: string, password: string): Promise<AuthTokens> {
    return this.post(serverUrl, '/api/auth/login', { email, password });
  }

  refresh(serverUrl: string, refreshToken: string): Promise<AuthTokens> {
    return this.post(serverUrl, '/api/auth/refresh', { refreshToken });
  }

  private async post(serverUrl: string, path: string, body: unknown): Promise<AuthTokens> {
    let response: Response;
    try {
      response = await this.fetchFn(new URL(path, serverUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (err) {
      throw new AppError('server_unreachable', `Cannot reach ${serverUrl}: ${(err as Error).message}`);
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = appErrorSchema.safeParse(json);
      if (error.success) throw new AppError(error.data.code, error.data.message);
      throw new AppError('internal', `The server answered ${response.status} to ${path}`);
    }
    const tokens = authTokensSchema.safeParse(json);
    if (!tokens.success) {
      throw new AppError('internal', `Unexpected answer from ${path}: ${describeZodError(tokens.error)}`);
    }
    return tokens.data;
  }
}

export const serverUrlSchema = z
  .string()
  .url()
  .refine((u) => /^https?:$/.test(new URL(u).protocol), 'the server URL must start with http:// or https://');
