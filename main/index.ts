import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, net, Notification, protocol, safeStorage, session, shell, Tray } from 'electron';
import type { NativeImage } from 'electron';
// electron-updater is CommonJS with getter exports, which an ES module can only reach as its default.
import electronUpdater from 'electron-updater';
import Store from 'electron-store';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_SCHEME, appSchemePrivileges, createAppProtocolHandler } from './app-protocol';
import { translator } from '../shared/i18n/desktop';
import { resolveInitialLanguage } from '../shared/i18n/languages';
import { createCore, DEFAULT_SERVER_URL } from './core';
import type { Core, StoredSettings } from './core/types';
import type { NotificationTarget } from '../shared/notifications';
import { deepLinkInArgv, DEEP_LINK_SCHEME, parseDeepLink } from './deep-link';
import { withDesktopAttention } from './desktop-attention';
import { askToRestartForUpdate, askToStoreWithWeakKeyring } from './desktop-dialogs';
import { createEventSink, registerIpc, trustOwnTopFrame } from './ipc';
import { createLoginItem } from './login-item';
import { guardNavigation } from './navigation-guard';
import { isOwnUrl, rendererPageUrl } from './own-page';
import { createPresenceTray, withPresenceTray, type PresenceTray } from './presence-tray';
import { contentSecurityPolicy, lockDownSession } from './session-policy';
import { createSecretStore } from './secret-store';
import { createSettingsStore, defaultSettings } from './settings-store';
import { unreadOverlayPng } from './shell-icons';
import { resolveUpdateFeed } from './update-feed';
import { UPDATE_PUBLIC_KEY } from './update-public-key';
import { startUpdates } from './updates';
import { createMainWindow } from './window';

// Built layout: out/main/index.js next to out/preload/index.cjs and out/renderer/ (served as app://).
const outMain = fileURLToPath(new URL('.', import.meta.url));
const preloadPath = join(outMain, '../preload/index.cjs');
const rendererDir = join(outMain, '../renderer');
const updateCheckEveryMs = 6 * 60 * 60 * 1000;

// Both only take effect before the app is ready: every renderer is sandboxed, whatever options
// a future window is created with, and app:// gets its privileges.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);

