import type { SessionState } from '../../shared/contract';
import type { User } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { AuthTokens } from '../../shared/protocol';
import { checkServerUrl, normalizeServerUrl } from '../../shared/server-url';
import type { ServerApi } from './server-api';
import type { SecretStore, SettingsStore } from './types';
import { systemClock, type CoreClock, type ScheduledTimer } from './clock';

const REFRESH_TOKEN = 'refreshToken';

/**
 * Who is signed in, on which server, with which tokens. The access token lives in memory; the
 * refresh token in the secret store, so the app can start as the last user, offline, and get a
 * fresh access token when the server is back.
 */
export class SessionService {
  private user: User | null = null;
  private accessTokenValue: string | null = null;
  private serverUrl: string | null;
  private refreshTimer: ScheduledTimer | null = null;
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly api: ServerApi,
    private readonly settings: SettingsStore,
    private readonly secrets: SecretStore,
    private readonly onChange: (state: SessionState) => void,
    defaultServerUrl: string | null = null,
    private readonly clock: CoreClock = systemClock,
  ) {
    this.serverUrl = settings.get().serverUrl ?? defaultServerUrl;
  }

  state(): SessionState {
    return {
      signedIn: this.user !== null,
      user: this.user,
      serverUrl: this.serverUrl,
      lastEmail: this.settings.get().lastEmail,
    };
  }

  currentUser(): User | null {
    return this.user;
  }

  accessToken(): string | null {
    return this.accessTokenValue;
  }

  currentServerUrl(): string {
    if (!this.serverUrl || !this.user) throw new AppError('not_signed_in', 'Sign in first');
    return this.serverUrl;
  }

  /** Signs in as whoever was signed in last time, without the network; false when nobody was. */
  restore(): boolean {
    const { lastUser, serverUrl } = this.settings.get();
    if (!lastUser || !serverUrl || !this.secrets.get(REFRESH_TOKEN)) return false;
    // An address remembered before plain http to other machines was refused: sign in again.
    if (!checkServerUrl(serverUrl).ok) return false;
    this.user = lastUser;
    this.serverUrl = serverUrl;
    return true;
  }

  async login(serverUrl: string, email: string, password: string): Promise<SessionState> {
    const url = normalizeServerUrl(serverUrl);
    const tokens = await this.api.login(url, email, password);
    this.serverUrl = url;
    this.settings.set({ serverUrl: url, lastEmail: tokens.user.email, lastUser: tokens.user });
    this.setTokens(tokens);
    return this.state();
  }

  /** Gets a fresh access token with the stored refresh token; concurrent callers share one call. */
  refresh(): Promise<void> {
    const refreshToken = this.secrets.get(REFRESH_TOKEN);
    if (!this.user || !this.serverUrl || !refreshToken) {
      return Promise.reject(new AppError('unauthorized', 'Sign in again'));
    }
    const url = this.serverUrl;
    this.refreshing ??= this.api
      .refresh(url, refreshToken)
      .then((tokens) => this.setTokens(tokens))
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  /**
   * Signs out on this device at once, and tells the server without waiting for it: the refresh
   * token stops working there, and the user goes offline unless signed in elsewhere (`socketId`
   * is this device's socket). Offline, the server's reconnect grace period ends their presence.
   */
  logout(socketId: string | null = null): SessionState {
    const refreshToken = this.secrets.get(REFRESH_TOKEN);
    if (this.user && this.serverUrl && refreshToken) {
      this.api.logout(this.serverUrl, refreshToken, socketId).catch(() => {
        /* unreachable server: the token expires there by itself, presence after the grace period */
      });
    }
    this.user = null;
    this.accessTokenValue = null;
    this.secrets.set(REFRESH_TOKEN, null);
    this.settings.set({ lastUser: null });
    this.refreshTimer?.cancel();
    this.refreshTimer = null;
    this.onChange(this.state());
    return this.state();
  }

  dispose(): void {
    this.refreshTimer?.cancel();
  }

  private setTokens(tokens: AuthTokens): void {
    // A refresh carries the user as the server has them now: a new role or name is news too.
    const changedUser = !sameUser(this.user, tokens.user);
    if (changedUser && this.user?.id === tokens.user.id) this.settings.set({ lastUser: tokens.user });
    this.user = tokens.user;
    this.accessTokenValue = tokens.accessToken;
    this.secrets.set(REFRESH_TOKEN, tokens.refreshToken);
    this.refreshTimer?.cancel();
    // Refresh at 80% of the lifetime so a live socket never presents an expired token on reconnect.
    this.refreshTimer = this.clock.after(Math.max(1_000, tokens.expiresIn * 800), () => {
      this.refresh().catch(() => {
        /* the next handshake reports the failure through the connection state */
      });
    });
    if (changedUser) this.onChange(this.state());
  }
}

function sameUser(a: User | null, b: User): boolean {
  return a !== null && a.id === b.id && a.accountId === b.accountId && a.role === b.role && a.name === b.name && a.email === b.email;
}
