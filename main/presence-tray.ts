import type { EventPayload, EventSink } from '../shared/contract';
import type { Presence } from '../shared/domain';
import type { Translate } from '../shared/i18n/desktop';
import { trayIconPng } from './shell-icons';

const STATUSES: readonly Presence[] = ['online', 'busy', 'away', 'offline'];

/** One entry of the tray's menu, as Electron's Menu.buildFromTemplate takes it. */
export interface TrayMenuItem {
  label?: string;
  type?: 'normal' | 'separator' | 'radio';
  checked?: boolean;
  enabled?: boolean;
  click?: () => void;
}

/** The parts of Electron's Tray the shell uses. */
export interface TrayLike<Image, Menu> {
  setImage(image: Image): void;
  setToolTip(text: string): void;
  setContextMenu(menu: Menu): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface PresenceTrayDeps<Image, Menu> {
  createTray(image: Image): TrayLike<Image, Menu>;
  /** nativeImage.createFromBuffer. */
  image(png: Buffer): Image;
  /** Menu.buildFromTemplate. */
  buildMenu(template: TrayMenuItem[]): Menu;
  /** The shell's words (the system's language, as its dialogs). */
  t: Translate;
  /** Sets the signed-in agent's status through the core (presence.set); a refusal is logged. */
  setPresence(presence: Presence): Promise<unknown>;
  showWindow(): void;
  quit(): void;
  log(message: string, error: unknown): void;
}

/** What the tray shows: the agent's status (null when signed out or not heard yet) and the unread count. */
export interface TrayState {
  presence: Presence | null;
  unread: number;
}

export interface PresenceTray {
  update(patch: Partial<TrayState>): void;
  destroy(): void;
}

/**
 * The tray (notification area / menu bar) icon: a dot in the status's colour, a tooltip with the
 * status and the unread count, and a menu to open the window, change the status and quit. A
 * click opens the window.
 */
export function createPresenceTray<Image, Menu>(deps: PresenceTrayDeps<Image, Menu>): PresenceTray {
  const { t } = deps;
  let state: TrayState = { presence: null, unread: 0 };
  const tray = deps.createTray(deps.image(trayIconPng(null)));
  tray.on('click', () => deps.showWindow());

  function render(): void {
    const { presence, unread } = state;
    const status = presence ? t(`presence.${presence}`) : null;
    tray.setImage(deps.image(trayIconPng(presence)));
    tray.setToolTip(
      status === null
        ? t('desktop.tray.signedOut')
        : unread > 0
          ? t('desktop.tray.tooltipUnread', { status, count: unread })
          : t('desktop.tray.tooltip', { status }),
    );
    tray.setContextMenu(
      deps.buildMenu([
        { label: t('desktop.tray.open'), click: () => deps.showWindow() },
        { type: 'separator' },
        ...STATUSES.map(
          (p): TrayMenuItem => ({
            label: t(`presence.${p}`),
            type: 'radio',
            checked: presence === p,
            // Only a signed-in agent whose status the server told has one to change.
            enabled: presence !== null,
            click: () => {
              if (p !== state.presence) deps.setPresence(p).catch((error: unknown) => deps.log('Could not change the status from the tray:', error));
            },
          }),
        ),
        { type: 'separator' },
        { label: t('desktop.tray.quit'), click: () => deps.quit() },
      ]),
    );
  }

  render();
  return {
    update(patch) {
      const next = { ...state, ...patch };
      if (next.presence === state.presence && next.unread === state.unread) return;
      state = next;
      render();
    },
    destroy: () => tray.destroy(),
  };
}

/**
 * Keeps the tray in step with the core's events: the agent's status as the server tells it, and
 * none once signed out. Every event goes on to the page as it came.
 */
export function withPresenceTray(sink: EventSink, tray: Pick<PresenceTray, 'update'>): EventSink {
  return (event, payload) => {
    if (event === 'presence.changed') tray.update({ presence: (payload as EventPayload<'presence.changed'>).presence });
    if (event === 'session.changed' && !(payload as EventPayload<'session.changed'>).signedIn) tray.update({ presence: null, unread: 0 });
    sink(event, payload);
  };
}