function start(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
  const rendererUrl = rendererPageUrl({ devServerUrl, isPackaged: app.isPackaged });
  const isOurPage = (url: string) => isOwnUrl(url, rendererUrl);

  let mainWindow: BrowserWindow | null = null;
  let core: Core | null = null;
  let coreDisposed = false;

  const openWindow = () => {
    mainWindow = createMainWindow(BrowserWindow, { preload: preloadPath, rendererUrl });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };

  let tray: PresenceTray | null = null;

  const bringForward = () => {
    if (!mainWindow) {
      if (app.isReady() && core) openWindow();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };

  // switchboard:// links (deep-link.ts): the first launch's own argument once the page has loaded,
  // a second launch's (Windows, Linux), or macOS's open-url. The page opens the chat or ticket as it
  // does for a clicked notification.
  let pendingLink = deepLinkInArgv(process.argv);
  const openLink = (target: NotificationTarget | null) => {
    if (!target) return;
    const contents = mainWindow?.webContents;
    if (!contents || contents.isLoading()) {
      pendingLink = target;
      return;
    }
    createEventSink(() => contents)('notification.opened', target);
  };
  app.on('open-url', (event, url) => {
    event.preventDefault();
    bringForward();
    openLink(parseDeepLink(url));
  });

  app.on('second-instance', (_event, argv) => {
    bringForward();
    openLink(deepLinkInArgv(argv));
  });

  // Every webContents, not only the main window's, stays on our page.
  app.on('web-contents-created', (_event, contents) => {
    guardNavigation(contents, isOurPage, (url) => {
      shell.openExternal(url).catch((error: unknown) => console.error('Could not open link:', error));
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && core && !mainWindow) openWindow();
  });

  // The core flushes its cache and closes its socket before the process ends.
  app.on('will-quit', (event) => {
    tray?.destroy();
    tray = null;
    if (!core || coreDisposed) return;
    event.preventDefault();
    const running = core;
    core = null;
    running
      .dispose()
      .catch((error: unknown) => console.error('The client core did not stop cleanly:', error))
      .finally(() => {
        coreDisposed = true;
        app.quit();
      });
  });

  app
    .whenReady()
    .then(() => {
      lockDownSession(session.defaultSession, contentSecurityPolicy(devServerUrl));
      // webRequest does not see custom protocols: the app:// handler sends the CSP itself.
      protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir, contentSecurityPolicy()));
      const store = new Store<StoredSettings>({ name: 'settings', defaults: defaultSettings });
      const secretFile = new Store<Record<string, string>>({ name: 'secrets' });
      const systemLanguage = resolveInitialLanguage(null, app.getPreferredSystemLanguages());
      const t = translator(systemLanguage);
      // The tray shows the agent's status and changes it; a click brings the window forward.
      const presenceTray = createPresenceTray<NativeImage, Menu>({
        createTray: (image) => new Tray(image),
        image: (png) => nativeImage.createFromBuffer(png),
        buildMenu: (template) => Menu.buildFromTemplate(template),
        t,
        setPresence: async (presence) => core?.handlers['presence.set']({ presence }),
        showWindow: bringForward,
        quit: () => app.quit(),
        log: (message, error) => console.error(message, error),
      });
      tray = presenceTray;
      // Windows has no dock badge: a red dot over the taskbar button, described for screen readers.
      const unreadOverlay = nativeImage.createFromBuffer(unreadOverlayPng());
      const showUnread = (count: number) => {
        presenceTray.update({ unread: count });
        if (process.platform !== 'win32' || !mainWindow || mainWindow.isDestroyed()) return;
        mainWindow.setOverlayIcon(count > 0 ? unreadOverlay : null, count > 0 ? t('desktop.badge.unread', { count }) : '');
      };
      core = createCore({
        settings: createSettingsStore({
          get: (key) => store.get(key),
          // The settings store validated the value for this key; electron-store's typing cannot see that.
          set: (key, value) => store.set(key, value as StoredSettings[typeof key]),
        }),
        secrets: createSecretStore(safeStorage, {
          get: (key) => secretFile.get(key),
          set: (key, value) => secretFile.set(key, value),
          delete: (key) => secretFile.delete(key),
        }, {
          platform: process.platform,
          confirmWeakStorage: () => askToStoreWithWeakKeyring(dialog, t),
          onError: (error) => console.error('Could not ask how to keep sign-in secrets:', error),
        }),
        // Notifications become OS notifications; the unread count goes on the dock/launcher badge.
        emit: withPresenceTray(
          withDesktopAttention(createEventSink(() => mainWindow?.webContents ?? null), {
            Notification,
            setBadgeCount: (count) => app.setBadgeCount(count),
            onUnread: showUnread,
            window: () => mainWindow,
            // The shell writes in the system's language, as its own dialogs do.
            language: () => systemLanguage,
            markFeedRead: (entryId) => {
              core?.handlers['notificationFeed.markRead']({ ids: [entryId] }).catch((error: unknown) => {
                console.error('Could not mark the notification read:', error);
              });
            },
          }),
          presenceTray,
        ),
        dataDir: app.getPath('userData'),
        loginItem: createLoginItem(app, process.platform),
        defaultServerUrl: process.env['SWITCHBOARD_SERVER_URL'] || DEFAULT_SERVER_URL,
      });
      registerIpc(ipcMain, core.handlers, trustOwnTopFrame(isOurPage));
      if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
      openWindow();
      mainWindow?.webContents.once('did-finish-load', () => {
        const link = pendingLink;
        pendingLink = null;
        openLink(link);
      });
      if (app.isPackaged) {
        const updates = startUpdates({
          updater: electronUpdater.autoUpdater,
          feed: resolveUpdateFeed(process.env['SWITCHBOARD_UPDATE_URL']),
          publicKey: UPDATE_PUBLIC_KEY,
          fetchText: async (url) => {
            const response = await net.fetch(url);
            if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
            return response.text();
          },
          confirmRestart: (version) => askToRestartForUpdate(dialog, t, version),
          log: (message, error) => (error === undefined ? console.log(message) : console.error(message, error)),
        });
        if (updates.enabled) {
          void updates.check();
          setInterval(() => void updates.check(), updateCheckEveryMs).unref();
        } else {
          console.log(`Updates are off: ${updates.reason}`);
        }
      }
    })
    .catch((error: unknown) => {
      console.error('Switchboard could not start:', error);
      app.exit(1);
    });
}

start();
