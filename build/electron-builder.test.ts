import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util/out/DebugLogger.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEEP_LINK_SCHEME } from '../main/deep-link';
import { DEFAULT_UPDATE_FEED } from '../main/update-feed';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('electron-builder.yml', () => {
  let config: Configuration;
  beforeAll(async () => {
    config = await getConfig(root, null, null);
  });

  it('is valid for the electron-builder we ship with', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('flips every fuse that would let other code run as the app', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
    // Asar integrity and "only from asar" mean nothing without an archive.
    expect(config.asar).toBe(true);
  });

  it('names the app and builds every platform the way its updater needs', () => {
    expect(config.appId).toBe('org.switchboard.desktop');
    expect(config.productName).toBe('Switchboard');
    expect(config.linux?.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win?.target).toBe('nsis');
    // Squirrel.Mac updates from the zip; the dmg is for first installs.
    expect(config.mac?.target).toEqual(['dmg', 'zip']);
  });

  it('signs macOS builds under the hardened runtime with only the JIT exception', () => {
    expect(config.mac?.hardenedRuntime).toBe(true);
    const entitlements = config.mac?.entitlements;
    expect(entitlements).toBe('build/entitlements.mac.plist');
    const plist = readFileSync(join(root, entitlements as string), 'utf8');
    expect(plist).toContain('com.apple.security.cs.allow-jit');
    expect(plist).not.toContain('disable-library-validation');
    expect(plist).not.toContain('allow-unsigned-executable-memory');
  });

  it('notarises macOS builds when the credentials are there', () => {
    expect(config.mac?.notarize).toBe(true);
  });

  it('registers the switchboard:// scheme the app opens conversations and tickets from', () => {
    expect(config.protocols).toEqual([{ name: 'Switchboard', schemes: [DEEP_LINK_SCHEME] }]);
  });

  it('publishes to the same https feed the app checks', () => {
    expect(config.publish).toEqual({ provider: 'generic', url: DEFAULT_UPDATE_FEED });
    expect(DEFAULT_UPDATE_FEED.startsWith('https://')).toBe(true);
    expect(existsSync(join(root, 'build/icon.png'))).toBe(true);
  });
});
