import { createPublicKey, type KeyObject } from 'node:crypto';
import { basename } from 'node:path';
import type { FeedResolution } from './update-feed';
import { verifyUpdateFile } from './update-signature';

/** The part of electron-updater's autoUpdater the shell drives. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  disableWebInstaller: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-downloaded', listener: (info: { version: string; downloadedFile: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface UpdateDeps {
  updater: UpdaterLike;
  /** The feed from resolveUpdateFeed: https, or http on loopback only. */
  feed: FeedResolution;
  /** The Ed25519 public key (PEM) built into the app; null means updates are off. */
  publicKey: string | null;
  /** Fetches the text of `<file>.sig` from the feed; rejects when there is none. */
  fetchText(url: string): Promise<string>;
  /** Asks the person whether to restart into the verified update now. */
  confirmRestart(version: string): Promise<boolean>;
  log(message: string, error?: unknown): void;
}

export type UpdateOutcome =
  | { kind: 'refused'; version: string; reason: 'unsigned' | 'bad_signature' }
  | { kind: 'postponed'; version: string }
  | { kind: 'installing'; version: string };

export type Updates =
  | { enabled: true; feedUrl: string; check(): Promise<void>; outcomes: UpdateOutcome[] }
  | { enabled: false; reason: string };

/**
 * Keeps the app up to date from the feed without ever installing what the release key did not
 * sign: electron-updater downloads (and checks the file's hash against the feed's manifest), then
 * the file's detached Ed25519 signature is checked against the key built into the app, and only
 * then the person is asked before the app restarts into it. Nothing installs on quit by itself.
 * The platforms' own checks (Authenticode publisher on Windows when a publisherName is set,
 * Squirrel.Mac's code-signature check) still apply on top.
 */
export function startUpdates(deps: UpdateDeps): Updates {
  const { updater, feed, log } = deps;
  if (!feed.ok) return { enabled: false, reason: feed.message };
  let key: KeyObject;
  try {
    if (!deps.publicKey) return { enabled: false, reason: 'No update signing key is built into this app.' };
    key = createPublicKey(deps.publicKey);
    if (key.asymmetricKeyType !== 'ed25519') return { enabled: false, reason: 'The update signing key is not an Ed25519 key.' };
  } catch (error) {
    return { enabled: false, reason: `The update signing key cannot be read: ${String(error)}` };
  }

  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = false;
  updater.allowDowngrade = false;
  updater.disableWebInstaller = true;
  updater.setFeedURL({ provider: 'generic', url: feed.url });

  const outcomes: UpdateOutcome[] = [];
  const decide = async (version: string, file: string): Promise<UpdateOutcome> => {
    const signatureUrl = new URL(`${encodeURIComponent(basename(file))}.sig`, `${feed.url}/`).href;
    let signature: string;
    try {
      signature = await deps.fetchText(signatureUrl);
    } catch (error) {
      log(`Update ${version} refused: no signature at ${signatureUrl}.`, error);
      return { kind: 'refused', version, reason: 'unsigned' };
    }
    if (!(await verifyUpdateFile(file, signature, key))) {
      log(`Update ${version} refused: its signature does not match the release key.`);
      return { kind: 'refused', version, reason: 'bad_signature' };
    }
    if (!(await deps.confirmRestart(version))) return { kind: 'postponed', version };
    updater.quitAndInstall(false, true);
    return { kind: 'installing', version };
  };

  updater.on('update-downloaded', (info) => {
    decide(info.version, info.downloadedFile)
      .then((outcome) => outcomes.push(outcome))
      .catch((error: unknown) => log(`Update ${info.version} could not be checked.`, error));
  });
  updater.on('error', (error) => log('The update check failed.', error));

  return {
    enabled: true,
    feedUrl: feed.url,
    outcomes,
    check: async () => {
      try {
        await updater.checkForUpdates();
      } catch (error) {
        log('The update check failed.', error);
      }
    },
  };
}
