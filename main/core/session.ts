import type { SessionState } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { AuthTokens } from '../../shared/protocol';
import type { ServerApi } from './server-api';
import type { SettingsStore } from './types';

/**
 * Who is signed in, with which tokens, on which server. Tokens live in memory only; the server
 * URL and the last email are remembered through the settings store.
 */
export class SessionService {
  private tokens: AuthTokens | null = null;
  private serverUrl: string | null;
  private refreshTimer: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly api: ServerApi,
    private readonly settings: SettingsStore,
    private readonly onChange: (state: SessionState) => void,
    defaultServerUrl: string | null = null,
  ) {
    this.serverUrl = settings.get().serverUrl ?? defaultServerUrl;
  }

  state(): SessionState {
    return {
      signedIn: this.tokens !== null,
      user: this.tokens?.user ?? null,
      serverUrl: this.serverUrl,
      lastEmail: this.settings.get().lastEmail,
    };
  }

  accessToken(): string | null {
    return this.tokens?.accessToken ?? null;
  }

  currentServerUrl(): string {
    if (!this.serverUrl || !this.tokens) throw new AppError('not_signed_in', 'Sign in first');
    return this.serverUrl;
  }

  async login(serverUrl: string, email: string, password: string): Promise<SessionState> {
    const url = normaliseServerUrl(serverUrl);
    const tokens = await this.api.login(url, email, password);
    this.serverUrl = url;
    this.settings.set({ serverUrl: url, lastEmail: tokens.user.email });
    this.setTokens(tokens);
    return this.state();
  }

  /** Gets a fresh access token; concurrent callers share one refresh. */
  refresh(): Promise<void> {
    if (!this.tokens || !this.serverUrl) return Promise.reject(new AppError('not_signed_in', 'Sign in first'));
    const { refreshToken } = this.tokens;
    const url = this.serverUrl;
    this.refreshing ??= this.api
      .refresh(url, refreshToken)
      .then((tokens) => this.setTokens(tokens))
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  logout(): SessionState {
    this.tokens = null;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    this.onChange(this.state());
    return this.state();
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
  }

  private setTokens(tokens: AuthTokens): void {
    const changedUser = this.tokens?.user.id !== tokens.user.id;
    this.tokens = tokens;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    // Refresh at 80% of the lifetime so a live socket never presents an expired token on reconnect.
    this.refreshTimer = setTimeout(
      () => {
        this.refresh().catch(() => {
          /* the next handshake reports the failure through the connection state */
        });
      },
      Math.max(1_000, tokens.expiresIn * 800),
    );
    this.refreshTimer.unref?.();
    if (changedUser) this.onChange(this.state());
  }
}

/** Accepts "host:port" and URLs with trailing paths, answering the origin to talk to. */
export function normaliseServerUrl(input: string): string {
  const trimmed = input.trim();
  const withScheme = /^https?:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new AppError('bad_request', `"${input}" is not a server address`);
  }
  return url.origin;
}
