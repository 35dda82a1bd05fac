import type { ContractHandlers, EventSink } from '../../shared/contract';
import type { User } from '../../shared/domain';
import type { NotificationPreferences } from '../../shared/notifications';
import type { CoreClock } from './clock';

/** What the client core remembers between runs; the Electron shell keeps it in electron-store. */
export interface StoredSettings {
  serverUrl: string | null;
  lastEmail: string | null;
  /** Who was signed in when the app last ran: the app starts as them, offline, from the cache. */
  lastUser: User | null;
  /** Each agent's notification choices on this machine, by user id (defaults for what is missing). */
  notificationPreferences: Record<string, Partial<NotificationPreferences>>;
  /** Start Switchboard when the person logs in to this computer (the installed app only). */
  openAtLogin: boolean;
}

/**
 * Small secrets (the refresh token), encrypted at rest where the platform allows: Electron's
 * safeStorage in the shell, an owner-only file in the browser host.
 */
export interface SecretStore {
  get(name: string): string | null;
  set(name: string, value: string | null): void;
}

/** The small settings interface main/core sees (electron-store in the shell, a JSON file in the browser host). */
export interface SettingsStore {
  get(): StoredSettings;
  set(patch: Partial<StoredSettings>): void;
}

export interface CoreOptions {
  settings: SettingsStore;
  secrets: SecretStore;
  /** Pushes a contract event to the UI. */
  emit: EventSink;
  /** Folder for the core's local data (cache, logs). */
  dataDir: string;
  /** The server the sign-in form offers before any was remembered. */
  defaultServerUrl?: string;
  /** Time and timers for the whole core: the system clock when omitted; tests pass one they control. */
  clock?: CoreClock;
  /**
   * Wait before reconnect attempt n after n consecutive failures (0-based): 0.5 s doubling to 30 s
   * with jitter when omitted; tests pass a short one so a reconnect costs them milliseconds.
   */
  reconnectDelay?: (attempt: number) => number;
  /** Starts the app at login or stops doing so (the Electron shell's); absent where the host cannot. */
  loginItem?: LoginItem;
}

/** The operating system's list of apps started at login, as far as this app is concerned. */
export interface LoginItem {
  apply(openAtLogin: boolean): void;
}

/** The running client core: the contract's handlers and a way to stop it. */
export interface Core {
  handlers: ContractHandlers;
  /**
   * Resolves once every server push received so far is stored, announced and judged for
   * notifications (tests wait on it before asserting that something was not announced).
   */
  pushesHandled(): Promise<void>;
  dispose(): Promise<void>;
}
